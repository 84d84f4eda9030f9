"""The simplified-character mirror every matcher of the importer reads the text through.

Matching runs on a simplified mirror of each line (``Simp``) while the text itself is kept as written;
``identity`` is the mirror of a text that is already simplified. Kept apart so that any importer module
can take a mirror without importing the cleaning code.
"""

from __future__ import annotations

from collections.abc import Callable

#: A function from a line to its simplified mirror (same length).
Simp = Callable[[str], str]


def identity(text: str) -> str:
    return text

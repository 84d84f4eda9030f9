"""Traditional characters: recognise them and map them to simplified ones, one character for one.

Matching (headings, metadata cues, part synonyms) is done on simplified text, but the user's text is kept
as it is unless they ask for conversion. A character-for-character mapping keeps every position the same,
so a match found in the simplified mirror can be cut out of the original text at the same offsets.
The table is OpenCC's own character list (shipped with opencc-python-reimplemented).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

#: Share of CJK characters that must change under conversion before a text counts as traditional.
TRADITIONAL_SHARE = 0.03


@cache
def _table() -> dict[int, str]:
    import opencc

    path = Path(opencc.__file__).resolve().parent / "dictionary" / "TSCharacters.txt"
    table: dict[int, str] = {}
    try:
        lines = path.read_text("utf-8").splitlines()
    except OSError:
        return table
    for line in lines:
        parts = line.split("\t")
        if len(parts) < 2:
            continue
        src, dst = parts[0], parts[1].split(" ")[0]
        if len(src) == 1 and len(dst) == 1 and src != dst:
            table[ord(src)] = dst
    return table


def to_simplified(text: str) -> str:
    """The text with each traditional character replaced by its simplified form (same length)."""
    return text.translate(_table())


def traditional_share(text: str) -> float:
    """Share of CJK characters that are traditional forms."""
    table = _table()
    cjk = 0
    trad = 0
    for ch in text:
        if "\u4e00" <= ch <= "\u9fff":
            cjk += 1
            if ord(ch) in table:
                trad += 1
    return trad / cjk if cjk else 0.0


def is_traditional(text: str) -> bool:
    """True when the text is written in traditional characters (judged on its first 20,000 characters)."""
    return traditional_share(text[:20_000]) >= TRADITIONAL_SHARE

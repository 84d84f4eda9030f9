"""Where the templates and data files are: inside the installed wheel, or in the source checkout."""

from __future__ import annotations

from functools import cache
from pathlib import Path


@cache
def templates_dir() -> Path:
    """The ``templates/`` folder: packaged as ``drafter/_templates`` in a wheel, top level in a checkout."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "_templates", here.parent / "templates"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("drafter's templates folder is missing from this installation")

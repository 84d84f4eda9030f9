"""Line-start prohibition (避头尾) in the editor's soft wrap: no 「，。、；：！？」』）」 at the start of a
wrapped row, no opening bracket or quote at its end.

Textual's TextArea folds a Chinese run wherever the width runs out, so a row could start with 「，」. Chinese
typesetting (and Word) pulls the character before the mark down with it instead: the row above ends one
character early. :func:`install` wraps the function the text area's wrapped document uses to find its
break offsets; only display changes, the text itself is never touched.
"""

from __future__ import annotations

from collections.abc import Callable

#: May not start a row (closing punctuation and marks that belong to what precedes them).
NO_START = frozenset("，。、；：！？」』）》〉】〕”’…—·%‰,.;:!?)]}")
#: May not end a row (opening brackets and quotes belong to what follows).
NO_END = frozenset("「『（《〈【〔“‘([{")
#: At most this many characters are pulled down to the next row for one break.
MAX_PULL = 3

_installed = False


def adjust_breaks(text: str, breaks: list[int], rewrap: Callable[[int], list[int]]) -> list[int]:
    """Breaks moved back so no row starts with a NO_START mark or ends with a NO_END one.

    ``rewrap(start)`` gives the original breaks of ``text[start:]`` (as offsets into ``text``): after a
    break moves back, the rest is wrapped again, so no later row grows past the width.
    """
    result: list[int] = []
    start = 0
    pending = breaks
    while pending:
        b = pending[0]
        moved = b
        for _ in range(MAX_PULL):
            if moved - 1 <= start:
                break
            if text[moved] in NO_START or text[moved - 1] in NO_END:
                moved -= 1
            else:
                break
        if moved - 1 <= start or text[moved] in NO_START or text[moved - 1] in NO_END:
            moved = b  # nothing better within reach: keep Textual's break
        result.append(moved)
        start = moved
        pending = rewrap(moved) if moved != b else pending[1:]
    return result


#: The Textual release whose wrapped document this hooks into (textual is pinned in pyproject.toml).
TEXTUAL_VERSION = "8.2.8"


def install() -> bool:
    """Make TextArea's wrapping follow :func:`adjust_breaks` (idempotent); False on another Textual."""
    global _installed
    if _installed:
        return True
    import textual
    from textual.document import _wrapped_document

    if textual.__version__ != TEXTUAL_VERSION or not hasattr(_wrapped_document, "compute_wrap_offsets"):
        return False

    original = _wrapped_document.compute_wrap_offsets

    def compute_wrap_offsets(
        text: str,
        width: int,
        tab_size: int,
        fold: bool = True,
        precomputed_tab_sections: list[tuple[str, int]] | None = None,
    ) -> list[int]:
        breaks = original(text, width, tab_size, fold, precomputed_tab_sections)
        if (
            not breaks
            or "\t" in text
            or not any(text[b] in NO_START or text[b - 1] in NO_END for b in breaks)
        ):
            return breaks

        def rewrap(start: int) -> list[int]:
            return [start + b for b in original(text[start:], width, tab_size, fold)]

        return adjust_breaks(text, breaks, rewrap)

    _wrapped_document.compute_wrap_offsets = compute_wrap_offsets  # type: ignore[assignment]
    _installed = True
    return True

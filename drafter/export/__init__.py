"""Export of a report to Word (.docx) laid out to GB/T 9704-2012, and the review copy with comments.

``export_docx(report, path)`` writes the clean copy; ``review=True`` adds each checker finding as a Word
comment on the text it concerns. The layout numbers come from ``drafter/export/gbt9704.toml`` (a national standard, not a kind's choice) (and the
kind's and the user's own layout files), never from code.
"""

from __future__ import annotations

import io
import os
from collections.abc import Sequence
from pathlib import Path

from ..atomic import atomic_write_bytes
from ..findings import Finding
from ..kinds import Kind
from ..model import Report
from .comments import add_comments
from .document import Built, build_document
from .layout import Layout, load_layout

__all__ = ["Layout", "build_document", "export_bytes", "export_docx", "layout_for", "load_layout"]


def layout_for(kind: Kind | None) -> Layout:
    """The layout for a report of a kind: the standard's, the kind's own file, then the user's file."""
    return load_layout(kind.root if kind is not None else None)


def _build(
    report: Report,
    *,
    review: bool,
    findings: Sequence[Finding] | None,
    layout: Layout | None,
    kind: Kind | None,
) -> tuple[Built, int]:
    built = build_document(report, layout if layout is not None else layout_for(kind), kind)
    count = add_comments(built, findings or ()) if review else 0
    return built, count


def export_bytes(
    report: Report,
    *,
    review: bool = False,
    findings: Sequence[Finding] | None = None,
    layout: Layout | None = None,
    kind: Kind | None = None,
) -> bytes:
    """The .docx file's bytes (what :func:`export_docx` writes)."""
    built, _ = _build(report, review=review, findings=findings, layout=layout, kind=kind)
    buffer = io.BytesIO()
    built.document.save(buffer)
    return buffer.getvalue()


def export_docx(
    report: Report,
    path: str | os.PathLike[str],
    *,
    review: bool = False,
    findings: Sequence[Finding] | None = None,
    layout: Layout | None = None,
    kind: Kind | None = None,
    exclusive: bool = False,
) -> Path:
    """Write ``report`` as a .docx at ``path`` (atomically, keeping the previous file as ``.bak``).

    ``exclusive=True`` writes only if no file has that name at the moment of writing (two exports to
    one new name: the second is refused instead of silently replacing the first).

    With ``review=True`` each of ``findings`` becomes one Word comment by 「drafter」; without it the
    copy carries no comments even when findings are passed, so a clean copy can never leak review notes.
    """
    data = export_bytes(report, review=review, findings=findings, layout=layout, kind=kind)
    target = Path(path)
    atomic_write_bytes(target, data, exclusive=exclusive)
    return target

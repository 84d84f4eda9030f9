"""Export of a report to Word (.docx) laid out to GB/T 9704-2012, and the review copy with comments.

``export_docx(report, path)`` writes the clean copy; ``review=True`` adds each checker finding as a Word
comment on the text it concerns. The layout numbers come from ``templates/fzzf/layout.toml`` (and the
kind's and the user's own layout files), never from code.
"""

from __future__ import annotations

import io
import os
from collections.abc import Sequence
from pathlib import Path

from ..atomic import atomic_write_bytes
from ..findings import Finding
from ..model import Report
from .comments import add_comments
from .document import Built, build_document
from .layout import Layout, load_layout

__all__ = ["Layout", "build_document", "export_bytes", "export_docx", "layout_for", "load_layout"]


def layout_for(report: Report) -> Layout:
    """The layout for a report: the standard's, the report kind's file, then the user's file."""
    kind_dir = None
    try:
        from ..kinds import get_kind

        kind_dir = get_kind(report.meta.kind).root
    except Exception:  # an unknown kind still exports, with the standard layout
        kind_dir = None
    return load_layout(kind_dir)


def _build(
    report: Report, *, review: bool, findings: Sequence[Finding] | None, layout: Layout | None
) -> tuple[Built, int]:
    built = build_document(report, layout if layout is not None else layout_for(report))
    count = add_comments(built, findings or ()) if review else 0
    return built, count


def export_bytes(
    report: Report,
    *,
    review: bool = False,
    findings: Sequence[Finding] | None = None,
    layout: Layout | None = None,
) -> bytes:
    """The .docx file's bytes (what :func:`export_docx` writes)."""
    built, _ = _build(report, review=review, findings=findings, layout=layout)
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
) -> Path:
    """Write ``report`` as a .docx at ``path`` (atomically, keeping the previous file as ``.bak``).

    With ``review=True`` each of ``findings`` becomes one Word comment by 「drafter」; without it the
    copy carries no comments even when findings are passed, so a clean copy can never leak review notes.
    """
    data = export_bytes(report, review=review, findings=findings, layout=layout)
    target = Path(path)
    atomic_write_bytes(target, data)
    return target

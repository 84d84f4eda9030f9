"""Opening a report file once: our own draft, or any file the importer reads, with what the checker needs.

``drafter check --prior`` used to read each file twice (LibreOffice twice for a .doc) and locate its parts
three times. A :class:`Document` is read once and carries the report, the kind, the import's notes and the
file's own lines, and every use case takes it from here.
"""

from __future__ import annotations

import os
import warnings
from dataclasses import dataclass, field
from pathlib import Path

from ..atomic import atomic_write_text
from ..draft import dumps, load, save
from ..errors import DrafterError, InputError
from ..importing import ImportResult, import_file
from ..kinds import Kind
from ..model import Report
from .kinds import resolve_kind


@dataclass
class Document:
    """A report as read from one file."""

    path: Path
    report: Report
    kind: Kind
    #: The imported file's own lines (numbering and signature as written); None for our drafts.
    source_lines: list[str] | None = None
    #: The importer's result (confidence, notes); None for our drafts.
    imported: ImportResult | None = None
    warnings: list[str] = field(default_factory=list)

    @property
    def is_draft(self) -> bool:
        return self.imported is None


def is_draft_path(path: str | os.PathLike[str]) -> bool:
    return Path(path).suffix.lower() == ".md"


def open_document(
    path: str | os.PathLike[str], kind_id: str | None = None, *, simplify: bool = False
) -> Document:
    """Read a draft or any importable file, once. Unexpected failures of a reader become one line."""
    p = Path(path)
    if is_draft_path(p) and not is_packaged_file(p):
        report = load(p)
        return Document(p, report, resolve_kind(kind_id, report))
    kind = resolve_kind(kind_id)
    result = import_any(p, kind, simplify=simplify)
    return Document(p, result.report, kind, result.source_lines, result, list(result.warnings))


def is_packaged_file(path: str | os.PathLike[str]) -> bool:
    """True for a Word file (zip or OLE) whatever its name: a .docx saved as .md is imported, not parsed."""
    p = Path(path)
    if not p.is_file():
        return False  # let the draft reader say what is wrong (and never open a FIFO here)
    try:
        with p.open("rb") as fh:
            head = fh.read(4)
    except OSError:
        return False
    return head.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0"))


def import_any(path: Path, kind: Kind, *, simplify: bool = False) -> ImportResult:
    """The importer, with library warnings silenced and unforeseen reader failures turned into one line."""
    try:
        with warnings.catch_warnings():
            # Library warnings (encoding guesses, deprecations) would break the one-line output.
            warnings.simplefilter("ignore")
            return import_file(path, kind, simplify=simplify)
    except DrafterError:
        raise
    except (MemoryError, RecursionError) as exc:
        raise InputError(f"{path} 过于庞大或嵌套过深，无法导入") from exc
    except Exception as exc:  # a file no reader anticipated: one line, never a traceback
        raise InputError(f"无法导入 {path}：文件内容无法识别（{type(exc).__name__}）") from exc


def open_draft(path: str | os.PathLike[str]) -> Report:
    """One of our drafts (.md)."""
    return load(path)


def save_draft(report: Report, path: str | os.PathLike[str], *, exclusive: bool = False) -> Path:
    """Save a draft atomically; ``exclusive`` only if no file has that name at the moment of writing."""
    if exclusive:
        from ..history import record

        text = dumps(report)
        atomic_write_text(path, text, exclusive=True)
        record(path, text)
    else:
        save(report, path)
    return Path(path)

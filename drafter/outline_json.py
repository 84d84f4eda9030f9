"""The report as JSON-ready data: the shapes documented in docs/json.md, shared by every command."""

from __future__ import annotations

from typing import Any

from .model import Meta, Report, Section
from .numbering import label_for_path


def meta_to_dict(meta: Meta) -> dict[str, Any]:
    return {
        "kind": meta.kind,
        "year": meta.year,
        "org": meta.org,
        "short": meta.short,
        "recipient": meta.recipient,
        "date": meta.date.isoformat() if meta.date else None,
        "title": meta.title,
        "attachments": list(meta.attachments),
        "promises": list(meta.promises),
    }


def section_to_dict(section: Section, path: tuple[int, ...]) -> dict[str, Any]:
    return {
        "path": list(path),
        "number": label_for_path(path),
        "heading": section.heading,
        "part": section.part,
        "paragraphs": len(section.paragraphs),
        "carried": sum(1 for p in section.paragraphs if p.carried),
        "chars": sum(len(p.text) for p in section.paragraphs),
        "children": [section_to_dict(c, (*path, i)) for i, c in enumerate(section.children)],
    }


def report_to_dict(report: Report) -> dict[str, Any]:
    return {
        "meta": meta_to_dict(report.meta),
        "outline": [section_to_dict(s, (i,)) for i, s in enumerate(report.sections)],
        "chars": report.char_count(),
    }

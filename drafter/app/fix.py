"""Applying the automatic fixes of the punctuation family to a file: one command for 200 commas.

``drafter fix FILE`` (and any front end) calls :func:`fix_file`. A draft (.md) is loaded, every text of the
report (title, opening, headings, paragraphs, closing) gets the edits of
:func:`drafter.checks.punctuation.edits`, and the draft is saved atomically with the previous version kept as
``NAME.bak``. A plain-text file is fixed line by line in place, the same way, so nothing but the punctuation
and numbers changes. Other formats are refused with one line: import them as a draft first.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ..atomic import atomic_write_text, backup_path
from ..checks.punctuation import Edit, fix_text
from ..checks.registry import registry
from ..draft import load, save
from ..errors import InputError, UsageError
from ..findings import Location
from ..kinds import Kind
from ..model import Paragraph, Report
from .documents import is_draft_path
from .kinds import resolve_kind

_PLAIN_SUFFIXES = {".txt", ".text"}


@dataclass
class FixChange:
    """One text that changed: where (a place in words, or a line number), before and after, the edits."""

    where: str
    before: str
    after: str
    edits: list[Edit]
    line: int | None = None


@dataclass
class FixOutcome:
    path: Path
    changes: list[FixChange] = field(default_factory=list)
    written: bool = False

    @property
    def count(self) -> int:
        return sum(len(c.edits) for c in self.changes)

    @property
    def backup(self) -> Path | None:
        return backup_path(self.path) if self.written else None

    def to_dict(self) -> dict[str, Any]:
        names = registry().rules
        return {
            "path": str(self.path),
            "written": self.written,
            "backup": str(self.backup) if self.backup else None,
            "count": self.count,
            "changes": [
                {
                    "where": c.where,
                    "line": c.line,
                    "before": c.before,
                    "after": c.after,
                    "edits": [
                        {
                            "start": e.start,
                            "end": e.end,
                            "old": e.old,
                            "new": e.new,
                            "rule": f"punctuation.{e.rule}",
                            "rule_name": names[f"punctuation.{e.rule}"].name,
                        }
                        for e in c.edits
                    ],
                }
                for c in self.changes
            ],
        }


def _rules_table(kind: Kind) -> dict[str, Any]:
    table = kind.data("rules.toml").get("punctuation")
    if not isinstance(table, dict):
        raise UsageError(f"报告类型「{kind.id}」没有标点和数字的检查规则，无法自动改正")
    return table


def fix_report(report: Report, data: dict[str, Any]) -> list[FixChange]:
    """Fix every text of a report in place; return what changed (with places in words)."""
    from .places import describe_location

    changes: list[FixChange] = []

    def fixed(before: str, loc: Location) -> str:
        after, todo = fix_text(before, data)
        if todo:
            changes.append(FixChange(describe_location(report, loc), before, after, todo))
        return after

    def fix_paragraphs(paragraphs: list[Paragraph], loc: Callable[[int], Location]) -> None:
        for i, p in enumerate(paragraphs):
            text = fixed(p.text, loc(i))
            if text != p.text:
                paragraphs[i] = replace(p, text=text)  # paragraphs are frozen: keep their flags

    report.meta.title = fixed(report.meta.title, Location((), "title"))
    fix_paragraphs(report.opening, lambda i: Location((), "opening", i))
    for path, section in report.walk():
        section.heading = fixed(section.heading, Location(path, "heading"))
        fix_paragraphs(section.paragraphs, lambda i, path=path: Location(path, "section", i))
    fix_paragraphs(report.closing, lambda i: Location((), "closing", i))
    return changes


def fix_lines(text: str, data: dict[str, Any]) -> tuple[str, list[FixChange]]:
    """Fix a plain text line by line; line endings and every other character are kept."""
    out: list[str] = []
    changes: list[FixChange] = []
    for number, line in enumerate(text.splitlines(keepends=True), 1):
        body = line.rstrip("\r\n")
        ending = line[len(body) :]
        after, todo = fix_text(body, data)
        if todo:
            changes.append(FixChange(f"第{number}行", body, after, todo, line=number))
        out.append(after + ending)
    return "".join(out), changes


def fix_file(
    path: str | os.PathLike[str], kind_id: str | None = None, *, dry_run: bool = False
) -> FixOutcome:
    """Apply the automatic punctuation fixes to a draft or a plain-text file (atomically, with a backup)."""
    p = Path(path)
    if not p.is_file():
        raise InputError(f"找不到文件：{p}")
    if is_draft_path(p):
        report = load(p)
        kind = resolve_kind(kind_id, report)
        outcome = FixOutcome(p, fix_report(report, _rules_table(kind)))
        if outcome.changes and not dry_run:
            save(report, p)
            outcome.written = True
        return outcome
    if p.suffix.lower() not in _PLAIN_SUFFIXES:
        raise UsageError(
            f"drafter fix 只能改正草稿（.md）或纯文本（.txt）文件；{p.name} 请先用 drafter import 导入为草稿"
        )
    try:
        raw = p.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"{p} 不是 UTF-8 编码的纯文本，请先用 drafter import 导入为草稿") from exc
    except OSError as exc:
        raise InputError(f"无法读取 {p}：{exc.strerror or exc}") from exc
    kind = resolve_kind(kind_id)
    fixed, changes = fix_lines(raw, _rules_table(kind))
    outcome = FixOutcome(p, changes)
    if changes and not dry_run:
        atomic_write_text(p, fixed, backup=True)
        outcome.written = True
    return outcome

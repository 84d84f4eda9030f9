"""The review copy: each checker finding as a Word comment on the text it concerns.

A Word comment spans whole runs, so the run holding a finding's characters is split at the finding's
start and end first (python-docx 1.2 anchors comments on runs). Findings on the report as a whole, on
its metadata or on a place that no longer exists go on the title, so none is ever dropped: the review
copy holds exactly one comment per finding.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable

from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from ..findings import SEVERITY_ZH, Finding
from .document import Anchor, Built
from .text import clean_offset, clean_text

AUTHOR = "drafter"
INITIALS = "d"


def _runs_with_text(paragraph: Paragraph) -> list[Run]:
    return [r for r in paragraph.runs if r._r.find(qn("w:t")) is not None]


def _split_run(run: Run, at: int) -> Run:
    """Split a single-text run at character ``at``; return the new run holding the tail."""
    r = run._r
    texts = r.findall(qn("w:t"))
    if len(texts) != 1 or r.find(qn("w:br")) is not None or r.find(qn("w:tab")) is not None:
        return _split_complex(run, at)
    t = texts[0]
    head, tail = (t.text or "")[:at], (t.text or "")[at:]
    new = copy.deepcopy(r)
    r.addnext(new)
    _set_text(t, head)
    _set_text(new.find(qn("w:t")), tail)
    return Run(new, run._parent)


def _split_complex(run: Run, at: int) -> Run:
    """Split a run holding breaks or tabs: rebuild both halves from the run's text."""
    text = run.text
    new = copy.deepcopy(run._r)
    run._r.addnext(new)
    tail_run = Run(new, run._parent)
    run.text = text[:at]
    tail_run.text = text[at:]
    return tail_run


def _set_text(t: object, value: str) -> None:
    t.text = value  # type: ignore[attr-defined]
    if value != value.strip():
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")  # type: ignore[attr-defined]


def runs_for_range(paragraph: Paragraph, start: int, end: int) -> list[Run]:
    """The runs exactly covering characters [start, end) of the paragraph's text, splitting as needed."""
    if not _runs_with_text(paragraph):
        return [paragraph.add_run("")]
    total = sum(len(r.text) for r in _runs_with_text(paragraph))
    start = max(0, min(start, total))
    end = max(start, min(end, total))
    if start == end:
        if total == 0:
            return _runs_with_text(paragraph)[:1]
        start, end = (start, start + 1) if start < total else (total - 1, total)
    for boundary in (start, end):
        pos = 0
        for run in _runs_with_text(paragraph):
            length = len(run.text)
            if pos < boundary < pos + length:
                _split_run(run, boundary - pos)
                break
            pos += length
    chosen: list[Run] = []
    pos = 0
    for run in _runs_with_text(paragraph):
        length = len(run.text)
        if pos >= start and pos + length <= end and length:
            chosen.append(run)
        pos += length
    return chosen


def _target(built: Built, finding: Finding) -> tuple[Anchor | None, bool]:
    """The anchor a finding belongs on, and whether its offsets apply there."""
    loc = finding.location
    anchors = built.anchors
    area = loc.area
    path = tuple(loc.section)
    if area in ("opening", "closing"):
        if loc.paragraph is not None:
            return anchors.get((area, loc.paragraph)), True
        return anchors.get((area, 0)), False
    if area == "heading" and path:
        return anchors.get(("heading", path)), True
    if area == "section" and path:
        if loc.paragraph is not None:
            found = anchors.get(("section", path, loc.paragraph))
            if found is not None:
                return found, True
        return anchors.get(("heading", path)), False
    if area == "title":
        return anchors.get(("title",)), True
    if area == "meta" and finding.excerpt:
        keys = [("title",), ("recipient",), ("signature",), ("date",)]
        keys += [key for key in anchors if key[0] == "attachment"]
        for key in keys:
            anchor = anchors.get(key)
            if anchor is not None and finding.excerpt in anchor.source:
                return anchor, False
    return None, False


def _fallback(built: Built) -> Anchor:
    """The title, else the first paragraph with text, else a new empty paragraph."""
    if ("title",) in built.anchors:
        return built.anchors[("title",)]
    for anchor in built.anchors.values():
        if anchor.source.strip():
            return anchor
    paragraph = built.document.add_paragraph()
    anchor = Anchor(paragraph, "")
    built.anchors[("fallback",)] = anchor
    return anchor


def _range(anchor: Anchor, finding: Finding, use_offsets: bool) -> tuple[int, int]:
    """Character range in the written paragraph; the whole paragraph when nothing narrower is known."""
    source = anchor.source
    loc = finding.location
    if use_offsets and loc.start is not None:
        end = loc.end if loc.end is not None else loc.start + max(1, len(finding.excerpt))
        return (anchor.prefix + clean_offset(source, loc.start), anchor.prefix + clean_offset(source, end))
    if finding.excerpt:
        at = source.find(finding.excerpt)
        if at != -1:
            start = anchor.prefix + clean_offset(source, at)
            return start, anchor.prefix + clean_offset(source, at + len(finding.excerpt))
    return 0, 10**9


def comment_text(finding: Finding) -> str:
    """What the reviewer reads: severity and message, the basis, and the rule's Chinese name for reference
    (the id stays in --json; a reviewer never reads English ids)."""
    lines = [f"【{SEVERITY_ZH.get(finding.severity, finding.severity)}】{finding.message}"]
    if finding.basis:
        lines.append(f"依据：{finding.basis}")
    name = finding.rule_name or _registered_name(finding.rule)
    if name:
        lines.append(f"（检查项：{name}）")
    return "\n".join(clean_text(line) for line in lines)


def _registered_name(rule: str) -> str:
    """The Chinese name of a registered rule ("" for a rule no family declares)."""
    from ..checks.registry import registry

    spec = registry().rule_for(rule)
    return spec.name if spec is not None else ""


def add_comments(built: Built, findings: Iterable[Finding]) -> int:
    """Attach every finding as a comment; returns how many were added (always one per finding)."""
    count = 0
    for finding in findings:
        anchor, use_offsets = _target(built, finding)
        if anchor is None:
            anchor, use_offsets = _fallback(built), False
        start, end = _range(anchor, finding, use_offsets)
        runs = runs_for_range(anchor.paragraph, start, end)
        built.document.add_comment(runs, text=comment_text(finding), author=AUTHOR, initials=INITIALS)
        count += 1
    return count

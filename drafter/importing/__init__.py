"""Import a report as it was found (web page copy, PDF extract, Word file …) into a :class:`Report`.

The pipeline: read (per format, with safety limits) → recognise traditional characters → remove page
markers and page furniture → rejoin broken sentences → take title, recipient and signature out as metadata
→ recover the numbered outline → match sections to the kind's canonical parts by meaning.

Everything is matched on a simplified-character mirror of the text; the text itself is kept as written
unless ``simplify`` asks for conversion.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from ..kinds import Kind
from ..model import Meta, Report
from . import readers
from .clean import drop_chrome, identity, rejoin, remove_watermarks, split_lines, strip_page_markers
from .config import load_config
from .meta import FIELDS, extract_meta, year_from_outline
from .outline import parse_outline
from .punctuation import count_half_width, half_width_warning
from .titles import is_title_form
from .traditional import is_traditional, to_simplified

__all__ = ["ImportResult", "import_file", "import_text", "read_report"]


@dataclass
class ImportResult:
    """An imported report, how sure the importer is of each metadata field, and notes for the user."""

    report: Report
    #: Per metadata field (title, org, short, recipient, year, date): 0 = unknown … 1 = certain.
    confidence: dict[str, float] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    source_format: str = ""
    #: True when the source was written in traditional characters.
    traditional: bool = False
    #: The file's own non-empty lines as written (page markers and page furniture removed, heading numbers
    #: and signature kept): what the checker reads for numbering and the date line, so no file is read twice.
    #: None for our own drafts, whose numbers are generated.
    source_lines: list[str] | None = None
    #: Fields of the page's disclosure block as found (发布机构, 成文日期, 发布日期, 发文字号 …): chrome, not
    #: the report's own word; the importer only used them as low-confidence candidates.
    page_fields: dict[str, str] = field(default_factory=dict)


def import_text(
    text: str,
    kind: Kind,
    *,
    simplify: bool = False,
    source_format: str = "txt",
    level_hints: list[int | None] | None = None,
    doc_title: str = "",
) -> ImportResult:
    """Import report text (already decoded). ``level_hints`` carries heading levels known from Word styles,
    one per line of ``text``."""
    cfg = load_config(kind)
    warnings: list[str] = []
    source_lines = _source_lines(text, cfg)
    traditional = is_traditional(text)
    simp = identity
    if traditional:
        if simplify:
            import opencc

            text = opencc.OpenCC("t2s").convert(text)
            warnings.append("原文为繁体字，已按要求转换为简体字")
        else:
            simp = to_simplified
            warnings.append("原文为繁体字，已按简体字识别结构，正文保留繁体（如需转换请加 --simplify）")
    lines = split_lines(text)
    hints = None
    if level_hints is not None and len(level_hints) == len(lines):
        hints = list(level_hints)

    if hints is None:
        lines, markers = strip_page_markers(lines, cfg, simp)
        if markers:
            warnings.append(f"已删除文档分享网站插入的 {markers} 个页码标记")
    lines, marks = remove_watermarks(lines, cfg, simp)
    if marks:
        warnings.append(f"已删除插入正文的水印 {marks} 处")
    lines, chrome = drop_chrome(lines, cfg, simp)
    if chrome:
        warnings.append(f"已删除网页栏目、页眉页脚等 {len(chrome)} 行")
    if hints is None:
        paragraphs = rejoin(lines, simp, cfg.bullets, lambda s: is_title_form(s, cfg))
        para_hints: list[int | None] | None = None
    else:
        paragraphs, para_hints = [], []
        for line, hint in zip(lines, hints, strict=True):
            if line:
                paragraphs.append(line)
                para_hints.append(hint)

    half_width = count_half_width(paragraphs, cfg, simp)
    guess, body = extract_meta(
        paragraphs,
        chrome,
        cfg,
        simp,
        min_year=kind.min_year,
        max_year=kind.max_year,
        title_year_offset=kind.title_year_offset,
    )
    if guess.dropped:
        warnings.append(f"已删除标题前的网页栏目 {len(guess.dropped)} 行")
    if guess.letter is not None:
        to = f"（致{guess.letter.recipient}）" if guess.letter.recipient else ""
        warnings.append(f"报告正文前的报送函或印发通知{to}已移出正文，其落款单位和日期已作为元数据候选")
    if para_hints is not None:
        # extract_meta removed head/tail paragraphs: realign the hints on the remaining text.
        para_hints = _realign(paragraphs, para_hints, body)
    if doc_title and not guess.title:
        from .meta import clean_title

        guess.set("title", clean_title(doc_title), 0.5)
    parsed = parse_outline(body, cfg, simp, para_hints)
    if guess.year is None:
        year_from_outline(
            [simp(s.heading) for s in parsed.sections],
            [simp(p.text) for p in parsed.opening],
            guess,
            kind.min_year,
            kind.max_year,
        )
    if parsed.garbled_accepted:
        warnings.append(f"有 {parsed.garbled_accepted} 个标题序号识别有误（如「(S)」），已按前后序号推定")
    if not parsed.sections:
        warnings.append("未识别到带序号的标题（一、（一）1.），全文作为开头段落导入")
    if half_width:
        warnings.append(half_width_warning(half_width))

    meta = Meta(
        kind=kind.id,
        year=guess.year,
        org=guess.org,
        short=guess.short,
        recipient=guess.recipient,
        date=guess.date,
        title=guess.title,
        attachments=list(guess.attachments),
    )
    report = Report(meta=meta, opening=parsed.opening, sections=parsed.sections, closing=parsed.closing)
    from ..parts import assign_parts

    assign_parts(report, kind, simp=simp)
    confidence = {name: guess.confidence.get(name, 0.0) for name in FIELDS}
    for name in FIELDS:
        if confidence[name] == 0.0:
            continue
        if confidence[name] < 0.6:
            warnings.append(f"元数据「{_FIELD_NAMES[name]}」为推测（可信度 {confidence[name]:.1f}），请核对")
    return ImportResult(
        report, confidence, warnings, source_format, traditional, source_lines, dict(guess.page_fields)
    )


def _source_lines(text: str, cfg: object) -> list[str]:
    lines = split_lines(text)
    lines, _ = strip_page_markers(lines, cfg)  # type: ignore[arg-type]
    lines, _ = drop_chrome(lines, cfg)  # type: ignore[arg-type]
    return [line for line in lines if line.strip()]


_FIELD_NAMES = {
    "title": "标题",
    "org": "发文机关",
    "short": "简称",
    "recipient": "主送机关",
    "year": "年度",
    "date": "成文日期",
}


def _realign(before: list[str], hints: list[int | None], after: list[str]) -> list[int | None]:
    """Hints of the paragraphs that survived metadata extraction (which only removes whole paragraphs,
    except a title cut from the front of the first one)."""
    out: list[int | None] = []
    j = 0
    for text in after:
        while j < len(before) and before[j] != text and not before[j].endswith(text):
            j += 1
        out.append(hints[j] if j < len(before) else None)
        j += 1
    return out


def import_file(path: str | os.PathLike[str], kind: Kind, *, simplify: bool = False) -> ImportResult:
    """Import a report file of any supported format (the reader registry picks the reader by content).

    Bad input raises :class:`~drafter.errors.InputError` with a one-line Chinese message."""
    p = Path(path)
    readers.check_readable(p)
    reader = readers.pick_reader(p)
    if reader.name == "draft":
        from ..draft import load

        report = load(p)
        conf = {name: (1.0 if getattr(report.meta, name) not in (None, "") else 0.0) for name in FIELDS}
        return ImportResult(report, conf, [], "md", False, None)
    assert reader.read is not None
    raw = reader.read(p)
    text = "\n".join(raw.lines)
    result = import_text(
        text,
        kind,
        simplify=simplify,
        source_format=raw.source_format,
        level_hints=raw.level_hints,
        doc_title=raw.doc_title,
    )
    result.warnings[:0] = raw.warnings
    return result


def read_report(path: str | os.PathLike[str], kind: Kind) -> Report:
    """A report from any file: our own draft (.md) as saved, anything else through :func:`import_file`."""
    return import_file(path, kind).report

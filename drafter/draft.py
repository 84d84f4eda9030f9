"""The draft file: plain UTF-8 Markdown with a YAML metadata header, readable by people and by pandoc.

Layout::

    ---
    drafter_format: 1
    kind: fzzf
    year: 2025
    org: 某某区人民政府
    ...
    ---

    Opening paragraph.

    # 主要举措和成效 {#measures}

    <!-- drafter: carried -->
    A paragraph kept from last year's report.

    <!-- drafter: closing -->

    特此报告。

Headings carry no numbers (they are generated); the canonical part id sits in pandoc's ``{#id}`` heading
attribute. A paragraph is one line. Characters that would change the Markdown's meaning are escaped the way
Markdown itself allows (a leading backslash, or an HTML numeric entity), so that ``load(save(r)) == r`` for
every report, whatever its text.
"""

from __future__ import annotations

import datetime as _dt
import os
import re
import stat
from pathlib import Path
from typing import Any

import yaml

from .atomic import FileState, atomic_write_bytes, atomic_write_text, real_target
from .errors import DraftFormatError, InputError, UsageError
from .model import Meta, Paragraph, Report, Section

FORMAT_VERSION = 1
_META_KEYS = ("kind", "year", "org", "short", "recipient", "date", "title", "attachments", "promises")
_FLAG_LINE = re.compile(r"^<!-- drafter: ([a-z0-9 -]*) -->$")
_CLOSING = "closing"
_HEADING = re.compile(r"^(#{1,6})(?: (.*))?$")
_HEADING_ID = re.compile(r"^(.*?) \{#([A-Za-z][\w.:-]*)\}$")
# A leading character that Markdown would read as syntax gets a backslash in front of it.
_SPECIAL_LEAD = set("\\#<>-+*=|`~_[!")
_ORDERED_LIST = re.compile(r"^(\d{1,9})([.)])")
_ENTITY_LIKE = re.compile(r"&(?=#|[A-Za-z][A-Za-z0-9]*;)")
_DECODE = re.compile(r"&(?:#x([0-9a-fA-F]+)|amp);")
_MAX_DRAFT_BYTES = 20 * 1024 * 1024


def _must_encode(ch: str) -> bool:
    # Control characters and Unicode line breaks would split or blank out a line.
    o = ord(ch)
    return o < 0x20 or 0x7F <= o <= 0x9F or ch in "\u2028\u2029\ufeff"


def _escape_inline(text: str) -> str:
    text = _ENTITY_LIKE.sub("&amp;", text)
    out = []
    for i, ch in enumerate(text):
        edge = (i == 0 or i == len(text) - 1) and ch.isspace()
        if _must_encode(ch) or edge:
            out.append(f"&#x{ord(ch):x};")
        else:
            out.append(ch)
    return "".join(out)


def _unescape_inline(text: str) -> str:
    def repl(m: re.Match[str]) -> str:
        if m.group(1) is None:
            return "&"
        try:
            return chr(int(m.group(1), 16))
        except (ValueError, OverflowError):
            return m.group(0)

    return _DECODE.sub(repl, text)


def _escape_paragraph(text: str) -> str:
    if text == "":
        return "\\"
    body = _escape_inline(text)
    m = _ORDERED_LIST.match(body)
    if m:
        # 「1. 加强……」 would become a Markdown list: encode the dot, which pandoc also decodes.
        body = m.group(1) + f"&#x{ord(m.group(2)):x};" + body[m.end() :]
    if body[0] in _SPECIAL_LEAD:
        body = "\\" + body
    return body


def _unescape_paragraph(line: str) -> str:
    if line.startswith("\\"):
        line = line[1:]
    return _unescape_inline(line)


def _escape_heading(text: str) -> str:
    body = _escape_inline(text)
    if "{" in body:
        body = body.replace("{", "&#x7b;")
    return body


class _Dumper(yaml.SafeDumper):
    """Writes a string double-quoted whenever plain YAML would fold, trim or break it."""


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    risky = value != value.strip() or any(_must_encode(c) or c in "\x85\u2028\u2029" for c in value)
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style='"' if risky else None)


_Dumper.add_representer(str, _represent_str)


def _meta_to_yaml(meta: Meta) -> str:
    data: dict[str, Any] = {"drafter_format": FORMAT_VERSION}
    for key in _META_KEYS:
        data[key] = getattr(meta, key)
    for key, value in meta.extra.items():
        if key not in data:
            data[key] = value
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10_000)


def _parse_date(value: Any) -> _dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    m = re.fullmatch(r"\s*(\d{4})\s*[-年./]\s*(\d{1,2})\s*[-月./]\s*(\d{1,2})\s*日?\s*", str(value))
    if m:
        try:
            return _dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            pass
    raise DraftFormatError(f"草稿的日期「{value}」无法识别，请写成 2025-01-06 的形式")


class _AliasRefused(yaml.YAMLError):
    pass


class _Loader(yaml.SafeLoader):
    """Safe YAML without anchors and aliases: we never write them, and nested aliases expand a few
    hundred bytes of front matter into gigabytes (an "alias bomb")."""

    def compose_node(self, parent: Any, index: Any) -> Any:  # type: ignore[override]
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
            raise _AliasRefused("alias")
        return super().compose_node(parent, index)


def _timestamp_or_text(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Any:
    """A YAML date that is no date (2026-13-45) stays text, so that the draft says which date is wrong."""
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except (ValueError, OverflowError):
        return loader.construct_scalar(node)


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp_or_text)

#: Years a draft may be about.
_YEARS = (1900, 2999)
#: Largest front matter accepted (ours is a few hundred bytes).
_MAX_META_CHARS = 256 * 1024


def _meta_from_yaml(text: str) -> Meta:
    if len(text) > _MAX_META_CHARS:
        raise DraftFormatError("草稿开头的元数据过长，不像是 drafter 写的草稿")
    try:
        data = yaml.load(text, Loader=_Loader) if text.strip() else {}
    except _AliasRefused as exc:
        raise DraftFormatError(
            "草稿开头的元数据中含有 YAML 别名或锚点（& 或 *），为安全起见不予读取"
        ) from exc
    except RecursionError as exc:
        raise DraftFormatError("草稿开头的元数据嵌套过深，无法读取") from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"第 {mark.line + 2} 行" if mark is not None else ""
        raise DraftFormatError(f"草稿开头的元数据格式有误{where}，请检查冒号和引号") from exc
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise DraftFormatError("草稿开头的元数据应为「键: 值」的形式")
    version = data.pop("drafter_format", FORMAT_VERSION)
    if not isinstance(version, int) or version > FORMAT_VERSION:
        raise DraftFormatError(f"这份草稿由更新版本的 drafter 写成（格式 {version}），请升级后再打开")
    meta = Meta()
    for key in _META_KEYS:
        if key not in data:
            continue
        value = data.pop(key)
        if key == "year":
            if value in (None, ""):
                value = None
            elif isinstance(value, int) and not isinstance(value, bool):
                pass
            elif isinstance(value, str) and value.strip().isdigit():
                value = int(value.strip())
            else:
                raise DraftFormatError(f"草稿的年份「{value}」应为数字，例如 2025")
            if value is not None and not _YEARS[0] <= value <= _YEARS[1]:
                # Date arithmetic (deadlines, 「上一年」) needs a calendar year, not -5 or 99999.
                raise DraftFormatError(
                    f"草稿的年份「{value}」不在 {_YEARS[0]}–{_YEARS[1]} 之间，请改为报告年度"
                )
        elif key == "date":
            value = _parse_date(value)
        elif key in ("attachments", "promises"):
            if value is None:
                value = []
            if not isinstance(value, list):
                raise DraftFormatError(f"草稿元数据中的 {key} 应为列表")
            value = ["" if v is None else str(v) for v in value]
        else:
            value = "" if value is None else str(value)
        setattr(meta, key, value)
    meta.extra = {str(k): v for k, v in data.items()}
    return meta


def dumps(report: Report) -> str:
    """The draft as Markdown text."""
    out: list[str] = ["---", _meta_to_yaml(report.meta).rstrip("\n"), "---", ""]

    def paragraphs(items: list[Paragraph]) -> None:
        for p in items:
            if p.flags:
                out.append(f"<!-- drafter: {' '.join(sorted(p.flags))} -->")
            out.append(_escape_paragraph(p.text))
            out.append("")

    def section(s: Section, level: int) -> None:
        line = "#" * min(level, 6)
        heading = _escape_heading(s.heading)
        if heading:
            line += " " + heading
        if s.part:
            line += f" {{#{s.part}}}"
        out.append(line)
        out.append("")
        paragraphs(s.paragraphs)
        for child in s.children:
            section(child, level + 1)

    paragraphs(report.opening)
    for s in report.sections:
        section(s, 1)
    if report.closing:
        out.append(f"<!-- drafter: {_CLOSING} -->")
        out.append("")
        paragraphs(report.closing)
    return "\n".join(out).rstrip("\n") + "\n"


def loads(text: str) -> Report:
    """Parse a draft. Tolerates hand edits: CRLF, a missing header, paragraphs wrapped over lines."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n")
    lines = text.split("\n")
    meta = Meta()
    start = 0
    if lines and lines[0].strip() == "---":
        for i in range(1, len(lines)):
            if lines[i].strip() in ("---", "..."):
                meta = _meta_from_yaml("\n".join(lines[1:i]))
                start = i + 1
                break
        else:
            raise DraftFormatError("草稿开头的元数据缺少结束行「---」")

    report = Report(meta=meta)
    stack: list[Section] = []
    target = report.opening
    in_closing = False
    pending_flags: frozenset[str] = frozenset()
    buffer: list[str] = []

    def flush() -> None:
        nonlocal pending_flags
        if buffer:
            target.append(Paragraph(_unescape_paragraph("".join(buffer)), pending_flags))
            buffer.clear()
            pending_flags = frozenset()

    for raw in lines[start:]:
        line = raw.rstrip("\n")
        if not line.strip():
            flush()
            continue
        flag = _FLAG_LINE.match(line)
        if flag:
            flush()
            words = frozenset(flag.group(1).split())
            if _CLOSING in words:
                in_closing = True
                target = report.closing
                words = words - {_CLOSING}
            pending_flags = words
            continue
        line = line.strip()
        heading = _HEADING.match(line) if not in_closing else None
        if heading:
            flush()
            level = len(heading.group(1))
            rest = heading.group(2) or ""
            part = None
            m = _HEADING_ID.match(" " + rest) if rest.startswith("{#") else _HEADING_ID.match(rest)
            if m:
                rest, part = m.group(1).strip() if rest.startswith("{#") else m.group(1), m.group(2)
            node = Section(heading=_unescape_inline(rest), part=part)
            depth = min(level, len(stack) + 1)
            del stack[depth - 1 :]
            (stack[-1].children if stack else report.sections).append(node)
            stack.append(node)
            target = node.paragraphs
            pending_flags = frozenset()
            continue
        buffer.append(line)
    flush()
    return report


def save(report: Report, path: str | os.PathLike[str]) -> None:
    """Write atomically, keeping the previous version as ``NAME.bak`` (through a symlink: the real file) and
    every version in the draft's history folder (:mod:`drafter.history`)."""
    from .history import record

    text = dumps(report)
    atomic_write_text(path, text)
    record(path, text)


def save_unless_changed(
    report: Report,
    path: str | os.PathLike[str],
    expect: FileState | None,
    *,
    mtime_ns: int | None = None,
) -> FileState:
    """:func:`save`, but only if the file on disk is still in the state ``expect`` (None: no file).

    Raises :class:`~drafter.atomic.ChangedOnDisk` when another program changed the draft since we read
    or wrote it; nothing is written then. ``mtime_ns``: see :func:`drafter.atomic.atomic_write_bytes`."""
    return atomic_write_text(path, dumps(report), expect=expect, mtime_ns=mtime_ns)


def external_copy_path(path: str | os.PathLike[str], when: _dt.datetime | None = None) -> Path:
    """Where a version written by another program is kept: 「报告（外部修改 2026-12-01 203105）.md」 beside
    the draft, numbered when taken, so that the clerk finds it next to the draft in any file manager."""
    p = Path(path)
    stamp = (when or _dt.datetime.now()).strftime("%Y-%m-%d %H%M%S")
    base = f"{p.stem}（外部修改 {stamp}）"
    candidate = p.with_name(base + p.suffix)
    n = 2
    while os.path.lexists(candidate):
        candidate = p.with_name(f"{base}（{n}）{p.suffix}")
        n += 1
    return candidate


def keep_external_version(path: str | os.PathLike[str]) -> Path | None:
    """Copy the draft as it is on disk now (another program's version) beside it; its path, or None
    when there is no such file. The copy is created exclusively: it never replaces anything."""
    try:
        real = real_target(path)
        data = real.read_bytes()
        mode = stat.S_IMODE(real.stat().st_mode)
    except OSError:
        return None
    try:  # the other program's text is also a version in the draft's history
        from .history import record

        record(path, data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    for _ in range(5):
        copy = external_copy_path(path)
        try:
            atomic_write_bytes(copy, data, backup=False, exclusive=True, mode=mode)
        except UsageError:
            if os.path.lexists(copy):
                continue  # taken meanwhile: pick the next number
            raise
        return copy
    return None


_FOREIGN_MAGIC = (
    (b"PK\x03\x04", "Word 文档（.docx）"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "旧版 Word/WPS 文档（.doc/.wps）"),
    (b"{\\rtf", "RTF 文档"),
    (b"%PDF", "PDF 文件"),
)


def _foreign_format(data: bytes) -> str:
    """What a file saved under a draft's name really is (a .docx renamed .md), or "" for text."""
    head = data[:16].lstrip()
    return next((name for magic, name in _FOREIGN_MAGIC if head.startswith(magic)), "")


def load(path: str | os.PathLike[str]) -> Report:
    p = Path(path)
    try:
        st = p.stat()
    except FileNotFoundError as exc:
        raise InputError(f"找不到文件：{p}") from exc
    except OSError as exc:
        raise InputError(f"无法读取 {p}：{exc.strerror or exc}") from exc
    if stat.S_ISDIR(st.st_mode):
        raise InputError(f"{p} 是一个文件夹，不是草稿文件")
    if not stat.S_ISREG(st.st_mode):
        # A FIFO or a device would block (or never end) on read: refuse before opening it.
        raise InputError(f"{p} 不是普通文件（可能是管道或设备），无法作为草稿打开")
    if st.st_size > _MAX_DRAFT_BYTES:
        raise InputError(f"{p} 太大（{st.st_size // 1024 // 1024} MB），不像是一份草稿")
    try:
        with p.open("rb") as fh:
            data = fh.read(_MAX_DRAFT_BYTES + 1)
        if len(data) > _MAX_DRAFT_BYTES:
            raise InputError(f"{p} 太大，不像是一份草稿")
    except PermissionError as exc:
        raise InputError(f"没有权限读取 {p}") from exc
    except OSError as exc:
        raise InputError(f"无法读取 {p}：{exc.strerror or exc}") from exc
    foreign = _foreign_format(data)
    if foreign:
        raise DraftFormatError(
            f"{p.name} 实际上是{foreign}，不是草稿：请先用 drafter import {p.name} -o 新草稿.md 导入"
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DraftFormatError(f"{p} 不是 UTF-8 编码的草稿；其他文件请用 drafter import 导入") from exc
    return loads(text)

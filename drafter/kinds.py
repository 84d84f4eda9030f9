"""Report kinds as plugins.

A kind is a folder of data: ``kind.toml`` (parts, title, template names), an outlines file, jinja2
templates, and later its rule and term files. A Python package makes a kind available by declaring an
entry point in the group ``drafter.kinds`` whose object is a :class:`Kind` or a callable returning one,
usually ``Kind.from_dir(<its data folder>)``. The built-in kind ``fzzf`` registers itself the same way,
so the plugin path is the one every kind takes.
"""

from __future__ import annotations

import datetime as _dt
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from importlib.metadata import EntryPoint, entry_points
from pathlib import Path
from typing import Any

from .errors import KindError, UsageError
from .kind_data import (
    DataFiles,
    Deadline,
    Fields,
    PartSynonyms,
    build_area_guidance,
    build_deadlines,
    build_synonyms,
    read_toml,
)
from .model import Meta, Paragraph, Report, Section
from .resources import templates_dir
from .templating import render_file, render_string

ENTRY_POINT_GROUP = "drafter.kinds"


@dataclass(frozen=True)
class TaskSpec:
    """A main task of an implementation outline: a canonical sub-part of ``measures``."""

    id: str
    heading: str


@dataclass(frozen=True)
class OutlineSpec:
    id: str
    name: str
    doc_no: str = ""
    tasks: tuple[TaskSpec, ...] = ()
    #: True when the year asked for is past every recorded period and the latest outline stands in.
    provisional: bool = False


@dataclass(frozen=True)
class PartSpec:
    """One of the contents a report of this kind must (or may) include."""

    id: str
    name: str
    heading: str
    required: str = "error"  # "error" | "warning" | "hint"
    basis: str = ""
    guidance: str = ""
    tasks: bool = False
    optional_in_new: bool = False
    #: What the part is for (see :data:`drafter.kind_data.KNOWN_ROLES`); defaults to the part's id.
    role: str = ""
    #: Short names people type for it (「不足」「安排」), accepted wherever a part is named.
    aliases: tuple[str, ...] = ()


@dataclass
class Kind:
    id: str
    name: str
    root: Path
    parts: tuple[PartSpec, ...]
    min_year: int = 1949
    max_year: int = 2100
    title_template: str = "{{ org }}{{ year }}年{{ kind_name }}"
    opening_template: str | None = None
    closing_template: str | None = None
    basis: str = ""
    outlines: tuple[OutlineSpec, ...] = ()
    periods: tuple[tuple[int, int, str], ...] = ()
    config: dict[str, Any] = field(default_factory=dict)
    #: Name of a new draft's file, without ".md" (jinja2: title, org, year, kind_name ...).
    file_name_template: str = "{{ title }}"
    #: The kind's own phrasebank (``bank`` in kind.toml, relative to the data folder); None: the
    #: phrasebank's built-in bank serves it. A kind whose language differs from the built-in bank's ships one.
    bank_path: Path | None = None
    #: How far the year named in a title lies after the year reported on: 0 when the title names it
    #: (「2025年法治政府建设年度报告」), 1 when the report is delivered the next year and titled so
    #: (「2026年政府工作报告」 reviews 2025). The importer, the year check and year inference read it.
    title_year_offset: int = 0
    files: DataFiles = field(default=None, repr=False, compare=False)  # type: ignore[assignment]

    def __post_init__(self) -> None:
        if self.files is None:
            self.files = DataFiles(self.root)

    # ----------------------------------------------------------------- loading
    @classmethod
    def from_dir(cls, root: str | Path) -> Kind:
        """Read a kind from its data folder and validate every data file it has, once.

        Any mistake in the folder is a :class:`KindError` naming the file and the field."""
        root = Path(root)
        cfg = read_toml(root / "kind.toml")
        f = Fields(cfg, "kind.toml")
        parts = []
        for p in f.tables("parts"):
            role = p.str("role", p.str("id"))
            required = p.str("required", "error")
            if required not in ("error", "warning", "hint"):
                raise KindError(
                    f"报告类型数据文件 kind.toml 中字段「{p.where}.required」应为 error、warning 或 hint"
                )
            parts.append(
                PartSpec(
                    id=p.str("id"),
                    name=p.str("name"),
                    heading=p.str("heading", p.str("name")),
                    required=required,
                    basis=p.str("basis", ""),
                    guidance=p.str("guidance", ""),
                    tasks=p.bool("tasks", False),
                    optional_in_new=p.bool("optional_in_new", False),
                    role=role,
                    aliases=p.strs("aliases"),
                )
            )
        ids = [p.id for p in parts]
        roles = [p.role for p in parts]
        for label, values in (("id", ids), ("role", roles)):
            dup = sorted({v for v in values if values.count(v) > 1})
            if dup:
                raise KindError(f"报告类型数据文件 kind.toml 中 parts 的 {label} 重复：{'、'.join(dup)}")
        outlines: tuple[OutlineSpec, ...] = ()
        periods: tuple[tuple[int, int, str], ...] = ()
        if cfg.get("outlines"):
            oname = f.str("outlines")
            of = Fields(read_toml(root / oname), oname)
            outlines = tuple(
                OutlineSpec(
                    id=o.str("id"),
                    name=o.str("name"),
                    doc_no=o.str("doc_no", ""),
                    tasks=tuple(TaskSpec(t.str("id"), t.str("heading")) for t in o.tables("tasks")),
                )
                for o in of.tables("outlines")
            )
            periods = tuple((p.int("from"), p.int("to"), p.str("outline")) for p in of.tables("periods"))
        kind = cls(
            id=f.str("id"),
            name=f.str("name"),
            root=root,
            parts=tuple(parts),
            min_year=f.int("min_year", 1949),
            max_year=f.int("max_year", 2100),
            title_template=f.str("title", cls.title_template),
            opening_template=cfg.get("opening") and f.str("opening"),
            closing_template=cfg.get("closing") and f.str("closing"),
            basis=f.str("basis", ""),
            outlines=outlines,
            periods=periods,
            config=cfg,
            file_name_template=f.str("file_name", "{{ title }}"),
            bank_path=_bank_path(root, f),
            title_year_offset=f.int("title_year_offset", 0),
        )
        kind.validate()
        return kind

    def validate(self) -> None:
        """Build every typed view of the core's data files now, so a broken file fails at load time."""
        _ = self.deadlines, self.area_guidance, self.synonyms

    # ----------------------------------------------------------------- data access
    def data_path(self, name: str) -> Path:
        """A data file of this kind (rules, terms, synonyms ...)."""
        return self.root / name

    def data(self, name: str) -> dict[str, Any]:
        """One of this kind's TOML data files, parsed once; a missing file is an empty table.

        Consumers outside the core (the phrasebank's mining rules) build their typed view of it through
        :meth:`typed`, so the file is still read once per process."""
        return self.files.table(name)

    #: Older name of :meth:`data`, kept for third-party code.
    load_data = data

    def typed(self, key: str, build: Callable[[], Any]) -> Any:
        """A typed view of this kind's data, built once (``key`` names it)."""
        return self.files.typed(key, build)

    @property
    def deadlines(self) -> tuple[Deadline, ...]:
        return self.typed("deadlines", lambda: build_deadlines(self.data("deadlines.toml")))

    @property
    def area_guidance(self) -> dict[str, str]:
        return self.typed("areas", lambda: build_area_guidance(self.data("areas.toml")))

    @property
    def synonyms(self) -> tuple[PartSynonyms, ...]:
        return self.typed("synonyms", lambda: build_synonyms(self.data("synonyms.toml")))

    def part(self, part_id: str) -> PartSpec | None:
        return next((p for p in self.parts if p.id == part_id), None)

    def part_for(self, role: str) -> PartSpec | None:
        """The part that plays a role (``"next"``: the plan for the following year), if the kind has one."""
        return next((p for p in self.parts if p.role == role), None)

    def part_id(self, role: str) -> str | None:
        spec = self.part_for(role)
        return spec.id if spec is not None else None

    def role_of(self, part_id: str | None) -> str | None:
        spec = self.part(part_id) if part_id else None
        return spec.role if spec is not None else None

    @property
    def task_part(self) -> PartSpec | None:
        """The part whose sub-sections are the outline's main tasks (``tasks = true``)."""
        return next((p for p in self.parts if p.tasks), None)

    def check_year(self, year: int) -> None:
        if not self.min_year <= year <= self.max_year:
            raise UsageError(
                f"年份 {year} 不在「{self.name}」适用的范围内（{self.min_year}—{self.max_year}年）"
            )

    def outline_for_year(self, year: int) -> OutlineSpec | None:
        """The implementation outline in force for a year, from the data file's period map."""
        if not self.outlines:
            return None
        by_id = {o.id: o for o in self.outlines}
        for start, end, oid in self.periods:
            if start <= year <= end and oid in by_id:
                return by_id[oid]
        later = [p for p in self.periods if p[1] < year]
        if later:
            latest = max(later, key=lambda p: p[1])
            o = by_id.get(latest[2])
            if o is not None:
                return OutlineSpec(o.id, o.name, o.doc_no, o.tasks, provisional=True)
        return None

    def context(self, meta: Meta) -> dict[str, Any]:
        """What templates of this kind may refer to."""
        year = meta.year if meta.year is not None else _dt.date.today().year - 1
        outline = self.outline_for_year(year)
        return {
            "year": year,
            "next_year": year + 1,
            "org": meta.org,
            "short": meta.short,
            "recipient": meta.recipient,
            "kind_name": self.name,
            "outline_name": outline.name if outline else "",
        }

    # ----------------------------------------------------------------- rendering
    def title(self, meta: Meta) -> str:
        return render_string(self.title_template, **self.context(meta))

    def file_name(self, meta: Meta) -> str:
        """A new draft's file name (with ".md"), from the kind's ``file_name`` template."""
        name = render_string(
            self.file_name_template, title=meta.title or self.title(meta), **self.context(meta)
        )
        name = name.strip().replace("/", "_").replace("\\", "_") or f"{self.name}"
        return f"{name}.md"

    def heading(self, part: PartSpec, meta: Meta) -> str:
        return render_string(part.heading, **self.context(meta))

    def guidance(self, part_id: str, meta: Meta) -> str:
        """Two or three lines on what a part must contain, with its basis, for the editor's help pane."""
        part = self.part(part_id)
        if part is not None:
            return render_string(part.guidance, **self.context(meta))
        outline = self.outline_for_year(meta.year or _dt.date.today().year - 1)
        if outline is not None:
            for task in outline.tasks:
                if task.id == part_id:
                    return f"对照《{outline.name}》「{task.heading}」，写明本年度的具体举措、数据和成效。"
        return ""

    def opening(self, meta: Meta) -> list[str]:
        return self._render_paragraphs(self.opening_template, meta)

    def closing(self, meta: Meta) -> list[str]:
        return self._render_paragraphs(self.closing_template, meta)

    def _render_paragraphs(self, template: str | None, meta: Meta) -> list[str]:
        if not template:
            return []
        text = render_file(self.root, template, **self.context(meta))
        return [line.strip() for line in text.splitlines() if line.strip()]

    def new_report(
        self,
        year: int,
        org: str,
        short: str = "",
        recipient: str = "",
        date: _dt.date | None = None,
    ) -> Report:
        """A fresh draft: the kind's parts as headings, the outline's tasks under the part that takes them."""
        self.check_year(year)
        meta = Meta(kind=self.id, year=year, org=org, short=short, recipient=recipient, date=date)
        meta.title = self.title(meta)
        outline = self.outline_for_year(year)
        sections = []
        for part in self.parts:
            if part.optional_in_new:
                continue
            section = Section(heading=self.heading(part, meta), part=part.id)
            if part.tasks and outline is not None:
                section.children = [Section(heading=t.heading, part=t.id) for t in outline.tasks]
            sections.append(section)
        return Report(
            meta=meta,
            opening=[Paragraph(t) for t in self.opening(meta)],
            sections=sections,
            closing=[Paragraph(t) for t in self.closing(meta)],
        )


def _bank_path(root: Path, f: Fields) -> Path | None:
    """The ``bank`` field of kind.toml as a path inside the data folder.

    The file may be missing (the kind's build script mines it through the kind itself); whoever opens the
    bank says so in one line."""
    if "bank" not in f.table:
        return None
    return root / f.str("bank")


# --------------------------------------------------------------------- registry
def fzzf() -> Kind:
    """The built-in kind 法治政府建设年度报告 (registered as an entry point like any plugin)."""
    return Kind.from_dir(templates_dir() / "fzzf")


def _entry_points() -> dict[str, EntryPoint]:
    return {ep.name: ep for ep in entry_points(group=ENTRY_POINT_GROUP)}


def available_kinds() -> list[str]:
    """Names of the installed kinds, without importing any of them."""
    return sorted(_entry_points())


@cache
def get_kind(kind_id: str) -> Kind:
    """Load one kind by id. Unknown ids and broken plugins become a one-line :class:`UsageError`."""
    eps = _entry_points()
    ep = eps.get(kind_id)
    if ep is None:
        names = "、".join(sorted(eps)) or "无"
        raise UsageError(f"未知的报告类型「{kind_id}」；已安装的类型：{names}")
    try:
        obj: Any = ep.load()
        kind = obj() if callable(obj) and not isinstance(obj, Kind) else obj
    except KindError:
        raise
    except Exception as exc:  # a third-party plugin may fail in any way; report it, don't crash
        raise KindError(f"报告类型「{kind_id}」加载失败：{exc}") from exc
    if not isinstance(kind, Kind):
        raise KindError(f"报告类型「{kind_id}」的入口没有给出 Kind 对象")
    return kind


def load_all_kinds(warn: Callable[[str], None] | None = None) -> list[Kind]:
    """Every kind that loads; a failing plugin is reported through ``warn`` (stderr) and skipped."""
    out = []
    for name in available_kinds():
        try:
            out.append(get_kind(name))
        except Exception as exc:
            (warn or (lambda m: print(m, file=sys.stderr)))(f"警告：{exc}")
    return out

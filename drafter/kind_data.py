"""Typed records of a kind's data files, and the one loader every data file goes through.

A kind's folder is edited by hand once a year; a typo there must surface as one Chinese line that names the
file and the field, the first time the kind is loaded, not as a ``KeyError`` deep inside a check. So every
data file is parsed once (:class:`DataFiles`), and each consumer turns its table into frozen dataclasses
here, with the file's name in every error.
"""

from __future__ import annotations

import datetime as _dt
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from .errors import KindError

T = TypeVar("T")

#: What a part is for. Generic code asks the kind for the part with a role, never for an id, so a kind
#: may name its parts as it likes. A kind may use other roles too; these are the ones the core knows.
ROLE_WORK = "work"  # what was done in the year: measures and results
ROLE_SHORTCOMINGS = "shortcomings"  # problems and their causes
ROLE_RESPONSIBILITY = "responsibility"  # how the principal leaders fulfilled their duty
ROLE_NEXT = "next"  # the plan for the following year
ROLE_OTHER = "other"  # anything else to report
KNOWN_ROLES = (ROLE_WORK, ROLE_SHORTCOMINGS, ROLE_RESPONSIBILITY, ROLE_NEXT, ROLE_OTHER)

#: Chinese names of the roles, for messages ("the part that plays this role").
ROLE_ZH = {
    ROLE_WORK: "主要工作和成效",
    ROLE_SHORTCOMINGS: "存在的不足和原因",
    ROLE_RESPONSIBILITY: "主要负责人履职情况",
    ROLE_NEXT: "下一年度安排",
    ROLE_OTHER: "其他情况",
}


class DataFiles:
    """Parses each TOML file of a kind's folder at most once; a missing optional file is an empty table."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._cache: dict[str, dict[str, Any]] = {}
        self._typed: dict[str, Any] = {}

    def table(self, name: str, *, required: bool = False) -> dict[str, Any]:
        if name not in self._cache:
            path = self.root / name
            if not path.exists():
                if required:
                    raise KindError(f"报告类型缺少数据文件：{path}")
                self._cache[name] = {}
            else:
                self._cache[name] = read_toml(path)
        return self._cache[name]

    def typed(self, key: str, build: Callable[[], T]) -> T:
        """A typed view built once (``key`` names it); builders raise :class:`KindError` on bad data."""
        if key not in self._typed:
            self._typed[key] = build()
        return self._typed[key]


def read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except FileNotFoundError as exc:
        raise KindError(f"报告类型缺少数据文件：{path}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise KindError(f"报告类型数据文件 {path.name} 格式有误：{exc}") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise KindError(f"无法读取报告类型数据文件 {path}：{exc}") from exc


class Fields:
    """Reads fields of one TOML table with type checks; every error names the file and the field."""

    def __init__(self, table: Any, file: str, where: str = "") -> None:
        if not isinstance(table, dict):
            raise KindError(f"报告类型数据文件 {file} 中「{where or '顶层'}」应为一个表")
        self.table = table
        self.file = file
        self.where = where

    def _name(self, key: str) -> str:
        return f"{self.where}.{key}" if self.where else key

    def _bad(self, key: str, what: str) -> KindError:
        return KindError(f"报告类型数据文件 {self.file} 中字段「{self._name(key)}」{what}")

    def str(self, key: str, default: str | None = None) -> str:
        value = self.table.get(key, default)
        if value is None:
            raise self._bad(key, "缺失")
        if not isinstance(value, str):
            raise self._bad(key, "应为文字")
        return value

    def int(self, key: str, default: int | None = None) -> int:
        value = self.table.get(key, default)
        if value is None:
            raise self._bad(key, "缺失")
        if isinstance(value, bool) or not isinstance(value, int):
            raise self._bad(key, "应为整数")
        return value

    def bool(self, key: str, default: bool = False) -> bool:
        value = self.table.get(key, default)
        if not isinstance(value, bool):
            raise self._bad(key, "应为 true 或 false")
        return value

    def strs(self, key: str) -> tuple[str, ...]:
        value = self.table.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self._bad(key, "应为文字列表")
        return tuple(value)

    def tables(self, key: str) -> list[Fields]:
        value = self.table.get(key, [])
        if not isinstance(value, list):
            raise self._bad(key, "应为表的列表（[[...]]）")
        return [Fields(v, self.file, f"{self._name(key)}[{i}]") for i, v in enumerate(value)]

    def sub(self, key: str) -> Fields:
        return Fields(self.table.get(key, {}), self.file, self._name(key))


# --------------------------------------------------------------------- deadlines.toml
@dataclass(frozen=True)
class Deadline:
    """When a report is due, counted from the year reported on."""

    label: str
    year_offset: int
    month: int
    day: int
    note: str = ""

    def date_for(self, year: int) -> _dt.date:
        return _dt.date(year + self.year_offset, self.month, self.day)


def build_deadlines(table: dict[str, Any], file: str = "deadlines.toml") -> tuple[Deadline, ...]:
    out = []
    for f in Fields(table, file).tables("deadlines"):
        d = Deadline(
            label=f.str("label", ""),
            year_offset=f.int("year_offset", 1),
            month=f.int("month"),
            day=f.int("day"),
            note=f.str("note", ""),
        )
        try:
            d.date_for(2000)
        except ValueError as exc:
            raise KindError(
                f"报告类型数据文件 {file} 中「{f.where}」的日期无效：{d.month}月{d.day}日"
            ) from exc
        out.append(d)
    return tuple(out)


# --------------------------------------------------------------------- areas.toml
def build_area_guidance(table: dict[str, Any], file: str = "areas.toml") -> dict[str, str]:
    """Guidance templates of the areas outside the outline (opening, closing)."""
    fields = Fields(table, file)
    return {area: fields.sub(area).str("guidance", "") for area in table}


# --------------------------------------------------------------------- synonyms.toml
@dataclass(frozen=True)
class PartSynonyms:
    """How real reports name one part: phrases to compare headings with, and keywords that decide alone."""

    id: str
    phrases: tuple[str, ...]
    keywords: tuple[str, ...]
    nested: bool
    nested_keywords: tuple[str, ...]


def build_synonyms(table: dict[str, Any], file: str = "synonyms.toml") -> tuple[PartSynonyms, ...]:
    parts = Fields(table, file).sub("parts")
    out = []
    for pid in parts.table:
        f = parts.sub(pid)
        keywords = f.strs("keywords")
        out.append(
            PartSynonyms(
                id=pid,
                phrases=f.strs("phrases"),
                keywords=keywords,
                nested=f.bool("nested", False),
                nested_keywords=f.strs("nested_keywords") if "nested_keywords" in f.table else keywords,
            )
        )
    return tuple(out)

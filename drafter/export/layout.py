"""Layout settings of the exported document, read from data files rather than written in code.

The numbers of GB/T 9704-2012 live in ``drafter/export/gbt9704.toml`` (a national standard, not a kind's choice). A kind may ship its own
``layout.toml`` holding only the keys it changes, and so may the user (in platformdirs'
``user_config_dir("drafter")/layout.toml``), because local offices differ in small ways (bold headings,
仿宋 instead of 仿宋_GB2312) and a policy change must be an edit of data, not of code.
"""

from __future__ import annotations

import math
import os
import tomllib
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from ..errors import InputError

EMU_PER_MM = 36000
TWIPS_PER_PT = 20
PT_PER_MM = 72 / 25.4
#: Name of the layout file in a kind's folder and in the user's config folder.
LAYOUT_FILE = "layout.toml"


@dataclass(frozen=True)
class Layout:
    """Every layout number the exporter uses; field names are ``<table>_<key>`` of layout.toml."""

    page_width_mm: float
    page_height_mm: float
    page_top_mm: float
    page_bottom_mm: float
    page_left_mm: float
    page_right_mm: float
    page_footer_mm: float
    grid_lines_per_page: int
    grid_chars_per_line: int
    grid_line_pitch_pt: float
    fonts_latin: str
    fonts_body: str
    fonts_title: str
    fonts_headings: tuple[str, ...]
    fonts_page_number: str
    sizes_body_pt: float
    sizes_title_pt: float
    sizes_page_number_pt: float
    headings_bold_levels: tuple[int, ...]
    headings_keep_with_next: bool
    body_first_line_indent_chars: float
    title_break_after: tuple[str, ...]
    title_keep_together: tuple[str, ...]
    title_blank_lines_after: int
    recipient_colon: str
    signature_org_right_chars: float
    signature_date_shift_chars: float
    signature_blank_lines_before: int
    attachments_label: str
    attachments_indent_chars: float
    attachments_blank_lines_before: int
    page_number_dash: str
    page_number_side_indent_chars: float

    # ------------------------------------------------------------------ derived numbers
    @property
    def type_width_pt(self) -> float:
        return (self.page_width_mm - self.page_left_mm - self.page_right_mm) * PT_PER_MM

    @property
    def type_height_pt(self) -> float:
        return (self.page_height_mm - self.page_top_mm - self.page_bottom_mm) * PT_PER_MM

    @property
    def line_pitch_twips(self) -> int:
        """Exact line spacing: the type height shared by the lines, rounded down so the last one fits."""
        if self.grid_line_pitch_pt > 0:
            return round(self.grid_line_pitch_pt * TWIPS_PER_PT)
        return math.floor(self.type_height_pt * TWIPS_PER_PT / self.grid_lines_per_page)

    @property
    def char_spacing_twips(self) -> int:
        """Character spacing (w:spacing) so that chars_per_line body characters fill a line.

        28 characters of 16 pt are 158 mm, wider than the 156 mm type area; condensing each by a few
        twentieths of a point makes them fit, in LibreOffice and in Word alike.
        """
        per_char = self.type_width_pt * TWIPS_PER_PT / self.grid_chars_per_line
        return min(0, math.floor(per_char - self.sizes_body_pt * TWIPS_PER_PT))

    @property
    def char_advance_twips(self) -> int:
        """Width of one body character as laid out (size plus the condensed spacing)."""
        return round(self.sizes_body_pt * TWIPS_PER_PT) + self.char_spacing_twips

    def chars_to_twips(self, chars: float) -> int:
        return round(chars * self.char_advance_twips)

    @property
    def title_chars_per_line(self) -> int:
        return max(1, math.floor(self.type_width_pt / self.sizes_title_pt))

    def heading_font(self, level: int) -> str:
        fonts = self.fonts_headings or (self.fonts_body,)
        return fonts[min(level, len(fonts)) - 1]


_FIELDS = {f.name: f for f in fields(Layout)}


def _flatten(data: dict[str, Any], source: Path) -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for table, values in data.items():
        if not isinstance(values, dict):
            raise InputError(f"版式文件 {source} 中「{table}」应为一个表（[{table}]）")
        for key, value in values.items():
            name = f"{table}_{key}"
            if name not in _FIELDS:
                raise InputError(f"版式文件 {source} 中有未知的设置「[{table}] {key}」")
            flat[name] = value
    return flat


_TABLES = (
    "page_number",
    "page",
    "grid",
    "fonts",
    "sizes",
    "headings",
    "body",
    "title",
    "recipient",
    "signature",
    "attachments",
)

#: Sane ranges of the numbers (inclusive). A number outside is a typo, and would make the exporter
#: loop for hours (100000 blank lines) or overflow (a page 1e300 mm wide): refused in one line.
RANGES: dict[str, tuple[float, float]] = {
    "page_width_mm": (50, 1000),
    "page_height_mm": (50, 1000),
    "page_top_mm": (0, 300),
    "page_bottom_mm": (0, 300),
    "page_left_mm": (0, 300),
    "page_right_mm": (0, 300),
    "page_footer_mm": (0, 300),
    "grid_lines_per_page": (1, 100),
    "grid_chars_per_line": (1, 100),
    "grid_line_pitch_pt": (0, 200),
    "sizes_body_pt": (1, 200),
    "sizes_title_pt": (1, 200),
    "sizes_page_number_pt": (1, 200),
    "body_first_line_indent_chars": (0, 20),
    "title_blank_lines_after": (0, 20),
    "signature_org_right_chars": (0, 50),
    "signature_date_shift_chars": (0, 50),
    "signature_blank_lines_before": (0, 20),
    "attachments_indent_chars": (0, 50),
    "attachments_blank_lines_before": (0, 20),
    "page_number_side_indent_chars": (0, 50),
}
#: Longest text accepted for a font name, a label, and for each word of a list.
MAX_TEXT = 64
MAX_LIST = 200


def setting_name(name: str) -> str:
    """「[table] key」 for a flat field name (``page_number_dash`` → ``[page_number] dash``)."""
    table = next((t for t in _TABLES if name.startswith(t + "_")), name.partition("_")[0])
    return f"[{table}] {name[len(table) + 1 :]}"


def _coerce(name: str, value: Any, source: str) -> Any:
    kind = str(_FIELDS[name].type)
    where = f"版式设置「{setting_name(name)}」（{source}）"
    value = _coerce_type(name, kind, value, where)
    if name in RANGES:
        lo, hi = RANGES[name]
        if not lo <= value <= hi:
            raise InputError(f"{where}应在 {lo:g} 到 {hi:g} 之间（现为 {value:g}）")
    if isinstance(value, str) and len(value) > MAX_TEXT:
        raise InputError(f"{where}太长（最多 {MAX_TEXT} 个字）")
    if isinstance(value, tuple) and (
        len(value) > MAX_LIST or any(isinstance(v, str) and len(v) > MAX_TEXT for v in value)
    ):
        raise InputError(f"{where}太长（最多 {MAX_LIST} 项，每项最多 {MAX_TEXT} 个字）")
    return value


def _coerce_type(name: str, kind: str, value: Any, where: str) -> Any:
    if kind == "bool":
        if not isinstance(value, bool):
            raise InputError(f"{where}应为 true 或 false")
        return value
    if kind == "int":
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise InputError(f"{where}应为非负整数")
        return value
    if kind == "float":
        if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
            raise InputError(f"{where}应为数字")
        if value < 0:
            raise InputError(f"{where}不能为负数")
        return float(value)
    if kind == "str":
        if not isinstance(value, str):
            raise InputError(f"{where}应为文字（加引号）")
        return value
    if kind == "tuple[int, ...]":
        if not isinstance(value, list) or not all(isinstance(v, int) and 1 <= v <= 9 for v in value):
            raise InputError(f"{where}应为 1 到 9 的级别列表，例如 [2, 3]")
        return tuple(value)
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise InputError(f'{where}应为文字列表，例如 ["黑体", "楷体_GB2312"]')
    return tuple(value)


def _read(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            return _flatten(tomllib.load(fh), path)
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"版式文件 {path} 格式有误：{exc}") from exc
    except UnicodeDecodeError as exc:
        raise InputError(f"版式文件 {path} 不是 UTF-8 编码，请用记事本另存为 UTF-8") from exc
    except OSError as exc:
        raise InputError(f"无法读取版式文件 {path}：{exc.strerror or exc}") from exc


def user_layout_path() -> Path:
    """Where a user's own layout overrides live (may not exist)."""
    from platformdirs import user_config_dir

    return Path(user_config_dir("drafter")) / LAYOUT_FILE


def standard_layout_path() -> Path:
    """The GB/T 9704-2012 defaults every other layout file is laid over: a national standard, so it lives
    with the exporter; a kind's own ``layout.toml`` (optional) changes only what the kind must."""
    return Path(__file__).with_name("gbt9704.toml")


def load_layout(
    kind_dir: str | os.PathLike[str] | None = None,
    *,
    user_file: str | os.PathLike[str] | bool | None = True,
    overrides: dict[str, Any] | None = None,
) -> Layout:
    """The standard's layout, then the kind's file, then the user's file, then ``overrides``.

    ``user_file=True`` reads the user's config file if there is one; ``False``/``None`` skips it (tests
    and benchmarks must not depend on the machine's user settings); a path reads that file.
    ``overrides`` uses the flat field names of :class:`Layout` (``{"headings_bold": True}``).
    """
    values: dict[str, tuple[Any, str]] = {}
    layers: list[Path] = [standard_layout_path()]
    if kind_dir is not None:
        kind_file = Path(kind_dir) / LAYOUT_FILE
        if kind_file.is_file() and kind_file.resolve() != layers[0].resolve():
            layers.append(kind_file)
    if user_file is True:
        candidate = user_layout_path()
        if candidate.is_file():
            layers.append(candidate)
    elif user_file:
        candidate = Path(user_file)
        if not candidate.is_file():
            raise InputError(f"找不到版式文件：{candidate}")
        layers.append(candidate)
    for path in layers:
        for name, value in _read(path).items():
            values[name] = (value, str(path))
    for name, value in (overrides or {}).items():
        if name not in _FIELDS:
            raise InputError(f"未知的版式设置「{name}」")
        values[name] = (value, "参数")
    missing = [name for name in _FIELDS if name not in values]
    if missing:
        raise InputError(f"版式文件 {layers[0]} 缺少设置：{', '.join(missing)}")
    layout = Layout(**{name: _coerce(name, v, src) for name, (v, src) in values.items()})
    _validate(layout)
    return layout


def _validate(layout: Layout) -> None:
    if layout.type_width_pt < layout.sizes_body_pt * 4 or layout.type_height_pt < layout.sizes_body_pt * 4:
        raise InputError("版式设置有误：页边距过大，版心放不下正文")
    if layout.grid_lines_per_page < 1 or layout.grid_chars_per_line < 1:
        raise InputError("版式设置有误：每页行数和每行字数至少为 1")
    for name in ("sizes_body_pt", "sizes_title_pt", "sizes_page_number_pt"):
        if getattr(layout, name) < 1:
            raise InputError(f"版式设置有误：字号「{name}」太小")
    if layout.line_pitch_twips < layout.sizes_body_pt * TWIPS_PER_PT:
        raise InputError("版式设置有误：每页行数太多，行距小于字号")

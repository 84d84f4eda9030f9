"""Phrase text as code units: each of our slots is one private-use character, everything else is literal.

A stored template such as 「{{ year }}年，{{ short }}全面推行……」 is turned, once, at mining time, into a string
in which every slot *we* put there is one character of the Private Use Area and every other character is
what the report said. Three things follow:

* matching works across bodies and years: the drafter's 「2026年，我县」 and a source's 「2024年，濠江区」 are
  the same four code units, so a suffix structure and a bigram index can compare them directly;
* rendering is a ``str.translate`` of a dozen code units, with no template engine: report text is never run
  as a jinja2 template, and a mined 「{{ x }}」 (escaped at mining as ``{{ lb }}``/``{{ rb }}``) stays text;
* the text can live in one numpy ``uint16`` array (UTF-16 code units), loaded as it is stored.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

import numpy as np

#: Separates phrases in the concatenated text (never a character of a phrase).
SEP = 0
_PUA = 0xE000
#: Slot name → code unit. Year offsets cover ±9 years (mining keeps at most max_year_offset).
SLOT_CODES: dict[str, int] = {"year": _PUA + 1}
for _k in range(1, 10):
    SLOT_CODES[f"year + {_k}"] = _PUA + 1 + _k
    SLOT_CODES[f"year - {_k}"] = _PUA + 10 + _k
for _i, _name in enumerate(("org", "place", "parent", "stem", "short", "unit", "figure")):
    SLOT_CODES[_name] = _PUA + 20 + _i
FIGURE_CODE = SLOT_CODES["figure"]
YEAR_CODES = frozenset(v for k, v in SLOT_CODES.items() if k.startswith("year"))
#: Body slots: a title 《…》 holding one of these names the source's own document.
BODY_CODES = frozenset(SLOT_CODES[n] for n in ("org", "place", "parent", "stem", "short", "unit"))
_FIRST_SLOT = _PUA + 1
_LAST_SLOT = max(SLOT_CODES.values())
_CODE_TO_SLOT = {v: k for k, v in SLOT_CODES.items()}

#: A slot as written in a stored template; ``lb``/``rb`` are a literal brace from the report.
_TEMPLATE_SLOT = re.compile(r"\{\{ (year(?: [+-] [1-9])?|org|place|parent|stem|short|unit|n\d+|lb|rb) \}\}")
_PRIVATE = re.compile("[\ue000-\uf8ff\x00]")


def is_slot(code: int) -> bool:
    return _FIRST_SLOT <= code <= _LAST_SLOT


def encode_template(template: str) -> str:
    """A stored template as code-unit text: our slots become one character each, the rest is literal.

    Anything in the template that is not one of our slots (a report's own 「{{ … }}」 from an old bank)
    stays as the characters it is.
    """
    out: list[str] = []
    pos = 0
    for m in _TEMPLATE_SLOT.finditer(template):
        out.append(_PRIVATE.sub("\ufffd", template[pos : m.start()]))
        name = m.group(1)
        if name == "lb":
            out.append("{")
        elif name == "rb":
            out.append("}")
        elif name.startswith("n"):
            out.append(chr(FIGURE_CODE))
        else:
            out.append(chr(SLOT_CODES[name]))
        pos = m.end()
    out.append(_PRIVATE.sub("\ufffd", template[pos:]))
    return "".join(out)


#: What :func:`decode_template` rewrites: a text without any of these is its own template.
_DECODED = re.compile("[{}" + chr(_FIRST_SLOT) + "-" + chr(_LAST_SLOT) + "]")


def decode_template(text: str) -> str:
    """Code-unit text back to a template string (figures numbered in order, braces escaped)."""
    if _DECODED.search(text) is None:
        return text  # most phrases: nothing to rewrite (one scan instead of a loop over characters)
    out: list[str] = []
    figures = 0
    for ch in text:
        code = ord(ch)
        if code == FIGURE_CODE:
            figures += 1
            out.append(f"{{{{ n{figures} }}}}")
        elif is_slot(code):
            out.append(f"{{{{ {_CODE_TO_SLOT[code]} }}}}")
        elif ch == "{":
            out.append("{{ lb }}")
        elif ch == "}":
            out.append("{{ rb }}")
        else:
            out.append(ch)
    return "".join(out)


class _SlotTable(dict[int, str]):
    """A table from :func:`translation`: it maps slot code units and SEP only (see :func:`render_text`)."""


#: The code units a :func:`translation` table maps.
_RENDERED = re.compile("[\x00" + chr(_FIRST_SLOT) + "-" + chr(_LAST_SLOT) + "]")


def translation(context: dict[str, Any]) -> dict[int, str]:
    """The ``str.translate`` table that renders code-unit text with the drafter's values."""
    year = int(context.get("year", 0))
    table: dict[int, str] = _SlotTable()
    for name, code in SLOT_CODES.items():
        if name == "year":
            table[code] = str(year)
        elif name.startswith("year + "):
            table[code] = str(year + int(name[7:]))
        elif name.startswith("year - "):
            table[code] = str(year - int(name[7:]))
        elif name == "figure":
            table[code] = str(context.get("n1", "「X」"))
        else:
            table[code] = str(context.get(name, ""))
    table[SEP] = ""
    return table


def render_text(text: str, table: dict[int, str]) -> str:
    """Code-unit text rendered (slots replaced by the drafter's values; nothing is evaluated)."""
    if type(table) is _SlotTable and _RENDERED.search(text) is None:
        return text  # no slot to fill: a scan is cheaper than translating character by character
    return text.translate(table)


def to_units(text: str) -> np.ndarray:
    """UTF-16 code units of a string (characters beyond the BMP take two, and decode back intact)."""
    return np.frombuffer(text.encode("utf-16-le"), dtype=np.uint16)


def from_units(units: np.ndarray) -> str:
    return units.tobytes().decode("utf-16-le", errors="replace")


@cache
def fold_table() -> np.ndarray:
    """Code unit → the unit it is compared as: one width for punctuation and digits, ASCII lower case."""
    table = np.arange(65536, dtype=np.uint16)
    pairs = {
        ",": "，",
        ";": "；",
        ":": "：",
        "(": "（",
        ")": "）",
        "!": "！",
        "?": "？",
        "〔": "［",
        "〕": "］",
        "[": "［",
        "]": "］",
        "．": ".",
        "－": "-",
        "—": "-",
        "–": "-",
        "\u3000": " ",
        "\ufe50": "，",
        "\ufe51": "、",
    }
    for a, b in pairs.items():
        table[ord(a)] = ord(b)
    for i in range(10):
        table[0xFF10 + i] = ord("0") + i
    for c in range(ord("A"), ord("Z") + 1):
        table[c] = c + 32
        table[0xFF21 + c - ord("A")] = c + 32
    for c in range(ord("a"), ord("z") + 1):
        table[0xFF41 + c - ord("a")] = c
    return table


@cache
def keep_mask() -> np.ndarray:
    """Code units that count for similarity: Chinese, letters, digits and our slots (not punctuation)."""
    keep = np.zeros(65536, dtype=bool)
    keep[0x4E00:0xA000] = True
    keep[0x3400:0x4DC0] = True
    keep[0xF900:0xFB00] = True
    keep[0xD800:0xE000] = True  # surrogates: rare characters beyond the BMP
    keep[ord("0") : ord("9") + 1] = True
    keep[ord("a") : ord("z") + 1] = True
    keep[ord("A") : ord("Z") + 1] = True
    keep[_FIRST_SLOT : _LAST_SLOT + 1] = True
    return keep


#: What :func:`similarity_table` gives a unit that is dropped (0xFFFF folds to itself and is never kept).
DROPPED = 0xFFFF


@cache
def similarity_table() -> np.ndarray:
    """Code unit → its folded unit when that counts for similarity or is SEP, else :data:`DROPPED`: one
    lookup instead of folding, testing :func:`keep_mask` and testing for SEP."""
    folded = fold_table()
    kept = keep_mask()[folded] | (folded == SEP)
    return np.where(kept, folded, DROPPED).astype(np.uint16)


@cache
def stop_mask() -> np.ndarray:
    """Code units a continuation ends after: the natural stops of a Chinese clause."""
    stop = np.zeros(65536, dtype=bool)
    for ch in "、，；。：！？,;:!?":
        stop[ord(ch)] = True
    return stop


@cache
def _fold_map() -> dict[int, int]:
    table = fold_table()
    return {i: int(table[i]) for i in np.flatnonzero(table != np.arange(65536)).tolist()}


@cache
def _foldable() -> re.Pattern[str]:
    return re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(_fold_map())) + "]")


def fold_str(text: str) -> str:
    """A string folded as code units are (same length: one character for one)."""
    if _foldable().search(text) is None:
        return text  # nothing to fold (most Chinese text): a scan is cheaper than translating
    return text.translate(_fold_map())


def fold(units: np.ndarray) -> np.ndarray:
    return fold_table()[units]


#: Characters that :func:`keep_mask` drops (characters beyond the BMP are kept: their surrogates are).
_UNKEPT = re.compile(
    "[^\u4e00-\u9fff\u3400-\u4dbf\uf900-\ufaff\ud800-\udfff\U00010000-\U0010ffff0-9a-zA-Z"
    + chr(_FIRST_SLOT)
    + "-"
    + chr(_LAST_SLOT)
    + "]+"
)


def similarity_text(text: str) -> str:
    """The characters a phrase is scored by: folded, punctuation and separators dropped.

    The same as folding the code units and keeping those of :func:`keep_mask`, done on the string (no
    numpy round trip for a clause of a few dozen characters)."""
    return _UNKEPT.sub("", fold_str(text))


_HALF = ",;:()!?"
_FULL = "，；：（）！？"
_TO_HALF = str.maketrans(_FULL, _HALF)
_TO_FULL = str.maketrans(_HALF, _FULL)
_NUMERIC_PUNCT = re.compile(r"(?<=\d)，(?=\d)")
_HALF_PUNCT = re.compile("[" + re.escape(_HALF) + "]")
_STYLE_MARKS = re.compile("[" + re.escape(_HALF + _FULL) + "]")


def punctuation_style(text: str) -> str:
    """ "half" when the drafter writes 「,」「;」 (a web copy, a habit), "full" when 「，」「；」, "" when the text
    does not tell yet (suggestions then keep the width they were mined with)."""
    # one scan for all the marks of either width (counting each mark apart scans the text 14 times)
    marks = _STYLE_MARKS.findall(text)
    if not marks:
        return ""
    half = sum(1 for c in marks if c in _HALF)
    full = len(marks) - half
    if half == full == 0:
        return ""
    return "half" if half > full else "full"


def restyle(text: str, style: str) -> str:
    """A suggestion in the drafter's punctuation width, so that taking it keeps their text consistent."""
    if not style:
        return text
    if style == "half":
        return text.translate(_TO_HALF)
    if _HALF_PUNCT.search(text) is not None:
        text = text.translate(_TO_FULL)
    return _NUMERIC_PUNCT.sub(",", text) if "，" in text else text

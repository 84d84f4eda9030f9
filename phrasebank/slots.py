"""Turning a report's specifics into jinja2 slots, and rendering them with the drafter's own.

A mined sentence such as 「2024年，濠江区全面贯彻落实……」 is only reusable once its specifics are masked
(Drain3's lesson): the year becomes relative to the report's year (``{{ year }}``, ``{{ year + 1 }}``), the
issuing body and its place name become ``{{ org }}`` / ``{{ short }}`` / ``{{ place }}``, and figures become
numbered slots ``{{ n1 }}`` that render as 「X」 for the drafter to fill. A brace the report itself wrote is
stored as ``{{ lb }}``/``{{ rb }}``, so the template is unambiguous. Rendering substitutes our slots and nothing
else (:mod:`phrasebank.codec`): report text is never run as a jinja2 template.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from drafter.model import Meta

from . import codec
from .rules import MiningRules

#: What a figure slot renders as: the drafter must put this year's figure there.
FIGURE = "「X」"
_SLOT = re.compile(r"\{\{[^{}]*\}\}")
_FIGURE_SLOT = re.compile(r"\{\{ n\d+ \}\}")
_PUNCT_SPACE = re.compile(r"[\s\W_]+", re.UNICODE)
_PROTECTED = re.compile(r"《[^《》]*》|“[^“”]*”|〔[^〔〕]*〕|\"[^\"]*\"|「[^「」]*」")
_BOOK = re.compile(r"《[^《》]*》")
_INSTITUTION = "委|人民政府|政府|人大|政协|纪委|人民法院|人民检察院|法院|检察院|级|直|司法局|机关"
_YEAR_IN_TEXT = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*年")
#: What the report itself writes that must not be taken for a slot: braces, and our private code units.
_LITERAL = str.maketrans({"{": "\ue0f0", "}": "\ue0f1"})
_UNLITERAL = {0xE0F0: "{{ lb }}", 0xE0F1: "{{ rb }}"}
_PRIVATE_USE = re.compile("[\ue000-\uf8ff\x00]")
_BODY_SLOT_IN_TITLE = re.compile(r"《[^《》]*\{\{ (?:org|place|parent|stem|short|unit) \}\}[^《》]*》")
#: Short forms that say which unit the body is (我县 → 县), for a report that does not name itself.
_UNIT_FORMS = {"区": ("我区", "本区", "全区"), "县": ("我县", "本县", "全县"), "市": ("我市", "本市", "全市")}


@dataclass(frozen=True)
class Body:
    """The issuing body as it appears in its own report's text, longest forms first."""

    orgs: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    stems: tuple[str, ...] = ()
    parents: tuple[str, ...] = ()
    unit: str = ""


def _by_length(items: list[str]) -> tuple[str, ...]:
    return tuple(sorted({i for i in items if len(i) >= 2}, key=len, reverse=True))


def _components(place: str, rules: MiningRules) -> list[tuple[str, str]]:
    """「汕头市濠江区」 → [("汕头", "市"), ("濠江", "区")]."""
    units = "|".join(re.escape(u) for u in rules.units)
    return [(m.group(1), m.group(2)) for m in re.finditer(rf"(.{{2,}}?)({units})", place)]


def strip_org_suffix(org: str, rules: MiningRules) -> str:
    for suffix in rules.org_suffixes:
        if org.endswith(suffix) and len(org) > len(suffix):
            return org[: -len(suffix)]
    return org


def _place_from_text(text: str, rules: MiningRules) -> str:
    """The most frequent 「XX区/县」 name in a report that does not say who issued it (or "")."""
    counts: Counter[str] = Counter()
    # Only names written after their city or province (「大连市普兰店区」): a bare 「XX区」 in running text
    # is as often a verb phrase followed by 区委 (「贯彻落实区委……」) as a place.
    for m in re.finditer(r"(?<=[市省])([\u4e00-\u9fff]{2,3}(?:区|县|旗))", text):
        name = m.group(1)
        if name not in rules.not_places and not any(name.endswith(n) for n in rules.not_places):
            counts[name] += 1
    if not counts:
        return ""
    name, n = counts.most_common(1)[0]
    return name if n >= rules.place_min_count else ""


def body_from(org: str, title: str, text: str, rules: MiningRules) -> Body:
    """The body's names: from its metadata, else from the title, else from place names in the text."""
    place = strip_org_suffix(org.strip(), rules) if org.strip() else ""
    if not place and title:
        m = re.match(r"^\s*([\u4e00-\u9fff]{2,12}?(?:区|县|市|旗))", title)
        if m and not re.match(r"^\d", m.group(1)):
            place = m.group(1)
    if not place:
        place = _place_from_text(text, rules)
    comps = _components(place, rules) if place else []
    if not comps:
        return Body(orgs=_by_length([org.strip()]) if org.strip() else (), unit=unit_from_text(text, rules))
    stem, unit = comps[-1]
    last = stem + unit
    parents = [s + u for s, u in comps[:-1]] + [s for s, _ in comps[:-1]]
    org_suffix = org.strip()[len(place) :] if org.strip().startswith(place) else ""
    orgs = [org.strip()] if org.strip() else []
    if org_suffix:
        orgs.append(last + org_suffix)
    return Body(
        orgs=_by_length(orgs),
        places=_by_length(["".join(s + u for s, u in comps), last]),
        stems=_by_length([stem]),
        parents=_by_length(parents),
        unit=unit[-1],
    )


def unit_from_text(text: str, rules: MiningRules) -> str:
    """区/县/市 for a report that does not say who issued it, from how it speaks of itself (我县, 全县 …).

    Without it, 「区委、区政府」 of an unnamed district would stay 区 in every county's draft.
    """
    counts = {u: sum(text.count(f) for f in forms) for u, forms in _UNIT_FORMS.items()}
    unit, n = max(counts.items(), key=lambda kv: kv[1])
    return unit if n >= rules.place_min_count else ""


def unit_of_short(short: str) -> str:
    """The unit a short form names: 「我县」 → 县 (empty when it names none)."""
    short = short.strip()
    return short[-1] if len(short) >= 2 and short[-1] in "区县市旗镇乡" else ""


def draft_body(meta: Meta | None, rules: MiningRules) -> Body:
    """The drafter's own body, for reading what they type: from the org, else the title, else the short form."""
    if meta is None:
        return Body()
    body = body_from(meta.org, meta.title, "", rules)
    if not body.unit:
        unit = unit_of_short(meta.short)
        if unit:
            body = Body(orgs=body.orgs, places=body.places, stems=body.stems, parents=body.parents, unit=unit)
    return body


def guess_year(title: str, text: str) -> int | None:
    """The year a report is about when its metadata lacks it: the year in its title, else the commonest."""
    for source in (title, text[:3000]):
        years = [int(y) for y in _YEAR_IN_TEXT.findall(source) if 1990 <= int(y) <= 2100]
        if years:
            return Counter(years).most_common(1)[0][0] if source is not title else years[0]
    return None


def _alt(items: tuple[str, ...]) -> str:
    return "|".join(re.escape(i) for i in items) or r"(?!x)x"


@lru_cache(maxsize=256)
def _pattern(body: Body, rules: MiningRules) -> re.Pattern[str]:
    unit_words: tuple[str, ...] = ()
    if body.unit:
        unit_words = tuple(w.replace("{u}", body.unit) for w in rules.unit_words)
    blockers = re.escape(rules.unit_word_blockers) if rules.unit_word_blockers else "\x00"
    sblock = re.escape(rules.short_form_blockers) if rules.short_form_blockers else "\x00"
    sfollow = re.escape(rules.short_form_followers) if rules.short_form_followers else "\x00"
    return re.compile(
        rf"(?P<range>\d{{4}}\s*[-—–~至到－]\s*\d{{4}}\s*年)"
        rf"|(?P<org>{_alt(body.orgs)})"
        rf"|(?P<placeinst>{_alt(body.places)})(?=(?:{_INSTITUTION}))"
        rf"|(?P<place>{_alt(body.places)})"
        rf"|(?P<parent>{_alt(body.parents)})"
        rf"|(?P<stem>{_alt(body.stems)})"
        rf"|(?<![{sblock}])(?P<short>{_alt(rules.short_forms)})(?![{sfollow}])"
        rf"|(?<![{blockers}])(?P<unitword>{_alt(unit_words)})"
        r"|(?<![\d.])(?P<year>(?:19|20)\d{2})(?=\s*年)"
        r"|(?<![\d.A-Za-z])(?P<num>\d+(?:\.\d+)?)(?![\dA-Za-z])"
    )


def _inside(spans: list[tuple[int, int]], pos: int) -> bool:
    return any(a < pos < b for a, b in spans)


def to_template(text: str, year: int | None, body: Body, rules: MiningRules) -> str:
    """A clause with its specifics replaced by slots (see the module docstring)."""
    text = _PRIVATE_USE.sub("\ufffd", text).translate(_LITERAL)
    protected = [m.span() for m in _PROTECTED.finditer(text)]
    books = [m.span() for m in _BOOK.finditer(text)]
    counter = 0

    def replace(m: re.Match[str]) -> str:
        nonlocal counter
        kind = m.lastgroup
        value = m.group(0)
        if kind == "range":
            return re.sub(r"\s+", "", value)
        if kind == "org":
            return "{{ org }}"
        if kind == "placeinst":
            return "{{ place }}"
        if kind == "place":
            return "{{ place }}" if _inside(protected, m.start()) else "{{ short }}"
        if kind == "parent":
            return "{{ parent }}"
        if kind == "stem":
            return "{{ stem }}"
        if kind == "short":
            return "{{ place }}" if _inside(books, m.start()) else "{{ short }}"
        if kind == "unitword":
            return value.replace(body.unit, "{{ unit }}")
        if kind == "year":
            if year is None:
                return value
            off = int(value) - year
            if abs(off) > rules.max_year_offset:
                return value
            return "{{ year }}" if off == 0 else f"{{{{ year {'+' if off > 0 else '-'} {abs(off)} }}}}"
        # a figure
        if value in rules.keep_numbers or _inside(protected, m.start()):
            return value
        counter += 1
        return f"{{{{ n{counter} }}}}"

    return _pattern(body, rules).sub(replace, text).translate(_UNLITERAL)


def title_names_body(template: str) -> bool:
    """Whether a title 《…》 in the template holds a body slot: the source's own document, not reusable.

    A name inside 《》 is kept whole or the phrase is dropped: 「《法治普兰店建设规划》」 must not become
    「《法治某某建设规划》」, a document that does not exist.
    """
    return _BODY_SLOT_IN_TITLE.search(template) is not None


def strip_slots(template: str) -> str:
    """The template's own words, slots removed: what the index and the scorer compare."""
    return _SLOT.sub("", template)


def group_key(template: str) -> str:
    """Phrases with the same key are one stock phrase (figures, punctuation and spacing ignored)."""
    return _PUNCT_SPACE.sub("", _FIGURE_SLOT.sub("#", template).replace("{{", "{").replace("}}", "}"))


def figure_slots(template: str) -> int:
    return len(_FIGURE_SLOT.findall(template))


def context_for(meta: Meta | None, rules: MiningRules | None = None) -> dict[str, Any]:
    """Values for the slots from the drafter's metadata; what is unknown renders as a 「…」 to fill."""
    meta = meta or Meta()
    year = meta.year if meta.year is not None else _dt.date.today().year - 1
    org = meta.org.strip()
    place = ""
    unit = ""
    if org and rules is not None:
        place = strip_org_suffix(org, rules)
        comps = _components(place, rules)
        if comps:
            place = comps[-1][0] + comps[-1][1]
            unit = comps[-1][1][-1]
    if not unit:
        unit = unit_of_short(meta.short)
    short = meta.short.strip() or (f"我{unit}" if unit else "")
    stem = place[: -len(unit)] if unit and place.endswith(unit) and len(place) > len(unit) + 1 else place
    parent = str(meta.extra.get("parent", "")) if meta.extra else ""
    if not parent and meta.recipient.strip() and rules is not None:
        # The report goes to the level above: its place is what 「市委、市政府」 of a source speaks of.
        parent = strip_org_suffix(meta.recipient.strip(), rules)
    return {
        "year": year,
        "org": org or "「单位名称」",
        "short": short or "「我区/我县」",
        "place": place or "「地名」",
        "stem": stem or "「地名」",
        "unit": unit or "「区/县」",
        "parent": parent or "「上级地名」",
        **{f"n{i}": FIGURE for i in range(1, 41)},
    }


def render(template: str, context: dict[str, Any]) -> str:
    """Render a phrase template with slot values: our slots are substituted, nothing else is evaluated."""
    if "{" not in template:
        return template
    return codec.render_text(codec.encode_template(template), codec.translation(context)).strip()

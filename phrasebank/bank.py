"""A phrasebank in memory: one layer per SQLite file, searched together (personal over built-in, as in Word).

A layer is the bank's stored index (:mod:`phrasebank.compiled`) wrapped as it was read: opening does no
per-phrase work. Nothing a query touches is written after opening (the per-context caches are replaced
whole, never changed in place), so :meth:`Bank.suggest` is safe to call from worker threads at once.

One query gives one ranked list of two kinds of suggestion:

* ``continuation``: how the clause being typed usually goes on (:mod:`phrasebank.continuations`), inserted
  at the cursor (``replace == 0``);
* ``phrase``: a whole mined clause close to the one being typed, replacing only that clause — an enumerator
  such as 「四是」 before it, and everything before the clause, stay as the drafter wrote them.

Only phrases right for the draft's year are offered (:mod:`phrasebank.validity`), headings only when the
cursor is in a heading, and reference material (the national work reports) only where it fits the part.
"""

from __future__ import annotations

import math
import os
import re
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import LCSseq

from drafter.model import Meta

from . import checked, codec, continuations, listing, ranking, store
from .builtin_kind import BUILTIN_KIND
from .compiled import Compiled, compile_bank, compile_texts, invalid_spans, load_index
from .context import resolve
from .index import query_bigrams
from .memory import DraftMemory, own_body, paragraph_index
from .rules import mining_rules
from .sentences import clause_start
from .slots import context_for, draft_body, to_template
from .suffix import ContextIndex

#: Prior of a phrase (added to its 0–100 text score): same task or part, same top part, reports it is in.
PART_EXACT_BONUS = 20.0
PART_TOP_BONUS = 10.0
HEADING_BONUS = 8.0
FREQ_WEIGHT = 3.0
FREQ_BONUS_CAP = 10.0
#: Reference material (national work reports) ranks below the reports of the kind.
REFERENCE_PENALTY = 15.0
#: Parts where reference material fits (its rule-of-law passages review a year or plan the next).
REFERENCE_ROLES = frozenset({"work", "next"})
#: Text score weights: how much of the typed clause the phrase holds in order (LCS) and as bigrams.
LCS_WEIGHT = 55.0
BIGRAM_WEIGHT = 45.0
#: A whole phrase is looked for once the clause has this many characters (a shorter one is a continuation's
#: business), and ranks this much below its text score so that a likely continuation comes first.
MIN_PHRASE_QUERY = 4
PHRASE_OFFSET = 20.0
#: A whole phrase must hold at least this share of the typed clause (LCS) to be offered.
MIN_COVERAGE = 0.5
#: Continuations read per source beyond the suggestions asked for, before the final ranking (the fit
#: script's typist on the collected candidates, keystrokes over the five reports: 4 → 18,396, 7 → 18,384,
#: 10 → 18,365, 14 → 18,373; about 6% more time a query than 4).
CONTINUATIONS_EXTRA = 10
#: At an empty paragraph or heading, how much a clause that never opened a section counts against one
#: that did (a paragraph usually begins the way paragraphs of its part began in other reports).
NOT_OPENING_WEIGHT = 0.25
#: How many candidates the index hands to the exact scorer (recall@5 against an exhaustive scan: 0.981 at
#: 100,000 phrases, 0.971 at a million; 128 gave 0.987 / 0.978 for 6% more work a query).
CANDIDATES = 96
#: Characters of the typed clause the phrase search compares (its end: what is being typed now).
_MAX_QUERY_CHARS = 40
#: Query contexts (part, task, heading, year) whose per-phrase arrays are kept (about 14 bytes a phrase each).
_CACHE = 10


@dataclass(frozen=True)
class Suggestion:
    """One suggestion, rendered for the drafter's report, with where it comes from.

    ``insert`` goes in at the cursor after deleting the ``replace`` characters before it; ``text`` is what
    a list shows.
    """

    text: str
    template: str
    score: float
    part: str | None
    function: str
    #: In how many distinct reports the phrase (or continuation) appears.
    frequency: int
    #: Names of the reports it was mined from.
    sources: list[str] = field(default_factory=list)
    #: "user" or "builtin": which layer it came from.
    bank: str = "builtin"
    phrase_id: int = 0
    insert: str = ""
    replace: int = 0
    #: "continuation" or "phrase".
    kind: str = "phrase"
    #: Code-unit text the template is decoded from when the suggestion is handed out.
    code: str = field(default="", repr=False, compare=False)

    def finished(self) -> Suggestion:
        """With its template filled in (decoded only for the suggestions that are returned)."""
        if self.template or not self.code:
            return self
        return _with(self, template=codec.decode_template(self.code))

    @property
    def reports(self) -> int:
        return self.frequency

    def to_json(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "insert": self.insert,
            "replace": self.replace,
            "kind": self.kind,
            "reports": self.frequency,
            "template": self.template,
            "score": round(self.score, 2),
            "part": self.part,
            "function": self.function,
            "frequency": self.frequency,
            "sources": list(self.sources),
            "bank": self.bank,
            "phrase_id": self.phrase_id,
        }


def _fill(cls: type[Any], **fields: Any) -> Any:
    """An instance of a frozen dataclass from every one of its fields, as ``cls(**fields)`` builds it.

    Why: a keystroke builds a dozen or two suggestions and ranking candidates that are mostly dropped; a
    frozen dataclass's ``__init__`` sets each field through ``object.__setattr__``, which costs more than the
    rest of the building. For :class:`Suggestion` and :class:`phrasebank.ranking.Candidate` (no
    ``__post_init__``, no ``__slots__``) filling the ``__dict__`` gives the same object; callers pass every
    field (tests check it against the plain constructor).
    """
    out = object.__new__(cls)
    out.__dict__.update(fields)
    return out


def _suggestion(**fields: Any) -> Suggestion:
    """A :class:`Suggestion` from every one of its fields (see :func:`_fill`)."""
    return _fill(Suggestion, **fields)  # type: ignore[no-any-return]


def _with(obj: Any, **changes: Any) -> Any:
    """A copy of a frozen dataclass instance with some fields changed, as ``dataclasses.replace`` makes it.

    Why: ``replace`` introspects every field and runs ``__init__`` (one ``object.__setattr__`` a field);
    for :class:`Suggestion` and :class:`Query` (no ``__post_init__``, no ``InitVar``, every field in
    ``__init__``, no ``__slots__``) copying the instance dictionary gives the same object, several times faster.
    """
    out = object.__new__(type(obj))
    out.__dict__.update(obj.__dict__)
    out.__dict__.update(changes)
    return out


@dataclass(frozen=True)
class Query:
    """What is being typed and where: everything a layer needs to rank for this keystroke."""

    text: str
    #: Offset in ``text`` where the clause being typed starts (after 。； and any enumerator or number).
    start: int
    #: The clause in code units (the drafter's year and body as slots, like the mined text).
    codes: str
    part: str | None
    top: str | None
    heading: str
    in_heading: bool
    year: int
    table: dict[int, str]
    context: dict[str, Any]
    #: Punctuation width the drafter uses ("full", "half", "" unknown): suggestions are given in it.
    style: str = ""
    kind_id: str = BUILTIN_KIND

    @property
    def clause(self) -> str:
        return self.text[self.start :]

    @property
    def starting(self) -> bool:
        """Nothing typed yet in the paragraph or heading: it is continued from its start alone."""
        return not self.text.strip()


@lru_cache(maxsize=16)
def _parts_with_roles(kind_id: str, roles: frozenset[str]) -> frozenset[str]:
    """The kind's part ids that play these roles (material of another kind fits the work and the plan)."""
    from drafter.kinds import get_kind

    return frozenset(p.id for p in get_kind(kind_id).parts if p.role in roles)


_DRAFTS_LOCK = threading.Lock()
_DRAFTS: OrderedDict[tuple[Any, ...], tuple[dict[str, Any], dict[int, str], Any]] = OrderedDict()


def _draft_context(key: tuple[Any, ...], meta: Meta | None) -> tuple[dict[str, Any], dict[int, str], Any]:
    """Slot values, rendering table and body of a draft, kept for the last few drafts (one per keystroke
    would be wasted work: they change only when the metadata does)."""
    with _DRAFTS_LOCK:
        hit = _DRAFTS.get(key)
    if hit is None:
        rules = mining_rules(key[0])
        context = context_for(meta, rules)
        hit = (context, codec.translation(context), draft_body(meta, rules))
        with _DRAFTS_LOCK:
            _DRAFTS[key] = hit
            while len(_DRAFTS) > 16:
                _DRAFTS.popitem(last=False)
    return hit


def make_query(
    text: str,
    *,
    part: str | None = None,
    meta: Meta | None = None,
    heading: str | None = None,
    in_heading: bool = False,
) -> Query:
    """Everything about a keystroke the layers need: the clause, its code units, the context, the slots.

    With the cursor in a heading, ``heading`` is dropped: the section heading a front end sends is then the
    line being typed, and its text after the cursor would be the answer, not context."""
    if in_heading:
        heading = None
    kind_id = meta.kind if meta and meta.kind else BUILTIN_KIND  # a query about no kind: the built-in bank's
    rules = mining_rules(kind_id)
    key = (
        (
            kind_id,
            meta.year,
            meta.org,
            meta.short,
            meta.recipient,
            meta.title,
            str(meta.extra.get("parent", "")),
        )
        if meta is not None
        else (kind_id,)
    )
    context, table, body = _draft_context(key, meta)
    year = int(context["year"])
    task, top = resolve(part, heading, year, kind_id)
    start = clause_start(text, rules, heading=in_heading)
    clause = text[start:]
    codes = codec.encode_template(to_template(clause, year, body, rules)) if clause else ""
    return Query(
        text=text,
        start=start,
        codes=codes,
        part=task,
        top=top,
        heading=heading or "",
        in_heading=in_heading,
        year=year,
        table=table,
        context=context,
        style=codec.punctuation_style(text),
        kind_id=kind_id,
    )


def _context_key(q: Query) -> tuple[Any, ...]:
    """What the per-context arrays of a query depend on (the text typed does not enter them)."""
    return (q.part, q.top, q.year, q.in_heading, q.heading)


class BankLayer:
    """One bank file, opened: its stored index, and small caches of per-context arrays."""

    def __init__(self, path: str | os.PathLike[str], name: str) -> None:
        self.path = Path(path)
        self.name = name
        seen = store.fingerprint(self.path)
        conn = store.connect_read(self.path)
        outdated = False
        try:
            compiled = load_index(conn)
            if compiled is None:  # an older bank: compile it now, and store it below for the next time
                compiled = compile_bank(conn)
                outdated = True
        except Exception as exc:
            import sqlite3

            if isinstance(exc, sqlite3.DatabaseError):
                raise store._corrupt(self.path, exc) from exc
            raise
        finally:
            conn.close()
        if outdated:
            store.store_compiled_index(self.path, compiled, seen)
        self.data: Compiled = compiled
        self.context = ContextIndex(compiled.units, compiled.sa, compiled.sa_first)
        self._codes = {v: i for i, v in enumerate(compiled.vocab)}
        self._lock = threading.Lock()
        self._masks: OrderedDict[tuple[Any, ...], tuple[np.ndarray, ...]] = OrderedDict()
        self._invalid: dict[int, tuple[np.ndarray, np.ndarray]] = {}
        self._all_rows = np.ones(len(compiled.ids), dtype=bool)
        self._no_reference = ~compiled.reference
        self._freq_bonus = np.minimum(
            FREQ_WEIGHT * np.log2(1.0 + compiled.freq.astype(np.float32)), FREQ_BONUS_CAP
        ).astype(np.float32)

    def __len__(self) -> int:
        return len(self.data)

    # ------------------------------------------------------------------ compatibility views
    @property
    def ids(self) -> list[int]:
        return self.data.ids.tolist()

    @cached_property
    def templates(self) -> list[str]:
        """Every phrase as a stored template (built on first use, for tools and tests; queries never need it)."""
        return [codec.decode_template(self.data.text(i)) for i in range(len(self))]

    def template(self, row: int) -> str:
        return codec.decode_template(self.data.text(row))

    def part_of(self, row: int) -> str | None:
        return self.data.vocab[int(self.data.part[row])]

    def function_of(self, row: int) -> str:
        return self.data.functions[int(self.data.function[row])]

    # ------------------------------------------------------------------ per-context arrays
    def arrays(self, q: Query) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(allowed, prior, weight) per phrase for a query's context, for whole phrases (cached per context)."""
        c = self._context(q)
        return c[0], c[1], c[2]

    def continuation_arrays(self, q: Query) -> tuple[np.ndarray, np.ndarray]:
        """(allowed, weight) for continuations: every phrase may continue a clause, headings and fragments
        included (its stretches wrong for the year are cut off, see :meth:`invalid`)."""
        c = self._context(q)
        return c[3], c[4]

    def start_arrays(self, q: Query) -> tuple[np.ndarray, np.ndarray]:
        """(allowed, weight) for continuing an empty paragraph or heading: from the clause start alone.

        Reference material is left out (its openings are not a local report's); an empty heading goes on
        only like headings; a clause that never opened a section counts :data:`NOT_OPENING_WEIGHT` as much."""
        allowed, weight = self._cached((*_context_key(q), "start"), lambda: self._build_start(q))
        return allowed, weight

    def _build_start(self, q: Query) -> tuple[np.ndarray, ...]:
        d = self.data
        _allowed, weight = self.continuation_arrays(q)
        allowed = self._no_reference & d.heading if q.in_heading else self._no_reference
        weight = weight * np.where(d.openings > 0, np.float32(1.0), np.float32(NOT_OPENING_WEIGHT))
        return allowed, weight.astype(np.float32)

    def _cached(
        self, key: tuple[Any, ...], build: Callable[[], tuple[np.ndarray, ...]]
    ) -> tuple[np.ndarray, ...]:
        """Per-context arrays from the small LRU cache, built (outside the lock) when missing."""
        with self._lock:
            hit = self._masks.get(key)
            if hit is not None:
                self._masks.move_to_end(key)
                return hit
        out = build()
        with self._lock:
            self._masks[key] = out
            while len(self._masks) > _CACHE:
                self._masks.popitem(last=False)
        return out

    def _context(self, q: Query) -> tuple[np.ndarray, ...]:
        return self._cached(_context_key(q), lambda: self._build_context(q))

    def _build_context(self, q: Query) -> tuple[np.ndarray, ...]:
        d = self.data
        allowed = (d.lo <= q.year) & (q.year <= d.hi) & d.whole
        allowed &= d.heading if q.in_heading else ~d.heading
        references = q.top is not None and q.top in _parts_with_roles(q.kind_id, REFERENCE_ROLES)
        if not references:
            allowed &= ~d.reference
        prior = self._freq_bonus.copy()
        weight = np.ones(len(d), dtype=np.float32)
        exact = self._codes.get(q.part, -1) if q.part is not None else -1
        topc = self._codes.get(q.top, -1) if q.top is not None else -1
        if exact >= 0:
            same = d.part == exact
            prior[same] += PART_EXACT_BONUS
            weight[same] += 1.0
        if topc >= 0:
            same_top = (d.top == topc) | (d.part == topc)
            prior[same_top] += PART_TOP_BONUS
            weight[same_top] += 0.5
        if q.heading and not q.in_heading:
            hb = query_bigrams(codec.encode_template(q.heading))
            if len(hb):
                share = d.bigrams.overlap(hb).astype(np.float32) / np.float32(len(hb))
                prior += HEADING_BONUS * share
                weight += share
        if d.reference.any():
            prior[d.reference] -= REFERENCE_PENALTY
            weight[d.reference] *= 0.3
        # a heading goes on mostly like other headings, a paragraph like other paragraphs
        cont_weight = weight.copy()
        cont_weight[d.heading if not q.in_heading else ~d.heading] *= 0.4
        cont_allowed = self._all_rows if references else self._no_reference
        return allowed, prior, weight, cont_allowed, cont_weight

    def invalid(self, year: int) -> tuple[np.ndarray, np.ndarray]:
        """The bank's stretches wrong for ``year`` (cached per year)."""
        hit = self._invalid.get(year)
        if hit is None:
            hit = invalid_spans(self.data, year)
            self._invalid[year] = hit  # benign race: two threads may compute the same arrays
        return hit

    # ------------------------------------------------------------------ whole phrases
    def _query_text(self, q: Query) -> tuple[str, np.ndarray]:
        codes = q.codes[-_MAX_QUERY_CHARS:]
        return codec.similarity_text(codes), query_bigrams(codes)

    def _score(
        self, qtext: str, nq: int, rows: np.ndarray, texts: list[str], ov: np.ndarray, prior: np.ndarray
    ) -> np.ndarray:
        if len(rows) == 0:
            return np.zeros(0, dtype=np.float32)
        lcs = process.cdist([qtext], texts, scorer=LCSseq.similarity, dtype=np.int32)[0].astype(np.float32)
        return (
            np.float32(LCS_WEIGHT / max(len(qtext), 1)) * lcs
            + np.float32(BIGRAM_WEIGHT / max(nq, 1)) * ov.astype(np.float32)
            + prior[rows]
        )

    def search(self, q: Query, k: int) -> list[tuple[float, int]]:
        """(score, row) of the best ``k`` whole phrases for the clause typed, via the index and an exact rerank."""
        qtext, bigrams = self._query_text(q)
        if len(self) == 0 or len(bigrams) == 0:
            return []
        allowed, prior, _ = self.arrays(q)
        rows = self.data.bigrams.candidate_rows(bigrams, prior, CANDIDATES, allowed)
        texts, ov = self.data.similarity_overlap(rows, bigrams)
        scores = self._score(qtext, len(bigrams), rows, texts, ov, prior)
        good = scores - prior[rows] >= 100.0 * MIN_COVERAGE
        return self._top(scores[good], rows[good], k)

    @cached_property
    def _all_texts(self) -> list[str]:
        return self.data.similarity_texts(np.arange(len(self)))

    def exhaustive(self, q: Query, k: int) -> list[tuple[float, int]]:
        """The same ranking over every phrase (the benchmark's reference for recall)."""
        qtext, bigrams = self._query_text(q)
        if len(self) == 0 or len(bigrams) == 0:
            return []
        allowed, prior, _ = self.arrays(q)
        rows = np.flatnonzero(allowed)
        ov = self.data.bigrams.overlap(bigrams)[rows]
        texts = self._all_texts
        lcs = process.cdist(
            [qtext], [texts[i] for i in rows.tolist()], scorer=LCSseq.similarity, dtype=np.int32
        )[0]
        scores = (
            np.float32(LCS_WEIGHT / max(len(qtext), 1)) * lcs.astype(np.float32)
            + np.float32(BIGRAM_WEIGHT / max(len(bigrams), 1)) * ov.astype(np.float32)
            + prior[rows]
        )
        good = scores - prior[rows] >= 100.0 * MIN_COVERAGE
        return self._top(scores[good], rows[good], k)

    def _top(self, scores: np.ndarray, rows: np.ndarray, k: int) -> list[tuple[float, int]]:
        rows = np.asarray(rows)
        if len(rows) == 0:
            return []
        if len(rows) > 4 * k + 64:
            kth = np.partition(scores, len(scores) - k)[len(scores) - k]
            keep = np.flatnonzero(scores >= kth)
            scores, rows = scores[keep], rows[keep]
        # Python lists: sorting with numpy scalars in the key costs more than the rest of the search
        score_list, row_list = scores.tolist(), rows.tolist()
        id_list = self.data.ids[rows].tolist()
        order = sorted(range(len(row_list)), key=lambda j: (-score_list[j], id_list[j]))[:k]
        return [(score_list[j], row_list[j]) for j in order]

    def openings_for(self, q: Query, k: int) -> list[tuple[float, int]]:
        """The phrases that most often open a section of the part (the report's opening when none)."""
        if len(self) == 0:
            return []
        allowed, prior, _ = self.arrays(q)
        allowed = allowed & ~self.data.reference  # reference material is never the default
        target = q.part or "opening"
        code = self._codes.get(target, -1)
        top = self._codes.get(q.top, -1) if q.top else -1
        matches = (self.data.part == code) | (self.data.top == code) | ((self.data.top == top) & (top >= 0))
        score = (100.0 + 10.0 * self.data.openings + prior).astype(np.float32)
        rows = np.flatnonzero(allowed & matches)
        if len(rows) == 0:
            return []
        sub = score[rows]
        take = min(len(rows), max(k * 4, k))
        best = rows[np.argsort(-sub, kind="stable")[:take]]
        return self._top(score[best], best, k)

    def browse(self, part: str | None, function: str | None, year: int, k: int) -> list[tuple[float, int]]:
        """The most frequent phrases of a part and/or rhetorical function (browsing, not search)."""
        d = self.data
        mask = (d.lo <= year) & (year <= d.hi) & ~d.reference & d.whole
        if part is not None:
            code = self._codes.get(part, -1)
            mask &= (d.part == code) | (d.top == code)
        if function is not None:
            fcode = d.functions.index(function) if function in d.functions else -1
            mask &= d.function == fcode
        rows = np.flatnonzero(mask)
        score = d.freq[rows].astype(np.float32) * 10.0 + d.openings[rows]
        return self._top(score, rows, k)

    # ------------------------------------------------------------------ rendering
    def phrase(self, score: float, row: int, q: Query) -> Suggestion | None:
        """A whole phrase as a suggestion for this query (None when it would change nothing)."""
        d = self.data
        code_text = d.text(row)
        text = codec.restyle(codec.render_text(code_text, q.table).strip(), q.style)
        clause = q.clause
        folded_clause, folded_text = codec.fold_str(clause), codec.fold_str(text)
        if folded_text == folded_clause:
            return None  # it is what the drafter typed
        if clause and folded_text.startswith(folded_clause):
            insert, replace = text[len(clause) :], 0  # it goes on from what was typed: keep that
        else:
            insert, replace = text, len(clause)
        return _suggestion(
            text=text,
            template="",
            score=score,
            part=self.part_of(row),
            function=self.function_of(row),
            frequency=int(d.freq[row]),
            sources=d.sources(row),
            bank=self.name,
            phrase_id=int(d.ids[row]),
            insert=insert,
            replace=replace,
            kind="phrase",
            code=code_text,
        )

    def continuation(self, c: continuations.Continuation, q: Query) -> Suggestion | None:
        return continuation_suggestion(
            self.data, c, q, self.name, self.part_of(c.row), self.function_of(c.row)
        )


def continuation_suggestion(
    data: Compiled, c: continuations.Continuation, q: Query, bank: str, part: str | None, function: str
) -> Suggestion | None:
    text = codec.restyle(codec.render_text(c.text, q.table), q.style)
    if not text.strip():
        return None
    names = data.source_names
    return _suggestion(
        text=text,
        template="",
        score=continuation_score(c.expected_saving),
        part=part,
        function=function,
        frequency=c.reports,
        sources=[names[i] for i in c.sources],
        bank=bank,
        phrase_id=int(data.ids[c.row]),
        insert=text,
        replace=0,
        kind="continuation",
        code=c.text,
    )


_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=64)
def _heading_index(
    heading: str, year: int, short: str, org: str, kind_id: str
) -> tuple[Compiled, ContextIndex]:
    """The section's own heading as a source of continuations: a paragraph often starts by restating it."""
    rules = mining_rules(kind_id)
    codes = codec.encode_template(to_template(heading, year, own_body(year, short, org, kind_id), rules))
    compiled = compile_texts([codes], [""], "本节标题")
    return compiled, ContextIndex(compiled.units, compiled.sa, compiled.sa_first)


def _merge_continuations(conts: list[tuple[float, int, Suggestion]]) -> list[tuple[float, int, Suggestion]]:
    """One entry per inserted text: the best-scored, with the sources and reports of all that offer it."""
    by_text: dict[str, list[tuple[float, int, Suggestion]]] = {}
    for item in conts:
        by_text.setdefault(item[2].insert, []).append(item)
    out = []
    for items in by_text.values():
        items.sort(key=lambda t: (-t[0], t[1]))
        score, li, best = items[0]
        if len(items) > 1 or best.bank == "draft":
            sources = list(dict.fromkeys(src for _p, _li, s in items for src in s.sources))
            reports = max((s.frequency for _p, _li, s in items if s.bank != "draft"), default=0)
            best = _with(best, sources=sources, frequency=reports)
        out.append((score, li, best))
    return out


def styled(q: Query, memory: DraftMemory | None) -> Query:
    """The query with the punctuation width suggestions are given in."""
    if not q.style and memory is not None and memory.style():
        q = _with(q, style=memory.style())  # the paragraph does not tell yet: the draft does
    if not q.style:
        # Nothing tells yet: an official document is written with full-width punctuation (what
        # `drafter fix` turns 「,」 into), whatever web copy a phrase was mined from.
        q = _with(q, style="full")
    return q


def ranking_candidates(
    cands: list[tuple[continuations.Continuation, Suggestion]],
) -> list[ranking.Candidate]:
    """What the ranking reads of each candidate (built with :func:`_fill`)."""
    return [
        _fill(ranking.Candidate, continuation=c, insert=s.insert, own=s.bank == "draft") for c, s in cands
    ]


def _typed_past(s: Suggestion, avoid: tuple[str, ...]) -> bool:
    """Whether a suggestion goes on with what the drafter just typed past (:mod:`phrasebank.passed`)."""
    return bool(avoid) and s.replace == 0 and s.insert.startswith(avoid)


def continuation_saving(score: float) -> float:
    """The characters a continuation is expected to save, read back from its score (the inverse of
    :func:`continuation_score`: duplicates merged across layers keep only their best score)."""
    return (2.0 ** ((score - 80.0) / 10.0) - 1.0) / 10.0


def continuation_score(saving: float) -> float:
    """A continuation's place among all suggestions from the characters it is expected to save, on the
    scale of phrase scores (0–100 plus their prior), so that a likely continuation comes before a loose
    phrase."""
    return 80.0 + 10.0 * math.log2(1.0 + 10.0 * max(saving, 0.0))


class Bank:
    """Layers searched together; the user's own layer first (it wins ties and duplicates)."""

    def __init__(self, layers: list[BankLayer], *, kind_id: str | None = None) -> None:
        self.layers = layers
        #: The report kind these banks were mined from, when known (a request naming no kind is about it).
        self.kind_id = kind_id

    def __len__(self) -> int:
        return sum(len(layer) for layer in self.layers)

    def query(
        self,
        text: str,
        *,
        part: str | None = None,
        meta: Meta | None = None,
        heading: str | None = None,
        in_heading: bool = False,
    ) -> Query:
        return make_query(text, part=part, meta=meta, heading=heading, in_heading=in_heading)

    def suggest(
        self,
        text: str,
        *,
        part: str | None = None,
        meta: Meta | None = None,
        k: int = 5,
        heading: str | None = None,
        in_heading: bool = False,
        memory: DraftMemory | None = None,
        avoid: tuple[str, ...] = (),
    ) -> list[Suggestion]:
        """Top ``k`` suggestions for the paragraph typed up to the cursor, best first, rendered for the draft.

        Empty text gives how paragraphs of the part usually begin (continuations from the start alone) and
        its most typical openings in half the places (of the report itself when ``part`` is None).
        ``memory`` holds what the drafter has already written: continuations come from it too. A continuation
        starting with one of ``avoid`` (what the drafter just typed past, see :mod:`phrasebank.passed`) comes
        only after every other continuation.
        """
        k = max(1, int(k))
        q = make_query(text, part=part, meta=meta, heading=heading, in_heading=in_heading)
        return self.suggest_query(q, k, memory, avoid)

    def continuation_candidates(
        self, q: Query, k: int, memory: DraftMemory | None = None
    ) -> list[tuple[continuations.Continuation, Suggestion]]:
        """Every continuation read for a query, from each layer, the draft's own text and the section heading,
        with its rendered suggestion (the final ranking, and tools that study it, start from here)."""
        out: list[tuple[continuations.Continuation, Suggestion]] = []
        for layer in self.layers:
            if len(layer) == 0:
                continue
            allowed, weight = layer.start_arrays(q) if q.starting else layer.continuation_arrays(q)
            invalid = layer.invalid(q.year)
            read = continuations.find(
                layer.data, layer.context, q.codes, allowed, weight, k + CONTINUATIONS_EXTRA, invalid
            )
            for c in read:
                s = layer.continuation(c, q)
                if s is not None:
                    out.append((c, s))
        owns = [memory.index() if memory is not None else None]
        if q.heading and not q.in_heading:
            owns.append(_heading_index(q.heading, q.year, q.context["short"], q.context["org"], q.kind_id))
        cut = max(q.start, *(q.text.rfind(stop) + 1 for stop in "，,、"))
        # the paragraph's own finished clauses (built once per clause: the text before the cursor's clause
        # changes only at a stop)
        if cut > 0 and not q.in_heading:
            before = q.text[:cut]
            owns.append(paragraph_index(before, q.year, q.context["short"], q.context["org"], q.kind_id))
        for own in owns:
            if own is None:
                continue
            data, index = own
            ones = np.ones(len(data), dtype=bool)
            for c in continuations.find(
                data, index, q.codes, ones, ones.astype(np.float32), k + CONTINUATIONS_EXTRA
            ):
                s = continuation_suggestion(data, c, q, "draft", None, "")
                if s is not None:
                    out.append((c, s))
        return out

    def ranked_continuations(
        self, q: Query, k: int, memory: DraftMemory | None = None
    ) -> list[tuple[float, Suggestion]]:
        """The continuations read for a query, each with its score from :mod:`phrasebank.ranking` (the
        characters it is expected to save when offered first, on the scale of phrase scores)."""
        cands = self.continuation_candidates(q, k, memory)
        gains = ranking.expected_savings(
            ranking_candidates(cands),
            q.text,
            q.start,
            q.heading,
            q.in_heading,
            memory.text() if memory is not None else "",
        )
        return [(continuation_score(float(g)), s) for (_c, s), g in zip(cands, gains, strict=True)]

    def suggest_query(
        self, q: Query, k: int, memory: DraftMemory | None = None, avoid: tuple[str, ...] = ()
    ) -> list[Suggestion]:
        q = styled(q, memory)
        found: list[tuple[float, int, Suggestion]] = []
        names = [layer.name for layer in self.layers]
        conts = [
            (score, names.index(s.bank) if s.bank in names else len(names), s)
            for score, s in self.ranked_continuations(q, k, memory)
        ]
        for li, layer in enumerate(self.layers):
            if len(layer) == 0:
                continue
            if q.starting:
                for score, row in layer.openings_for(q, k * 2):
                    s = layer.phrase(score, row, q)
                    if s is not None:
                        found.append((score, li, s))
                continue
            if len(codec.similarity_text(q.codes)) >= MIN_PHRASE_QUERY:
                hits = [(score - PHRASE_OFFSET, row) for score, row in layer.search(q, k)]
            else:
                hits = layer.openings_for(q, k * 2) if q.in_heading else []
            for score, row in hits:
                s = layer.phrase(score, row, q)
                if s is not None:
                    found.append((score, li, s))
        found.extend(_merge_continuations(conts))
        # Continuations first: they go on from what the clerk typed, while a whole phrase rewrites the
        # clause; typing runs show a phrase placed above a likely continuation costs more than it saves
        # (keystroke savings 14.4% mixed by score, 14.8% continuations first).
        found.sort(key=lambda t: (t[2].kind != "continuation", -t[0], t[1], t[2].insert))
        if avoid:
            # what the drafter typed past goes last (a stable sort keeps the order of the rest)
            found.sort(key=lambda t: _typed_past(t[2], avoid))
        # the list is mixed: the best whole phrases keep places even when continuations fill the list; at
        # an empty paragraph half of them, since a whole opening is what a drafter starting one looks for
        reserve = max(1, k // 2) if q.starting else 1
        ok: list[tuple[float, Suggestion]] = []
        conts_ok = phrases_ok = 0
        seen: set[tuple[str, int]] = set()
        for score, _li, s in found:
            key = (_SPACES.sub("", s.insert), s.replace)
            if key in seen or not s.insert:
                continue
            seen.add(key)
            if s.kind == "continuation":
                if conts_ok >= k:
                    continue  # enough to choose the list from: not checked
            elif phrases_ok >= reserve and conts_ok + phrases_ok >= k:
                continue  # neither a place in the list nor a phrase kept for the last ones: not checked
            kept = q.text[: len(q.text) - s.replace]
            to_check = checked.names_earlier_year(s.insert, q.year)
            if to_check and checked.flagged(kept + s.insert, len(kept), q.top, q.year, q.kind_id):
                continue
            if checked.joins_dated(kept, s.insert, q.year, q.kind_id):
                continue
            ok.append((score, _with(s, score=score) if s.kind == "continuation" else s))
            if s.kind == "continuation":
                conts_ok += 1
            else:
                phrases_ok += 1
            if conts_ok >= k and phrases_ok >= reserve:
                break
        first = [s for _score, s in ok[:k]]
        phrases = [s for s in first if s.kind == "phrase"]
        phrases += [s for _score, s in ok if s.kind == "phrase" and s not in phrases][
            : max(0, reserve - len(phrases))
        ]
        places = k - len(phrases)  # phrases: those among the first k, or reserve (<= k) of them
        conts = [(score, s) for score, s in ok if s.kind == "continuation"]
        offers = [
            listing.Offer(
                s.insert,
                listing.chance_of(continuation_saving(score), s.insert),
                pure=s.replace == 0,
                passed=_typed_past(s, avoid),
            )
            for score, s in conts
        ]
        out = [conts[i][1] for i in listing.arrange(offers, places)] + phrases
        return [s.finished() for s in out]

    def browse(
        self, *, part: str | None = None, function: str | None = None, meta: Meta | None = None, k: int = 20
    ) -> list[Suggestion]:
        """The commonest phrases of a part and/or function, for browsing as in the Academic Phrasebank."""
        q = make_query("", part=part, meta=meta)
        found: list[tuple[float, int, Suggestion]] = []
        for li, layer in enumerate(self.layers):
            for score, row in layer.browse(part, function, q.year, k):
                s = layer.phrase(score, row, q)
                if s is not None:
                    found.append((score, li, s))
        found.sort(key=lambda t: (-t[0], t[1], t[2].text))
        out: list[Suggestion] = []
        seen: set[str] = set()
        for _score, _li, s in found:
            if s.text in seen:
                continue
            seen.add(s.text)
            out.append(s.finished())
            if len(out) == k:
                break
        return out

    def occurrences(self, suggestion: Suggestion, limit: int = 20) -> list[dict[str, Any]]:
        """Where a suggestion was found (report, location, original wording), read on demand."""
        for layer in self.layers:
            if layer.name == suggestion.bank:
                return store.occurrences(layer.path, suggestion.phrase_id, limit)
        return []

"""The bank's search index, built at mining time and stored in the bank as numpy arrays.

Opening a bank used to read every phrase into Python lists and build the index then: 1.8–4 s at 100,000
phrases, about a minute at a million. Now every write session (mining, removing a source) ends by building
here, once, everything a query needs — the phrases' code-unit text in one ``uint16`` array, per-phrase
columns (part, task, frequency, the years a phrase is valid for …), the bigram index, the context suffix
array and the phrase → report lists — and storing it in the table ``blobs``. Opening reads these arrays and
wraps them (``np.frombuffer``): no per-phrase Python work. A bank whose index is missing or from another
version (an older bank opened read-only) is compiled in memory instead, slowly but correctly.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from . import codec, suffix
from .index import BigramIndex
from .sources import display_name
from .validity import FIRST_YEAR, LAST_YEAR, NEVER, Validity, validity

#: Bumped when the arrays change: a bank with another version is compiled in memory when opened.
INDEX_VERSION = 8
#: Separators after the last phrase, so a continuation window never reads past the array.
PAD = 64
#: A phrase is a heading when at least this share of its occurrences are headings.
HEADING_SHARE = 0.5
_INT16_MAX = 32767


@dataclass
class Compiled:
    """Everything a query reads, as arrays (rows are phrases in id order)."""

    units: np.ndarray  # uint16: SEP, phrase 0, SEP, phrase 1, …, SEP, padding
    starts: np.ndarray  # int64 [n + 1]: where each phrase starts; starts[n] is one past the last SEP
    ids: np.ndarray  # int64: phrases.id
    part: np.ndarray  # int16 codes into vocab (the task id where the phrase was mined under a task)
    top: np.ndarray  # int16 codes into vocab (the canonical part)
    function: np.ndarray  # int16 codes into functions
    freq: np.ndarray  # int16: distinct reports
    openings: np.ndarray  # int16: reports in which it opens a section
    heading: np.ndarray  # bool: mostly a heading
    reference: np.ndarray  # bool: only from reference material (the national work reports)
    whole: np.ndarray  # bool: may be suggested whole (else a fragment, only continued from)
    lo: np.ndarray  # int16: first report year it may be suggested for
    hi: np.ndarray  # int16: last one (lo > hi: never)
    src_off: np.ndarray  # int64 [n + 1]
    src_ids: np.ndarray  # int32: source row (index into source_names)
    sa: np.ndarray  # int32: positions sorted by preceding context (phrasebank.suffix)
    sa_first: np.ndarray  # int64 [65537]: where the entries preceded by each folded character start
    #: uint8 per unit: WORD_END where a word ends just before it (a continuation may stop there), HARD
    #: where a continuation may not go (separator, figure, a title naming a source's own body)
    flags: np.ndarray
    #: Stretches (comma-separated segments) right for some years only, sorted by start: a continuation
    #: never runs into one that is wrong for the draft's year (the rest of its phrase stays usable).
    dated_start: np.ndarray  # int64 unit offsets
    dated_end: np.ndarray
    dated_lo: np.ndarray  # int16
    dated_hi: np.ndarray
    bigrams: BigramIndex
    vocab: list[str | None]
    functions: list[str]
    source_names: list[str]
    #: An in-memory index whose word ends are not read yet (:func:`compile_texts` with ``lazy_words``):
    #: gives the complete flags on first need (see :meth:`word_flags`).
    pending_words: Callable[[], np.ndarray] | None = field(default=None, repr=False, compare=False)

    def __len__(self) -> int:
        return len(self.ids)

    def word_flags(self) -> np.ndarray:
        """``flags`` with the word ends filled in (``flags`` always holds the HARD bits).

        Why: a paragraph's index is built at every clause typed, but most of them never get as far as
        cutting a continuation at a word end (their context is not attested); the word ends need jieba,
        which costs more than the rest of the index. The complete array is computed whole and then
        swapped in, so a thread reading ``flags`` meanwhile sees the HARD bits unchanged; two threads may
        compute it both, with the same result.
        """
        pending = self.pending_words
        if pending is not None:
            self.flags = pending()
            self.pending_words = None
        return self.flags

    def text(self, row: int) -> str:
        """A phrase's code-unit text."""
        return codec.from_units(self.units[self.starts[row] : self.starts[row + 1] - 1])

    def similarity_texts(self, rows: np.ndarray) -> list[str]:
        """The rows' texts as scored (folded, punctuation dropped), straight from the unit array."""
        if len(rows) == 0:
            return []
        return self._decode_kept(self._kept_units(rows), len(rows))

    def similarity_overlap(self, rows: np.ndarray, bigrams: np.ndarray) -> tuple[list[str], np.ndarray]:
        """:meth:`similarity_texts` of the rows, and how many of the query's distinct ``bigrams`` (sorted,
        as :func:`phrasebank.index.query_bigrams` gives them) each row holds.

        The overlap is the one the bigram index gives (:meth:`BigramIndex.overlap`: bigrams of adjacent
        kept units of a phrase, each counted once), counted from the units already read for the texts
        instead of with one posting-list search per query bigram.
        """
        if len(rows) == 0:
            return [], np.zeros(0, dtype=np.int64)
        kept = self._kept_units(rows)
        texts = self._decode_kept(kept, len(rows))
        nq = len(bigrams)
        if nq == 0 or len(kept) < 2:
            return texts, np.zeros(len(rows), dtype=np.int64)
        # only units that start some query bigram can start a match (a table lookup narrows the few
        # thousand pairs to a few hundred before the search); SEP starts none: a query keeps no SEP
        starts_bigram = np.zeros(65536, dtype=bool)
        starts_bigram[bigrams >> np.uint32(16)] = True
        cand = np.flatnonzero(starts_bigram[kept[:-1]])
        codes = (kept[cand].astype(np.uint32) << np.uint32(16)) | kept[cand + 1].astype(np.uint32)
        at = np.searchsorted(bigrams, codes)
        hit = bigrams.take(at, mode="clip") == codes
        pos, at = cand[hit], at[hit]
        row = np.searchsorted(np.flatnonzero(kept == codec.SEP), pos)  # separators before: the row
        pairs = np.sort(row * nq + at)
        fresh = np.empty(len(pairs), dtype=bool)
        fresh[:1] = True
        np.not_equal(pairs[1:], pairs[:-1], out=fresh[1:])  # each bigram once per row
        return texts, np.bincount(pairs[fresh] // nq, minlength=len(rows))

    def _kept_units(self, rows: np.ndarray) -> np.ndarray:
        """The rows' units folded and without punctuation, each row followed by SEP."""
        a = self.starts[rows]
        lengths = self.starts[rows + 1] - a  # each phrase with the separator after it
        idx = np.repeat(a - np.cumsum(lengths) + lengths, lengths) + np.arange(int(lengths.sum()))
        folded = codec.similarity_table()[self.units[idx]]
        return folded[folded != codec.DROPPED]

    @staticmethod
    def _decode_kept(kept: np.ndarray, n: int) -> list[str]:
        return kept.tobytes().decode("utf-16-le", errors="replace").split("\x00")[:n]

    def sources(self, row: int) -> list[str]:
        return [
            self.source_names[i] for i in self.src_ids[self.src_off[row] : self.src_off[row + 1]].tolist()
        ]


def _codes(values: list[Any], vocab: dict[Any, int]) -> np.ndarray:
    return np.fromiter((vocab.setdefault(v, len(vocab)) for v in values), dtype=np.int16, count=len(values))


def _reduce(values: np.ndarray, off: np.ndarray, op: Any, empty: Any) -> np.ndarray:
    """Per-phrase reduction of a CSR column (``empty`` for a phrase without sources)."""
    n = len(off) - 1
    out = np.full(n, empty, dtype=values.dtype if len(values) else np.int64)
    counts = np.diff(off)
    has = counts > 0
    if len(values) and has.any():
        out[has] = op.reduceat(values, off[:-1][has])
    return out


WORD_END = 1
#: A continuation may not include this unit: a separator, a figure, a title naming a source's own body.
HARD = 2
_BODY_TITLE = re.compile("《[^《》]*[" + "".join(chr(c) for c in sorted(codec.BODY_CODES)) + "][^《》]*》")


def blocked_spans(text: str) -> list[tuple[int, int]]:
    """UTF-16 spans of titles 《…》 that hold a body slot in a phrase's code-unit text."""
    spans = [m.span() for m in _BODY_TITLE.finditer(text)]
    if spans and any(ord(c) > 0xFFFF for c in text):
        widths = [0]
        for c in text:
            widths.append(widths[-1] + (2 if ord(c) > 0xFFFF else 1))
        spans = [(widths[a], widths[b]) for a, b in spans]
    return spans


_WORDLESS = re.compile(r"[^\u4e00-\u9fff\u3400-\u4dbf0-9A-Za-z]")


def word_ends(text: str, tokens: str) -> list[int]:
    """UTF-16 offsets in a phrase's code-unit text where a word ends: where a continuation may stop.

    The words are the jieba tokens stored at mining time (``phrases.tokens``); a slot, a punctuation mark
    or any other character outside the tokens is a word of its own. Without tokens every position is one.
    """
    if not tokens.strip():
        return list(range(1, len(text.encode("utf-16-le")) // 2 + 1))
    cuts: set[int] = set()
    i, n = 0, len(text)
    for tok in tokens.split():
        for ch in tok:
            while i < n and text[i] != ch:
                if _WORDLESS.match(text[i]) or codec.is_slot(ord(text[i])):
                    cuts.add(i)
                    cuts.add(i + 1)
                i += 1
            if i >= n:
                break
            i += 1
        cuts.add(i)
    for j in range(i, n):
        cuts.update((j, j + 1))
    out = sorted(c for c in cuts if 0 < c <= n)
    if any(ord(c) > 0xFFFF for c in text):  # offsets in UTF-16 units
        widths = [0]
        for c in text:
            widths.append(widths[-1] + (2 if ord(c) > 0xFFFF else 1))
        out = [widths[c] for c in out]
    return out


#: Where a phrase is cut into the stretches a date applies to (the dating of mining and of a join).
SEGMENT_END = re.compile(r"[，,；;：:]")


def segments(text: str) -> list[tuple[int, int]]:
    """A phrase's comma-separated stretches (character offsets): the unit a date applies to."""
    out, a = [], 0
    for m in SEGMENT_END.finditer(text):
        out.append((a, m.end()))
        a = m.end()
    if a < len(text):
        out.append((a, len(text)))
    return out


#: Body slots as a draft renders them, for dating only (see :func:`dating_forms`).
_BODY_SLOT_CODES = {
    name: chr(codec.SLOT_CODES[name]) for name in ("org", "place", "parent", "stem", "short", "unit")
}


def dating_forms(text: str, units: tuple[str, ...]) -> list[str]:
    """The code-unit text of a phrase as the checker would read it in a draft: itself when it holds no body
    slot, else one rendering per unit of ``units``, the longer slots as a plausible body of that unit.

    Why: 「依法治{{ unit }}领导小组」 matches no term pattern until it reads 「依法治县领导小组」 again, and a term
    is as dated in a district's report as in a county's."""
    if not any(code in text for code in _BODY_SLOT_CODES.values()):
        return [text]
    out = []
    for unit in units:
        table = {
            ord(_BODY_SLOT_CODES["unit"]): unit,
            ord(_BODY_SLOT_CODES["short"]): "我" + unit,
            ord(_BODY_SLOT_CODES["stem"]): "某某",
            ord(_BODY_SLOT_CODES["place"]): "某某" + unit,
            ord(_BODY_SLOT_CODES["parent"]): "某某市",
            ord(_BODY_SLOT_CODES["org"]): f"某某{unit}人民政府",
        }
        out.append(text.translate(table))
    return out


def dated_segments(
    text: str, val: Validity, source_years: tuple[int, int] | None
) -> list[tuple[int, int, int, int]]:
    """(start, end, lo, hi) of each comma-separated stretch of a phrase (code-unit text, offsets in
    characters) that term data dates, the years it may be suggested for being the narrowest over every
    rendering of its body slots (:func:`dating_forms`): a stretch dated in any of them is dated."""
    forms = dating_forms(text, val.dating_units)
    if not any(val.may_date(form) for form in forms):
        return []
    own = segments(text)
    per_form = [own] if forms == [text] else [segments(form) for form in forms]
    out = []
    for k, (a, b) in enumerate(own):
        lo, hi = FIRST_YEAR, LAST_YEAR
        for form, segs in zip(forms, per_form, strict=True):
            if len(segs) != len(own):  # a slot never holds a stretch end; kept safe all the same
                fa, fb = 0, len(form)
            else:
                fa, fb = segs[k]
            seg = val.span(form[fa:fb], source_years)
            lo, hi = max(lo, seg[0]), min(hi, seg[1])
        if (lo, hi) != (FIRST_YEAR, LAST_YEAR):
            out.append((a, b, *((lo, hi) if lo <= hi else NEVER)))
    return out


def _utf16_offsets(text: str) -> list[int]:
    widths = [0]
    for c in text:
        widths.append(widths[-1] + (2 if ord(c) > 0xFFFF else 1))
    return widths


def invalid_spans(bank: Compiled, year: int) -> tuple[np.ndarray, np.ndarray]:
    """(starts, ends) of the dated stretches wrong for ``year``, sorted (for :mod:`phrasebank.continuations`)."""
    bad = (bank.dated_lo > year) | (bank.dated_hi < year)
    starts, ends = bank.dated_start[bad], bank.dated_end[bad]
    return starts, np.maximum.accumulate(ends) if len(ends) else ends


def layout(texts: list[str], ends: list[list[int]] | None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The code-unit texts laid out SEP-separated in one array, their starts, and the per-unit flags
    (``ends`` None: the HARD flags only, see :func:`mark_word_ends`)."""
    n = len(texts)
    units = codec.to_units("\x00" + "\x00".join(texts) + "\x00" * (PAD + 1))
    seps = np.flatnonzero(units == codec.SEP)
    starts = (seps[: n + 1] + 1).astype(np.int64)
    flags = np.zeros(len(units), dtype=np.uint8)
    if n:
        if ends is not None:
            mark_word_ends(flags, starts, ends)
        for i, text in enumerate(texts):
            if "《" in text:
                for a, b in blocked_spans(text):
                    flags[starts[i] + a : starts[i] + b] |= HARD
    flags[(units == codec.SEP) | (units == codec.FIGURE_CODE)] |= HARD
    return units, starts, flags


def mark_word_ends(flags: np.ndarray, starts: np.ndarray, ends: list[list[int]]) -> None:
    """Set WORD_END in ``flags`` at each text's word ends (offsets from its start, as :func:`word_ends`)."""
    n = len(ends)
    if n == 0:
        return
    offsets = np.fromiter((len(e) for e in ends), dtype=np.int64, count=n)
    flat = np.fromiter((x for e in ends for x in e), dtype=np.int64, count=int(offsets.sum()))
    flags[np.repeat(starts[:n], offsets) + flat] |= WORD_END


#: Below this many code units an in-memory index does without the first-character table (65,537 entries).
FIRST_BOUNDS_FROM = 20_000


def compile_texts(
    texts: list[str],
    tokens: list[str] | None,
    source: str,
    lazy_words: Callable[[], list[str]] | None = None,
) -> Compiled:
    """A small index over code-unit texts of one source (the draft being written), built in memory.

    ``lazy_words`` (with ``tokens`` None) gives the texts' tokens when the word ends are first needed
    (:meth:`Compiled.word_flags`) instead of now: tokenizing is most of the cost of a paragraph's index,
    and most paragraph indexes are never cut at a word end.
    """
    n = len(texts)
    if tokens is not None:
        units, starts, flags = layout(
            texts, [word_ends(t, tok) for t, tok in zip(texts, tokens, strict=True)]
        )
        pending = None
    else:
        if lazy_words is None:
            raise ValueError("compile_texts needs tokens or lazy_words")
        units, starts, flags = layout(texts, None)
        hard, get_tokens = flags, lazy_words

        def pending() -> np.ndarray:
            full = hard.copy()
            toks = get_tokens()
            mark_word_ends(full, starts, [word_ends(t, tok) for t, tok in zip(texts, toks, strict=True)])
            return full

    zeros16 = np.zeros(n, dtype=np.int16)
    return Compiled(
        units=units,
        starts=starts,
        ids=np.zeros(n, dtype=np.int64),
        part=zeros16,
        top=zeros16,
        function=zeros16,
        freq=np.ones(n, dtype=np.int16),
        openings=zeros16,
        heading=np.zeros(n, dtype=bool),
        reference=np.zeros(n, dtype=bool),
        whole=np.zeros(n, dtype=bool),
        lo=zeros16,
        hi=np.full(n, 9999, dtype=np.int16),
        src_off=np.arange(n + 1, dtype=np.int64),
        src_ids=np.zeros(n, dtype=np.int32),
        sa=(sa := suffix.build(units)),
        # the first-character table costs more than it saves on a paragraph or a heading
        sa_first=suffix.first_bounds(units, sa) if len(units) > FIRST_BOUNDS_FROM else np.empty(0, np.int64),
        flags=flags,
        dated_start=np.empty(0, np.int64),
        dated_end=np.empty(0, np.int64),
        dated_lo=np.empty(0, np.int16),
        dated_hi=np.empty(0, np.int16),
        bigrams=BigramIndex.empty(n),
        vocab=[None],
        functions=[""],
        source_names=[source],
        pending_words=pending,
    )


def _has_column(conn: sqlite3.Connection, table: str, column: str) -> bool:
    """Whether an (older) bank has a column: a version-1 bank opened read-only is compiled as it is."""
    return any(r[1] == column for r in conn.execute(f"PRAGMA table_info({table})"))


def bank_kind(conn: sqlite3.Connection) -> str:
    """The report kind a bank was mined from (recorded at mining; banks from before say nothing, and
    were all mined from the built-in kind's reports)."""
    from .builtin_kind import BUILTIN_KIND

    try:
        row = conn.execute("SELECT value FROM info WHERE key = 'kind'").fetchone()
    except sqlite3.DatabaseError:
        row = None
    return str(row[0]) if row is not None and row[0] else BUILTIN_KIND


def set_bank_kind(conn: sqlite3.Connection, kind_id: str) -> None:
    """Record the kind a bank is mined from; a bank holds one kind (its slots and validity are that kind's).

    Raises :class:`~drafter.errors.UsageError` when the bank already holds reports of another kind."""
    from drafter.errors import UsageError

    row = conn.execute("SELECT value FROM info WHERE key = 'kind'").fetchone()
    has_reports = conn.execute("SELECT 1 FROM sources LIMIT 1").fetchone() is not None
    current = str(row[0]) if row is not None else (bank_kind(conn) if has_reports else None)
    if current is not None and current != kind_id and has_reports:
        raise UsageError(
            f"这个词句库挖掘自「{current}」类型的报告，不能再混入「{kind_id}」类型；请用 --bank 另建一个词句库"
        )
    conn.execute("INSERT OR REPLACE INTO info(key, value) VALUES ('kind', ?)", (kind_id,))


def compile_bank(conn: sqlite3.Connection, kind_id: str | None = None) -> Compiled:
    """Build the index from a bank's tables (mining time; per-phrase Python work is fine here).

    ``kind_id`` None: the kind the bank records (:func:`bank_kind`)."""
    kind_id = kind_id or bank_kind(conn)
    whole_col = "whole" if _has_column(conn, "phrases", "whole") else "1"
    rows = conn.execute(
        "SELECT id, template, part, top, function, frequency, openings, tokens, "
        f"{whole_col} FROM phrases ORDER BY id"
    ).fetchall()
    n = len(rows)
    ids = np.fromiter((r[0] for r in rows), dtype=np.int64, count=n)
    texts = [codec.encode_template(r[1]) for r in rows]
    ends = [word_ends(t, r[7] or "") for t, r in zip(texts, rows, strict=True)]
    whole = np.fromiter((bool(r[8]) for r in rows), dtype=bool, count=n)
    vocab: dict[Any, int] = {}
    part = _codes([r[2] for r in rows], vocab)
    top = _codes([r[3] for r in rows], vocab)
    fvocab: dict[Any, int] = {}
    function = _codes([r[4] or "" for r in rows], fvocab)
    freq = np.minimum(np.fromiter((r[5] for r in rows), dtype=np.int64, count=n), _INT16_MAX).astype(np.int16)
    openings = np.minimum(np.fromiter((r[6] for r in rows), dtype=np.int64, count=n), _INT16_MAX).astype(
        np.int16
    )
    del rows
    row_of = {int(pid): i for i, pid in enumerate(ids.tolist())}

    # phrase → sources (CSR), and per-source facts
    origin_col = "origin" if _has_column(conn, "sources", "origin") else "'report'"
    title_col = "title" if _has_column(conn, "sources", "title") else "''"
    sources = conn.execute(
        f"SELECT id, name, year, {origin_col}, {title_col} FROM sources ORDER BY id"
    ).fetchall()
    source_row = {sid: i for i, (sid, *_rest) in enumerate(sources)}
    names = [display_name(name, title) for _, name, _, _, title in sources]
    years = np.asarray([y if y is not None else -1 for _, _, y, _, _ in sources] or [-1], dtype=np.int64)
    is_ref = np.asarray([o == "reference" for _, _, _, o, _ in sources] or [False], dtype=bool)
    pairs = conn.execute("SELECT DISTINCT phrase_id, source_id FROM occurrences").fetchall()
    prow = np.fromiter((row_of.get(p, -1) for p, _ in pairs), dtype=np.int64, count=len(pairs))
    srow = np.fromiter((source_row.get(s, -1) for _, s in pairs), dtype=np.int64, count=len(pairs))
    ok = (prow >= 0) & (srow >= 0)
    prow, srow = prow[ok], srow[ok]
    order = np.lexsort((srow, prow))
    prow, srow = prow[order], srow[order]
    src_off = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(prow, minlength=n), out=src_off[1:])
    src_ids = srow.astype(np.int32)
    del pairs, prow, srow

    reference = _reduce(is_ref[src_ids].astype(np.int8), src_off, np.minimum, 0).astype(bool)
    src_years = years[src_ids]
    newest = _reduce(src_years, src_off, np.maximum, -1)
    oldest = _reduce(np.where(src_years < 0, 99999, src_years), src_off, np.minimum, 99999)

    heading = np.zeros(n, dtype=bool)
    heading_col = (
        "heading" if _has_column(conn, "occurrences", "heading") else 'location LIKE \'%"area": "heading"%\''
    )
    for pid, heads, total in conn.execute(
        f"SELECT phrase_id, SUM({heading_col}), COUNT(*) FROM occurrences GROUP BY phrase_id"
    ):
        i = row_of.get(pid)
        if i is not None and total and heads / total >= HEADING_SHARE:
            heading[i] = True

    val = validity(kind_id)
    lo = np.zeros(n, dtype=np.int16)
    hi = np.zeros(n, dtype=np.int16)
    dated: list[tuple[int, int, int, int, int]] = []  # (row, start, end, lo, hi) of dated segments
    for i, text in enumerate(texts):
        span = (int(oldest[i]), int(newest[i])) if newest[i] >= 0 else None
        lo[i], hi[i] = FIRST_YEAR, LAST_YEAR
        for a, b, *seg in dated_segments(text, val, span):
            dated.append((i, a, b, *seg))
            lo[i], hi[i] = max(int(lo[i]), seg[0]), min(int(hi[i]), seg[1])
        if lo[i] > hi[i]:
            lo[i], hi[i] = NEVER

    units, starts, flags = layout(texts, ends)
    if dated:
        utf16 = [_utf16_offsets(texts[r]) for r, *_rest in dated]
        d_start = np.asarray([starts[r] + u[a] for (r, a, _b, _l, _h), u in zip(dated, utf16, strict=True)])
        d_end = np.asarray([starts[r] + u[b] for (r, _a, b, _l, _h), u in zip(dated, utf16, strict=True)])
        d_lo = np.asarray([x[3] for x in dated], dtype=np.int16)
        d_hi = np.asarray([x[4] for x in dated], dtype=np.int16)
        order = np.argsort(d_start, kind="stable")
        dated_arr = (d_start[order].astype(np.int64), d_end[order].astype(np.int64), d_lo[order], d_hi[order])
    else:
        dated_arr = (
            np.empty(0, np.int64),
            np.empty(0, np.int64),
            np.empty(0, np.int16),
            np.empty(0, np.int16),
        )
    del texts, ends
    bigrams = BigramIndex.build(units, starts)
    sa = suffix.build(units)
    sa_first = suffix.first_bounds(units, sa)
    return Compiled(
        units=units,
        starts=starts,
        ids=ids,
        part=part,
        top=top,
        function=function,
        freq=freq,
        openings=openings,
        heading=heading,
        reference=reference,
        whole=whole,
        lo=lo,
        hi=hi,
        src_off=src_off,
        src_ids=src_ids,
        sa=sa,
        sa_first=sa_first,
        flags=flags,
        dated_start=dated_arr[0],
        dated_end=dated_arr[1],
        dated_lo=dated_arr[2],
        dated_hi=dated_arr[3],
        bigrams=bigrams,
        vocab=list(vocab),
        functions=list(fvocab),
        source_names=names,
    )


_ARRAYS = (
    "units",
    "starts",
    "ids",
    "part",
    "top",
    "function",
    "freq",
    "openings",
    "heading",
    "reference",
    "whole",
    "lo",
    "hi",
    "src_off",
    "src_ids",
    "sa",
    "sa_first",
    "flags",
    "dated_start",
    "dated_end",
    "dated_lo",
    "dated_hi",
)


def store_index(
    conn: sqlite3.Connection, kind_id: str | None = None, compiled: Compiled | None = None
) -> None:
    """Compile the bank (unless ``compiled`` is its index already) and store the arrays in its ``blobs``
    table (inside the writer's transaction)."""
    c = compiled if compiled is not None else compile_bank(conn, kind_id)
    conn.execute("DELETE FROM blobs")
    blobs: list[tuple[str, str, bytes]] = [
        (name, str(getattr(c, name).dtype), getattr(c, name).tobytes()) for name in _ARRAYS
    ]
    blobs += [
        ("bigram_keys", "uint32", c.bigrams.keys.tobytes()),
        ("bigram_offsets", "int64", c.bigrams.offsets.tobytes()),
        ("bigram_postings", "int32", c.bigrams.postings.tobytes()),
        (
            "meta",
            "json",
            json.dumps(
                {"vocab": c.vocab, "functions": c.functions, "sources": c.source_names}, ensure_ascii=False
            ).encode("utf-8"),
        ),
    ]
    conn.executemany("INSERT INTO blobs(name, dtype, data) VALUES (?,?,?)", blobs)
    conn.execute("INSERT OR REPLACE INTO info(key, value) VALUES ('index_version', ?)", (str(INDEX_VERSION),))


def load_index(conn: sqlite3.Connection) -> Compiled | None:
    """The stored index, or None when the bank has none of this version (then compile it in memory)."""
    try:
        row = conn.execute("SELECT value FROM info WHERE key = 'index_version'").fetchone()
        if row is None or row[0] != str(INDEX_VERSION):
            return None
        data: dict[str, Any] = {}
        for name, dtype, blob in conn.execute("SELECT name, dtype, data FROM blobs"):
            data[name] = (
                json.loads(blob.decode("utf-8")) if dtype == "json" else np.frombuffer(blob, dtype=dtype)
            )
    except sqlite3.OperationalError:  # no blobs table: a version-1 bank
        return None
    meta = data.pop("meta")
    heading = data.pop("heading").astype(bool)
    reference = data.pop("reference").astype(bool)
    whole = data.pop("whole").astype(bool)
    n = len(data["ids"])
    bigrams = BigramIndex(data.pop("bigram_keys"), data.pop("bigram_offsets"), data.pop("bigram_postings"), n)
    return Compiled(
        **data,
        heading=heading,
        reference=reference,
        whole=whole,
        bigrams=bigrams,
        vocab=meta["vocab"],
        functions=meta["functions"],
        source_names=meta["sources"],
    )

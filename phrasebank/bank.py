"""A phrasebank in memory: one layer per SQLite file, searched together (personal over built-in, as in Word).

Everything a query touches is loaded once and never written afterwards (lists, numpy arrays, the bigram
index), so :meth:`Bank.suggest` is safe to call from a worker thread while another one reads too.
"""

from __future__ import annotations

import os
import re
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from rapidfuzz import fuzz, process

from drafter.model import Meta

from . import store
from .index import BigramIndex, query_bigrams
from .parts import part_top
from .rules import mining_rules
from .slots import body_from, context_for, render, strip_slots, to_template
from .tokens import tokens_of

#: Weights of the final score: similarity (0–100) + part match + frequency (see :meth:`BankLayer.prior`).
PART_EXACT_BONUS = 10.0
PART_TOP_BONUS = 5.0
FREQ_BONUS_CAP = 10.0
#: How many candidates the index hands to rapidfuzz for reranking.
CANDIDATES = 256
_TAIL_SPLIT = re.compile(r"[。；！？;!?\n]")
_MAX_QUERY_CHARS = 60


@dataclass(frozen=True)
class Suggestion:
    """One suggested phrase, rendered for the drafter's report, with where it comes from."""

    text: str
    template: str
    score: float
    part: str | None
    function: str
    #: In how many distinct reports the phrase (or a near-duplicate of it) appears.
    frequency: int
    #: Names of the reports it was mined from.
    sources: list[str] = field(default_factory=list)
    #: "user" or "builtin": which layer it came from.
    bank: str = "builtin"
    phrase_id: int = 0

    def to_json(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "template": self.template,
            "score": round(self.score, 2),
            "part": self.part,
            "function": self.function,
            "frequency": self.frequency,
            "sources": list(self.sources),
            "bank": self.bank,
            "phrase_id": self.phrase_id,
        }


def similarity(query_tokens: str, phrase_tokens: list[str]) -> np.ndarray:
    """The text part of the score (0–100), the same for indexed and exhaustive search.

    token_set_ratio rewards a phrase that contains what was typed (the autocompletion case); ratio breaks
    the ties it leaves in favour of phrases close in length and order.
    """
    if not phrase_tokens:
        return np.zeros(0, dtype=np.float32)
    a = process.cdist([query_tokens], phrase_tokens, scorer=fuzz.token_set_ratio, dtype=np.float32)[0]
    b = process.cdist([query_tokens], phrase_tokens, scorer=fuzz.ratio, dtype=np.float32)[0]
    return 0.7 * a + 0.3 * b


class BankLayer:
    """One bank file, loaded: phrase columns, prior scores and the bigram index."""

    def __init__(self, path: str | os.PathLike[str], name: str) -> None:
        self.path = Path(path)
        self.name = name
        rows, names = store.load_rows(self.path)
        self.ids = rows.ids
        self.templates = rows.templates
        self.tokens = rows.tokens
        self.parts = rows.parts
        self.functions = rows.functions
        self.sources = [names.get(i, ()) for i in rows.ids]
        self.freq = np.asarray(rows.frequency, dtype=np.float32)
        self.openings = np.asarray(rows.openings, dtype=np.float32)
        vocab: dict[str | None, int] = {}
        self._vocab = vocab
        self.part_codes = np.asarray([vocab.setdefault(p, len(vocab)) for p in rows.parts], dtype=np.int32)
        self.top_codes = np.asarray([vocab.setdefault(t, len(vocab)) for t in rows.tops], dtype=np.int32)
        self.freq_bonus = np.minimum(2.0 * np.log2(1.0 + self.freq), FREQ_BONUS_CAP).astype(np.float32)
        self.index = BigramIndex(rows.norms)
        rows.norms.clear()  # only the index needs them
        self._priors: dict[tuple[str | None, str | None], np.ndarray] = {}

    def __len__(self) -> int:
        return len(self.ids)

    def prior(self, part: str | None) -> np.ndarray:
        """Score every phrase gets before text similarity: part match and frequency (cached per part)."""
        top = part_top(part)
        key = (part, top)
        cached = self._priors.get(key)
        if cached is not None:
            return cached
        prior = self.freq_bonus.copy()
        if part is not None:
            code = self._vocab.get(part, -1)
            top_code = self._vocab.get(top, -1)
            prior += np.where(self.part_codes == code, PART_EXACT_BONUS, 0.0).astype(np.float32)
            if top_code >= 0 and top != part:
                prior += np.where(self.top_codes == top_code, PART_TOP_BONUS, 0.0).astype(np.float32)
        self._priors[key] = prior  # benign race: two threads may compute the same array
        return prior

    def search(self, norm: str, qtokens: str, part: str | None, k: int) -> list[tuple[float, int]]:
        """(score, row) of the best ``k`` phrases for a query, via the index and a rapidfuzz rerank."""
        if len(self) == 0:
            return []
        prior = self.prior(part)
        cand = self.index.candidates(query_bigrams(norm), prior, CANDIDATES)
        sims = similarity(qtokens, [self.tokens[i] for i in cand.tolist()])
        scores = sims + prior[cand]
        return self._top(scores, cand, k)

    def exhaustive(self, norm: str, qtokens: str, part: str | None, k: int) -> list[tuple[float, int]]:
        """The same ranking over every phrase (the benchmark's reference for recall)."""
        if len(self) == 0:
            return []
        prior = self.prior(part)
        scores = similarity(qtokens, self.tokens) + prior
        return self._top(scores, np.arange(len(self)), k)

    def _top(self, scores: np.ndarray, rows: np.ndarray, k: int) -> list[tuple[float, int]]:
        rows = np.asarray(rows)
        if len(rows) > 4 * k + 64:
            # keep everything that could tie with the k-th best, then order exactly
            kth = np.partition(scores, len(scores) - k)[len(scores) - k]
            keep = np.flatnonzero(scores >= kth)
            scores, rows = scores[keep], rows[keep]
        keys = [self.templates[i] for i in rows.tolist()]
        order = sorted(range(len(rows)), key=lambda j: (-float(scores[j]), keys[j]))[:k]
        return [(float(scores[j]), int(rows[j])) for j in order]

    def openings_for(self, part: str | None, k: int) -> list[tuple[float, int]]:
        """The phrases that most often open a section of ``part`` (the report's opening when None)."""
        if len(self) == 0:
            return []
        target = part or "opening"
        prior = self.prior(target)
        matches = (self.part_codes == self._vocab.get(target, -1)) | (
            self.top_codes == self._vocab.get(target, -1)
        )
        score = np.where(matches, 100.0 + 10.0 * self.openings + prior, prior)
        rows = np.argsort(-score, kind="stable")[: max(k * 4, k)]
        return self._top(score[rows], rows, k)

    def browse(self, part: str | None, function: str | None, k: int) -> list[tuple[float, int]]:
        """The most frequent phrases of a part and/or rhetorical function (browsing, not search)."""
        mask = np.ones(len(self), dtype=bool)
        if part is not None:
            code = self._vocab.get(part, -1)
            mask &= (self.part_codes == code) | (self.top_codes == code)
        if function is not None:
            mask &= np.asarray([f == function for f in self.functions], dtype=bool)
        rows = np.flatnonzero(mask)
        score = self.freq[rows] * 10.0 + self.openings[rows]
        return self._top(score, rows, k)

    def suggestion(self, score: float, row: int, context: dict[str, Any]) -> Suggestion:
        template = self.templates[row]
        return Suggestion(
            text=render(template, context),
            template=template,
            score=score,
            part=self.parts[row],
            function=self.functions[row],
            frequency=int(self.freq[row]),
            sources=list(self.sources[row]),
            bank=self.name,
            phrase_id=self.ids[row],
        )


def query_tail(text: str) -> str:
    """What the drafter is typing now: the last clause of the text, at most 60 characters."""
    pieces = [p.strip() for p in _TAIL_SPLIT.split(text)]
    tail = pieces[-1] if pieces else ""
    return tail[-_MAX_QUERY_CHARS:]


class Bank:
    """Layers searched together; the user's own layer first (it wins ties and duplicates)."""

    def __init__(self, layers: list[BankLayer]) -> None:
        self.layers = layers
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return sum(len(layer) for layer in self.layers)

    def _query(self, text: str, meta: Meta | None) -> tuple[str, str]:
        rules = mining_rules(meta.kind if meta and meta.kind else "fzzf")
        tail = query_tail(text)
        if not tail:
            return "", ""
        body = body_from(meta.org if meta else "", meta.title if meta else "", "", rules)
        year = meta.year if meta else None
        norm = strip_slots(to_template(tail, year, body, rules))
        return norm, tokens_of(norm)

    def suggest(
        self, text: str, *, part: str | None = None, meta: Meta | None = None, k: int = 5
    ) -> list[Suggestion]:
        """Top ``k`` phrases for the text being typed, best first, rendered with the draft's year and body."""
        k = max(1, int(k))
        rules = mining_rules(meta.kind if meta and meta.kind else "fzzf")
        context = context_for(meta, rules)
        norm, qtokens = self._query(text, meta)
        found: list[tuple[float, BankLayer, int]] = []
        for layer in self.layers:
            hits = layer.search(norm, qtokens, part, k * 2) if qtokens else layer.openings_for(part, k * 2)
            found.extend((score, layer, row) for score, row in hits)
        return self._merge(found, context, k)

    def browse(
        self, *, part: str | None = None, function: str | None = None, meta: Meta | None = None, k: int = 20
    ) -> list[Suggestion]:
        """The commonest phrases of a part and/or function, for browsing as in the Academic Phrasebank."""
        context = context_for(meta, mining_rules(meta.kind if meta and meta.kind else "fzzf"))
        found = [(s, layer, r) for layer in self.layers for s, r in layer.browse(part, function, k)]
        return self._merge(found, context, k)

    def _merge(
        self, found: list[tuple[float, BankLayer, int]], context: dict[str, Any], k: int
    ) -> list[Suggestion]:
        found.sort(key=lambda t: (-t[0], self.layers.index(t[1]), t[1].templates[t[2]]))
        out: list[Suggestion] = []
        seen: set[str] = set()
        for score, layer, row in found:
            s = layer.suggestion(score, row, context)
            if s.text in seen:
                continue
            seen.add(s.text)
            out.append(s)
            if len(out) == k:
                break
        return out

    def occurrences(self, suggestion: Suggestion, limit: int = 20) -> list[dict[str, Any]]:
        """Where a suggestion was found (report, location, original wording), read on demand."""
        for layer in self.layers:
            if layer.name == suggestion.bank:
                return store.occurrences(layer.path, suggestion.phrase_id, limit)
        return []

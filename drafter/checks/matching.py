"""Matching by meaning for the coverage checks: does any heading or paragraph speak of this item?

Both sides go through the one shared jieba tokenizer (:mod:`drafter.segment`); words that occur in almost
every item (「加强」「推进」「工作」, listed in ``rules.toml``) are dropped. The score is how much of the
item's remaining wording the text contains, weighted by word length (100 = all of it): a symmetric
similarity would let a short heading that shares two words with a long item pass for it. rapidfuzz's
``process.extractOne`` runs the scorer over the candidates.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

from ..segment import cut_joined


def content_tokens(text: str, stopwords: frozenset[str]) -> str:
    """The text's words without stop words, space-joined (all words when nothing else is left)."""
    words = cut_joined(text).split()
    kept = [w for w in words if w not in stopwords and not w.isdigit()]
    return " ".join(kept or words)


def _word_share(word: str, have: set[str], flat: str) -> float:
    """1 when the word occurs; else the share of its character pairs that do (jieba may cut
    「化解矛盾」 in the item and 「矛盾纠纷依法有效化解」 in the text differently)."""
    if word in have or word in flat:
        return 1.0
    if len(word) < 3:
        return 0.0
    pairs = [word[i : i + 2] for i in range(len(word) - 1)]
    return sum(1 for p in pairs if p in flat) / len(pairs)


def coverage(query: str, choice: str, **_: Any) -> float:
    """Share (0–100) of the query's words, weighted by length, that occur in the choice."""
    words = query.split()
    if not words:
        return 0.0
    have = set(choice.split())
    flat = choice.replace(" ", "")
    total = sum(len(w) for w in words)
    covered = sum(len(w) * _word_share(w, have, flat) for w in words)
    return 100.0 * covered / total


_NOT_CONTENT = re.compile(r"[\s\W\d_]+")


def key_bigrams(item: str, stopwords: Iterable[str]) -> list[str]:
    """The character pairs of an item's key object: the item with its stop words (「建设」「推进」「实现」)
    cut out, pairs never spanning a cut (「建设县级行政复议服务中心」 → 县级 级行 行政 … 中心)."""
    text = item
    for w in sorted((w for w in stopwords if len(w) >= 2), key=len, reverse=True):
        text = text.replace(w, " ")
    pieces = [p for p in _NOT_CONTENT.split(text) if len(p) >= 2]
    return [p[i : i + 2] for p in pieces for i in range(len(p) - 1)]


def char_coverage(pairs: Sequence[str], text: str) -> float:
    """Share (0–100) of the key pairs that occur in the text, character for character: what word overlap
    after jieba misses (「建设……服务中心」 ↔ 「建成……服务中心」 cut differently)."""
    if not pairs:
        return 0.0
    flat = _NOT_CONTENT.sub("", text)
    return 100.0 * sum(1 for p in pairs if p in flat) / len(pairs)


def best_score(item: str, texts: Sequence[str], stopwords: Iterable[str]) -> tuple[float, int]:
    """(best score 0–100, index of the best text) of an item against candidate texts: the better of the
    word coverage (jieba words, synonyms applied by the caller) and the key object's character coverage."""
    from rapidfuzz import process

    stop = frozenset(stopwords)
    query = content_tokens(item, stop)
    if not query or not texts:
        return 0.0, -1
    choices = [content_tokens(t, stop) for t in texts]
    hit = process.extractOne(query, choices, scorer=coverage, processor=None)
    best, index = (float(hit[1]), int(hit[2])) if hit is not None else (0.0, -1)
    pairs = key_bigrams(item, stop)
    if len(pairs) >= 3:
        for i, t in enumerate(texts):
            score = char_coverage(pairs, t)
            if score > best:
                best, index = score, i
    return best, index

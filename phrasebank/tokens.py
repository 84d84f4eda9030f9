"""Tokens a phrase is compared by: jieba words (the one shared tokenizer), punctuation dropped.

Index and query must use the same tokenizer or the scores mean nothing, hence this single function for
both mining and suggestion.
"""

from __future__ import annotations

from drafter.segment import cut_joined

from .index import index_text


def tokens_of(text: str) -> str:
    """Space-joined jieba tokens of a text without punctuation (the form rapidfuzz's token scorers need)."""
    return " ".join(t for t in cut_joined(text).split(" ") if index_text(t))

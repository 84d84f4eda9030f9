"""The draft's own text as a source of continuations (a cache model).

A report repeats itself: 「党的二十大和二十届三中全会精神」, 「行政规范性文件」, the body's own programme names.
What the drafter has already written in this session is the best evidence of how they will go on, so the
paragraphs they finished are kept here, slotted like mined text (their year and body become slots, so they
render back as written), and indexed the same way as a bank (:func:`phrasebank.compiled.compile_texts`).

A front end adds paragraphs it knows (:meth:`DraftMemory.add`); the stdio protocol also learns them from the
requests themselves (:meth:`DraftMemory.observe`): when a request's text does not extend the previous one,
the clerk has moved to another paragraph and the previous text is taken as written.
"""

from __future__ import annotations

import hashlib
import threading
from functools import lru_cache
from typing import Any

from drafter.model import Meta

from . import codec
from .builtin_kind import BUILTIN_KIND
from .compiled import Compiled, compile_texts
from .rules import mining_rules
from .sentences import is_fragment, split_clauses
from .slots import Body, context_for, draft_body, strip_slots, to_template
from .suffix import ContextIndex

#: Name shown as the source of a continuation from the draft itself.
SOURCE = "本稿"
#: Oldest text is forgotten beyond this many characters.
MAX_CHARS = 200_000


class DraftMemory:
    """Finished paragraphs of the draft being written, and their index (rebuilt lazily when they change)."""

    def __init__(self) -> None:
        self._clauses: list[str] = []
        self._seen: set[str] = set()
        self._chars = 0
        self._last = ""
        self._index: tuple[Compiled, ContextIndex] | None = None
        self._lock = threading.Lock()
        self._written: list[str] = []
        self._text = ""

    def __len__(self) -> int:
        return len(self._clauses)

    def add(self, text: str, meta: Meta | None) -> None:
        """Remember a paragraph the drafter wrote (idempotent: the same paragraph is kept once)."""
        text = text.strip()
        if not text:
            return
        digest = hashlib.sha1(text.encode("utf-8")).hexdigest()
        kind_id = meta.kind if meta and meta.kind else BUILTIN_KIND
        rules = mining_rules(kind_id)
        year = int(context_for(meta, rules)["year"])
        body = draft_body(meta, rules)
        with self._lock:
            if digest in self._seen:
                return
            self._seen.add(digest)
            self._written = [*self._written[-19:], text]
            self._text = (self._text + "\n" + text)[-MAX_CHARS:]
            for code in clause_codes(text, rules, year, body):
                self._clauses.append(code)
                self._chars += len(code)
            while self._chars > MAX_CHARS and self._clauses:
                self._chars -= len(self._clauses.pop(0))
            self._index = None

    def text(self) -> str:
        """What the drafter wrote, as written, one paragraph a line (the latest :data:`MAX_CHARS`)."""
        return self._text

    def style(self) -> str:
        """The punctuation width of what the drafter wrote lately ("" while it does not tell)."""
        return codec.punctuation_style("".join(self._written))

    def observe(self, text: str, meta: Meta | None) -> None:
        """Follow the requests of a session: a text that does not extend the previous one ends that paragraph.

        A shorter text that the previous one starts with is the same paragraph after a backspace — unless it
        is empty: the cursor is at the start of another paragraph.
        """
        last = self._last
        self._last = text
        if last and not text.startswith(last) and (not text or not last.startswith(text)):
            self.add(last, meta)

    def index(self) -> tuple[Compiled, ContextIndex] | None:
        """The index over the remembered clauses (None while there are none)."""
        with self._lock:
            if self._index is None and self._clauses:
                self._index = _index_of(list(self._clauses))
            return self._index


def clause_codes(text: str, rules: Any, year: int, body: Any) -> list[str]:
    """The clauses of a paragraph as mined text (code units, the draft's year and body as slots)."""
    out = []
    for clause in split_clauses(text, rules):
        template = to_template(clause, year, body, rules)
        if is_fragment(strip_slots(template), rules):
            out.append(codec.encode_template(template))
    return out


def _index_of(clauses: list[str]) -> tuple[Compiled, ContextIndex]:
    def tokens() -> list[str]:
        from .tokens import tokens_of

        return [tokens_of(strip_slots(codec.decode_template(c))) for c in clauses]

    # the tokens (jieba) are read only when a continuation is first cut at a word end: most indexes of a
    # paragraph being typed are never read that far
    compiled = compile_texts(clauses, None, SOURCE, lazy_words=tokens)
    return compiled, ContextIndex(compiled.units, compiled.sa, compiled.sa_first)


@lru_cache(maxsize=8)
def paragraph_index(
    before: str, year: int, short: str, org: str, kind_id: str
) -> tuple[Compiled, ContextIndex] | None:
    """The finished clauses of the paragraph being typed (``before``: its text up to the current clause).

    Why: a paragraph names its own programme twice (「跨域通办」 … 「“跨域通办”」), and the draft's memory
    only learns a paragraph once it is finished. Cached by text, so it is built once per clause typed, not
    per keystroke.
    """
    clauses = clause_codes(before, mining_rules(kind_id), year, own_body(year, short, org, kind_id))
    return _index_of(clauses) if clauses else None


@lru_cache(maxsize=16)
def own_body(year: int, short: str, org: str, kind_id: str) -> Body:
    """The draft's body from its rendered slot values (``short`` and ``org`` as a query's context holds them,
    an unknown one as its 「…」 placeholder). Cached: reading the org's place names costs more than the rest
    of a paragraph's index, and the draft's metadata hardly ever changes."""
    meta = Meta(kind=kind_id, year=year, org=org if org != "「单位名称」" else "", short=short.strip("「」"))
    return draft_body(meta, mining_rules(kind_id))

"""The fast paths of the suggestion code give exactly what the plain ways of computing the same thing give.

Each fast path (a Python sort instead of prefix doubling, a memoryview bisection instead of numpy searches,
an overlap counted from the phrases' text instead of the posting lists, regex scans before
``str.translate`` …) is checked here against a straightforward reference written out in the test, on
random inputs with separators, repeated characters, slot code units and characters beyond the BMP.
"""

from __future__ import annotations

import dataclasses
import math
import random

import numpy as np
import pytest

from phrasebank import codec, continuations, suffix
from phrasebank.bank import Suggestion
from phrasebank.compiled import HARD, WORD_END, compile_texts, word_ends
from phrasebank.index import BigramIndex, query_bigrams

ALPHABET = [
    "a",
    "b",
    "A",
    "，",
    ",",
    "的",
    "法",
    "治",
    "\U00020000",
    "\U00020001",
    "\ue001",
    "\ue01a",
    "\uffff",
    "{",
]


def random_text(rng: random.Random, max_len: int) -> str:
    letters = rng.sample(ALPHABET, rng.randint(2, len(ALPHABET)))
    return "".join(rng.choice(letters) for _ in range(rng.randint(0, max_len)))


def random_units(rng: random.Random) -> np.ndarray:
    texts = [random_text(rng, rng.choice([3, 10, 40, 80])) for _ in range(rng.randint(1, 12))]
    units = codec.to_units("\x00" + "\x00".join(texts) + "\x00" * 65)
    if rng.random() < 0.3:  # a text that does not start or end with a separator
        units = units[rng.randint(0, 5) : len(units) - rng.randint(0, 30)]
    return units


def test_small_build_orders_contexts_like_prefix_doubling() -> None:
    rng = random.Random(3)
    for _ in range(400):
        units = random_units(rng)
        doubled = suffix._build_doubling(units)
        small = suffix._build_small(units)
        assert small.dtype == doubled.dtype == np.int32
        assert np.array_equal(small, doubled), codec.from_units(units)


def test_build_uses_either_path_with_the_same_result_around_the_threshold() -> None:
    rng = random.Random(5)
    for size in (suffix.SMALL_BUILD - 1, suffix.SMALL_BUILD, suffix.SMALL_BUILD + 1):
        text = "\x00".join(random_text(rng, 30) for _ in range(size))
        units = codec.to_units("\x00" + text)[:size]
        assert np.array_equal(suffix.build(units), suffix._build_doubling(units))


def _descend_reference(index: suffix.ContextIndex, context: np.ndarray) -> list[tuple[int, int]]:
    """Narrow the range with numpy searches on each depth's characters (the original way)."""
    fold = codec.fold_table()
    lo, hi = 0, len(index.positions)
    out = []
    for depth, c in enumerate(context[: suffix.DEPTH].tolist()):
        chars = fold[index.units[index.positions[lo:hi].astype(np.int64) - 1 - depth]]
        a = int(np.searchsorted(chars, c, "left"))
        b = int(np.searchsorted(chars, c, "right"))
        lo, hi = lo + a, lo + b
        if lo >= hi:
            break
        out.append((lo, hi))
        if c == codec.SEP:
            break
    return out


@pytest.mark.parametrize("with_first_table", [False, True])
def test_descend_bisection_matches_vectorised_searches(with_first_table: bool) -> None:
    rng = random.Random(7)
    for _ in range(60):
        units = random_units(rng)
        if units[0] != codec.SEP:
            continue
        sa = suffix.build(units)
        bounds = suffix.first_bounds(units, sa) if with_first_table else None
        index = suffix.ContextIndex(units, sa, bounds)
        for _ in range(20):
            context, _anchored = continuations.context_units(random_text(rng, 40))
            assert index.descend(context) == _descend_reference(index, context)


def test_similarity_overlap_matches_the_posting_lists() -> None:
    rng = random.Random(11)
    for _ in range(40):
        texts = [random_text(rng, 30) for _ in range(rng.randint(1, 30))]
        compiled = compile_texts(texts, [""] * len(texts), "x")
        index = BigramIndex.build(compiled.units, compiled.starts)
        for _ in range(10):
            bigrams = query_bigrams(random_text(rng, 20) + rng.choice(texts))
            rows = np.asarray(rng.sample(range(len(texts)), rng.randint(1, len(texts))), dtype=np.int64)
            got_texts, overlap = compiled.similarity_overlap(rows, bigrams)
            assert got_texts == compiled.similarity_texts(rows)
            assert np.array_equal(overlap, index.overlap(bigrams)[rows])


def test_candidate_rows_are_the_candidates_rows() -> None:
    rng = random.Random(13)
    texts = [
        "".join(rng.choice("法治政府建设依法行政推进全面") for _ in range(rng.randint(4, 20)))
        for _ in range(300)
    ]
    compiled = compile_texts(texts, [""] * len(texts), "x")
    index = BigramIndex.build(compiled.units, compiled.starts)
    prior = np.asarray([rng.random() * 10 for _ in texts], dtype=np.float32)
    allowed = np.asarray([rng.random() < 0.8 for _ in texts])
    for _ in range(30):
        bigrams = query_bigrams(rng.choice(texts) + rng.choice(texts)[:3])
        rows, overlap = index.candidates(bigrams, prior, 20, allowed)
        assert np.array_equal(index.candidate_rows(bigrams, prior, 20, allowed), rows)
        assert np.array_equal(overlap, index.overlap(bigrams)[rows])


def test_lazy_word_ends_give_the_eager_flags() -> None:
    texts = [
        codec.encode_template("{{ year }}年，{{ short }}全面推行行政执法公示制度"),
        "落实《{{ org }}规定》要求",
    ]
    tokens = ["年 全面 推行 行政 执法 公示 制度", "落实 规定 要求"]
    eager = compile_texts(texts, tokens, "本稿")
    asked: list[int] = []

    def later() -> list[str]:
        asked.append(1)
        return tokens

    lazy = compile_texts(texts, None, "本稿", lazy_words=later)
    assert not asked
    assert np.array_equal(lazy.flags & HARD, eager.flags & HARD)
    assert not (lazy.flags & WORD_END).any()
    assert np.array_equal(lazy.word_flags(), eager.flags)
    assert np.array_equal(lazy.word_flags(), eager.flags) and asked == [1]
    assert np.array_equal(eager.word_flags(), eager.flags)
    assert word_ends(texts[1], tokens[1])  # the flags above do hold word ends


def _entries_reference(ranges: list[tuple[int, int]], levels: list[int]) -> tuple[np.ndarray, np.ndarray]:
    lo, hi = ranges[levels[-1] - 1]
    if hi - lo <= continuations.MAX_PLACES:
        entries = np.arange(lo, hi)
    else:
        deep = next(
            (
                ranges[d - 1]
                for d in reversed(levels)
                if ranges[d - 1][1] - ranges[d - 1][0] <= continuations.MAX_PLACES // 2
            ),
            (0, 0),
        )
        sample = np.linspace(lo, hi - 1, continuations.MAX_PLACES - (deep[1] - deep[0])).astype(np.int64)
        entries = np.unique(np.concatenate([np.arange(deep[0], deep[1]), sample]))
    bounds = np.asarray([ranges[d - 1] for d in levels], dtype=np.int64)
    inside = (bounds[None, :, 0] <= entries[:, None]) & (entries[:, None] < bounds[None, :, 1])
    return entries, np.asarray(levels, dtype=np.int64)[inside.argmax(axis=1)]


def test_entries_sample_and_depths_match_linspace_and_unique() -> None:
    rng = random.Random(17)
    for _ in range(500):
        lo, hi = 0, rng.choice([50, 161, 400, 5000, 3_000_000])
        ranges = []
        for _depth in range(rng.randint(1, 30)):
            width = hi - lo
            if width <= 1:
                break
            a = lo + rng.randint(0, width // 2)
            b = rng.randint(a + 1, hi) if rng.random() < 0.7 else a + rng.randint(1, min(width // 2 + 1, 90))
            ranges.append((lo, hi))
            lo, hi = a, min(b, hi)
        ranges.append((lo, hi))
        levels = list(range(len(ranges), 0, -1))
        entries, depth = continuations._entries(ranges, levels)
        want_entries, want_depth = _entries_reference(ranges, levels)
        assert np.array_equal(entries, want_entries)
        assert np.array_equal(depth, want_depth)


def _profile_reference(
    levels: list[int], share: np.ndarray, total: np.ndarray, distinct: np.ndarray
) -> np.ndarray:
    at_depths = np.asarray(continuations.PROFILE_DEPTHS)
    lv = np.asarray(levels)
    escape = np.where(total + distinct > 0, distinct / np.maximum(total + distinct, 1e-9), 1.0)
    shorter = lv[None, :] <= at_depths[:, None]
    at = shorter.argmax(axis=1)
    used = shorter.any(axis=1)
    n = share.shape[1]
    cols = np.full((n, len(at_depths), 3), -1.0)
    cols[:, used, 0] = share[at[used]].T
    cols[:, used, 1] = np.log1p(total[at[used]])
    cols[:, used, 2] = escape[at[used]]
    tail = np.empty((n, 5))
    tail[:, 0] = share[0]
    tail[:, 1] = math.log1p(total[0])
    tail[:, 2] = escape[0]
    tail[:, 3] = share[1] if len(lv) > 1 else -1.0
    tail[:, 4] = len(lv)
    return np.concatenate([cols.reshape(n, -1), tail], axis=1)


def test_profile_rows_match_the_per_column_construction() -> None:
    rng = np.random.default_rng(19)
    for _ in range(200):
        top = int(rng.integers(1, 32))
        levels = sorted(rng.choice(np.arange(1, top + 1), size=int(rng.integers(1, top + 1)), replace=False))[
            ::-1
        ]
        levels = [int(x) for x in levels]
        n = int(rng.integers(1, 9))
        share = rng.random((len(levels), n))
        total = rng.random(len(levels)) * 10 * (rng.random(len(levels)) < 0.9)
        distinct = np.floor(rng.random(len(levels)) * 5) * (total > 0)
        got = continuations.profile_rows(levels, share, total, distinct)
        assert got.shape == (n, continuations.PROFILE_WIDTH)
        assert np.array_equal(got, _profile_reference(levels, share, total, distinct))


def _decode_reference(text: str) -> str:
    out, figures = [], 0
    for ch in text:
        code = ord(ch)
        if code == codec.FIGURE_CODE:
            figures += 1
            out.append(f"{{{{ n{figures} }}}}")
        elif codec.is_slot(code):
            out.append("{{ " + {v: k for k, v in codec.SLOT_CODES.items()}[code] + " }}")
        elif ch == "{":
            out.append("{{ lb }}")
        elif ch == "}":
            out.append("{{ rb }}")
        else:
            out.append(ch)
    return "".join(out)


def test_codec_scans_give_what_translating_gives() -> None:
    rng = random.Random(23)
    table = codec.translation({"year": 2025, "org": "某某县人民政府", "short": "我县"})
    pieces = [
        *ALPHABET,
        "}",
        "Ｂ",
        "３",
        "7",
        "；",
        "(",
        "?",
        "—",
        "\u3000",
        "\x00",
        chr(codec.FIGURE_CODE),
        "，1",
    ]
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 30)))
        assert codec.decode_template(text) == _decode_reference(text)
        assert codec.render_text(text, table) == text.translate(dict(table))
        assert codec.fold_str(text) == text.translate(codec._fold_map())
        units = codec.fold(codec.to_units(text))
        assert codec.similarity_text(text) == codec.from_units(units[codec.keep_mask()[units]])
        full = codec._NUMERIC_PUNCT.sub(",", text.translate(codec._TO_FULL))
        assert codec.restyle(text, "full") == full
    plain = {ord("a"): "b"}  # any other table is translated as it is
    assert codec.render_text("aaa", plain) == "bbb"


def test_finished_copies_like_dataclasses_replace() -> None:
    s = Suggestion(
        text="2025年，我县",
        template="",
        score=1.5,
        part="opening",
        function="x",
        frequency=2,
        sources=["a"],
        code=chr(codec.SLOT_CODES["year"]) + "年，" + chr(codec.SLOT_CODES["short"]),
    )
    done = s.finished()
    assert done == dataclasses.replace(s, template="{{ year }}年，{{ short }}")
    assert done.code == s.code and done.template == "{{ year }}年，{{ short }}" and s.template == ""
    assert done.finished() is done

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


def test_tiny_build_orders_contexts_like_the_small_build() -> None:
    rng = random.Random(13)
    for _ in range(600):
        units = random_units(rng)
        if rng.random() < 0.2:  # long runs of one character: contexts equal up to DEPTH
            units = np.concatenate(
                [units, np.full(rng.randint(1, 80), units[-1] if len(units) else 5, np.uint16)]
            )
        tiny, small = suffix._build_tiny(units), suffix._build_small(units)
        assert tiny.dtype == small.dtype == np.int32
        assert np.array_equal(tiny, small), codec.from_units(units)
    for size in (suffix.TINY_BUILD - 1, suffix.TINY_BUILD, suffix.TINY_BUILD + 1):
        text = "\x00".join(random_text(rng, 30) for _ in range(size))
        units = codec.to_units("\x00" + text)[:size]
        assert np.array_equal(suffix.build(units), suffix._build_doubling(units))


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


def _random_suggestion_fields(rng: random.Random) -> dict[str, object]:
    return {
        "text": "".join(rng.choices(ALPHABET, k=rng.randint(0, 8))),
        "template": rng.choice(["", "{{ year }}年"]),
        "score": rng.uniform(-50, 150),
        "part": rng.choice([None, "opening", "plan"]),
        "function": rng.choice(["", "x"]),
        "frequency": rng.randint(0, 9),
        "sources": rng.sample(["a", "b", "c"], rng.randint(0, 3)),
        "bank": rng.choice(["user", "builtin", "draft"]),
        "phrase_id": rng.randint(0, 99),
        "insert": "".join(rng.choices(ALPHABET, k=rng.randint(0, 5))),
        "replace": rng.randint(0, 5),
        "kind": rng.choice(["phrase", "continuation"]),
        "code": "".join(rng.choices(ALPHABET, k=rng.randint(0, 5))),
    }


def test_suggestion_building_and_copying_match_the_dataclass() -> None:
    from phrasebank.bank import _suggestion, _with, make_query

    rng = random.Random(11)
    assert {f.name for f in dataclasses.fields(Suggestion)} == set(_random_suggestion_fields(rng))
    for _ in range(300):
        fields = _random_suggestion_fields(rng)
        fast, plain = _suggestion(**fields), Suggestion(**fields)  # type: ignore[arg-type]
        assert fast == plain and vars(fast) == vars(plain) and fast.code == plain.code
        changes = {"score": rng.uniform(0, 9), "sources": ["z"], "frequency": rng.randint(0, 3)}
        copied, replaced = _with(fast, **changes), dataclasses.replace(plain, **changes)
        assert (
            copied == replaced and vars(copied) == vars(replaced) and fast == plain
        )  # the original unchanged
    q = make_query("依法行政，")
    for style in ("", "half", "full"):
        assert vars(_with(q, style=style)) == vars(dataclasses.replace(q, style=style))


def _random_candidates(rng: random.Random, n: int) -> list[object]:
    from phrasebank.ranking import Candidate

    out = []
    for _ in range(n):
        profile = (
            None
            if rng.random() < 0.2
            else np.asarray([rng.uniform(-1, 3) for _ in range(continuations.PROFILE_WIDTH)])
        )
        c = continuations.Continuation(
            text="".join(rng.choices(ALPHABET, k=rng.randint(1, 6))),
            depth=rng.randint(0, 14),
            anchored=rng.random() < 0.3,
            probability=rng.choice([0.0, rng.random(), rng.random() * 1e-6]),
            reports=rng.randint(0, 20),
            row=rng.randint(0, 9),
            sources=(),
            words=rng.randint(0, 4),
            profile=profile,
        )
        insert = "".join(rng.choices(["法治", "，", "。", "依法", "行政", "a", "、"], k=rng.randint(0, 4)))
        out.append(Candidate(c, insert, rng.random() < 0.3))
    return out


def _features_reference(candidates, text, clause_start, heading, in_heading, draft):  # type: ignore[no-untyped-def]
    """The features as first written: one row assigned per candidate."""
    from phrasebank import ranking as R

    draft = draft[-R.MEMORY_CHARS :]
    conts = [cand.continuation for cand in candidates]
    best_p = max(c.probability for c in conts)
    deepest = max(c.depth for c in conts)
    order = sorted(range(len(conts)), key=lambda j: -conts[j].probability)
    rank = {j: r for r, j in enumerate(order)}
    after_punct = float(bool(text) and text[-1] in R._PUNCT)
    clause_chars = math.log1p(len(text) - clause_start)
    ctx1, ctx2 = text[-1:], text[-2:]
    before = text[:-1]
    n = len(candidates)
    own = np.zeros((n, len(R._OWN_COLUMNS)))
    drafted = np.zeros((n, len(R._DRAFT_COLUMNS)))
    for j, cand in enumerate(candidates):
        c, ins = cand.continuation, cand.insert
        own[j] = (
            math.log(c.probability + 1e-9),
            math.log(max(len(ins), 1)),
            math.log1p(c.reports),
            c.depth,
            c.anchored,
            math.log(max(c.words, 1)),
            cand.own,
            in_heading,
            math.log(c.probability / best_p + 1e-9) if best_p > 0 else 0.0,
            rank[j],
            c.depth / max(deepest, 1),
            c.depth == deepest,
            bool(ins) and ins[-1] in R._STOPS,
            bool(ins) and ins[0] in R._PUNCT,
            after_punct,
            clause_chars,
            n,
        )
        drafted[j] = (
            math.log1p(draft.count(ins)) if draft else 0.0,
            math.log1p(draft.count(ctx2 + ins)) if draft and text else 0.0,
            math.log1p(text.count(ins)),
            ins in heading,
            math.log1p(draft.count(ctx1 + ins)) if draft and text else 0.0,
            math.log1p(before.count(ctx2 + ins)) if len(text) > 2 else 0.0,
        )
    profiles = np.asarray([c.profile if c.profile is not None else R._NO_PROFILE for c in conts])
    return np.concatenate([own, profiles, drafted], axis=1)


def test_features_match_the_row_by_row_construction() -> None:
    from phrasebank import ranking

    rng = random.Random(5)
    words = ["法治", "，", "。", "依法", "行政", "a", "、", "政府"]
    for _ in range(300):
        cands = _random_candidates(rng, rng.randint(1, 25))
        text = "".join(rng.choices(words, k=rng.randint(0, 12)))
        draft = "".join(rng.choices(words, k=rng.randint(0, 40)))
        heading = "".join(rng.choices(words, k=rng.randint(0, 4)))
        args = (cands, text, rng.randint(0, len(text)), heading, rng.random() < 0.3, draft)
        fast, plain = ranking.features(*args), _features_reference(*args)  # type: ignore[arg-type]
        assert fast.dtype == plain.dtype and fast.shape == plain.shape == (len(cands), len(ranking.FEATURES))
        assert fast.tobytes() == plain.tobytes()  # bit for bit: the model was fitted on these values


def _random_forest(  # type: ignore[no-untyped-def]
    rng: np.random.Generator, trees: int, depth: int, width: int, deeper: bool = False, grow: float = 0.8
):
    """A padded forest of random trees (grown breadth first, so nodes are numbered as in the JSON)."""
    from phrasebank.ranking import Forest

    feature = np.zeros((trees, width), dtype=np.int64)
    threshold = np.zeros((trees, width))
    left = np.zeros((trees, width), dtype=np.int64)
    right = np.zeros((trees, width), dtype=np.int64)
    leaf = np.ones((trees, width), dtype=bool)
    value = rng.normal(size=(trees, width))
    limit = depth + 1 if deeper else depth
    for t in range(trees):
        queue, used = [(0, 0)], 1
        while queue:
            v, d = queue.pop(0)
            if d < limit and used + 2 <= width and rng.random() < grow:
                leaf[t, v] = False
                feature[t, v] = rng.integers(0, 6)
                threshold[t, v] = np.round(rng.normal(), 1)
                left[t, v], right[t, v] = used, used + 1
                queue += [(used, d + 1), (used + 1, d + 1)]
                used += 2
    return Forest(feature, threshold, left, right, leaf, value, base=0.25, depth=depth, names=("x",) * 6)


def test_forest_predict_matches_the_level_walk() -> None:
    from phrasebank import ranking

    rng = np.random.default_rng(3)
    shipped = ranking._load(str(ranking.model_path()))
    forests = [shipped] + [
        _random_forest(rng, int(rng.integers(1, 40)), int(rng.integers(0, 5)), 31) for _ in range(30)
    ]
    assert all(f._bits is not None for f in forests)  # type: ignore[attr-defined]
    # trees deeper than the walk goes (it then stops on an inner node), or with more leaves than a uint16
    # has bits: no tables, the walk is used
    unfit = [_random_forest(rng, 5, 1, 31, deeper=True, grow=1.0), _random_forest(rng, 3, 5, 63, grow=1.0)]
    assert all(f._bits is None for f in unfit)  # type: ignore[attr-defined]
    forests += unfit
    for forest in forests:
        width = 6 if forest is not shipped else len(ranking.FEATURES)
        for n in (1, 2, 7, 30):
            x = np.round(rng.normal(size=(n, width)), 1)  # thresholds are hit exactly, too
            x[rng.random(x.shape) < 0.05] = np.nan
            fast, plain = forest.predict(x), forest.predict_walk(x)
            assert fast.tobytes() == plain.tobytes()  # the same leaves summed in the same order
    assert len(shipped.predict(np.zeros((0, len(ranking.FEATURES))))) == 0


def test_punctuation_style_and_hard_ends_match_the_plain_counts() -> None:
    rng = random.Random(2)
    marks = [*",;:()!?，；：（）！？", "法", "a", "。", "-", "\\"]
    for _ in range(3000):
        text = "".join(rng.choices(marks, k=rng.randint(0, 20)))
        half = sum(text.count(c) for c in codec._HALF)
        full = sum(text.count(c) for c in codec._FULL)
        expected = "" if half == full == 0 else ("half" if half > full else "full")
        assert codec.punctuation_style(text) == expected
    nrng = np.random.default_rng(4)
    for _ in range(300):
        n = int(nrng.integers(1, 40))
        flags = (
            nrng.integers(0, 4, size=(n, continuations.MAX_CHARS))
            * (nrng.random((n, continuations.MAX_CHARS)) < 0.1)
        ).astype(np.uint8)
        window = np.zeros(flags.shape, dtype=np.uint16)
        hard = flags & HARD
        expected = np.where(hard.any(axis=1), hard.argmax(axis=1), window.shape[1])
        assert np.array_equal(continuations._hard_end(window, flags), expected)


def test_ranking_candidates_are_the_dataclass() -> None:
    from phrasebank.bank import _suggestion, ranking_candidates
    from phrasebank.ranking import Candidate

    rng = random.Random(8)
    for _ in range(50):
        pairs = []
        for cand in _random_candidates(rng, rng.randint(0, 6)):
            fields = _random_suggestion_fields(rng)
            pairs.append((cand.continuation, _suggestion(**fields)))  # type: ignore[attr-defined]
        fast = ranking_candidates(pairs)  # type: ignore[arg-type]
        plain = [Candidate(c, s.insert, s.bank == "draft") for c, s in pairs]
        assert fast == plain and [vars(a) for a in fast] == [vars(b) for b in plain]

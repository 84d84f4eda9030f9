"""The stored index: built at mining time, read as it is at opening, equal to the brute-force answers."""

from __future__ import annotations

import random
import sqlite3
from pathlib import Path

import numpy as np
import pytest

from phrasebank import codec, mine, open_banks, suffix
from phrasebank.index import BigramIndex, distinct_sorted, query_bigrams
from phrasebank.store import APPLICATION_ID
from tests._phrasebank_fixtures import BODIES, report_text, write_report

ALPHABET = "法治政府建设行政执法，、"


def test_distinct_sorted_is_np_unique() -> None:
    rng = np.random.default_rng(5)
    values = rng.integers(0, 1 << 40, size=50_000, dtype=np.uint64)
    values = np.concatenate([values, values[:1000]])
    assert np.array_equal(distinct_sorted(values), np.unique(values))


def _layout(texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
    units = codec.to_units("\x00" + "\x00".join(texts) + "\x00" * 70)
    seps = np.flatnonzero(units == 0)
    return units, (seps[: len(texts) + 1] + 1).astype(np.int64)


def test_bigram_overlap_matches_brute_force() -> None:
    random.seed(2)
    texts = ["".join(random.choice(ALPHABET) for _ in range(random.randint(1, 15))) for _ in range(500)]
    units, starts = _layout(texts)
    index = BigramIndex.build(units, starts)
    for _ in range(50):
        q = "".join(random.choice(ALPHABET) for _ in range(random.randint(2, 6)))
        bigrams = query_bigrams(q)
        qset = {codec.similarity_text(q)[i : i + 2] for i in range(len(codec.similarity_text(q)) - 1)}
        expect = [len(qset & {codec.similarity_text(t)[i : i + 2] for i in range(len(t))}) for t in texts]
        assert index.overlap(bigrams).tolist() == expect


def test_context_ranges_match_brute_force() -> None:
    random.seed(3)
    texts = ["".join(random.choice(ALPHABET) for _ in range(random.randint(1, 12))) for _ in range(800)]
    units, _starts = _layout(texts)
    sa = suffix.build(units)
    index = suffix.ContextIndex(units, sa, suffix.first_bounds(units, sa))
    folded = codec.fold(units).tolist()

    def brute(ctx: list[int]) -> list[list[int]]:
        out = []
        for d in range(1, len(ctx) + 1):
            hits = [
                p
                for p in sa.tolist()
                if all(p - 1 - j >= 0 and folded[p - 1 - j] == c for j, c in enumerate(ctx[:d]))
            ]
            if not hits:
                break
            out.append(sorted(hits))
            if ctx[d - 1] == 0:
                break
        return out

    for _ in range(150):
        typed = "".join(random.choice(ALPHABET) for _ in range(random.randint(1, 6)))
        ctx, _anchored = (np.r_[codec.fold(codec.to_units(typed))[::-1], 0].astype(np.uint16), True)
        got = [sorted(sa[lo:hi].tolist()) for lo, hi in index.descend(ctx)]
        assert got == brute(ctx.tolist()), typed


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    f = tmp_path / "in"
    f.mkdir()
    for i, (place, org, short, unit) in enumerate(BODIES):
        write_report(f, f"r{i}.txt", report_text(org, place, short, unit, 2025))
    return f


def test_opening_reads_the_stored_index_without_compiling(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bank = tmp_path / "b.sqlite"
    mine([folder], bank, kind_id="fzzf")
    import phrasebank.bank as bank_module

    def no_compiling(*_a: object, **_k: object) -> None:
        raise AssertionError("the index should have been read from the bank, not built")

    monkeypatch.setattr(bank_module, "compile_bank", no_compiling)
    opened = open_banks(bank, builtin=False)
    assert opened.suggest("全面推行行政执法公", part="measures", k=3)


V1_SCHEMA = """
CREATE TABLE info(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE sources(id INTEGER PRIMARY KEY, name TEXT NOT NULL, path TEXT NOT NULL, sha256 TEXT NOT NULL UNIQUE,
  title TEXT NOT NULL DEFAULT '', org TEXT NOT NULL DEFAULT '', year INTEGER, mined_at TEXT NOT NULL);
CREATE TABLE phrases(id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE, template TEXT NOT NULL, norm TEXT NOT NULL,
  tokens TEXT NOT NULL, part TEXT, top TEXT, function TEXT NOT NULL DEFAULT '',
  frequency INTEGER NOT NULL DEFAULT 0, occurrences INTEGER NOT NULL DEFAULT 0, openings INTEGER NOT NULL DEFAULT 0);
CREATE TABLE occurrences(id INTEGER PRIMARY KEY, phrase_id INTEGER NOT NULL, source_id INTEGER NOT NULL, part TEXT,
  top TEXT, function TEXT NOT NULL, opening INTEGER NOT NULL DEFAULT 0, location TEXT NOT NULL, original TEXT NOT NULL);
"""


def test_a_version_1_bank_opens_and_is_migrated_by_the_next_mining(folder: Path, tmp_path: Path) -> None:
    old = tmp_path / "old.sqlite"
    conn = sqlite3.connect(old)
    conn.executescript(V1_SCHEMA)
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute("PRAGMA user_version = 1")
    conn.execute("INSERT INTO sources VALUES (1, 'old.txt', 'old.txt', 'x', '', '', 2023, 'now')")
    template = "{{ short }}全面推行行政执法公示制度、执法全过程记录制度"
    conn.execute(
        "INSERT INTO phrases VALUES (1, 'k', ?, '全面推行行政执法公示制度', '全面推行 行政执法', "
        "'enforcement', 'measures', '具体举措', 1, 1, 0)",
        (template,),
    )
    conn.execute(
        "INSERT INTO occurrences VALUES (1, 1, 1, 'enforcement', 'measures', '具体举措', 0, "
        "'{\"area\": \"section\"}', '我区全面推行')"
    )
    conn.commit()
    conn.close()
    found = open_banks(old, builtin=False).suggest("我县全面推行行政执法公", part="measures", k=3)
    assert any(s.insert.startswith("示制度") for s in found)
    mine([folder], old, kind_id="fzzf")
    conn = sqlite3.connect(old)
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 2
        assert conn.execute("SELECT COUNT(*) FROM blobs").fetchone()[0] > 10
        assert conn.execute("SELECT COUNT(*) FROM sources").fetchone()[0] == 4
    finally:
        conn.close()

"""Suggestion latency, recall, opening time and memory at 100,000 (or 1,000,000) phrases. Prints one JSON line.

    python benchmarks/bench_suggest.py [--phrases 100000] [--queries 1000] [--recall-queries 1000]
    python benchmarks/bench_suggest.py --phrases 1000000 --recall-queries 200

The bank is built from the repository's corpus: every real clause of corpus/fzzf and corpus/gwr (slotted the
way mining does), plus mutations of them (tokens dropped, swapped, replaced, inserted) up to the wanted size,
each attributed to one to five of 500 invented reports, and written the way mining writes a bank (the
index is built and stored when the writer commits: that is ``build_s``). Queries imitate typing:
prefixes of phrases, real sentences with a typo, and short keyword runs, each in a random part. Measured in
a fresh process that only opens the bank and answers queries: p50/p95/p99 latency of ``Bank.suggest`` (k=5:
continuations and whole phrases, rendering included), recall@5 of the indexed whole-phrase search against an
exhaustive scan with the same scorer and prior, the bank's opening time, and peak RSS while opening and
answering (``rss_mb``; the exhaustive reference holds every phrase's text and is measured apart).
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from drafter.kinds import get_kind as _get_kind

FZZF = _get_kind("fzzf")

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

PARTS = [None, "opening", "measures", "enforcement", "decisions", "shortcomings", "plan", "leadership"]


def real_clauses() -> list[tuple[str, str | None]]:
    """(template, part) for every real clause of the corpus."""
    from drafter.importing import read_report
    from phrasebank.mine import extract
    from phrasebank.rules import mining_rules
    from phrasebank.sentences import is_phrase, split_clauses
    from phrasebank.slots import Body, strip_slots, to_template

    out: list[tuple[str, str | None]] = []
    for path in sorted((REPO / "corpus" / "fzzf").glob("*.txt")):
        out.extend((o.template, o.part) for o in extract(read_report(path, FZZF), FZZF.id))
    rules = mining_rules(FZZF.id)
    for line in (REPO / "corpus" / "gwr" / "government_work_reports.jsonl").read_text("utf-8").splitlines():
        rec = json.loads(line)
        try:
            year = int(rec.get("year") or 0) - 1
        except ValueError:
            year = None
        for para in rec["content"].splitlines():
            for clause in split_clauses(para, rules):
                template = to_template(clause, year, Body(), rules)
                if is_phrase(strip_slots(template), rules):
                    out.append((template, random.choice(PARTS[2:])))
    return out


def build_bank(path: Path, size: int, seed: int = 7) -> list[str]:
    """Write a bank of ``size`` phrases; returns the real sentences' texts (for queries)."""
    from phrasebank.rules import mining_rules
    from phrasebank.sentences import is_phrase
    from phrasebank.slots import group_key, strip_slots
    from phrasebank.store import BankWriter
    from phrasebank.tokens import tokens_of

    random.seed(seed)
    rules = mining_rules(FZZF.id)
    base = real_clauses()
    seen: set[str] = set()
    rows: list[tuple[str, str, str, str, str | None]] = []
    token_lists: list[list[str]] = []
    for template, part in base:
        key = group_key(template)
        if key in seen:
            continue
        seen.add(key)
        norm = strip_slots(template)
        toks = tokens_of(norm)
        rows.append((key, template, norm, toks, part))
        token_lists.append(toks.split(" "))
    vocab = [t for toks in token_lists for t in toks]
    reals = [r[2] for r in rows]
    i = 0
    while len(rows) < size:
        toks = list(token_lists[i % len(token_lists)])
        i += 1
        for _ in range(random.randint(1, 3)):
            op = random.random()
            j = random.randrange(len(toks))
            if op < 0.3 and len(toks) > 3:
                del toks[j]
            elif op < 0.55 and len(toks) > 2:
                k = min(j + 1, len(toks) - 1)
                toks[j], toks[k] = toks[k], toks[j]
            elif op < 0.8:
                toks[j] = random.choice(vocab)
            else:
                toks.insert(j, random.choice(vocab))
        norm = "".join(toks)
        key = "m:" + norm
        if key in seen or not is_phrase(norm, rules):  # mining keeps no fragment either
            continue
        seen.add(key)
        rows.append((key, norm, norm, " ".join(toks), random.choice(PARTS[1:])))
    parts_top = {"enforcement": "measures", "decisions": "measures"}
    reports = 500
    with BankWriter(path) as conn:
        conn.executemany(
            "INSERT INTO sources(id, name, path, sha256, year, mined_at) VALUES (?,?,?,?,?, 'now')",
            [(r + 1, f"bench-{r}.txt", f"bench-{r}", f"bench-{r}", 2015 + r % 10) for r in range(reports)],
        )
        phrase_rows = []
        occ_rows = []
        for n, (key, template, norm, toks, part) in enumerate(rows, 1):
            freq = min(int(random.paretovariate(1.5)), 5)
            phrase_rows.append(
                (
                    n,
                    key,
                    template,
                    norm,
                    toks,
                    part,
                    parts_top.get(part or "", part),
                    "具体举措",
                    freq,
                    freq,
                    int(n % 17 == 0),
                )
            )
            for sid in random.sample(range(1, reports + 1), freq):
                occ_rows.append((n, sid, part, part, "具体举措", 0, "{}", norm))
        conn.executemany(
            "INSERT INTO phrases(id, key, template, norm, tokens, part, top, function, frequency, occurrences, "
            "openings) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            phrase_rows,
        )
        del phrase_rows
        conn.executemany(
            "INSERT INTO occurrences(phrase_id, source_id, part, top, function, opening, location, original) "
            "VALUES (?,?,?,?,?,?,?,?)",
            occ_rows,
        )
        del occ_rows
    return reals


def make_queries(reals: list[str], n: int, seed: int = 11) -> list[tuple[str, str | None]]:
    random.seed(seed)
    out = []
    while len(out) < n:
        s = random.choice(reals)
        r = random.random()
        if r < 0.4:  # typing the start of a sentence
            q = s[: random.randint(6, 20)]
        elif r < 0.7:  # a whole sentence with a typo
            j = random.randrange(len(s))
            q = s[:j] + s[j + 1 :] if random.random() < 0.5 else s[:j] + random.choice(s) + s[j + 1 :]
        else:  # a few words from the middle
            j = random.randrange(max(1, len(s) - 8))
            q = s[j : j + random.randint(4, 10)]
        if len(q) >= 2:
            out.append((q, random.choice(PARTS)))
    return out


def _rss_mb(field: str) -> float:
    """A memory figure of this process from /proc (Linux), in MB; ru_maxrss elsewhere."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure(bank_path: Path, queries_path: Path, recall_n: int) -> dict[str, object]:
    import numpy as np

    from drafter.model import Meta
    from phrasebank import open_banks
    from phrasebank.bank import make_query

    queries = [tuple(q) for q in json.loads(queries_path.read_text("utf-8"))]
    meta = Meta(year=2025, org="某某县人民政府", short="我县")
    make_query("预热", meta=meta)  # kind data and rules, read once per process whatever the bank
    t0 = time.perf_counter()
    bank = open_banks(bank_path, builtin=False)
    load_s = time.perf_counter() - t0
    for q, part in queries[:20]:
        bank.suggest(q, part=part, meta=meta, k=5)
    lat = []
    for q, part in queries:
        t = time.perf_counter()
        bank.suggest(q, part=part, meta=meta, k=5)
        lat.append((time.perf_counter() - t) * 1000)
    rss_mb = _rss_mb("VmHWM")  # peak while opening and answering: what the editor pays
    layer = bank.layers[0]
    hits = 0
    total = 0
    for q, part in queries[:recall_n]:
        query = make_query(q, part=part, meta=meta)
        full = {r for _, r in layer.exhaustive(query, 5)}
        if not full:
            continue
        fast = {r for _, r in layer.search(query, 5)}
        hits += len(fast & full)
        total += len(full)
    peak_with_reference = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "bench": "suggest",
        "phrases": len(bank),
        "queries": len(lat),
        "p50_ms": round(float(np.percentile(lat, 50)), 3),
        "p95_ms": round(float(np.percentile(lat, 95)), 3),
        "p99_ms": round(float(np.percentile(lat, 99)), 3),
        "recall_at_5": round(hits / total, 4) if total else None,
        "recall_queries": min(recall_n, len(queries)),
        "load_s": round(load_s, 3),
        "rss_mb": round(rss_mb, 1),
        "rss_mb_with_exhaustive_reference": round(peak_with_reference, 1),
    }


def _run(bank: Path, qpath: Path, recall_queries: int) -> dict[str, object]:
    out = subprocess.run(
        [
            sys.executable,
            __file__,
            "--measure",
            str(bank),
            str(qpath),
            "--recall-queries",
            str(recall_queries),
        ],
        capture_output=True,
        text=True,
    )
    if out.returncode != 0:
        raise SystemExit(f"measuring failed ({out.returncode}): {out.stderr[-2000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--phrases", type=int, default=100_000)
    ap.add_argument("--queries", type=int, default=1000)
    ap.add_argument("--recall-queries", type=int, default=1000)
    ap.add_argument(
        "--keep",
        type=Path,
        default=None,
        help="keep the built bank and queries in this folder, and reuse them if they are there",
    )
    ap.add_argument("--measure", nargs=2, metavar=("BANK", "QUERIES"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.measure:
        print(json.dumps(measure(Path(args.measure[0]), Path(args.measure[1]), args.recall_queries)))
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        bank = folder / f"bench-{args.phrases}.sqlite"
        qpath = folder / f"queries-{args.phrases}-{args.queries}.json"
        build_s = None
        if not (bank.exists() and qpath.exists()):
            bank.unlink(missing_ok=True)
            t = time.perf_counter()
            reals = build_bank(bank, args.phrases)
            build_s = time.perf_counter() - t
            qpath.write_text(json.dumps(make_queries(reals, args.queries), ensure_ascii=False), "utf-8")
        result = _run(bank, qpath, args.recall_queries)
    result["build_s"] = round(build_s, 1) if build_s is not None else "reused"
    print(json.dumps(result, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

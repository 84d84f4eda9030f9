"""Mining time for 1,000 reports beside jieba-only segmentation of the same text. Prints one JSON line.

    python benchmarks/bench_mine.py [--reports 1000]

The corpus: altered copies of corpus/fzzf (figures changed, and in about one sentence in ten a character
dropped, so that copies share stock phrases but are not identical files). Baseline: jieba (the shared
tokenizer, already loaded) segmenting every file's text in one process, and the same spread over every
core. Mining: ``phrasebank.mine`` into a
fresh bank with one worker process per core (reading through the importer, splitting, slotting, tagging,
segmenting, writing SQLite). Bar: mining ≤ 1.5 × baseline.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import random
import re
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


def altered_copies(out: Path, n: int, seed: int = 5) -> list[Path]:
    random.seed(seed)
    sources = sorted((REPO / "corpus" / "fzzf").glob("*.txt"))
    texts = [p.read_text("utf-8") for p in sources]
    paths = []
    for i in range(n):
        text = texts[i % len(texts)]
        text = re.sub(
            r"\d+", lambda m: str(random.randint(1, 999)) if len(m.group(0)) < 4 else m.group(0), text
        )
        parts = re.split(r"(?<=。)", text)
        for j in range(len(parts)):
            if random.random() < 0.1 and len(parts[j]) > 10:
                k = random.randrange(1, len(parts[j]) - 1)
                parts[j] = parts[j][:k] + parts[j][k + 1 :]
        path = out / f"{i:04d}-{sources[i % len(sources)].name}"
        path.write_text("".join(parts), "utf-8")
        paths.append(path)
    return paths


def _segment_file(path: Path) -> int:
    from drafter.segment import cut

    return len(cut(path.read_text("utf-8")))


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--reports", type=int, default=1000)
    args = ap.parse_args()
    from drafter.segment import cut, warm_up
    from phrasebank import mine

    warm_up()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "reports"
        folder.mkdir()
        files = altered_copies(folder, args.reports)
        chars = 0
        t = time.perf_counter()
        for f in files:
            text = f.read_text("utf-8")
            chars += len(text)
            cut(text)
        jieba_s = time.perf_counter() - t
        # The same segmentation spread over every core (pool start-up and each worker's dictionary load
        # included, as mining pays them too): the stricter baseline.
        t = time.perf_counter()
        with multiprocessing.get_context("fork").Pool(os.cpu_count(), initializer=warm_up) as pool:
            pool.map(_segment_file, files, chunksize=8)
        jieba_par_s = time.perf_counter() - t
        cpu0 = os.times()
        t = time.perf_counter()
        result = mine([folder], Path(tmp) / "bank.sqlite", kind_id="fzzf")
        mine_s = time.perf_counter() - t
        cpu1 = os.times()
    children_cpu = (cpu1.children_user + cpu1.children_system) - (cpu0.children_user + cpu0.children_system)
    print(
        json.dumps(
            {
                "bench": "mine",
                "reports": len(files),
                "chars": chars,
                "jieba_only_s": round(jieba_s, 2),
                "mine_s": round(mine_s, 2),
                "ratio": round(mine_s / jieba_s, 3),
                "jieba_all_cores_s": round(jieba_par_s, 2),
                "ratio_vs_all_cores": round(mine_s / jieba_par_s, 3),
                "workers": os.cpu_count(),
                "worker_cpu_s": round(children_cpu, 2),
                "phrases": result.phrases_total,
                "occurrences": result.occurrences_added,
                "failed": len(result.failed),
            }
        )
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

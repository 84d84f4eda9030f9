"""Mining: past reports in, grouped and slotted phrases out, into one SQLite bank.

Each report is read through the importer (:func:`drafter.importing.read_report`), so whatever the importer
can read (web copies, PDF extracts, Word files, our own drafts) can feed the bank, and sections arrive tagged
with their canonical part. The per-report work (reading, splitting, slotting, tagging, jieba) runs in a pool
of processes, one per core; the main process only writes rows. Files already in the bank (same content
hash) are skipped, so mining a folder again only processes what is new; a file whose text is a report
already mined (the same report as .txt and .docx) counts once; a file that is not a report of the kind
(a memo, a notice) is skipped and named (:mod:`phrasebank.hygiene`). The bank's search index is rebuilt
before the bank is committed (:mod:`phrasebank.compiled`).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from drafter.errors import DrafterError, UsageError
from drafter.model import Report, Section

from . import store
from .functions import tag
from .hygiene import not_a_report, text_hash
from .parts import CLOSING, OPENING, part_top
from .rules import function_rules, mining_rules
from .sentences import is_fragment, is_phrase, split_clauses
from .slots import body_from, group_key, guess_year, strip_slots, title_names_body, to_template
from .tokens import tokens_of

#: What a folder is searched for (other files given by name are tried too).
REPORT_SUFFIXES = (".txt", ".md", ".docx", ".doc", ".wps", ".html", ".htm", ".xhtml", ".shtml")

#: progress(done, total): called once with done=0 when the work is known, then after every file.
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class Occurrence:
    """One phrase as found in one report (what a worker process sends back)."""

    key: str
    template: str
    norm: str
    tokens: str
    part: str | None
    top: str | None
    function: str
    opening: bool
    location: str
    original: str
    heading: bool = False
    #: False for a fragment: kept to continue clauses from, never suggested whole.
    whole: bool = True


@dataclass
class MineResult:
    bank: str
    files: int = 0
    new_files: int = 0
    skipped: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    #: Files read but not mined: not a report of the kind (path, why).
    not_reports: list[tuple[str, str]] = field(default_factory=list)
    #: Files whose text is a report already mined (path, the source it repeats).
    duplicates: list[tuple[str, str]] = field(default_factory=list)
    phrases_added: int = 0
    occurrences_added: int = 0
    phrases_total: int = 0
    reports_total: int = 0
    seconds: float = 0.0

    def to_json(self) -> dict[str, Any]:
        return {
            "bank": self.bank,
            "files": self.files,
            "new_files": self.new_files,
            "skipped": self.skipped,
            "failed": [{"path": p, "error": e} for p, e in self.failed],
            "not_reports": [{"path": p, "reason": r} for p, r in self.not_reports],
            "duplicates": [{"path": p, "same_as": o} for p, o in self.duplicates],
            "phrases_added": self.phrases_added,
            "occurrences_added": self.occurrences_added,
            "phrases_total": self.phrases_total,
            "reports_total": self.reports_total,
            "seconds": round(self.seconds, 2),
        }


def find_reports(paths: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """Report files under the given folders (recursively) and files; a missing path is a UsageError."""
    found: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                if (
                    # a link that leads nowhere is kept, so that it is named as unreadable, not ignored
                    (f.is_file() or f.is_symlink())
                    and f.suffix.lower() in REPORT_SUFFIXES
                    and not f.name.startswith(".")
                    and not f.name.upper().startswith("README")
                ):
                    found.append(f)
        elif p.is_file():
            found.append(p)
        else:
            raise UsageError(f"找不到文件或文件夹：{p}")
    seen: set[Path] = set()
    unique = []
    for f in found:
        try:
            r = f.resolve()
        except (OSError, RuntimeError):  # a symlink loop
            r = f
        if r not in seen:
            seen.add(r)
            unique.append(f)
    return unique


def file_hash(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _sections(report: Report) -> Iterator[tuple[tuple[int, ...], Section, str | None]]:
    """(path, section, effective part): a section without a part takes its nearest ancestor's."""

    def walk(sections: list[Section], path: tuple[int, ...], inherited: str | None) -> Iterator[Any]:
        for i, s in enumerate(sections):
            p = (*path, i)
            part = s.part or inherited
            yield p, s, part
            yield from walk(s.children, p, part)

    yield from walk(report.sections, (), None)


def extract(report: Report, kind_id: str) -> list[Occurrence]:
    """Every reusable phrase of a report, slotted and tagged, with its location."""
    rules = mining_rules(kind_id)
    frules = function_rules(kind_id)
    texts = [p.text for p in report.opening]
    for _, s, _ in _sections(report):
        texts.append(s.heading)
        texts.extend(p.text for p in s.paragraphs)
    texts.extend(p.text for p in report.closing)
    full = "\n".join(texts)
    meta = report.meta
    year = meta.year if meta.year is not None else guess_year(meta.title, full)
    body = body_from(meta.org, meta.title, full, rules)
    out: list[Occurrence] = []

    def add(text: str, part: str | None, opening: bool, where: dict[str, Any]) -> None:
        template = to_template(text, year, body, rules)
        norm = strip_slots(template)
        # a title naming the source's own body (《普兰店区……规定》) is not reusable: the clause is kept only
        # to continue from, and continuations never run into the title (phrasebank.compiled)
        whole = is_phrase(norm, rules) and not title_names_body(template)
        if not whole and not is_fragment(norm, rules):
            return
        out.append(
            Occurrence(
                key=group_key(template),
                template=template,
                norm=norm,
                tokens=tokens_of(norm),
                part=part,
                top=part_top(part, kind_id),
                function=tag(template, part, frules),
                opening=opening,
                location=json.dumps(where, ensure_ascii=False),
                original=text,
                heading=where.get("area") == "heading",
                whole=whole,
            )
        )

    def paragraphs(paras: list[Any], part: str | None, where: dict[str, Any]) -> None:
        first = True
        for pi, para in enumerate(paras):
            for ci, clause in enumerate(split_clauses(para.text, rules)):
                add(clause, part, first, {**where, "paragraph": pi, "clause": ci})
                first = False

    paragraphs(report.opening, OPENING, {"area": "opening"})
    for path, section, part in _sections(report):
        where = {"area": "section", "section": list(path), "heading": section.heading}
        for ci, clause in enumerate(split_clauses(section.heading, rules)):
            add(clause, part, False, {**where, "area": "heading", "clause": ci})
        paragraphs(section.paragraphs, part, where)
    paragraphs(report.closing, CLOSING, {"area": "closing"})
    return out


def _work(
    job: tuple[str, str, bool, str],
) -> tuple[str, str, dict[str, Any] | None, list[Occurrence] | str]:
    """Worker: one file → its phrases (or the one-line reason it could not be read)."""
    path, sha, check_kind, kind_id = job
    from drafter.importing import read_report
    from drafter.kinds import get_kind

    try:
        report = read_report(path, get_kind(kind_id))
        kind_id = report.meta.kind or kind_id
        m = report.meta
        info: dict[str, Any] = {"title": m.title, "org": m.org, "year": m.year, "text_sha": text_hash(report)}
        info["not_report"] = not_a_report(report, kind_id) if check_kind else None
        phrases = [] if info["not_report"] else extract(report, kind_id)
    except DrafterError as exc:
        return path, sha, None, exc.message
    except Exception as exc:  # one unreadable file must not stop a run over hundreds
        return path, sha, None, f"无法读取（{type(exc).__name__}: {exc}）"
    return path, sha, info, phrases


def _unreadable(exc: OSError) -> str:
    if isinstance(exc, PermissionError):
        return "没有读取权限"
    return f"无法读取（{exc.strerror or exc}）"


def _pool_context() -> Any:
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods and sys.platform != "darwin" else "spawn")


def _ignore_sigint() -> None:
    """Pool initializer: Ctrl+C is the parent's to handle; a worker that took it would print a traceback."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


@contextlib.contextmanager
def _sigint_ignored() -> Iterator[None]:
    """SIGINT ignored in this (main) thread's process for the block: workers forked here start ignoring it,
    and a second Ctrl+C cannot break off the pool's shutdown halfway."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def _results(jobs: list[tuple[str, str, bool, str]], workers: int) -> Iterator[Any]:
    """Each job's result, in order; with several workers, from a pool that ends with the iteration.

    Ctrl+C (SIGINT to the whole process group, as a terminal sends it) reaches the parent only: the workers
    ignore it, so none prints a traceback, and the parent terminates them and re-raises. Closing the
    iterator early (an exception while writing a result) terminates the pool too.
    """
    if workers <= 1 or len(jobs) < 4:
        for job in jobs:
            yield _work(job)
        return
    with _sigint_ignored():
        pool = _pool_context().Pool(workers, initializer=_ignore_sigint)
    try:
        chunk = max(1, min(8, len(jobs) // (workers * 8)))
        yield from pool.imap(_work, jobs, chunksize=chunk)
        pool.close()
    finally:
        with _sigint_ignored():
            pool.terminate()
            pool.join()


def mine(
    paths: Iterable[str | os.PathLike[str]],
    bank_path: str | os.PathLike[str],
    progress: Progress | None = None,
    *,
    workers: int | None = None,
    origin: str = "report",
    kind_id: str,
    check_kind: bool = True,
    on_wait: Callable[[], None] | None = None,
) -> MineResult:
    """Mine report files and folders into the bank at ``bank_path`` (created if missing).

    Only files whose content is not yet in the bank are read. The bank is replaced atomically at the end:
    until then (and if the run is killed) the previous bank stays as it was. ``origin="reference"`` marks
    material that is not a report of the kind (the national work reports): its phrases are offered only
    where they fit the part, never as the default. ``kind_id`` is the report kind the files are read
    as (a file that says it is of another kind is read as that one). ``check_kind`` False mines every
    file even when it does not look like a report of the kind (a kind's own curated corpus). Runs into
    one bank take turns (the bank's lock); ``on_wait`` is called once if this one has to wait for another.
    """
    started = time.perf_counter()
    files = find_reports(paths)
    result = MineResult(bank=str(bank_path), files=len(files))
    workers = workers or os.cpu_count() or 1
    with store.BankWriter(bank_path, on_wait=on_wait) as conn:
        from .compiled import set_bank_kind

        set_bank_kind(conn, kind_id)
        seen = store.seen_hashes(conn)
        jobs: list[tuple[str, str, bool, str]] = []
        for f in files:
            try:
                sha = file_hash(f)
            except OSError as exc:  # one unreadable file is named and skipped; the others are mined
                result.failed.append((str(f), _unreadable(exc)))
                continue
            if sha in seen:
                result.skipped.append(str(f))
                continue
            seen.add(sha)
            jobs.append((str(f), sha, check_kind and origin != "reference", kind_id))
        result.new_files = len(jobs)
        if progress:
            progress(0, len(jobs))
        keys = store.phrase_keys(conn)
        texts = store.text_hashes(conn)
        touched: set[int] = set()
        now = time.strftime("%Y-%m-%dT%H:%M:%S")
        with contextlib.closing(_results(jobs, workers)) as results:
            for done, (path, sha, info, phrases) in enumerate(results, 1):
                if isinstance(phrases, str) or info is None:
                    result.failed.append((path, str(phrases)))
                elif info["not_report"]:
                    result.not_reports.append((path, info["not_report"]))
                elif info["text_sha"] in texts:
                    result.duplicates.append((path, texts[info["text_sha"]]))
                else:
                    texts[info["text_sha"]] = Path(path).name
                    sid = conn.execute(
                        "INSERT INTO sources(name, path, sha256, title, org, year, mined_at, text_sha, origin) "
                        "VALUES (?,?,?,?,?,?,?,?,?)",
                        (
                            Path(path).name,
                            path,
                            sha,
                            info["title"] or "",
                            info["org"] or "",
                            info["year"],
                            now,
                            info["text_sha"],
                            origin,
                        ),
                    ).lastrowid
                    rows = []
                    for ph in phrases:
                        pid = keys.get(ph.key)
                        if pid is None:
                            pid = conn.execute(
                                "INSERT INTO phrases(key, template, norm, tokens, whole) VALUES (?,?,?,?,?)",
                                (ph.key, ph.template, ph.norm, ph.tokens, int(ph.whole)),
                            ).lastrowid
                            assert pid is not None
                            keys[ph.key] = pid
                            result.phrases_added += int(ph.whole)
                        touched.add(pid)
                        rows.append(
                            (
                                pid,
                                sid,
                                ph.part,
                                ph.top,
                                ph.function,
                                int(ph.opening),
                                ph.location,
                                ph.original,
                                int(ph.heading),
                            )
                        )
                    conn.executemany(
                        "INSERT INTO occurrences(phrase_id, source_id, part, top, function, opening, location, "
                        "original, heading) VALUES (?,?,?,?,?,?,?,?,?)",
                        rows,
                    )
                    result.occurrences_added += len(rows)
                if progress:
                    progress(done, len(jobs))
        store.refresh_aggregates(conn, touched)
        result.phrases_total = conn.execute("SELECT COUNT(*) FROM phrases WHERE whole").fetchone()[0]
        result.reports_total = conn.execute("SELECT COUNT(*) FROM sources").fetchone()[0]
    result.seconds = time.perf_counter() - started
    return result

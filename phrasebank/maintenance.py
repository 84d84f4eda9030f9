"""Looking after a bank: which reports it holds, taking one out, what it contains.

``drafter bank list | remove SOURCE | stats`` call these. A report mined by mistake (a memo that slipped
through, last year's draft) is removed with everything only it contributed; phrases it shared with other
reports stay, with their counts of reports updated, and the stored index is rebuilt before the bank is
replaced (atomically, like mining).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from drafter.errors import UsageError

from . import store
from .compiled import INDEX_VERSION


def list_sources(bank_path: str | os.PathLike[str]) -> list[dict[str, Any]]:
    """Every report in the bank, in mining order, with how many phrases and fragments it gave."""
    conn = store.connect_read(bank_path)
    try:
        rows = conn.execute(
            "SELECT s.id, s.name, s.path, s.title, s.org, s.year, s.mined_at, "
            + _col(conn, "sources", "origin", "'report'")
            + ", COUNT(o.id) FROM sources s LEFT JOIN occurrences o ON o.source_id = s.id "
            "GROUP BY s.id ORDER BY s.id"
        ).fetchall()
    finally:
        conn.close()
    return [
        {
            "id": sid,
            "name": name,
            "path": path,
            "title": title,
            "org": org,
            "year": year,
            "mined_at": mined,
            "origin": origin,
            "occurrences": count,
        }
        for sid, name, path, title, org, year, mined, origin, count in rows
    ]


def _col(conn: Any, table: str, column: str, default: str) -> str:
    have = any(r[1] == column for r in conn.execute(f"PRAGMA table_info({table})"))
    return f"s.{column}" if have else default


def _match(sources: list[dict[str, Any]], source: str) -> list[dict[str, Any]]:
    """The sources a user's SOURCE names: its id, its file name or its path."""
    text = source.strip()
    if text.isdigit():
        hit = [s for s in sources if s["id"] == int(text)]
        if hit:
            return hit
    by_name = [s for s in sources if s["name"] == text]
    if by_name:
        return by_name
    try:
        resolved = str(Path(text).resolve())
    except OSError:
        resolved = text
    return [s for s in sources if s["path"] == text or s["path"] == resolved]


def remove_source(bank_path: str | os.PathLike[str], source: str) -> dict[str, Any]:
    """Remove one report (by id, file name or path) and what only it contributed; returns a summary.

    Raises :class:`~drafter.errors.UsageError` when SOURCE names no report of the bank, or several.
    """
    path = Path(bank_path)
    sources = list_sources(path)
    hit = _match(sources, source)
    if not hit:
        names = "、".join(s["name"] for s in sources[:8]) + ("等" if len(sources) > 8 else "")
        raise UsageError(f"词句库中没有报告「{source}」；现有：{names or '（空）'}")
    if len(hit) > 1:
        raise UsageError(
            f"「{source}」对应多份报告，请改用编号：" + "、".join(f"{s['id']}={s['path']}" for s in hit)
        )
    sid = hit[0]["id"]
    with store.BankWriter(path) as conn:
        touched = [
            r[0]
            for r in conn.execute("SELECT DISTINCT phrase_id FROM occurrences WHERE source_id = ?", (sid,))
        ]
        occurrences = conn.execute("DELETE FROM occurrences WHERE source_id = ?", (sid,)).rowcount
        conn.execute("DELETE FROM sources WHERE id = ?", (sid,))
        removed = store.remove_unused_phrases(conn)
        store.refresh_aggregates(conn, touched)
        left = conn.execute("SELECT COUNT(*) FROM phrases").fetchone()[0]
    return {
        "removed": hit[0]["name"],
        "path": hit[0]["path"],
        "occurrences_removed": occurrences,
        "phrases_removed": removed,
        "phrases_left": left,
    }


def stats(bank_path: str | os.PathLike[str]) -> dict[str, Any]:
    """What a bank holds: reports, phrases and fragments, by part, the years covered, its format."""
    conn = store.connect_read(bank_path)
    try:
        version = store.schema_version(conn)
        whole = "whole" if any(r[1] == "whole" for r in conn.execute("PRAGMA table_info(phrases)")) else "1"
        reports = conn.execute("SELECT COUNT(*) FROM sources").fetchone()[0]
        phrases = conn.execute(f"SELECT COUNT(*) FROM phrases WHERE {whole}").fetchone()[0]
        fragments = conn.execute(f"SELECT COUNT(*) FROM phrases WHERE NOT {whole}").fetchone()[0]
        occurrences = conn.execute("SELECT COUNT(*) FROM occurrences").fetchone()[0]
        by_part = {
            (part or "未分部分"): n
            for part, n in conn.execute(
                f"SELECT top, COUNT(*) FROM phrases WHERE {whole} GROUP BY top ORDER BY COUNT(*) DESC"
            )
        }
        shared = conn.execute(f"SELECT COUNT(*) FROM phrases WHERE {whole} AND frequency >= 2").fetchone()[0]
        years = conn.execute("SELECT MIN(year), MAX(year) FROM sources WHERE year IS NOT NULL").fetchone()
        try:
            row = conn.execute("SELECT value FROM info WHERE key = 'index_version'").fetchone()
            index_bytes = conn.execute("SELECT COALESCE(SUM(LENGTH(data)), 0) FROM blobs").fetchone()[0]
        except Exception:
            row, index_bytes = None, 0
    finally:
        conn.close()
    return {
        "bank": str(bank_path),
        "schema_version": version,
        "index": "stored" if row is not None and row[0] == str(INDEX_VERSION) else "rebuilt on open",
        "index_mb": round(index_bytes / 1e6, 1),
        "reports": reports,
        "phrases": phrases,
        "fragments": fragments,
        "occurrences": occurrences,
        "phrases_in_several_reports": shared,
        "phrases_by_part": by_part,
        "years": [years[0], years[1]] if years and years[0] is not None else [],
        "size_mb": round(Path(bank_path).stat().st_size / 1e6, 1),
    }

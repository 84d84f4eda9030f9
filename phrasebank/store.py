"""The phrasebank on disk: one SQLite file, schema versioned, written in transactions, replaced atomically.

Why SQLite: one file the user can copy or delete, readable without our code, and safe against a half-written
state. Mining never writes the bank in place: it writes a copy beside it and renames the copy over the bank
at the end (:class:`BankWriter`), so a run killed at any instant leaves the previous bank intact and usable.
Writers take turns under the bank's lock (:mod:`phrasebank.lock`), and a writer refuses to rename over a
bank that another program committed to meanwhile. A failure is named by its cause (disk full, in use,
read-only, damaged): only a damaged file is called damaged.
A file that is not our bank (corrupt, another program's SQLite database, not SQLite at all) is refused with
a one-line Chinese :class:`~drafter.errors.InputError`, never a traceback.

Besides the tables, the bank holds its search index (table ``blobs``: numpy arrays, see
:mod:`phrasebank.compiled`), rebuilt by every write session before it commits, so opening a bank reads a
few arrays and does no per-phrase work.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sqlite3
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from drafter.errors import InputError, UsageError

from .lock import DEFAULT_TIMEOUT, BankLock

#: Bumped when the tables change; older banks are migrated, newer ones refused.
#: 2: sources.text_sha (one report in two formats counts once), sources.origin, occurrences.heading,
#: phrases.whole (0: a fragment, kept only to continue clauses), blobs (the stored index).
SCHEMA_VERSION = 2
#: SQLite ``application_id`` of a drafter phrasebank ("DRPB"): tells our file from any other SQLite file.
APPLICATION_ID = 0x44525042
_SQLITE_MAGIC = b"SQLite format 3\x00"
_TEMP_MARK = ".mining-"

_SCHEMA = """
CREATE TABLE info(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE sources(
  id INTEGER PRIMARY KEY, name TEXT NOT NULL, path TEXT NOT NULL, sha256 TEXT NOT NULL UNIQUE,
  title TEXT NOT NULL DEFAULT '', org TEXT NOT NULL DEFAULT '', year INTEGER, mined_at TEXT NOT NULL,
  text_sha TEXT NOT NULL DEFAULT '', origin TEXT NOT NULL DEFAULT 'report');
CREATE TABLE phrases(
  id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE, template TEXT NOT NULL, norm TEXT NOT NULL,
  tokens TEXT NOT NULL, part TEXT, top TEXT, function TEXT NOT NULL DEFAULT '',
  frequency INTEGER NOT NULL DEFAULT 0, occurrences INTEGER NOT NULL DEFAULT 0,
  openings INTEGER NOT NULL DEFAULT 0, whole INTEGER NOT NULL DEFAULT 1);
CREATE TABLE occurrences(
  id INTEGER PRIMARY KEY, phrase_id INTEGER NOT NULL REFERENCES phrases(id),
  source_id INTEGER NOT NULL REFERENCES sources(id), part TEXT, top TEXT, function TEXT NOT NULL,
  opening INTEGER NOT NULL DEFAULT 0, location TEXT NOT NULL, original TEXT NOT NULL,
  heading INTEGER NOT NULL DEFAULT 0);
CREATE INDEX occurrences_phrase ON occurrences(phrase_id);
CREATE INDEX occurrences_source ON occurrences(source_id);
CREATE INDEX sources_text ON sources(text_sha);
CREATE TABLE blobs(name TEXT PRIMARY KEY, dtype TEXT NOT NULL, data BLOB NOT NULL);
"""

#: Version 1 → 2, run on the working copy of an older bank before it is written.
_MIGRATE_1 = """
ALTER TABLE sources ADD COLUMN text_sha TEXT NOT NULL DEFAULT '';
ALTER TABLE sources ADD COLUMN origin TEXT NOT NULL DEFAULT 'report';
ALTER TABLE occurrences ADD COLUMN heading INTEGER NOT NULL DEFAULT 0;
ALTER TABLE phrases ADD COLUMN whole INTEGER NOT NULL DEFAULT 1;
UPDATE occurrences SET heading = 1 WHERE location LIKE '%"area": "heading"%';
CREATE INDEX IF NOT EXISTS sources_text ON sources(text_sha);
CREATE TABLE IF NOT EXISTS blobs(name TEXT PRIMARY KEY, dtype TEXT NOT NULL, data BLOB NOT NULL);
"""


def _refuse(path: Path, why: str) -> InputError:
    return InputError(f"{path} 不能用作词句库：{why}")


def validate_file(path: Path) -> None:
    """Raise a clear InputError unless ``path`` looks like a drafter phrasebank (cheap header checks)."""
    if not path.exists():
        raise InputError(f"词句库文件不存在：{path}")
    if path.is_dir():
        raise InputError(f"{path} 是一个文件夹，不是词句库文件")
    try:
        with path.open("rb") as fh:
            head = fh.read(100)
    except OSError as exc:
        raise InputError(f"无法读取词句库 {path}：{exc.strerror or exc}") from exc
    if not head.startswith(_SQLITE_MAGIC):
        raise _refuse(path, "它不是 SQLite 数据库（文件已损坏或是其他类型的文件）")
    if len(head) < 100:
        raise _refuse(path, "文件不完整（已损坏）")
    app_id = int.from_bytes(head[68:72], "big")
    if app_id != APPLICATION_ID:
        raise _refuse(path, "它是其他程序的 SQLite 数据库，不是 drafter 词句库")
    version = int.from_bytes(head[60:64], "big")
    if version > SCHEMA_VERSION:
        raise _refuse(path, f"它由更新版本的 drafter 生成（格式版本 {version}），请升级 drafter")


#: errno values that mean the disk is full (EDQUOT: the user's quota is), where the OS has them.
_DISK_FULL = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}


def _damaged(path: Path, exc: Exception) -> InputError:
    return _refuse(path, f"文件已损坏（{exc}）；可删除它后重新运行 drafter mine")


def _disk_full(path: Path) -> InputError:
    return InputError(f"磁盘空间不足，无法写入词句库 {path}；请腾出磁盘空间后再试（原词句库未改动）")


def _in_use(path: Path) -> InputError:
    return InputError(f"词句库 {path} 正被其他程序使用，请稍后再试")


def _sqlite_message(path: Path, exc: sqlite3.Error) -> InputError | None:
    """The line for an SQLite failure with a known cause (by its result code), None for any other."""
    name = getattr(exc, "sqlite_errorname", None) or ""
    if name.startswith("SQLITE_CORRUPT") or name == "SQLITE_NOTADB":
        return _damaged(path, exc)
    if name.startswith("SQLITE_FULL"):
        return _disk_full(path)
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
        return _in_use(path)
    if name.startswith("SQLITE_READONLY"):
        return InputError(f"词句库 {path} 或其所在位置是只读的，无法写入")
    if name.startswith("SQLITE_CANTOPEN"):
        return InputError(f"无法打开词句库 {path}（没有权限，或所在位置不可用）")
    if name.startswith(("SQLITE_PERM", "SQLITE_AUTH")):
        return InputError(f"没有权限使用词句库 {path}")
    if name.startswith("SQLITE_IOERR"):
        return InputError(f"读写词句库 {path} 时发生读写错误（{name}）；请检查磁盘或存储设备后再试")
    return None


def _os_message(path: Path, exc: OSError) -> InputError:
    """The line for an OS failure while writing the bank: disk full, no permission, read-only, other."""
    if exc.errno in _DISK_FULL:
        return _disk_full(path)
    if exc.errno in (errno.EACCES, errno.EPERM):
        return InputError(f"没有权限写入词句库 {path}")
    if exc.errno == errno.EROFS:
        return InputError(f"词句库 {path} 所在位置是只读的，无法写入")
    return InputError(f"无法写入词句库 {path}：{exc.strerror or exc}")


def _corrupt(path: Path, exc: Exception) -> InputError:
    """One line for a failure using the bank at ``path``, named by its cause.

    Only real corruption says the file is damaged (and may be deleted): a full disk, a bank another program
    holds locked or a read-only folder used to be reported as damaged, inviting the user to delete a
    healthy bank (issue 16). SQLite errors are told apart by result code, OS errors by errno.
    """
    if isinstance(exc, OSError):
        return _os_message(path, exc)
    if isinstance(exc, sqlite3.Error):
        known = _sqlite_message(path, exc)
        if known is not None:
            return known
    return InputError(f"无法使用词句库 {path}：{exc}")


def connect_read(path: str | os.PathLike[str]) -> sqlite3.Connection:
    """A read-only connection to a validated bank (safe to use from any one thread that opened it)."""
    p = Path(path)
    validate_file(p)
    try:
        conn = sqlite3.connect(f"{p.resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False)
        conn.execute("SELECT count(*) FROM phrases").fetchone()
    except sqlite3.DatabaseError as exc:
        raise _corrupt(p, exc) from exc
    return conn


def schema_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def source_names(conn: sqlite3.Connection) -> dict[int, str]:
    return {sid: name for sid, name in conn.execute("SELECT id, name FROM sources")}


def occurrences(path: str | os.PathLike[str], phrase_id: int, limit: int = 20) -> list[dict[str, Any]]:
    """Where a phrase was found: report, its location there and the original wording (for the TUI's details)."""
    p = Path(path)
    conn = connect_read(p)
    try:
        rows = conn.execute(
            "SELECT s.name, s.path, s.year, o.location, o.original, o.part, s.title FROM occurrences o "
            "JOIN sources s ON s.id = o.source_id WHERE o.phrase_id = ? ORDER BY o.id LIMIT ?",
            (phrase_id, limit),
        ).fetchall()
    except sqlite3.DatabaseError as exc:
        raise _corrupt(p, exc) from exc
    finally:
        conn.close()
    from .sources import display_name

    return [
        {
            "source": display_name(n, title),
            "file": n,
            "path": sp,
            "year": y,
            "location": loc,
            "original": orig,
            "part": part,
        }
        for n, sp, y, loc, orig, part, title in rows
    ]


#: Large pages: the stored index is a few big blobs, read in one go when the bank is opened.
PAGE_SIZE = 32768


def _init(conn: sqlite3.Connection) -> None:
    conn.execute(f"PRAGMA page_size = {PAGE_SIZE}")
    conn.executescript(_SCHEMA)
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    conn.execute("INSERT INTO info(key, value) VALUES ('format', 'drafter-phrasebank')")


def _migrate(conn: sqlite3.Connection) -> None:
    """Bring an older bank's working copy to the current schema (its index is rebuilt on commit)."""
    if schema_version(conn) < 2:
        conn.executescript(_MIGRATE_1)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


def _remove_stale_temps(target: Path) -> None:
    """Copies left by a mining run that was killed: their process is gone, so they are garbage."""
    for tmp in target.parent.glob(f".{target.name}{_TEMP_MARK}*"):
        try:
            pid = int(tmp.name.split(_TEMP_MARK, 1)[1].split(".", 1)[0])
        except ValueError:
            continue
        alive = True
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            alive = False
        except OSError:
            pass
        if not alive or pid == os.getpid():
            with contextlib.suppress(OSError):
                tmp.unlink()


def fingerprint(path: Path) -> tuple[Any, ...] | None:
    """What changes when anyone commits to the bank: its inode, size, mtime, SQLite change counter, WAL file."""
    try:
        st = path.stat()
    except FileNotFoundError:
        return None
    counter = b""
    with contextlib.suppress(OSError), path.open("rb") as fh:
        counter = fh.read(100)[24:28]
    try:
        w = path.with_name(path.name + "-wal").stat()
        wal: tuple[int, int] | None = (w.st_size, w.st_mtime_ns)
    except OSError:
        wal = None
    return (st.st_ino, st.st_size, st.st_mtime_ns, counter, wal)


def _changed(path: Path) -> UsageError:
    return UsageError(
        f"词句库 {path} 在挖掘期间被其他程序修改；为免覆盖其改动，本次结果未写入，请稍后重新运行 drafter mine"
    )


class BankWriter:
    """Write access to a bank through a copy: ``with BankWriter(path) as conn: ...`` then an atomic rename.

    Everything is written in one transaction on the copy; only a run that finishes renames the copy over
    the bank. An exception or a kill leaves the previous file untouched. The whole copy-write-rename cycle
    runs under the bank's lock (:mod:`phrasebank.lock`), so a second writer waits (``on_wait`` is called
    once, ``lock_timeout`` bounds it) instead of renaming over the first one's work; and a commit another
    program made to the bank directly since the copy was taken makes the writer refuse rather than lose it.
    """

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        index: bool = True,
        lock_timeout: float = DEFAULT_TIMEOUT,
        on_wait: Callable[[], None] | None = None,
    ) -> None:
        self.path = Path(path)
        #: Rebuild the stored search index before committing (what every writer of a real bank does).
        self.index = index
        self.lock_timeout = lock_timeout
        self.on_wait = on_wait
        self.tmp: Path | None = None
        self.conn: sqlite3.Connection | None = None
        self._lock: BankLock | None = None
        self._seen: tuple[Any, ...] | None = None

    def __enter__(self) -> sqlite3.Connection:
        target = self.path
        folder = target.parent if str(target.parent) else Path(".")
        if not folder.is_dir():
            try:
                folder.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise UsageError(f"无法创建词句库所在的文件夹 {folder}：{exc.strerror or exc}") from exc
        self._lock = BankLock(target, timeout=self.lock_timeout, on_wait=self.on_wait).acquire()
        try:
            return self._open_copy(target, folder)
        except BaseException:
            self._discard()
            raise

    def _open_copy(self, target: Path, folder: Path) -> sqlite3.Connection:
        existing = target.exists() and not (target.is_file() and target.stat().st_size == 0)
        if existing:
            validate_file(target)
        _remove_stale_temps(target)
        self._seen = fingerprint(target)
        try:
            fd, name = tempfile.mkstemp(
                prefix=f".{target.name}{_TEMP_MARK}{os.getpid()}.", suffix=".tmp", dir=folder
            )
        except OSError as exc:
            raise _os_message(target, exc) from exc
        os.close(fd)
        self.tmp = Path(name)
        try:
            conn = sqlite3.connect(self.tmp, isolation_level=None)
            self.conn = conn
            if existing:
                src = connect_read(target)
                try:
                    src.backup(conn)
                finally:
                    src.close()
            else:
                _init(conn)
            conn.execute("PRAGMA journal_mode = MEMORY")
            if existing and schema_version(conn) < SCHEMA_VERSION:
                _migrate(conn)
            conn.execute("PRAGMA synchronous = OFF")  # the copy is fsynced once before the rename
            conn.execute("BEGIN")
        except (sqlite3.Error, OSError) as exc:
            raise _corrupt(target, exc) from exc
        return conn

    def _discard(self) -> None:
        if self.conn is not None:
            with contextlib.suppress(sqlite3.Error):
                self.conn.close()
            self.conn = None
        if self.tmp is not None:
            with contextlib.suppress(OSError):
                self.tmp.unlink()
            self.tmp = None
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def _copy_mode(self) -> None:
        """Keep the bank's permissions (mkstemp makes 0600; a new bank gets the usual umask mode)."""
        assert self.tmp is not None
        if self.path.exists():
            mode = self.path.stat().st_mode & 0o777
        else:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        with contextlib.suppress(OSError):
            os.chmod(self.tmp, mode)

    def _guard(self) -> sqlite3.Connection | None:
        """Hold SQLite's write lock on the bank itself while checking it and renaming over it.

        Other programs cannot commit between the check and the rename. Not on Windows, where a file open
        in SQLite cannot be renamed over; there the check alone remains.
        """
        if os.name == "nt" or not self.path.is_file():
            return None
        guard: sqlite3.Connection | None = None
        try:
            guard = sqlite3.connect(self.path, timeout=5, isolation_level=None)
            guard.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            if guard is not None:
                guard.close()
            name = getattr(exc, "sqlite_errorname", None) or ""
            if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
                raise _in_use(self.path) from exc
            return None  # e.g. a read-only bank file in a writable folder: the rename still works
        return guard

    def __exit__(self, exc_type: Any, exc: Any, tb: Any) -> None:
        if exc_type is not None or self.conn is None or self.tmp is None:
            self._discard()
            if isinstance(exc, sqlite3.Error):
                known = _sqlite_message(self.path, exc)
                if known is not None:
                    raise known from exc
            if isinstance(exc, OSError) and exc.errno in _DISK_FULL:
                raise _disk_full(self.path) from exc
            return
        try:
            self._finish()
        except BaseException as err:
            self._discard()
            if isinstance(err, (OSError, sqlite3.Error)):
                raise _corrupt(self.path, err) from err
            raise
        self._discard()  # releases the lock

    def _finish(self) -> None:
        assert self.conn is not None and self.tmp is not None
        if self.index:
            from .compiled import store_index

            store_index(self.conn)
        self.conn.execute("COMMIT")
        self.conn.close()
        self.conn = None
        with self.tmp.open("rb+") as fh:
            os.fsync(fh.fileno())
        self._copy_mode()
        guard = self._guard()
        try:
            if fingerprint(self.path) != self._seen:
                raise _changed(self.path)
            os.replace(self.tmp, self.path)
            self.tmp = None
        finally:
            if guard is not None:
                with contextlib.suppress(sqlite3.Error):
                    guard.execute("ROLLBACK")
                guard.close()


def seen_hashes(conn: sqlite3.Connection) -> set[str]:
    return {row[0] for row in conn.execute("SELECT sha256 FROM sources")}


def text_hashes(conn: sqlite3.Connection) -> dict[str, str]:
    """Normalised text hash → name of the source already mined with that text."""
    return {h: name for h, name in conn.execute("SELECT text_sha, name FROM sources WHERE text_sha != ''")}


def phrase_keys(conn: sqlite3.Connection) -> dict[str, int]:
    return {k: i for k, i in conn.execute("SELECT key, id FROM phrases")}


_MAJORITY = (
    "(SELECT o.{col} FROM occurrences o WHERE o.phrase_id = phrases.id "
    "GROUP BY o.{col} ORDER BY COUNT(*) DESC, MIN(o.id) LIMIT 1)"
)


def remove_unused_phrases(conn: sqlite3.Connection) -> int:
    """Delete phrases no occurrence refers to any more (after a source was removed); returns how many."""
    cur = conn.execute("DELETE FROM phrases WHERE id NOT IN (SELECT DISTINCT phrase_id FROM occurrences)")
    return cur.rowcount


def refresh_aggregates(conn: sqlite3.Connection, phrase_ids: Iterator[int] | list[int] | set[int]) -> None:
    """Recount distinct reports, occurrences and openings, and take each phrase's majority part and function."""
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS touched(id INTEGER PRIMARY KEY)")
    conn.execute("DELETE FROM touched")
    conn.executemany("INSERT OR IGNORE INTO touched(id) VALUES (?)", ((i,) for i in phrase_ids))
    conn.execute(
        "UPDATE phrases SET "
        "frequency = (SELECT COUNT(DISTINCT source_id) FROM occurrences o WHERE o.phrase_id = phrases.id), "
        "occurrences = (SELECT COUNT(*) FROM occurrences o WHERE o.phrase_id = phrases.id), "
        "openings = (SELECT COUNT(DISTINCT source_id) FROM occurrences o "
        "            WHERE o.phrase_id = phrases.id AND o.opening), "
        f"part = {_MAJORITY.format(col='part')}, top = {_MAJORITY.format(col='top')}, "
        f"function = {_MAJORITY.format(col='function')} "
        "WHERE id IN (SELECT id FROM touched)"
    )


class _ChangedMeanwhile(Exception):
    """The bank was written between compiling its index and storing it: the index would not match."""


def store_compiled_index(path: Path, compiled: Any, seen: tuple[Any, ...] | None) -> bool:
    """Store an index compiled on opening back into the bank, so that only the first opening after an
    upgrade (a new index version) compiles it; ``seen`` is the bank's :func:`fingerprint` from before
    it was read.

    Best effort: a bank that cannot be written (a read-only or shared folder), that a mining run holds,
    or that changed since it was read is left as it is and keeps being compiled in memory — opening must
    not fail for an optimisation. The write goes through :class:`BankWriter` (a copy renamed over the
    bank), so a kill leaves the previous file intact.
    """
    from .compiled import store_index

    try:
        with BankWriter(path, index=False, lock_timeout=0.5) as conn:
            if fingerprint(path) != seen:
                raise _ChangedMeanwhile
            store_index(conn, compiled=compiled)
    except (_ChangedMeanwhile, UsageError, InputError, OSError, sqlite3.Error):
        return False
    return True

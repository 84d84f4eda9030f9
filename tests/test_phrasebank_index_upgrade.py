"""A bank whose stored index is of an older version (mined before an upgrade) is compiled once and the
index stored back, so that only the first opening after the upgrade pays for it."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from phrasebank import bank as bank_module
from phrasebank import open_banks
from phrasebank.compiled import INDEX_VERSION
from tests._phrasebank_fixtures import mine_bodies_bank


def _age(path: Path) -> None:
    """Make the bank look mined by an older version: its stored index no longer fits."""
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE info SET value = '1' WHERE key = 'index_version'")


def _version(path: Path) -> str:
    with sqlite3.connect(path) as conn:
        return conn.execute("SELECT value FROM info WHERE key = 'index_version'").fetchone()[0]


def _fresh_bank(tmp_path_factory: pytest.TempPathFactory, tmp_path: Path) -> Path:
    src = mine_bodies_bank(tmp_path_factory)
    path = tmp_path / "bank.sqlite"
    path.write_bytes(Path(src).read_bytes())
    return path


def test_an_outdated_index_is_rebuilt_once_and_stored(
    tmp_path_factory: pytest.TempPathFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _fresh_bank(tmp_path_factory, tmp_path)
    expected = [s.insert for s in open_banks(path, builtin=False).suggest("全面推行行政执法", k=5)]
    _age(path)
    first = open_banks(path, builtin=False)
    assert _version(path) == str(INDEX_VERSION)
    assert [s.insert for s in first.suggest("全面推行行政执法", k=5)] == expected

    def no_compiling(*args: object, **kwargs: object) -> None:
        raise AssertionError("the stored index should have been used")

    monkeypatch.setattr(bank_module, "compile_bank", no_compiling)
    again = open_banks(path, builtin=False)
    assert [s.insert for s in again.suggest("全面推行行政执法", k=5)] == expected


def test_a_bank_that_cannot_be_written_still_opens(
    tmp_path_factory: pytest.TempPathFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A shared or read-only bank: the index is compiled in memory, the file is left as it is."""
    path = _fresh_bank(tmp_path_factory, tmp_path)
    _age(path)
    before = path.read_bytes()

    class Refusing:
        def __init__(self, *args: object, **kwargs: object) -> None:
            pass

        def __enter__(self) -> None:
            raise PermissionError(13, "Permission denied")

        def __exit__(self, *args: object) -> None:
            return None

    monkeypatch.setattr(bank_module.store, "BankWriter", Refusing)
    opened = open_banks(path, builtin=False)
    assert opened.suggest("全面推行行政执法", k=5)
    assert path.read_bytes() == before


def test_the_banks_that_come_with_the_software_carry_the_current_index() -> None:
    """A shipped bank with an older index is compiled on every fresh install's first opening and written
    back into the installed package: each shipped bank is rebuilt whenever INDEX_VERSION changes."""
    import importlib.util

    from phrasebank.builtin import builtin_path

    shipped = [builtin_path()]
    spec = importlib.util.find_spec("drafter_zfgzbg")
    if spec is not None and spec.origin is not None:
        shipped.append(Path(spec.origin).parent / "data" / "phrasebank.sqlite")
    assert len(shipped) == 2, "the second kind (kinds/zfgzbg) is installed with the tests"
    for path in shipped:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
            row = conn.execute("SELECT value FROM info WHERE key = 'index_version'").fetchone()
        assert row is not None and int(row[0]) == INDEX_VERSION, (path, row)

"""Versioned migrations and the errors of opening a database."""

from __future__ import annotations

import duckdb
import pytest

from store_fakes import result_a
from dyad.errors import StoreError
from dyad.store import LATEST, MIGRATIONS, Store


def test_fresh_db_has_every_version(tmp_path):
    with Store(tmp_path / "x.duckdb") as db:
        assert [m["version"] for m in db.migrations()] == [m.version for m in MIGRATIONS]
        assert db.schema_version == LATEST


def test_versions_are_numbered_in_order():
    assert [m.version for m in MIGRATIONS] == list(range(1, len(MIGRATIONS) + 1))


def test_reopen_applies_nothing(tmp_path):
    path = tmp_path / "x.duckdb"
    with Store(path) as db:
        first = db.migrations()
    with Store(path) as db:
        assert db.migrations() == first


def test_older_db_is_upgraded(tmp_path):
    path = tmp_path / "x.duckdb"
    with Store(path, migrations=MIGRATIONS[:1]) as db:
        assert db.schema_version == 1
    with Store(path) as db:
        assert db.schema_version == LATEST
        db.add(result_a())
        assert db.counts()["times"] == 1


def test_older_db_opened_read_only_is_upgraded(tmp_path):
    path = tmp_path / "x.duckdb"
    Store(path, migrations=MIGRATIONS[:2]).close()
    with Store(path, read_only=True) as db:
        assert db.schema_version == LATEST


def test_newer_db_is_refused(tmp_path):
    path = tmp_path / "x.duckdb"
    Store(path).close()
    con = duckdb.connect(str(path))
    con.execute("INSERT INTO dyad_migrations (version, name) VALUES (?, 'from the future')", [LATEST + 1])
    con.close()
    with pytest.raises(StoreError, match="newer than this dyad") as err:
        Store(path)
    assert "\n" not in str(err.value)


def test_corrupt_file(tmp_path):
    path = tmp_path / "junk.duckdb"
    path.write_text("not a database " * 200)
    with pytest.raises(StoreError, match="not a valid dyad database"):
        Store(path)


def test_missing_db_read_only(tmp_path):
    with pytest.raises(StoreError, match="no database at"):
        Store(tmp_path / "none.duckdb", read_only=True)


def test_locked_db(tmp_path):
    import subprocess
    import sys

    path = tmp_path / "x.duckdb"
    holder = subprocess.Popen(
        [sys.executable, "-c", f"import duckdb, sys, time; c = duckdb.connect({str(path)!r}); "
                               "print('ok', flush=True); time.sleep(30)"],
        stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ok"
        with pytest.raises(StoreError, match="in use by another process"):
            Store(path)
    finally:
        holder.kill()
        holder.wait()


def test_unwritable_location(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(StoreError, match="cannot"):
        Store(blocker / "sub" / "x.duckdb")


def test_write_on_read_only(tmp_path):
    path = tmp_path / "x.duckdb"
    Store(path).close()
    with Store(path, read_only=True) as db, pytest.raises(StoreError, match="read-only"):
        db.add(result_a())

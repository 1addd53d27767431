"""Clusters in the store, and `dyad events` over them."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from dedup_fakes import corpus

from dyad.cli import main
from dyad.store import Store
from dyad.store import clusters as store_clusters


@pytest.fixture
def db(tmp_path):
    path = str(tmp_path / "d.duckdb")
    with Store(path) as store:
        results = corpus()
        store.add_many(results[:3])
        store.add_many(results[3:])  # a second batch: clusters resumed from the store
    return path


def test_store_round_trip_matches_in_memory(db):
    from dyad.dedup.across import cluster_results

    expected = cluster_results(corpus())
    with Store(db, read_only=True) as store:
        rows = store_clusters.clusters(store._con)
        stored = {e: r["id"] for r in rows for e in r["event_ids"]}
        assert stored == expected
        big = max(rows, key=lambda r: r["n_mentions"])
        assert (big["n_mentions"], big["n_articles"], big["n_sources"]) == (3, 3, 2)
        assert str(big["first_seen"]) == "2023-03-06" and str(big["last_seen"]) == "2023-03-11"
        recs = store.events(dedup="clusters")
        assert len(recs) == 5 and recs[0]["n_mentions"] == 3 and "cluster_id" in recs[0]
        assert len(store.events()) == 8  # raw events unchanged
        assert len(store.events(dedup="clusters", event_type="CONSULT")) == 2


def test_reingesting_is_a_no_op(db):
    with Store(db) as store:
        before = store_clusters.clusters(store._con)
        assert store.add_many(corpus()) == (0, 6)
        assert store_clusters.clusters(store._con) == before


def _run(*args):
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert result.exit_code == 0, result.output
    return result


def test_cli_default_raw_and_one_a_day(db):
    default = [json.loads(x) for x in _run("events", "--db", db, "--format", "jsonl").stdout.splitlines()]
    raw = [json.loads(x) for x in _run("events", "--db", db, "--format", "jsonl", "--raw").stdout.splitlines()]
    base = [json.loads(x) for x in _run("events", "--db", db, "--format", "jsonl", "--dedup", "one-a-day")
            .stdout.splitlines()]
    assert len(default) == 5 and len(raw) == 8 and len(default) <= len(base) <= len(raw)
    assert "n_sources" in default[0] and "n_mentions" not in raw[0]
    table = _run("events", "--db", db).stdout
    assert "mentions" in table and "5 events" in table
    assert _run("events", "--db", db, "--format", "csv", "--limit", "2").stdout.count("\n") == 3
    assert "8 events" in _run("events", "--db", db, "--raw").stdout


def test_cli_raw_and_dedup_exclusive(db):
    result = CliRunner().invoke(main, ["events", "--db", db, "--raw", "--dedup", "one-a-day"])
    assert result.exit_code == 2

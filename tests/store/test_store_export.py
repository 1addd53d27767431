"""Exports in every format, read back."""

from __future__ import annotations

import csv
import json

import pyarrow.parquet as pq
import pytest

from store_fakes import result_a, result_b
from dyad.errors import InputError
from dyad.store import FLAT_COLUMNS


@pytest.fixture
def full(store):
    store.add_many([result_a(), result_b()])
    return store


def test_jsonl(full, tmp_path):
    out = tmp_path / "e.jsonl"
    assert full.export(out, "jsonl") == 3
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert records == full.events()


def test_csv(full, tmp_path):
    out = tmp_path / "e.csv"
    assert full.export(out, "csv", event_type="ASSAULT") == 1
    with out.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert list(rows[0]) == list(FLAT_COLUMNS)
    assert rows[0]["actors"] == "Kenya Police Service"
    assert rows[0]["date_start"] == "2024-03-01" and rows[0]["dead"] == "2"


def test_csv_joins_many_actors(store, tmp_path):
    res = result_a()
    ev = res.events[0]
    ev.actors.append(ev.recipients[0])
    store.add(res)
    out = tmp_path / "e.csv"
    store.export(out, "csv")
    with out.open(newline="", encoding="utf-8") as fh:
        first = next(csv.DictReader(fh))
    assert first["actors"] == "Kenya Police Service; protesters"


def test_parquet(full, tmp_path):
    out = tmp_path / "e.parquet"
    assert full.export(out, "parquet", country="KEN") == 2
    table = pq.read_table(out)
    assert table.column_names == list(FLAT_COLUMNS) + ["record"]
    assert table.column("event_type").to_pylist() == ["ASSAULT", "CONSULT"]
    assert [json.loads(r) for r in table.column("record").to_pylist()] == full.events(country="KEN")


def test_export_limit_and_empty(full, tmp_path):
    out = tmp_path / "e.jsonl"
    assert full.export(out, "jsonl", limit=1) == 1
    assert len(out.read_text().splitlines()) == 1
    assert full.export(tmp_path / "none.csv", "csv", country="FRA") == 0
    assert (tmp_path / "none.csv").read_text().startswith("id,article_id")


def test_export_creates_directory(full, tmp_path):
    out = tmp_path / "deep" / "dir" / "e.parquet"
    full.export(out, "parquet")
    assert out.exists()


def test_unknown_format(full, tmp_path):
    with pytest.raises(InputError, match="xml"):
        full.export(tmp_path / "e.xml", "xml")

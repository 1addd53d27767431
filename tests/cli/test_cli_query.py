"""`dyad events`, `dyad export`, `dyad show`, `dyad settings`."""

from __future__ import annotations

import csv
import io
import json

import pyarrow.parquet as pq
import pytest

from dyad.cli import main
from dyad.store import FLAT_COLUMNS


def run(runner, *args):
    return runner.invoke(main, [str(a) for a in args])


def jsonl(result):
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_events_table(runner, loaded):
    result = run(runner, "events", "--db", loaded)
    assert result.exit_code == 0, result.output
    for word in ("ASSAULT", "ACCUSE", "CONSULT", "clashed", "Israel", "Iran", "k1", "3 events"):
        assert word in result.stdout


@pytest.mark.parametrize("args, expected", [
    (["--type", "ASSAULT"], ["ASSAULT"]),
    (["--type", "assault", "--type", "ACCUSE"], ["ASSAULT", "ACCUSE"]),
    (["--actor", "POLICE"], ["ASSAULT"]),
    (["--actor", "envoy"], ["CONSULT"]),
    (["--country", "irn"], ["ACCUSE"]),
    (["--country", "KEN"], ["ASSAULT", "CONSULT"]),
    (["--since", "2024-01-01"], ["ASSAULT", "CONSULT"]),
    (["--until", "2023-12"], ["ACCUSE"]),
    (["--since", "2024-03-06", "--until", "2024-03-06"], ["CONSULT"]),
    (["--status", "asserted"], ["ASSAULT", "ACCUSE", "CONSULT"]),
    (["--status", "negated"], []),
    (["--limit", "1"], ["ASSAULT"]),
])
def test_events_filters(runner, loaded, args, expected):
    result = run(runner, "events", "--db", loaded, "--format", "jsonl", *args)
    assert result.exit_code == 0, result.output
    assert [r["event_type"] for r in jsonl(result)] == expected


def test_events_json_and_csv(runner, loaded):
    records = json.loads(run(runner, "events", "--db", loaded, "--format", "json").stdout)
    assert [r["event_type"] for r in records] == ["ASSAULT", "ACCUSE", "CONSULT"]
    rows = list(csv.DictReader(io.StringIO(run(runner, "events", "--db", loaded, "--format", "csv").stdout)))
    assert list(rows[0]) == list(FLAT_COLUMNS) and rows[1]["recipient_countries"] == "IRN"
    assert rows[0]["published"] == "2024-03-05" and rows[0]["date_stated"] == "false"


def test_events_csv_matches_extract_csv(runner, loaded, corpus):
    stored = run(runner, "events", "--db", loaded, "--format", "csv").stdout
    extracted = run(runner, "extract", corpus, "--format", "csv").stdout
    assert stored == extracted


def test_events_bad_date(runner, loaded):
    result = run(runner, "events", "--db", loaded, "--since", "last week")
    assert result.exit_code == 2 and result.stderr.startswith("dyad: error: [E100] since")


def test_events_missing_db(runner, tmp_path):
    result = run(runner, "events", "--db", tmp_path / "none.duckdb")
    assert result.exit_code == 2
    assert "no database at" in result.stderr and "dyad demo" in result.stderr


def test_events_table_caps_long_listings(runner, loaded, monkeypatch):
    monkeypatch.setattr("dyad.cli.events_cmd.TABLE_LIMIT", 2)
    result = run(runner, "events", "--db", loaded)
    assert "2 of 3 events" in result.stdout and "--limit" in result.stderr


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
def test_export_formats(runner, loaded, tmp_path, fmt):
    out = tmp_path / f"out.{fmt}"
    result = run(runner, "export", "--format", fmt, "--out", out, "--db", loaded, "--country", "KEN")
    assert result.exit_code == 0, result.output
    assert result.stderr.strip() == f"exported 2 events to {out}"
    if fmt == "jsonl":
        types = [json.loads(line)["event_type"] for line in out.read_text().splitlines()]
    elif fmt == "csv":
        types = [r["event_type"] for r in csv.DictReader(out.open())]
    else:
        types = pq.read_table(out).column("event_type").to_pylist()
    assert types == ["ASSAULT", "CONSULT"]


def test_export_filters(runner, loaded, tmp_path):
    out = tmp_path / "o.jsonl"
    run(runner, "export", "--format", "jsonl", "--out", out, "--db", loaded, "--type", "ACCUSE",
        "--actor", "israel", "--since", "2023", "--until", "2023-12-31", "--status", "asserted", "--limit", "5")
    assert [json.loads(x)["event_type"] for x in out.read_text().splitlines()] == ["ACCUSE"]


def test_export_requires_format_and_out(runner, loaded):
    assert run(runner, "export", "--db", loaded, "--out", "x.csv").exit_code == 2
    assert run(runner, "export", "--db", loaded, "--format", "csv").exit_code == 2


def test_show(runner, loaded):
    result = run(runner, "show", "k1", "--db", loaded)
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Kenyan police clashed with protesters in Nairobi on Monday." in out
    assert "Clashes" in out and "1 event" in out and "ASSAULT" in out
    for kind in ("trigger", "actor", "recipient", "date", "place"):
        assert kind in out


def test_show_highlights_in_distinct_colours(loaded):
    from dyad.cli.render import STYLES, highlighted_text
    from dyad.store import Store

    with Store(loaded, read_only=True) as store:
        doc = store.article("k1")
    text = highlighted_text(doc)
    styled = {str(span.style): doc["text"][span.start:span.end] for span in text.spans}
    assert styled[STYLES["trigger"]] == "clashed"
    assert styled[STYLES["actor"]] == "police"
    assert styled[STYLES["recipient"]] == "protesters"
    assert styled[STYLES["place"]] == "Nairobi"
    assert styled[STYLES["date"]] == "Monday"
    assert len(set(STYLES.values())) == len(STYLES)


def test_show_bad_offsets_do_not_crash():
    from dyad.cli.render import highlighted_text

    doc = {"text": "short", "events": [{"trigger": {"start": 3, "end": 99}, "actors": [{"start": None}]}]}
    assert highlighted_text(doc).plain == "short"


def test_show_unknown_article(runner, loaded):
    result = run(runner, "show", "nope", "--db", loaded)
    assert result.exit_code == 2
    assert result.stderr.startswith("dyad: error: [E100] no article 'nope'")


def test_settings(runner, monkeypatch):
    monkeypatch.setenv("DYAD_BATCH_SIZE", "7")
    result = run(runner, "settings")
    assert result.exit_code == 0
    from dyad import settings

    for s in settings.SETTINGS.values():
        assert s.name in result.stdout and s.env in result.stdout
    assert "7" in result.stdout and "(unset)" in result.stdout


def test_version_and_help(runner):
    assert run(runner, "--version").exit_code == 0
    result = run(runner, "--help")
    for name in ("extract", "ingest", "events", "export", "show", "demo", "settings"):
        assert name in result.stdout


def test_eval_is_listed_only_when_its_module_exists(monkeypatch):
    import dyad.cli as cli

    monkeypatch.setattr(cli, "_OPTIONAL", {"eval": "dyad.cli.no_such_module:eval_command"})
    ctx = __import__("click").Context(main)
    assert "eval" not in main.list_commands(ctx)
    monkeypatch.setattr(cli, "_OPTIONAL", {"eval": "dyad.cli.settings_cmd:no_such_attr"})
    assert "eval" in main.list_commands(ctx)
    assert main.get_command(ctx, "eval") is None  # broken optional command: warned, not fatal

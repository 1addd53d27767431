"""`dyad extract`: every output format, input options, bad inputs and exit codes."""

from __future__ import annotations

import csv
import io
import json

from dyad.cli import main
from dyad.store import FLAT_COLUMNS


def test_jsonl_default(runner, corpus):
    result = runner.invoke(main, ["extract", str(corpus)])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["event_type"] for r in records] == ["ASSAULT", "ACCUSE", "CONSULT"]
    assert records[0]["trigger"] == {"text": "clashed", "start": 14, "end": 21}
    assert result.stderr == ""


def test_json_array(runner, corpus):
    result = runner.invoke(main, ["extract", str(corpus), "--format", "json"])
    records = json.loads(result.stdout)
    assert isinstance(records, list) and len(records) == 3


def test_json_empty_array(runner, tmp_path):
    path = tmp_path / "calm.txt"
    path.write_text("The weather was fine.")
    result = runner.invoke(main, ["extract", str(path), "--format", "json"])
    assert result.exit_code == 0
    assert json.loads(result.stdout) == []


def test_csv(runner, corpus):
    result = runner.invoke(main, ["extract", str(corpus), "--format", "csv"])
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert list(rows[0]) == list(FLAT_COLUMNS)
    assert rows[0]["actors"] == "Police" and rows[0]["recipients"] == "Protesters"
    assert rows[0]["published"] == "2024-03-05" and rows[0]["source"] == "Example"
    assert rows[0]["date_stated"] == "false"


def test_table(runner, corpus):
    result = runner.invoke(main, ["extract", str(corpus), "--format", "table"])
    assert result.exit_code == 0
    for word in ("ASSAULT", "clashed", "Police", "Protesters", "Nairobi", "asserted", "3 events"):
        assert word in result.stdout


def test_txt_with_published(runner, tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Police clashed with protesters.")
    result = runner.invoke(main, ["extract", str(path), "--published", "2024-01-02"])
    record = json.loads(result.stdout)
    assert record["date"]["start"] == "2024-01-02"


def test_stdin(runner):
    result = runner.invoke(main, ["extract", "-", "--input-format", "txt"],
                           input="Israel accused Iran of lying.")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["event_type"] == "ACCUSE"


def test_column_options(runner, tmp_path):
    path = tmp_path / "c.csv"
    path.write_text("doc,body,headline,day\nz1,Israel accused Iran.,Words,2022-02-02\n")
    result = runner.invoke(main, ["extract", str(path), "--id-column", "doc", "--text-column", "body",
                                  "--title-column", "headline", "--date-column", "day"])
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)
    assert record["article_id"] == "z1" and record["date"]["start"] == "2022-02-02"


def test_unknown_published_is_one_line_exit_2(runner, corpus):
    result = runner.invoke(main, ["extract", str(corpus), "--published", "March 5th"])
    assert result.exit_code == 2
    assert result.stderr.startswith("dyad: error: [E100]")
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.output


def test_empty_file_exits_1(runner, tmp_path):
    path = tmp_path / "empty.txt"
    path.write_text("")
    result = runner.invoke(main, ["extract", str(path)])
    assert result.exit_code == 1
    assert "dyad: skipped" in result.stderr and "empty" in result.stderr
    assert result.stdout == ""


def test_missing_file_exits_1(runner, tmp_path):
    result = runner.invoke(main, ["extract", str(tmp_path / "nope.txt")])
    assert result.exit_code == 1
    assert "dyad: skipped" in result.stderr


def test_malformed_jsonl_line_is_skipped_not_fatal(runner, tmp_path):
    path = tmp_path / "mixed.jsonl"
    path.write_text('{"id": "a", "text": "Israel accused Iran."}\n{not json\n')
    result = runner.invoke(main, ["extract", str(path)])
    assert result.exit_code == 0
    assert len(result.stdout.splitlines()) == 1
    skipped = [line for line in result.stderr.splitlines() if line.startswith("dyad: skipped")]
    assert len(skipped) == 1 and "mixed.jsonl:2" in skipped[0]


def test_unknown_output_format_is_usage_error(runner, corpus):
    result = runner.invoke(main, ["extract", str(corpus), "--format", "xml"])
    assert result.exit_code == 2


def test_dyad_error_in_pipeline_is_one_line(runner, corpus, monkeypatch):
    from dyad.errors import ModelError

    def broken(*a, **k):
        raise ModelError("spaCy pipeline 'en_core_web_xx' is not installed")

    monkeypatch.setattr("dyad.pipeline.pipe", broken)
    result = runner.invoke(main, ["extract", str(corpus)])
    assert result.exit_code == 2
    assert result.stderr.strip() == "dyad: error: [E300] spaCy pipeline 'en_core_web_xx' is not installed"


def test_keyboard_interrupt_exits_130_quietly(runner, corpus, monkeypatch):
    def interrupted(*a, **k):
        raise KeyboardInterrupt
        yield  # pragma: no cover

    monkeypatch.setattr("dyad.pipeline.pipe", interrupted)
    result = runner.invoke(main, ["extract", str(corpus)])
    assert result.exit_code == 130
    assert "Traceback" not in result.output and "Aborted" not in result.output

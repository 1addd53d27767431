"""``dyad eval`` on an invented data directory, with a fake pipeline."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from dyad.cli.eval_cmd import eval_command
from dyad.eval.report import END_MARK, START_MARK


def _tiny_data(root: Path) -> Path:
    folder = root / "plover_gsr"
    folder.mkdir(parents=True)
    rows = [{"id": "H", "event": "DOCUMENT"},
            {"id": "r1", "event": "PROTEST", "text": "Farmers protested in the capital.",
             "source": [{"actorText": "Farmers", "code": "XYZ", "sector": "AGR"}], "target": None},
            {"id": "r2", "event": "AGREE", "text": "The two sides agreed to talk.", "source": [], "target": []}]
    (folder / "plover_gsr.jsonl").write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    return root


def test_single_suite_writes_report(tmp_path: Path, fake_pipe):
    data = _tiny_data(tmp_path / "data")
    out = tmp_path / "r.json"
    res = CliRunner().invoke(eval_command, ["plover-gsr", "--data", str(data), "--out", str(out), "--errors", "2"])
    assert res.exit_code == 0, res.output
    report = json.loads(out.read_text())
    assert report["records"] == 2 and report["suite"] == "plover-gsr"
    assert any(m["name"] == "event type accuracy" and m["value"] == 0.0 for m in report["metrics"])
    assert "worst cases" in res.output and "Farmers protested" in res.output


def test_limit_and_env_data(tmp_path: Path, fake_pipe, monkeypatch):
    data = _tiny_data(tmp_path / "data")
    monkeypatch.setenv("DYAD_EVAL_DATA", str(data))
    out = tmp_path / "r.json"
    res = CliRunner().invoke(eval_command, ["plover-gsr", "--limit", "1", "--out", str(out)])
    assert res.exit_code == 0, res.output
    assert json.loads(out.read_text())["records"] == 1


def test_missing_data_for_named_suite_is_an_error(tmp_path: Path, fake_pipe):
    res = CliRunner().invoke(eval_command, ["acled", "--data", str(tmp_path)])
    assert res.exit_code == 2
    assert "E602" in res.output


def test_unknown_suite(tmp_path: Path):
    res = CliRunner().invoke(eval_command, ["nope", "--data", str(tmp_path)])
    assert res.exit_code == 2 and "unknown suite" in res.output


def test_all_skips_missing_and_updates_benchmarks(tmp_path: Path, fake_pipe, monkeypatch):
    data = _tiny_data(tmp_path / "data")
    bench = tmp_path / "BENCHMARKS.md"
    bench.write_text("# Benchmarks\n\nkeep me\n\n" + START_MARK + "\nSTALE-CONTENT\n" + END_MARK + "\n\ntail\n")
    monkeypatch.chdir(tmp_path)
    res = CliRunner().invoke(eval_command, ["all", "--data", str(data), "--benchmarks", str(bench)])
    assert res.exit_code == 0, res.output
    assert "skip acled: no data" in res.output
    text = bench.read_text()
    assert "keep me" in text and text.rstrip().endswith("tail") and "STALE-CONTENT" not in text
    assert "### plover-gsr" in text and "`dyad eval plover-gsr --data " in text
    assert (tmp_path / "eval-reports" / "plover-gsr.json").is_file()


def test_pipeline_not_implemented_is_reported(tmp_path: Path, monkeypatch):
    from dyad import pipeline

    def missing(articles, **_):
        raise NotImplementedError
        yield  # pragma: no cover - makes this a generator like the real pipe

    monkeypatch.setattr(pipeline, "pipe", missing)
    data = _tiny_data(tmp_path / "data")
    res = CliRunner().invoke(eval_command, ["plover-gsr", "--data", str(data), "--out", str(tmp_path / "r.json")])
    assert res.exit_code == 2 and "not implemented" in res.output

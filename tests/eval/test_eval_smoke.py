"""A small real ``dyad eval`` run: the real pipeline on a few records of the shared
data (skipped when ``../shared/data`` is absent) and on our own demo gold."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from dyad.cli.eval_cmd import eval_command
from dyad.settings import checkout_root

SHARED = checkout_root().parent / "shared" / "data"

pytestmark = pytest.mark.slow


@pytest.mark.skipif(not (SHARED / "plover_gsr").is_dir(), reason="../shared/data is not present")
def test_plover_gsr_smoke_run_scores_real_extractions(tmp_path: Path) -> None:
    out = tmp_path / "gsr.json"
    result = CliRunner().invoke(eval_command, ["plover-gsr", "--data", str(SHARED), "--limit", "8", "--out", str(out)])
    assert result.exit_code == 0, result.output
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["records"] == 8
    metrics = {m["name"]: m["value"] for m in report["metrics"]}
    assert 0.0 <= metrics["event type accuracy"] <= 1.0
    assert metrics["coverage (sentences with any event)"] > 0  # the real pipeline found events


def test_demo_gold_smoke_run_finds_events(tmp_path: Path) -> None:
    out = tmp_path / "demo.json"
    result = CliRunner().invoke(eval_command, ["demo", "--limit", "3", "--out", str(out)])
    assert result.exit_code == 0, result.output
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["records"] == 3
    metrics = {m["name"]: m["value"] for m in report["metrics"]}
    assert metrics["event recall (trigger+type)"] > 0

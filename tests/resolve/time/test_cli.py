"""`dyad times` (slow: runs the pipeline)."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from dyad.cli.times_cmd import COLUMNS, times_command

pytestmark = pytest.mark.slow

TEXT = "On Sunday, gunmen attacked a village. The siege lasted three weeks.\n"


def test_jsonl_records(tmp_path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(TEXT, encoding="utf-8")
    result = CliRunner().invoke(times_command, [str(path), "--published", "2020-12-24"])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.output.splitlines()]
    assert [r["text"] for r in records] == ["Sunday", "three weeks"]
    assert tuple(records[0]) == COLUMNS
    first = records[0]
    assert TEXT[first["start"]:first["end"]] == "Sunday"
    assert (first["value"], first["start_date"], first["anchor"]) == ("2020-12-20", "2020-12-20", "published")
    assert (records[1]["type"], records[1]["value"]) == ("DURATION", "P3W")


def test_json_and_table(tmp_path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(TEXT, encoding="utf-8")
    result = CliRunner().invoke(times_command, [str(path), "--format", "json"])
    assert result.exit_code == 0
    records = json.loads(result.output)
    assert records[0]["unresolved"] is True and records[0]["start_date"] is None
    table = CliRunner().invoke(times_command, [str(path), "--format", "table", "--published", "2020-12-24"])
    assert table.exit_code == 0 and "2020-12-20" in table.output

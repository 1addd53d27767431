"""`dyad places`: every toponym, in jsonl, json or a table (pipeline replaced by a fake)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from dyad import pipeline
from dyad.cli.places_cmd import places_command
from dyad.resolve.places import RECORD_KEYS

_TEXT = "Gunmen attacked a checkpoint near Mosul on Tuesday, officials in Baghdad said."


def _fake_pipe(articles: Iterable[Any], **_: Any) -> Iterator[pipeline.ArticleResult]:
    for art in articles:
        start = art.text.index("Mosul")
        place = {"article_id": art.id, "text": "Mosul", "start": start, "end": start + 5, "name": "Mosul",
                 "geonameid": 99072, "lat": 36.335, "lon": 43.119, "country": "IRQ", "admin1": "Nīnawá",
                 "feature": "city", "precision": "city", "is_actor": False}
        yield pipeline.ArticleResult(art, places=[place])


@pytest.fixture()
def article(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(pipeline, "pipe", _fake_pipe)
    path = tmp_path / "a.txt"
    path.write_text(_TEXT, encoding="utf-8")
    return path


def test_jsonl_prints_every_field(article: Path) -> None:
    result = CliRunner().invoke(places_command, [str(article)])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines() if line.strip()]
    assert len(rows) == 1 and list(rows[0]) == list(RECORD_KEYS)
    assert _TEXT[rows[0]["start"]:rows[0]["end"]] == "Mosul"


def test_json_and_table(article: Path) -> None:
    out = CliRunner().invoke(places_command, [str(article), "--format", "json", "--published", "2024-03-02"])
    assert out.exit_code == 0, out.output
    assert json.loads(out.output)[0]["country"] == "IRQ"
    table = CliRunner().invoke(places_command, [str(article), "--format", "table"])
    assert table.exit_code == 0 and "Mosul" in table.output and "IRQ" in table.output


def test_nothing_readable_exits_1(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pipeline, "pipe", _fake_pipe)
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    result = CliRunner().invoke(places_command, [str(empty)])
    assert result.exit_code == 1

"""Fixtures for CLI tests: a fake pipeline (no spaCy), a corpus, a database."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from cli_fakes import ARTICLES, fake_pipe


@pytest.fixture(autouse=True)
def fake_pipeline(monkeypatch, tmp_path):
    monkeypatch.setattr("dyad.pipeline.pipe", fake_pipe)
    # Never touch a dyad.duckdb in the working directory.
    monkeypatch.setenv("DYAD_DB", str(tmp_path / "default.duckdb"))
    return fake_pipe


@pytest.fixture
def corpus(tmp_path):
    path = tmp_path / "corpus.jsonl"
    path.write_text("".join(json.dumps(a) + "\n" for a in ARTICLES), encoding="utf-8")
    return path


@pytest.fixture
def runner():
    return CliRunner()


@pytest.fixture
def db(tmp_path):
    return str(tmp_path / "test.duckdb")


@pytest.fixture
def loaded(runner, corpus, db):
    from dyad.cli import main

    result = runner.invoke(main, ["ingest", str(corpus), "--db", db])
    assert result.exit_code == 0, result.output
    return db

"""`dyad demo` on a small stand-in corpus (and the bundled one when present)."""

from __future__ import annotations

from importlib import resources

import pytest

from dyad.cli import main


@pytest.fixture
def demo_corpus(monkeypatch, corpus):
    monkeypatch.setattr("dyad.cli.demo_cmd.demo_corpus", lambda stack: corpus)
    return corpus


def test_demo(runner, demo_corpus, db):
    result = runner.invoke(main, ["demo", "--db", db])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "4 articles, 3 events" in out
    assert "events by type" in out and "ASSAULT" in out and "sample" in out
    assert f"dyad events --db {db} --type ASSAULT" in out
    assert f"dyad show k1 --db {db}" in out
    assert "ingested 4 articles (3 events)" in result.stderr


def test_demo_twice_is_idempotent(runner, demo_corpus, db):
    runner.invoke(main, ["demo", "--db", db])
    result = runner.invoke(main, ["demo", "--db", db])
    assert result.exit_code == 0
    assert "ingested 0 articles (0 events), skipped 4 already stored" in result.stderr
    assert "4 articles, 3 events" in result.stdout


def test_demo_default_db(runner, demo_corpus, tmp_path):
    result = runner.invoke(main, ["demo"])
    assert result.exit_code == 0
    assert (tmp_path / "default.duckdb").exists()
    assert "dyad events --type ASSAULT" in result.stdout


def test_demo_serve_not_available_yet(runner, demo_corpus, db, monkeypatch):
    import dyad.api

    monkeypatch.delattr(dyad.api, "serve", raising=False)
    result = runner.invoke(main, ["demo", "--db", db, "--serve"])
    assert result.exit_code == 0
    assert "the dashboard is not available yet" in result.stderr


def test_demo_serve_calls_the_api_when_present(runner, demo_corpus, db, monkeypatch):
    import dyad.api

    calls = []
    monkeypatch.setattr(dyad.api, "serve", lambda db=None: calls.append(db), raising=False)
    result = runner.invoke(main, ["demo", "--db", db, "--serve"])
    assert result.exit_code == 0 and calls == [db]


def test_bundled_corpus_location():
    from contextlib import ExitStack

    from dyad.cli.demo_cmd import DEMO_CORPUS, demo_corpus
    from dyad.errors import ConfigError

    with ExitStack() as stack:
        if resources.files("dyad").joinpath(DEMO_CORPUS).is_file():
            assert demo_corpus(stack).name == "articles.jsonl"
        else:
            with pytest.raises(ConfigError, match="demo corpus"):
                demo_corpus(stack)

"""`dyad ingest`: storing, idempotent re-ingest, summary line, exit codes."""

from __future__ import annotations

from dyad.cli import main
from dyad.store import Store


def test_ingest_and_summary(runner, corpus, db):
    result = runner.invoke(main, ["ingest", str(corpus), "--db", db])
    assert result.exit_code == 0, result.output
    assert result.stderr.strip() == "ingested 4 articles (3 events), skipped 0 already stored, 0 unreadable"
    with Store(db) as store:
        assert store.counts()["articles"] == 4 and store.counts()["events"] == 3
        assert store.counts()["times"] == 1


def test_reingest_is_idempotent(runner, corpus, db, monkeypatch):
    runner.invoke(main, ["ingest", str(corpus), "--db", db])
    calls = []

    def counting_pipe(articles, **kw):
        from cli_fakes import fake_pipe

        for result in fake_pipe(articles, **kw):
            calls.append(result.article.id)
            yield result

    monkeypatch.setattr("dyad.pipeline.pipe", counting_pipe)
    result = runner.invoke(main, ["ingest", str(corpus), "--db", db])
    assert result.exit_code == 0
    assert "ingested 0 articles (0 events), skipped 4 already stored" in result.stderr
    assert calls == []  # stored articles are not even parsed again
    with Store(db) as store:
        assert store.counts()["articles"] == 4


def test_same_content_other_id_skipped(runner, tmp_path, db):
    path = tmp_path / "dup.jsonl"
    path.write_text('{"id": "a", "text": "Israel accused Iran."}\n{"id": "b", "text": "Israel accused Iran."}\n')
    result = runner.invoke(main, ["ingest", str(path), "--db", db])
    assert "ingested 1 articles (1 events), skipped 1 already stored" in result.stderr


def test_unreadable_counted_and_reported(runner, tmp_path, db):
    path = tmp_path / "mixed.jsonl"
    path.write_text('{"id": "a", "text": "Israel accused Iran."}\nnot json\n{"id": "c", "text": ""}\n')
    result = runner.invoke(main, ["ingest", str(path), "--db", db])
    assert result.exit_code == 0
    lines = result.stderr.strip().splitlines()
    assert sum(line.startswith("dyad: skipped") for line in lines) == 2
    assert lines[-1] == "ingested 1 articles (1 events), skipped 0 already stored, 2 unreadable"


def test_nothing_readable_exits_1(runner, tmp_path, db):
    path = tmp_path / "empty.jsonl"
    path.write_text("")
    result = runner.invoke(main, ["ingest", str(path), "--db", db])
    assert result.exit_code == 1
    assert "ingested 0 articles" in result.stderr


def test_default_db_from_environment(runner, corpus, tmp_path):
    result = runner.invoke(main, ["ingest", str(corpus)])
    assert result.exit_code == 0
    assert (tmp_path / "default.duckdb").exists()


def test_options_reach_the_pipeline(runner, corpus, db, monkeypatch):
    seen = {}

    def recording_pipe(articles, *, n_process=None, batch_size=None, **kw):
        from cli_fakes import fake_pipe

        seen.update(n_process=n_process, batch_size=batch_size)
        yield from fake_pipe(articles)

    monkeypatch.setattr("dyad.pipeline.pipe", recording_pipe)
    result = runner.invoke(main, ["ingest", str(corpus), "--db", db, "--n-process", "2", "--batch-size", "8"])
    assert result.exit_code == 0
    assert seen == {"n_process": 2, "batch_size": 8}


def test_bad_published(runner, corpus, db):
    result = runner.invoke(main, ["ingest", str(corpus), "--db", db, "--published", "2024/01/01"])
    assert result.exit_code == 2
    assert result.stderr.startswith("dyad: error: [E100]") and len(result.stderr.splitlines()) == 1


def test_corrupt_db_is_one_line(runner, corpus, tmp_path):
    bad = tmp_path / "bad.duckdb"
    bad.write_text("garbage " * 100)
    result = runner.invoke(main, ["ingest", str(corpus), "--db", str(bad)])
    assert result.exit_code == 2
    assert result.stderr.startswith("dyad: error: [E500]") and len(result.stderr.splitlines()) == 1


def test_progress_quiet_when_not_a_terminal(runner, tmp_path, db):
    path = tmp_path / "many.jsonl"
    path.write_text("".join(f'{{"id": "x{i}", "text": "Israel accused Iran {i}."}}\n' for i in range(40)))
    result = runner.invoke(main, ["ingest", str(path), "--db", db])
    assert result.exit_code == 0
    assert result.stderr.strip().splitlines() == [
        "ingested 40 articles (40 events), skipped 0 already stored, 0 unreadable"]


def test_progress_bar_updates_on_a_terminal(monkeypatch):
    from dyad.cli import ingest_cmd
    from dyad.store.loader import LoadStats

    bar = ingest_cmd._Progress()
    bar.enabled = True
    bar.console.file = __import__("io").StringIO()
    stats = LoadStats(processed=5)
    bar.update(stats)
    assert bar.bar is None  # short runs stay quiet
    stats.processed, stats.events = 25, 7
    bar.update(stats)
    assert bar.bar is not None
    bar.stop()

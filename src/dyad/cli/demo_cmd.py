"""`dyad demo`: ingest the bundled demo corpus and show what came out."""

from __future__ import annotations

import importlib
from contextlib import ExitStack
from importlib import resources
from pathlib import Path
from typing import Any

import click

from ._common import db_option, stdout_console

DEMO_CORPUS = "data/demo/articles.jsonl"
SAMPLE_SIZE = 12


def demo_corpus(stack: ExitStack) -> Path:
    """The bundled demo corpus as a real file path (works from a wheel or a checkout)."""
    from dyad.errors import ConfigError

    ref = resources.files("dyad").joinpath(DEMO_CORPUS)
    if not ref.is_file():
        raise ConfigError(f"the demo corpus ({DEMO_CORPUS}) is missing from this installation; reinstall dyad")
    return stack.enter_context(resources.as_file(ref))


def _sample(store: Any, by_type: dict[str, int]) -> list[dict[str, Any]]:
    """A few events of every type, so the sample shows the range, not one story."""
    per_type = max(1, SAMPLE_SIZE // max(1, len(by_type)))
    sample: list[dict[str, Any]] = []
    for name in by_type:
        sample.extend(store.events(event_type=name, limit=per_type))
    return sample[:SAMPLE_SIZE]


def _first_article_with_events(store: Any) -> str | None:
    first = store.events(limit=1)
    return first[0]["article_id"] if first else None


def _serve(db: str | None) -> None:
    """Start the dashboard when the API provides one."""
    try:
        api = importlib.import_module("dyad.api")
    except ImportError:
        api = None
    serve = getattr(api, "serve", None)
    if serve is None:
        click.echo("dyad: the dashboard is not available yet", err=True)
        return
    serve(db=db)


@click.command(short_help="Ingest the demo corpus and show what came out.")
@db_option
@click.option("--serve", is_flag=True, help="Then start the dashboard on the same database.")
def demo(db: str | None, serve: bool) -> None:
    """Ingest the bundled demo corpus, then print counts by type and a sample of events.

    \b
    dyad demo
    dyad demo --db /tmp/demo.duckdb --serve
    """
    from dyad.ingest import read_inputs
    from dyad.store import Store

    from .ingest_cmd import ingest_items
    from .render import counts_table, events_table

    with ExitStack() as stack:
        corpus = demo_corpus(stack)
        stats = ingest_items(read_inputs([str(corpus)], format="jsonl"), db)
    click.echo(stats.summary(), err=True)
    with Store(db, read_only=True) as store:
        counts = store.counts()
        sample = _sample(store, counts["by_type"])
        article_id = _first_article_with_events(store)
        where = store.path
    from rich.markup import escape

    out = stdout_console()
    out.print(f"[bold]{counts['articles']}[/] articles, [bold]{counts['events']}[/] events in {escape(where)}")
    out.print(counts_table(counts["by_type"]))
    out.print(events_table(sample, title=f"a sample of {len(sample)} events"))
    db_arg = f" --db {db}" if db else ""
    hints = [f"dyad events{db_arg} --type ASSAULT"]
    if article_id:
        hints.append(f"dyad show {article_id}{db_arg}")
    hints.append(f"dyad export{db_arg} --format csv --out events.csv")
    out.print("next:\n" + "\n".join(f"  {escape(h)}" for h in hints))
    if serve:
        _serve(db)
    else:
        out.print(f"dashboard: run [bold]dyad serve{escape(db_arg)}[/] (or [bold]dyad demo --serve[/]) "
                  "and open http://127.0.0.1:8000/")

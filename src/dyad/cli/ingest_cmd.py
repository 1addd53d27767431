"""`dyad ingest`: read, extract and store, idempotently."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import click

from ._common import (
    db_option,
    input_options,
    pipeline_options,
    published_option,
    read_items,
    reader_kwargs,
    report_skip,
    stderr_console,
)

#: Below this many articles a run is short: no progress bar.
PROGRESS_AFTER = 20


class _Progress:
    """A rich progress line on stderr (articles, events, articles/s), shown only on
    a terminal and only once a run has passed PROGRESS_AFTER articles."""

    def __init__(self) -> None:
        self.console = stderr_console()
        self.enabled = self.console.is_terminal
        self.bar: Any = None
        self.task: Any = None

    def update(self, stats: Any) -> None:
        if not self.enabled or stats.processed <= PROGRESS_AFTER:
            return
        if self.bar is None:
            from rich.progress import (
                Progress,
                SpinnerColumn,
                TextColumn,
                TimeElapsedColumn,
            )

            self.bar = Progress(
                SpinnerColumn(), TextColumn("{task.completed} articles"),
                TextColumn("{task.fields[events]} events"), TextColumn("{task.fields[rate]:.1f} articles/s"),
                TimeElapsedColumn(), console=self.console, transient=True)
            self.task = self.bar.add_task("ingest", total=None, events=0, rate=0.0)
            self.bar.start()
        self.bar.update(self.task, completed=stats.processed, events=stats.events, rate=stats.rate)

    def stop(self) -> None:
        if self.bar is not None:
            self.bar.stop()


@contextmanager
def progress() -> Iterator[_Progress]:
    bar = _Progress()
    try:
        yield bar
    finally:
        bar.stop()


def ingest_items(items: Iterator[Any], db: str | None, *, n_process: int | None = None,
                 batch_size: int | None = None, learned_actors: bool = True) -> Any:
    """Store the results of the pipeline over ``items``; returns LoadStats. ``learned_actors``:
    code with the actors the database learned from earlier articles (lowest priority)."""
    from dyad.store import Store, load

    with Store(db) as store, progress() as bar:
        return load(items, store, n_process=n_process, batch_size=batch_size,
                    on_skip=report_skip, on_progress=bar.update, learned_actors=learned_actors)


@click.command(short_help="Extract the events in files or stdin and store them.")
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@db_option
@published_option
@input_options
@pipeline_options
@click.option("--no-learned-actors", "no_learned", is_flag=True, default=False,
              help="Do not give the coder the actors this database learned from earlier articles "
                   "(they are still learned from these ones).")
def ingest(paths: tuple[str, ...], db: str | None, published: str | None, n_process: int | None,
           batch_size: int | None, input_format: str | None, no_learned: bool, **columns: str | None) -> None:
    """Extract the events in PATH... and store them (articles already stored are skipped).
    Actors the database learned from earlier articles are known to the coder, below dyad's
    knowledge and your --actors file.

    \b
    dyad ingest corpus.jsonl --db news.duckdb
    dyad ingest articles/ --published 2024-03-02 --n-process 4
    """
    items = read_items(paths, published, reader_kwargs(input_format, **columns))
    stats = ingest_items(items, db, n_process=n_process, batch_size=batch_size, learned_actors=not no_learned)
    click.echo(stats.summary(), err=True)
    if stats.read == 0:
        click.get_current_context().exit(1)

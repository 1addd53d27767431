"""`dyad extract`: events from files or stdin, printed, no database."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import click

from ._common import (
    input_options,
    pipeline_options,
    published_option,
    read_items,
    reader_kwargs,
    report_skip,
    stdout_console,
    write_csv,
    write_json,
    write_jsonl,
)

OUTPUT_FORMATS = ("jsonl", "json", "table", "csv")


class _Counter:
    """Counts what was read while the pipeline streams it."""

    def __init__(self) -> None:
        self.read = 0
        self.skipped = 0

    def articles(self, items: Iterator[Any]) -> Iterator[Any]:
        from dyad.model import Skip

        for item in items:
            if isinstance(item, Skip):
                self.skipped += 1
                report_skip(item)
            else:
                self.read += 1
                yield item


def extract_results(paths: tuple[str, ...], *, published: str | None = None, n_process: int | None = None,
                    batch_size: int | None = None, counter: _Counter | None = None,
                    **reader: Any) -> Iterator[Any]:
    """ArticleResults for the inputs, in input order (Skips reported on stderr)."""
    from dyad import pipeline

    counter = counter or _Counter()
    items = read_items(paths, published, reader)
    yield from pipeline.pipe(counter.articles(items), n_process=n_process, batch_size=batch_size)


def _merged(results: Iterator[Any]) -> Iterator[Any]:
    from dyad.dedup.within import merge_article

    for res in results:
        res.events = merge_article(res.events)
        yield res


def _records(results: Iterator[Any]) -> Iterator[dict[str, Any]]:
    for res in results:
        for event in res.events:
            yield event.to_dict()


def _flat_rows(results: Iterator[Any]) -> Iterator[dict[str, Any]]:
    from dyad.store.flat import flatten

    for res in results:
        article = res.article.to_dict()
        for event in res.events:
            yield flatten(event.to_dict(), article)


@click.command(short_help="Print the events in files or stdin, without storing them.")
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@published_option
@click.option("--format", "fmt", type=click.Choice(OUTPUT_FORMATS, case_sensitive=False), default="jsonl",
              show_default=True, help="jsonl: one event per line; json: one array; table; csv: flat columns.")
@click.option("--merge-mentions", is_flag=True,
              help="One event per happening in each article: its mentions (\"stormed ... the raid ... Sunday's "
                   "attack\") merged into one record listing them all, with the richest fields.")
@input_options
@pipeline_options
def extract(paths: tuple[str, ...], published: str | None, fmt: str, merge_mentions: bool, n_process: int | None,
            batch_size: int | None, input_format: str | None, **columns: str | None) -> None:
    """Print the events in PATH... (files, directories or - for stdin) without storing them.

    \b
    dyad extract article.txt --published 2024-03-02
    dyad extract corpus.jsonl --format table
    dyad extract article.txt --merge-mentions
    """
    counter = _Counter()
    results = extract_results(paths, published=published, n_process=n_process, batch_size=batch_size,
                              counter=counter, **reader_kwargs(input_format, **columns))
    if merge_mentions:
        results = _merged(results)
    fmt = fmt.lower()
    if fmt == "jsonl":
        write_jsonl(_records(results))
    elif fmt == "json":
        write_json(_records(results))
    elif fmt == "csv":
        write_csv(_flat_rows(results))
    else:
        from .render import events_table

        records = list(_records(results))
        stdout_console().print(events_table(records, title=f"{len(records)} events"))
    if counter.read == 0:
        click.echo("dyad: nothing could be read", err=True)
        click.get_current_context().exit(1)

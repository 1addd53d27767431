"""Options and helpers shared by several commands."""

from __future__ import annotations

import csv
import json
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

import click

F = TypeVar("F", bound=Callable[..., Any])

INPUT_FORMATS = ("txt", "html", "jsonl", "csv")


def _stack(*decorators: Callable[[F], F]) -> Callable[[F], F]:
    def apply(func: F) -> F:
        for deco in reversed(decorators):
            func = deco(func)
        return func
    return apply


db_option = click.option(
    "--db", "db", metavar="FILE", default=None,
    help="DuckDB database file (default: $DYAD_DB or dyad.duckdb).")

published_option = click.option(
    "--published", metavar="YYYY-MM-DD", default=None,
    help="Publication date for inputs that do not carry one (anchors 'yesterday', 'last week').")

input_options = _stack(
    click.option("--input-format", type=click.Choice(INPUT_FORMATS, case_sensitive=False), default=None,
                 help="Read every input as this format (default: from the file extension)."),
    click.option("--text-column", metavar="NAME", default=None, help="JSONL/CSV field with the article text [text]."),
    click.option("--title-column", metavar="NAME", default=None, help="JSONL/CSV field with the title [title]."),
    click.option("--id-column", metavar="NAME", default=None, help="JSONL/CSV field with the article id [id]."),
    click.option("--date-column", metavar="NAME", default=None,
                 help="JSONL/CSV field with the publication date [published]."),
    click.option("--source-column", metavar="NAME", default=None, help="JSONL/CSV field with the source [source]."),
    click.option("--url-column", metavar="NAME", default=None, help="JSONL/CSV field with the URL [url]."),
)

def _use_actor_file(ctx: click.Context, param: click.Parameter, value: str | None) -> None:
    """--actors FILE: the user's actor knowledge, read by every pipeline process through the setting."""
    if value:
        os.environ["DYAD_ACTORS"] = value


pipeline_options = _stack(
    click.option("--actors", metavar="FILE", type=click.Path(exists=True, dir_okay=False), default=None,
                 expose_value=False, callback=_use_actor_file, is_eager=True,
                 help="Your own actor file (YAML/JSON, same format as dyad's knowledge) that adds to or "
                      "overrides dyad's actors (default: $DYAD_ACTORS)."),
    click.option("--n-process", type=click.IntRange(min=1), default=None, metavar="N",
                 help="Worker processes (default: $DYAD_N_PROCESS or 1)."),
    click.option("--batch-size", type=click.IntRange(min=1), default=None, metavar="N",
                 help="Texts per spaCy batch (default: $DYAD_BATCH_SIZE or 64)."),
)

filter_options = _stack(
    click.option("--actor", metavar="TEXT", default=None,
                 help="Actor or recipient whose text or name contains TEXT (any case)."),
    click.option("--country", metavar="ISO3", default=None, help="Actor or recipient country (ISO 3166 alpha-3)."),
    click.option("--type", "event_types", metavar="TYPE", multiple=True,
                 help="PLOVER event type, e.g. ASSAULT (repeat for several)."),
    click.option("--since", metavar="DATE", default=None, help="Events ending on or after DATE (YYYY[-MM[-DD]])."),
    click.option("--until", metavar="DATE", default=None, help="Events starting on or before DATE (YYYY[-MM[-DD]])."),
    click.option("--status", metavar="STATUS", default=None,
                 help="asserted, negated, conditional, speculative or future."),
    click.option("--limit", type=click.IntRange(min=0), default=None, metavar="N", help="At most N events."),
)


def filters_from(actor: str | None, country: str | None, event_types: tuple[str, ...], since: str | None,
                 until: str | None, status: str | None) -> dict[str, Any]:
    """Store.events() keyword arguments from the filter options."""
    return {"actor": actor, "country": country, "event_type": list(event_types) or None,
            "since": since, "until": until, "status": status}


def reader_kwargs(input_format: str | None, text_column: str | None, title_column: str | None,
                  id_column: str | None, date_column: str | None, source_column: str | None,
                  url_column: str | None) -> dict[str, Any]:
    """read_inputs() keyword arguments for the options actually given (its defaults otherwise)."""
    given = {"format": input_format, "text_column": text_column, "title_column": title_column,
             "id_column": id_column, "date_column": date_column, "source_column": source_column,
             "url_column": url_column}
    return {k: v for k, v in given.items() if v is not None}


def parse_published_option(value: str | None) -> Any:
    """The --published date, or None; a bad one is an InputError (one line, exit 2)."""
    if value is None:
        return None
    from dyad.ingest import parse_published

    return parse_published(value, date_only=True)


def read_items(paths: tuple[str, ...], published: str | None, reader: dict[str, Any]) -> Iterator[Any]:
    """Articles and Skips from the paths (``-`` reads stdin)."""
    from dyad.ingest import read_inputs

    stdin = sys.stdin if "-" in paths else None
    return read_inputs(list(paths), published=parse_published_option(published), stdin=stdin, **reader)


def report_skip(skip: Any) -> None:
    click.echo(f"dyad: {skip}", err=True)


def stdout_console() -> Any:
    """A rich console on stdout; wide when piped, so tables do not wrap into noise."""
    from rich.console import Console

    probe = Console(file=sys.stdout)
    return Console(file=sys.stdout, highlight=False, width=None if probe.is_terminal else 160)


def stderr_console() -> Any:
    from rich.console import Console

    return Console(file=sys.stderr, highlight=False)


# -- writing event records ---------------------------------------------------------


def _csv_value(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"  # as DuckDB writes them in `dyad export`
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def write_jsonl(records: Iterable[dict[str, Any]]) -> int:
    n = 0
    out = sys.stdout
    for rec in records:
        out.write(json.dumps(rec, ensure_ascii=False) + "\n")
        n += 1
    out.flush()
    return n


def write_json(records: Iterable[dict[str, Any]]) -> int:
    """One JSON array, written as it streams."""
    out = sys.stdout
    n = 0
    out.write("[")
    for rec in records:
        out.write(("," if n else "") + "\n  " + json.dumps(rec, ensure_ascii=False))
        n += 1
    out.write("\n]\n" if n else "]\n")
    out.flush()
    return n


def write_csv(rows: Iterable[dict[str, Any]]) -> int:
    from dyad.store.flat import FLAT_COLUMNS

    out = sys.stdout
    writer = csv.DictWriter(out, fieldnames=list(FLAT_COLUMNS), lineterminator="\n")
    writer.writeheader()
    n = 0
    for row in rows:
        writer.writerow({k: _csv_value(row.get(k)) for k in FLAT_COLUMNS})
        n += 1
    out.flush()
    return n


class ArticleCounter:
    """Articles from ``read_inputs`` items: skips reported on stderr, readable ones counted."""

    def __init__(self) -> None:
        self.read = 0

    def articles(self, items: Iterable[Any]) -> Iterator[Any]:
        from dyad.model import Skip

        for item in items:
            if isinstance(item, Skip):
                report_skip(item)
                continue
            self.read += 1
            yield item


def print_stage_records(paths: tuple[str, ...], published: str | None, fmt: str, reader: dict[str, Any],
                        records: Callable[[Iterable[Any]], Iterable[dict[str, Any]]],
                        table: Callable[[list[dict[str, Any]]], Any],
                        n_process: int | None = None, batch_size: int | None = None) -> None:
    """The body of `dyad times/places/quotes`: run the pipeline, print one stage's records.

    Exits 1 (after printing nothing) when no input could be read.
    """
    from dyad import pipeline

    counter = ArticleCounter()
    results = pipeline.pipe(counter.articles(read_items(paths, published, reader)),
                            n_process=n_process, batch_size=batch_size)
    fmt = fmt.lower()
    if fmt == "jsonl":
        write_jsonl(records(results))
    elif fmt == "json":
        write_json(records(results))
    else:
        stdout_console().print(table(list(records(results))))
    if counter.read == 0:
        click.echo("dyad: nothing could be read", err=True)
        click.get_current_context().exit(EXIT_NOTHING_READ_CODE)


EXIT_NOTHING_READ_CODE = 1

"""`dyad events`: query stored events."""

from __future__ import annotations

from typing import Any

import click

from ._common import (db_option, filter_options, filters_from, stdout_console, write_csv, write_json,
                      write_jsonl)

OUTPUT_FORMATS = ("table", "json", "jsonl", "csv")

#: A table is for reading: without --limit it stops here and says how many more there are.
TABLE_LIMIT = 100


def _show_table(store: Any, filters: dict[str, Any], limit: int | None) -> None:
    from .render import events_table

    total = store.count_events(**filters)
    shown = limit if limit is not None else TABLE_LIMIT
    records = store.events(limit=shown, **filters)
    title = f"{len(records)} of {total} events" if len(records) < total else f"{total} events"
    stdout_console().print(events_table(records, title=title))
    if limit is None and total > len(records):
        click.echo(f"dyad: showing the first {len(records)}; use --limit or --format jsonl for all", err=True)


@click.command(short_help="List stored events that match filters.")
@db_option
@filter_options
@click.option("--format", "fmt", type=click.Choice(OUTPUT_FORMATS, case_sensitive=False), default="table",
              show_default=True, help="table, json (one array), jsonl (one event per line) or csv (flat columns).")
def events(db: str | None, actor: str | None, country: str | None, event_types: tuple[str, ...],
           since: str | None, until: str | None, status: str | None, limit: int | None, fmt: str) -> None:
    """List stored events that match every filter given.

    \b
    dyad events --type ASSAULT --country KEN --since 2024-01
    dyad events --actor police --format jsonl
    """
    from dyad.store import Store

    filters = filters_from(actor, country, event_types, since, until, status)
    fmt = fmt.lower()
    with Store(db, read_only=True) as store:
        if fmt == "table":
            _show_table(store, filters, limit)
        elif fmt == "json":
            write_json(store.iter_events(limit=limit, **filters))
        elif fmt == "jsonl":
            write_jsonl(store.iter_events(limit=limit, **filters))
        else:
            write_csv(store.flat_rows(limit=limit, **filters))

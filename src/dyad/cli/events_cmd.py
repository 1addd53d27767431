"""`dyad events`: query stored events (one row per real event, or every mention)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import click

from ._common import (
    db_option,
    filter_options,
    filters_from,
    stdout_console,
    write_csv,
    write_json,
    write_jsonl,
)

OUTPUT_FORMATS = ("table", "json", "jsonl", "csv")

#: --dedup values: clusters (one row per real event, the default) or the field's one-a-day baseline.
DEDUP_CHOICES = ("clusters", "one-a-day")

#: A table is for reading: without --limit it stops here and says how many more there are.
TABLE_LIMIT = 100


def _cluster_table(records: list[dict[str, Any]], title: str) -> Any:
    """The events table with how many mentions and sources each real event has."""
    from rich.table import Table
    from rich.text import Text

    from .render import event_cells

    table = Table(title=title, show_lines=False, header_style="bold")
    for name in ("article", "mentions", "sources", "type", "trigger", "actors", "recipients", "date", "place",
                 "status"):
        table.add_column(name, overflow="fold", justify="right" if name in ("mentions", "sources") else "left")
    for rec in records:
        table.add_row(
            Text(str(rec.get("article_id") or ""), style="dim"),
            str(rec.get("n_mentions", 1)), str(rec.get("n_sources", 1)),
            *event_cells(rec),
        )
    return table


def _count(store: Any, filters: dict[str, Any], dedup: str | None) -> int:
    from dyad.store import clusters

    if dedup == "clusters":
        return clusters.count_clusters(store._con, **filters)
    if dedup == "one-a-day":
        return sum(1 for _ in clusters.one_a_day_records(store._con, **filters))
    return store.count_events(**filters)


def _show_table(store: Any, filters: dict[str, Any], limit: int | None, dedup: str | None) -> None:
    from .render import events_table

    total = _count(store, filters, dedup)
    shown = limit if limit is not None else TABLE_LIMIT
    records = store.events(limit=shown, dedup=dedup, **filters)
    title = f"{len(records)} of {total} events" if len(records) < total else f"{total} events"
    if dedup == "clusters":
        table = _cluster_table(records, title)
    else:
        table = events_table(records, title=title)
    stdout_console().print(table)
    if limit is None and total > len(records):
        click.echo(f"dyad: showing the first {len(records)}; use --limit or --format jsonl for all", err=True)


def _records(store: Any, filters: dict[str, Any], limit: int | None, dedup: str | None) -> Iterator[dict[str, Any]]:
    from dyad.store import clusters

    if dedup == "clusters":
        return clusters.cluster_records(store._con, limit=limit, **filters)
    if dedup == "one-a-day":
        return clusters.one_a_day_records(store._con, limit=limit, **filters)
    return store.iter_events(limit=limit, **filters)


def _flat(store: Any, filters: dict[str, Any], limit: int | None, dedup: str | None) -> Iterator[dict[str, Any]]:
    from dyad.store import clusters
    from dyad.store.flat import flatten

    if dedup == "clusters":
        return clusters.cluster_flat_rows(store._con, limit=limit, **filters)
    if dedup == "one-a-day":
        # Flat rows of the kept events, with their article's published date and source.
        rows = {}
        keep = list(clusters.one_a_day_records(store._con, limit=limit, **filters))
        ids = {r["id"] for r in keep}
        for row in store.flat_rows(**filters):
            if row["id"] in ids:
                rows[row["id"]] = row
        return iter([rows.get(r["id"]) or flatten(r) for r in keep])
    return store.flat_rows(limit=limit, **filters)


@click.command(short_help="List stored events that match filters.")
@db_option
@filter_options
@click.option("--format", "fmt", type=click.Choice(OUTPUT_FORMATS, case_sensitive=False), default="table",
              show_default=True, help="table, json (one array), jsonl (one event per line) or csv (flat columns).")
@click.option("--raw", is_flag=True, default=False,
              help="Every stored event (each article's mentions) instead of one row per real event.")
@click.option("--dedup", type=click.Choice(DEDUP_CHOICES, case_sensitive=False), default=None,
              help="clusters (default: one row per real event, with n_mentions and n_sources) or one-a-day "
                   "(the crude baseline: one event per day, source actor, target actor and type).")
def events(db: str | None, actor: str | None, country: str | None, event_types: tuple[str, ...],
           since: str | None, until: str | None, status: str | None, limit: int | None, fmt: str,
           raw: bool, dedup: str | None) -> None:
    """List stored events that match every filter given.

    By default one row per real event (mentions clustered across articles), with
    how many mentions and sources report it; --raw lists every stored event.

    \b
    dyad events --type ASSAULT --country KEN --since 2024-01
    dyad events --actor police --format jsonl
    dyad events --raw --format jsonl
    dyad events --dedup one-a-day
    """
    from dyad.store import Store

    if raw and dedup:
        raise click.UsageError("--raw and --dedup are exclusive")
    mode = None if raw else (dedup or "clusters").lower()
    filters = filters_from(actor, country, event_types, since, until, status)
    fmt = fmt.lower()
    with Store(db, read_only=True) as store:
        if fmt == "table":
            _show_table(store, filters, limit, mode)
        elif fmt == "json":
            write_json(_records(store, filters, limit, mode))
        elif fmt == "jsonl":
            write_jsonl(_records(store, filters, limit, mode))
        else:
            write_csv(_flat(store, filters, limit, mode))

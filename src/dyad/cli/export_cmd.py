"""`dyad export`: write stored events to a file."""

from __future__ import annotations

import click

from ._common import db_option, filter_options, filters_from


@click.command(short_help="Write stored events to JSONL, CSV or Parquet.")
@click.option("--format", "fmt", type=click.Choice(("jsonl", "csv", "parquet"), case_sensitive=False),
              required=True, help="jsonl: full records; csv: flat columns; parquet: flat columns + record.")
@click.option("--out", "out", metavar="FILE", required=True, help="File to write (its directory is created).")
@db_option
@filter_options
def export(fmt: str, out: str, db: str | None, actor: str | None, country: str | None,
           event_types: tuple[str, ...], since: str | None, until: str | None, status: str | None,
           limit: int | None) -> None:
    """Write the stored events that match the filters to FILE.

    \b
    dyad export --format parquet --out events.parquet
    dyad export --format csv --out assaults.csv --type ASSAULT --since 2024-01-01
    """
    from dyad.store import Store

    filters = filters_from(actor, country, event_types, since, until, status)
    with Store(db, read_only=True) as store:
        n = store.export(out, fmt.lower(), limit=limit, **filters)
    click.echo(f"exported {n} events to {out}", err=True)

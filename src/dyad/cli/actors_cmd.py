"""`dyad actors`: the actors of the stored events, with aliases, codes and event counts."""

from __future__ import annotations

import click

from ._common import db_option, stdout_console, write_json, write_jsonl


@click.command("actors", short_help="List actors with aliases, codes and event counts.")
@db_option
@click.option("--query", "query_text", metavar="TEXT", default=None,
              help="Only actors whose name or any alias contains TEXT (any case).")
@click.option("--country", metavar="ISO3", default=None, help="Only actors of events involving this country.")
@click.option("--sector", metavar="CODE", multiple=True, help="Only actors with this sector (repeatable).")
@click.option("--limit", type=click.IntRange(min=1), default=50, show_default=True, metavar="N")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "jsonl"]), default="table", show_default=True)
def actors_command(db: str | None, query_text: str | None, country: str | None, sector: tuple[str, ...],
                   limit: int, fmt: str) -> None:
    """Actors and recipients of the stored events, most active first: canonical name,
    country, sector, the texts they appeared as (aliases), and how many events they
    took part in as actor or recipient. An actor is its knowledge-base id when dyad
    knows it, else its name and country.

    \b
    dyad actors --query trump
    dyad actors --sector REB --country MLI --format jsonl
    """
    from dyad.api.deps import EventFilters
    from dyad.api.routers.actors import list_actors
    from dyad.store import Store

    filters = EventFilters(country=[country.upper()] if country else None)
    with Store(db, read_only=True) as store:
        rows = list_actors(store, filters, name=query_text, sector=list(sector) or None, limit=limit)["data"]
    if fmt == "json":
        write_json(rows)
    elif fmt == "jsonl":
        write_jsonl(rows)
    else:
        _table(rows)


def _table(rows: list[dict]) -> None:
    from rich.table import Table

    table = Table(header_style="bold")
    for name in ("name", "country", "sector", "events", "as actor", "as recipient", "aliases"):
        table.add_column(name, overflow="fold")
    for r in rows:
        aliases = "; ".join(a for a in (r["aliases"] or []) if a != r["name"])[:120]
        table.add_row(str(r["name"]), r["country"] or "", r["sector"] or "", str(r["events"]),
                      str(r["as_actor"]), str(r["as_recipient"]), aliases)
    stdout_console().print(table)

"""`dyad actors`: the actors of the stored events, with aliases, codes and event counts;
why their mentions were grouped (`--explain`); the actors learned from text (`--learned`)."""

from __future__ import annotations

import click

from ._common import db_option, stdout_console, write_json, write_jsonl


@click.command("actors", short_help="List actors with aliases, codes and event counts.")
@db_option
@click.option("--query", "query_text", metavar="TEXT", default=None,
              help="Only actors whose name or any alias contains TEXT (any case).")
@click.option("--country", metavar="ISO3", default=None,
              help="Only actors of events involving this country (with --learned: of this country).")
@click.option("--sector", metavar="CODE", multiple=True, help="Only actors with this sector (repeatable).")
@click.option("--limit", type=click.IntRange(min=1), default=50, show_default=True, metavar="N")
@click.option("--explain", is_flag=True, default=False,
              help="Say why each actor's mentions were grouped (a `why` field in json/jsonl).")
@click.option("--learned", is_flag=True, default=False,
              help="List the actors learned from text, with their evidence, and the names not "
                   "learned because their codes conflict.")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "jsonl"]), default="table", show_default=True)
def actors_command(db: str | None, query_text: str | None, country: str | None, sector: tuple[str, ...],
                   limit: int, explain: bool, learned: bool, fmt: str) -> None:
    """Actors and recipients of the stored events, most active first: canonical name,
    country, sector, the texts they appeared as (aliases), and how many events they
    took part in as actor or recipient. An actor is its knowledge-base id when dyad
    knows it, else the actor learned from text whose name and country it has, else
    its name and country.

    \b
    dyad actors --query trump
    dyad actors --sector REB --country MLI --format jsonl
    dyad actors --explain --limit 15
    dyad actors --learned
    """
    from dyad.store import Store

    with Store(db, read_only=True) as store:
        if learned:
            rows = store.learned_actors(query=query_text, country=country, sector=list(sector) or None,
                                        limit=limit)
        else:
            rows = store.actors(query=query_text, country=country.upper() if country else None,
                                sector=list(sector) or None, limit=limit, explain=explain)
    if fmt == "json":
        write_json(rows)
    elif fmt == "jsonl":
        write_jsonl(rows)
    elif learned:
        _learned_table(rows)
    else:
        _table(rows, explain)


def _table(rows: list[dict], explain: bool) -> None:
    from rich.table import Table

    table = Table(header_style="bold")
    columns = ["name", "country", "sector", "events", "as actor", "as recipient", "aliases"]
    for name in columns + (["why"] if explain else []):
        table.add_column(name, overflow="fold")
    for r in rows:
        aliases = "; ".join(a for a in (r["aliases"] or []) if a and a != r["name"])[:120]
        cells = [str(r["name"]), r["country"] or "", r["sector"] or "", str(r["events"]),
                 str(r["as_actor"]), str(r["as_recipient"]), aliases]
        table.add_row(*cells, *([r.get("why", "")] if explain else []))
    stdout_console().print(table)


def _learned_table(rows: list[dict]) -> None:
    from rich.table import Table

    table = Table(header_style="bold")
    for name in ("name", "status", "country", "sector", "articles", "first seen", "last seen", "aliases", "why"):
        table.add_column(name, overflow="fold")
    for r in rows:
        aliases = "; ".join(a for a in r["aliases"] if a != r["name"])
        table.add_row(str(r["name"]), r["status"], r["country"] or "", r["sector"] or "", str(r["n_articles"]),
                      r["first_seen"] or "", r["last_seen"] or "", aliases, r["why"])
    stdout_console().print(table)
    if not rows:
        click.echo("no learned actors (see `dyad actors --help`)", err=True)

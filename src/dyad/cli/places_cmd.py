"""`dyad places`: every toponym found in files or stdin, geocoded."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

import click

from ._common import (
    input_options,
    pipeline_options,
    print_stage_records,
    published_option,
    reader_kwargs,
)

__all__ = ["places_command"]

OUTPUT_FORMATS = ("jsonl", "json", "table")


def _records(results: Iterable[Any]) -> Iterator[dict[str, Any]]:
    from dyad.resolve.places import RECORD_KEYS

    for res in results:
        for place in res.places:
            yield {key: place.get(key) for key in RECORD_KEYS}


def _table(records: list[dict[str, Any]]) -> Any:
    from rich.table import Table

    table = Table(title=f"{len(records)} toponyms", show_lines=False)
    for col in ("article", "text", "span", "name", "country", "admin1", "precision", "lat, lon", "actor"):
        table.add_column(col, overflow="fold")
    for r in records:
        point = "" if r["lat"] is None else f"{r['lat']:.4f}, {r['lon']:.4f}"
        table.add_row(str(r["article_id"]), r["text"], f"{r['start']}-{r['end']}", r["name"] or "",
                      r["country"] or "", r["admin1"] or "", r["precision"] or "", point,
                      "yes" if r["is_actor"] else "")
    return table


@click.command("places", short_help="Print every toponym in files or stdin, geocoded.")
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@published_option
@click.option("--format", "fmt", type=click.Choice(OUTPUT_FORMATS, case_sensitive=False), default="jsonl",
              show_default=True, help="jsonl: one toponym per line; json: one array; table.")
@input_options
@pipeline_options
def places_command(paths: tuple[str, ...], published: str | None, fmt: str, n_process: int | None,
                   batch_size: int | None, input_format: str | None, **columns: str | None) -> None:
    """Print every toponym in PATH... (files, directories or - for stdin): its span, the
    place it names (GeoNames id, point, country, admin-1), its precision, and whether it
    names an actor rather than a location ("Tehran said").

    \b
    dyad places article.txt
    dyad places corpus.jsonl --format table
    """
    print_stage_records(paths, published, fmt, reader_kwargs(input_format, **columns), _records, _table,
                        n_process=n_process, batch_size=batch_size)

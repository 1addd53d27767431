"""`dyad times`: every temporal expression in files or stdin, normalised."""

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

__all__ = ["times_command", "time_records", "COLUMNS"]

OUTPUT_FORMATS = ("jsonl", "json", "table")

#: fields of one record, in order
COLUMNS = ("article_id", "text", "start", "end", "type", "value", "precision", "start_date", "end_date",
           "anchor", "unresolved")


def time_records(results: Iterable[Any]) -> Iterator[dict[str, Any]]:
    """One record per temporal expression of each pipeline result, in text order."""
    for res in results:
        for tv in res.times:
            rec = {"article_id": res.article.id, **tv.to_dict()}
            yield {k: rec.get(k) for k in COLUMNS}



def _table(records: list[dict[str, Any]]) -> Any:
    from rich.table import Table

    table = Table(title=f"{len(records)} temporal expressions", header_style="bold")
    for name in ("article", "text", "offsets", "type", "value", "precision", "interval", "anchor"):
        table.add_column(name)
    for r in records:
        interval = f"{r['start_date']} .. {r['end_date']}" if r["start_date"] else ("unresolved" if r["unresolved"] else "")
        table.add_row(str(r["article_id"]), r["text"], f"{r['start']}-{r['end']}", r["type"], r["value"] or "",
                      r["precision"] or "", interval, r["anchor"] or "")
    return table


@click.command("times", short_help="Print the temporal expressions in files or stdin.")
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@published_option
@click.option("--format", "fmt", type=click.Choice(OUTPUT_FORMATS, case_sensitive=False), default="jsonl",
              show_default=True, help="jsonl: one expression per line; json: one array; table.")
@input_options
@pipeline_options
def times_command(paths: tuple[str, ...], published: str | None, fmt: str, n_process: int | None,
                  batch_size: int | None, input_format: str | None, **columns: str | None) -> None:
    """Print every temporal expression in PATH... (files, directories or - for stdin): its
    text and offsets, TIMEX3 type and value, precision, interval and what it was resolved
    against. Relative expressions need a publication date (--published or the input's own).

    \b
    dyad times article.txt --published 2020-12-24
    dyad times corpus.jsonl --format table
    """
    print_stage_records(paths, published, fmt, reader_kwargs(input_format, **columns), time_records, _table,
                        n_process=n_process, batch_size=batch_size)

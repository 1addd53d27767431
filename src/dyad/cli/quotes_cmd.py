"""`dyad quotes`: the direct and indirect quotations in files or stdin, with their speakers."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

import click

from ._common import input_options, print_stage_records, published_option, reader_kwargs

OUTPUT_FORMATS = ("jsonl", "json", "table")


def quote_record(quote: Any) -> dict[str, Any]:
    """The printed shape of one quote (offsets index the article text as read)."""
    spk = quote.speaker
    speaker = None if spk is None else {"text": spk.text, "name": spk.name, "country": spk.country,
                                         "sector": spk.sector}
    return {"article_id": quote.article_id, "text": quote.text, "start": quote.start, "end": quote.end,
            "speaker": speaker, "cue": quote.cue, "kind": quote.kind}


def quote_records(results: Iterable[Any]) -> Iterator[dict[str, Any]]:
    """Quote records of every pipeline result, in input order."""
    for res in results:
        for quote in res.quotes:
            yield quote_record(quote)


def quotes_table(records: list[dict[str, Any]]) -> Any:
    from rich.table import Table
    from rich.text import Text

    table = Table(title=f"{len(records)} quotes", header_style="bold")
    for name in ("article", "kind", "speaker", "cue", "text"):
        table.add_column(name, overflow="fold")
    for rec in records:
        spk = rec["speaker"] or {}
        who = spk.get("name") or spk.get("text") or ""
        if spk.get("country") or spk.get("sector"):
            who += f" ({'/'.join(filter(None, (spk.get('country'), spk.get('sector'))))})"
        table.add_row(Text(str(rec["article_id"]), style="dim"), rec["kind"], Text(who, style="bold cyan"),
                      rec["cue"] or "", rec["text"])
    return table


@click.command(short_help="Print the quotations in files or stdin, with their speakers.")
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@published_option
@click.option("--format", "fmt", type=click.Choice(OUTPUT_FORMATS, case_sensitive=False), default="jsonl",
              show_default=True, help="jsonl: one quote per line; json: one array; table.")
@input_options
def quotes_command(paths: tuple[str, ...], published: str | None, fmt: str, input_format: str | None,
                   **columns: str | None) -> None:
    """Print the direct and indirect quotes in PATH... (files, directories or - for stdin).

    Each quote: article_id, text (direct quotes without their quote marks; indirect
    ones the reported clause), start/end offsets in the article text, speaker
    (text, name, country, sector), cue (the speech verb) and kind (direct|indirect).

    \b
    dyad quotes article.txt --published 2024-03-02
    dyad quotes corpus.jsonl --format table
    """
    print_stage_records(paths, published, fmt, reader_kwargs(input_format, **columns), quote_records, quotes_table)

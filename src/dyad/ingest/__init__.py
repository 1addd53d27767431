"""Reading articles: files, directories and stdin in txt, HTML, JSON lines or CSV.

Every item becomes an :class:`~dyad.model.Article` (with its segments) or a
:class:`~dyad.model.Skip` with a one-line reason; a bad item never stops the
others and never raises.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from typing import IO, Any

from dyad.ingest.dates import parse_published
from dyad.ingest.english import is_probably_english
from dyad.ingest.options import Columns, Options, max_chars_setting, normalise_format
from dyad.ingest.segment import segment, segment_text
from dyad.ingest.sources import read_path, sniff_format
from dyad.model import Article, Skip

__all__ = [
    "read_inputs",
    "parse_published",
    "segment",
    "segment_text",
    "is_probably_english",
    "sniff_format",
]


def _unique_ids(items: Iterable[Article | Skip]) -> Iterator[Article | Skip]:
    """The second article with an id already read becomes a Skip."""
    first_seen: dict[str, str] = {}
    for item in items:
        if isinstance(item, Article):
            if item.id in first_seen:
                origin = item.origin or item.id
                yield Skip(origin, f"duplicate id '{item.id}' (first read from {first_seen[item.id]})")
                continue
            first_seen[item.id] = item.origin or item.id
        yield item


def _all_paths(paths: list[str], opts: Options, stdin: IO[Any] | None) -> Iterator[Article | Skip]:
    for name in paths:
        yield from read_path(name, opts, stdin)


def read_inputs(
    paths: list[str],
    *,
    published: dt.date | None = None,
    format: str | None = None,  # noqa: A002 - the CLI option's name
    text_column: str = "text",
    title_column: str = "title",
    id_column: str = "id",
    date_column: str = "published",
    source_column: str = "source",
    url_column: str = "url",
    stdin: IO[Any] | None = None,
) -> Iterator[Article | Skip]:
    """Articles and Skips from files, directories (recursive, sorted) and ``-`` (stdin).

    Options are checked now (a wrong ``format`` raises :class:`~dyad.errors.InputError`);
    items are read lazily, one at a time, as the iterator is consumed.
    """
    columns = Columns(text=text_column, title=title_column, id=id_column,
                      published=date_column, source=source_column, url=url_column)
    opts = Options(published=published, columns=columns,
                   max_chars=max_chars_setting(), format=normalise_format(format))
    return _unique_ids(_all_paths(list(paths), opts, stdin))

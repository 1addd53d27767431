"""CSV: a header row, then one article per row; column names mappable via options."""

from __future__ import annotations

import csv
import io
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any, cast

from dyad.ingest.build import record_article
from dyad.ingest.checks import Rejected, check_text
from dyad.ingest.files import read_text
from dyad.ingest.options import Options
from dyad.model import Article, Skip

__all__ = ["read_csv_file", "csv_items"]


def _allow_long_fields(max_chars: int) -> None:
    """The csv module refuses fields over 128 KiB by default; articles are longer.
    Raised (never lowered) so our own size check gives the one-line reason."""
    wanted = min(sys.maxsize, 4 * max_chars + 1)
    if csv.field_size_limit() < wanted:
        csv.field_size_limit(wanted)


def _row_item(row: dict[str | None, Any], *, origin: str, default_id: str, opts: Options) -> Article | Skip:
    if None in row:
        return Skip(origin, "row has more fields than the header")
    try:
        return record_article(cast(dict[str, Any], row), default_id=default_id, origin=origin, opts=opts)
    except Rejected as rejected:
        return Skip(origin, rejected.reason)


def csv_items(text: str, *, name: str, stem: str, opts: Options) -> Iterator[Article | Skip]:
    """Articles from CSV text; origins are "file:LINE"."""
    _allow_long_fields(opts.max_chars)
    reader = csv.DictReader(io.StringIO(text, newline=""))
    try:
        header = reader.fieldnames or []
        if opts.columns.text not in header:
            yield Skip(name, f"no '{opts.columns.text}' column (columns: {', '.join(header)})")
            return
        for row in reader:
            line = reader.line_num  # the row's last line (its only one, unless a cell spans lines)
            yield _row_item(row, origin=f"{name}:{line}", default_id=f"{stem}-{line}", opts=opts)
    except csv.Error as err:
        yield Skip(f"{name}:{reader.line_num}", f"malformed CSV: {err}")


def read_csv_file(path: Path, opts: Options) -> Iterator[Article | Skip]:
    """A ``.csv`` file -> Articles and per-row Skips."""
    try:
        # No per-file size limit: a CSV holds many articles; each row is checked.
        text = check_text(read_text(path, sys.maxsize))
    except Rejected as rejected:
        yield Skip(str(path), rejected.reason)
        return
    yield from csv_items(text, name=str(path), stem=path.stem, opts=opts)

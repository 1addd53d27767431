"""Plain-text articles: the first line is the headline when a blank line follows it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from dyad.ingest.build import add_warning, build_article, checked_body, split_record
from dyad.ingest.checks import Rejected, check_text
from dyad.ingest.files import read_sidecar, read_text
from dyad.ingest.options import Columns, Options
from dyad.ingest.segment import segment_text
from dyad.model import Article, Skip

__all__ = ["read_text_file", "text_article", "headline_line"]

# Sidecar keys are always dyad's own names; the *_column options are for JSON/CSV.
_SIDECAR_COLUMNS = Columns()


def headline_line(text: str) -> str | None:
    """The first non-empty line when a blank line follows it (and more text after that)."""
    first, _, rest = text.lstrip().partition("\n")
    next_line, _, after = rest.partition("\n")
    if next_line.strip() or not after.strip():
        return None
    return first.strip()


def text_article(text: str, *, default_id: str, origin: str, opts: Options,
                 sidecar: dict[str, Any] | None = None, warning: str | None = None) -> Article:
    """A decoded text (file content or stdin) -> a segmented Article (raises :class:`Rejected`)."""
    text = checked_body(text, opts.max_chars)  # normalises newlines first
    fields, extra = split_record(sidecar or {}, _SIDECAR_COLUMNS)
    fields.pop("text", None)  # the file is the text; a sidecar only describes it
    headline = headline_line(text)
    if headline and not fields.get("title"):
        fields["title"] = headline
    article = build_article(fields, add_warning(extra, warning), text=text,
                            default_id=default_id, origin=origin, opts=opts)
    article.segments = segment_text(text, headline=headline is not None)
    return article


def read_text_file(path: Path, opts: Options) -> Iterator[Article | Skip]:
    """One ``.txt`` file (and its ``NAME.meta.json``) -> one Article or Skip."""
    try:
        # 4 bytes per character at most: a larger file is too long without reading it.
        text = check_text(read_text(path, 4 * opts.max_chars))
        sidecar, warning = read_sidecar(path)
        yield text_article(text, default_id=path.stem, origin=str(path), opts=opts,
                           sidecar=sidecar, warning=warning)
    except Rejected as rejected:
        yield Skip(str(path), rejected.reason)

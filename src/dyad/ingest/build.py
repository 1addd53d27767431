"""One input record (JSON object, CSV row, text file + sidecar) -> a checked :class:`Article`."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from dyad.ingest.checks import Rejected, check_length, check_text, normalise_newlines
from dyad.ingest.dates import resolve_published
from dyad.ingest.english import non_english_reason
from dyad.ingest.options import Columns, Options
from dyad.ingest.segment import segment
from dyad.model import Article

__all__ = ["split_record", "checked_body", "build_article", "record_article", "clean_str", "add_warning"]


def clean_str(value: object) -> str | None:
    """A stripped string, or None for missing/empty values."""
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def split_record(record: Mapping[str, Any], columns: Columns) -> tuple[dict[str, Any], dict[str, Any]]:
    """(article fields, extra metadata). A nested "metadata" object is merged, not nested,
    so dyad's own JSON export reads back in unchanged."""
    mapping = columns.mapping()
    fields: dict[str, Any] = {}
    extra: dict[str, Any] = {}
    for key, value in record.items():
        if key in mapping:
            fields[mapping[key]] = value
        elif key == "metadata" and isinstance(value, Mapping):
            extra.update(value)
        else:
            extra[key] = value
    return fields, extra


def checked_body(text: object, max_chars: int) -> str:
    """The article text, normalised and checked (type, emptiness, size, language)."""
    if text is None:
        raise Rejected("no text")
    if not isinstance(text, str):
        raise Rejected(f"text is a {type(text).__name__}, not a string")
    if not text.strip():
        raise Rejected("empty text")
    check_length(len(text), max_chars)
    text = check_text(normalise_newlines(text))
    reason = non_english_reason(text)
    if reason:
        raise Rejected(reason)
    return text


def add_warning(metadata: dict[str, Any], warning: str | None) -> dict[str, Any]:
    """Append to ``metadata["warnings"]`` (a list, even if the input had a single string)."""
    if warning:
        existing = metadata.get("warnings")
        earlier = existing if isinstance(existing, list) else ([existing] if existing else [])
        metadata["warnings"] = [*earlier, warning]
    return metadata


def _check_language(extra: dict[str, Any]) -> None:
    """A stated language is taken out of metadata (it is ``Article.language``); a
    language other than English skips the article without guessing."""
    language = clean_str(extra.pop("language", None))
    if language and not language.lower().startswith("en"):
        raise Rejected(f"not English (language '{language}' in metadata)")


def build_article(fields: Mapping[str, Any], extra: dict[str, Any], *, text: str,
                  default_id: str, origin: str, opts: Options) -> Article:
    """An Article from checked text and its fields; segments left empty for the caller."""
    _check_language(extra)
    published, warning = resolve_published(fields.get("published"), opts.published)
    return Article(
        id=clean_str(fields.get("id")) or default_id,
        text=text,
        title=clean_str(fields.get("title")),
        published=published,
        source=clean_str(fields.get("source")),
        url=clean_str(fields.get("url")),
        language="en",
        metadata=add_warning(dict(extra), warning),
        origin=origin,
    )


def record_article(record: Mapping[str, Any], *, default_id: str, origin: str, opts: Options) -> Article:
    """A JSON object or CSV row -> a segmented Article (raises :class:`Rejected`)."""
    fields, extra = split_record(record, opts.columns)
    text = checked_body(fields.get("text"), opts.max_chars)
    article = build_article(fields, extra, text=text, default_id=default_id, origin=origin, opts=opts)
    article.segments = segment(article)
    return article

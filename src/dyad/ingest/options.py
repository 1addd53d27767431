"""What every reader needs to know: column names, the fallback date, the size limit."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from dyad import settings
from dyad.errors import ConfigError, InputError

__all__ = ["Columns", "Options", "FORMATS", "normalise_format", "max_chars_setting"]

#: Formats dyad reads, and the spellings accepted for each.
FORMATS: dict[str, str] = {
    "txt": "txt", "text": "txt",
    "html": "html", "htm": "html",
    "jsonl": "jsonl", "ndjson": "jsonl",
    "csv": "csv",
}


@dataclass(frozen=True, slots=True)
class Columns:
    """Input field names for each article field (JSON keys or CSV header names)."""

    text: str = "text"
    title: str = "title"
    id: str = "id"
    published: str = "published"
    source: str = "source"
    url: str = "url"

    def mapping(self) -> dict[str, str]:
        """Input name -> article field name."""
        fields = ("text", "title", "id", "published", "source", "url")
        return {getattr(self, f): f for f in fields}


@dataclass(frozen=True, slots=True)
class Options:
    published: dt.date | None = None
    columns: Columns = Columns()
    max_chars: int = 2_000_000
    format: str | None = None


def normalise_format(name: str | None) -> str | None:
    """The canonical format name; a wrong one is the caller's mistake (InputError)."""
    if name is None:
        return None
    key = name.strip().lower().lstrip(".")
    if key not in FORMATS:
        raise InputError(f"unknown format '{name}' (choose txt, html, jsonl or csv)")
    return FORMATS[key]


def max_chars_setting() -> int:
    raw = settings.get("max_chars")
    try:
        value = int(str(raw))
    except ValueError:
        raise ConfigError(f"DYAD_MAX_CHARS must be a whole number, not '{raw}'") from None
    if value <= 0:
        raise ConfigError(f"DYAD_MAX_CHARS must be positive, not {value}")
    return value

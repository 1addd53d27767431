"""Publication dates: the few formats dyad accepts, and nothing it would have to guess."""

from __future__ import annotations

import datetime as dt
import re

from dyad.errors import InputError

__all__ = ["parse_published", "resolve_published"]

# A gate before fromisoformat: Python also accepts "20201224" and week dates,
# which are too easy to produce by accident to take silently.
_ISO = re.compile(
    r"\d{4}-\d{2}-\d{2}"
    r"(?:[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?",
)
_DATE_ONLY = re.compile(r"\d{4}-\d{2}-\d{2}")


def _shown(value: str) -> str:
    """The value as it fits in a one-line message."""
    flat = " ".join(value.split())
    return flat if len(flat) <= 40 else flat[:37] + "..."


def parse_published(value: str, *, date_only: bool = False) -> dt.date:
    """A publication date from ``YYYY-MM-DD`` or an ISO datetime ("2020-12-24T08:00:00Z").

    A datetime keeps the calendar date as written (the publisher's own day), without
    converting time zones. ``date_only`` accepts only ``YYYY-MM-DD`` (the CLI option).
    """
    text = str(value).strip()
    pattern = _DATE_ONLY if date_only else _ISO
    expected = "YYYY-MM-DD" if date_only else "YYYY-MM-DD or an ISO datetime"
    if not pattern.fullmatch(text):
        raise InputError(f"unknown date format '{_shown(text)}' (expected {expected})")
    try:
        if len(text) == 10:
            return dt.date.fromisoformat(text)
        return dt.datetime.fromisoformat(text.replace(",", ".")).date()
    except ValueError as err:
        raise InputError(f"invalid date '{_shown(text)}': {err}") from None


def resolve_published(value: object, fallback: dt.date | None) -> tuple[dt.date | None, str | None]:
    """(date, warning): the metadata date when readable, ``fallback`` when absent.

    An unreadable metadata date gives ``None`` and a warning rather than the
    fallback, so a wrong date never passes for a stated one.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return fallback, None
    if isinstance(value, dt.datetime):
        return value.date(), None
    if isinstance(value, dt.date):
        return value, None
    try:
        return parse_published(str(value)), None
    except InputError as err:
        return None, f"published: {err.args[0]}; date left unset"

"""Calendar periods as TIMEX3 values with their intervals.

Each constructor returns a :class:`Normalized`: the TIMEX3 type and value, a
precision (``day``, ``week``, ``month``, ``season``, ``quarter``, ``year``,
``decade``, ``century`` or ``range``) and the first and last day it covers.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, replace

from .lexicon import lexicon

__all__ = [
    "Normalized", "day", "week", "weekend", "month", "quarter", "half", "season", "year", "decade",
    "century", "reference", "duration", "recurrence", "with_part", "add_months", "safe_date",
    "with_anchor", "period_of", "shift", "quarter_of", "as_comparison",
]


@dataclass(frozen=True, slots=True)
class Normalized:
    """A normalised temporal expression."""

    type: str  # DATE | TIME | DURATION | SET
    value: str
    precision: str | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    #: what a relative expression was resolved against: "published", "reference"; None if absolute
    anchor: str | None = None
    #: a comparison ("a year earlier", "the year-ago quarter"): not a period later ones refer to
    comparison: bool = False


def safe_date(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def add_months(y: int, m: int, n: int) -> tuple[int, int]:
    idx = y * 12 + (m - 1) + n
    return idx // 12, idx % 12 + 1


def _last_day(y: int, m: int) -> dt.date:
    return dt.date(y, m, calendar.monthrange(y, m)[1])


def day(d: dt.date, part: str | None = None, clock: str | None = None) -> Normalized:
    """A day; with a part of day ("NI") or a clock time ("22:00") it is a TIME."""
    value = d.isoformat()
    if clock:
        return Normalized("TIME", f"{value}T{clock}", "day", d, d)
    if part:
        return Normalized("TIME", f"{value}T{part}", "day", d, d)
    return Normalized("DATE", value, "day", d, d)


def week(d: dt.date) -> Normalized:
    monday = d - dt.timedelta(days=d.weekday())
    iso = monday.isocalendar()
    return Normalized("DATE", f"{iso[0]:04d}-W{iso[1]:02d}", "week", monday, monday + dt.timedelta(days=6))


def weekend(d: dt.date) -> Normalized:
    """The weekend of the week containing ``d``."""
    w = week(d)
    assert w.start is not None
    sat = w.start + dt.timedelta(days=5)
    return Normalized("DATE", f"{w.value}-WE", "week", sat, sat + dt.timedelta(days=1))


def month(y: int, m: int) -> Normalized:
    return Normalized("DATE", f"{y:04d}-{m:02d}", "month", dt.date(y, m, 1), _last_day(y, m))


def quarter(y: int, q: int) -> Normalized:
    first = 3 * (q - 1) + 1
    return Normalized("DATE", f"{y:04d}-Q{q}", "quarter", dt.date(y, first, 1), _last_day(y, first + 2))


def quarter_of(d: dt.date) -> int:
    return (d.month - 1) // 3 + 1


def half(y: int, h: int) -> Normalized:
    first = 6 * (h - 1) + 1
    return Normalized("DATE", f"{y:04d}-H{h}", "range", dt.date(y, first, 1), _last_day(y, first + 5))


def season(y: int, code: str) -> Normalized:
    lo, hi = lexicon().season_months[code]
    end_year = y + 1 if hi < lo else y
    return Normalized("DATE", f"{y:04d}-{code}", "season", dt.date(y, lo, 1), _last_day(end_year, hi))


def year(y: int) -> Normalized:
    return Normalized("DATE", f"{y:04d}", "year", dt.date(y, 1, 1), dt.date(y, 12, 31))


def decade(first_year: int) -> Normalized:
    start = first_year - first_year % 10
    return Normalized("DATE", f"{start // 10:03d}", "decade", dt.date(start, 1, 1), dt.date(start + 9, 12, 31))


def century(first_year: int) -> Normalized:
    start = first_year - first_year % 100
    return Normalized("DATE", f"{start // 100:02d}", "century", dt.date(max(start, 1), 1, 1),
                      dt.date(start + 99, 12, 31))


def reference(value: str, anchor: dt.date | None) -> Normalized:
    """PRESENT_REF is the anchor day; PAST_REF and FUTURE_REF are open-ended."""
    if value == "PRESENT_REF" and anchor is not None:
        return Normalized("DATE", value, "day", anchor, anchor, "published")
    return Normalized("DATE", value, None, None, None, "published" if anchor else None)


def duration(value: str) -> Normalized:
    return Normalized("DURATION", value)


def recurrence(value: str) -> Normalized:
    return Normalized("SET", value)


def with_anchor(n: Normalized | None, anchor: str | None) -> Normalized | None:
    return replace(n, anchor=anchor) if n is not None else None


def as_comparison(n: Normalized | None) -> Normalized | None:
    return replace(n, comparison=True) if n is not None else None


def with_part(n: Normalized, part: str | None) -> Normalized:
    """The early, mid or late part of a period (value kept, interval narrowed)."""
    if part is None or n.start is None or n.end is None:
        return n
    lo, hi = lexicon().part_fractions[part]
    days = (n.end - n.start).days + 1
    start = n.start + dt.timedelta(days=int(round(days * lo)))
    end = n.start + dt.timedelta(days=max(int(round(days * hi)) - 1, 0))
    if n.precision == "month":  # by calendar convention: 1-10, 11-20, 21-end
        start, end = _month_part(n.start, n.end, part)
    elif n.precision == "year":  # in whole months ("mid-2019": June and July)
        first, last = lexicon().year_part_months[part]
        start, end = n.start.replace(month=first, day=1), month(n.start.year, last).end or n.end
    return replace(n, precision="range", start=start, end=end)


def _month_part(first: dt.date, last: dt.date, part: str) -> tuple[dt.date, dt.date]:
    bounds = {"early": (1, 10), "mid": (11, 20), "late": (21, last.day)}[part]
    return first.replace(day=bounds[0]), first.replace(day=bounds[1])


def period_of(letter: str, d: dt.date) -> Normalized | None:
    """The period of unit ``letter`` (D, W, WE, M, Q, H, Y) that contains ``d``."""
    makers = {
        "D": lambda: day(d), "W": lambda: week(d), "WE": lambda: weekend(d),
        "M": lambda: month(d.year, d.month), "Q": lambda: quarter(d.year, quarter_of(d)),
        "H": lambda: half(d.year, 1 if d.month <= 6 else 2), "Y": lambda: year(d.year),
    }
    make = makers.get(letter)
    return make() if make else None


def shift(d: dt.date, letter: str, n: int) -> dt.date:
    """``d`` moved by ``n`` units of ``letter`` (months clamp to the month's last day)."""
    if letter == "D":
        return d + dt.timedelta(days=n)
    if letter in ("W", "WE"):
        return d + dt.timedelta(weeks=n)
    months = {"M": 1, "Q": 3, "H": 6, "Y": 12}.get(letter)
    if months is None:
        raise ValueError(f"cannot shift by unit {letter}")
    y, m = add_months(d.year, d.month, n * months)
    return dt.date(y, m, min(d.day, calendar.monthrange(y, m)[1]))

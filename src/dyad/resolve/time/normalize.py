"""Normalise a temporal expression to a TIMEX3-style value and an interval.

``normalize(text, anchor, tense)`` handles what news uses most: explicit dates,
weekdays (past- or future-oriented by tense), yesterday/today/tomorrow, "the
previous night", months with early/mid/late, seasons, years, decades, "last /
this / next week|month|year", "earlier this year", "N days ago", and durations
("for three weeks", which are not dates). Anything else returns None so that a
caller can fall back.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

__all__ = ["Normalized", "normalize", "WEEKDAYS", "MONTHS", "word_number"]

WEEKDAYS = {d.lower(): i for i, d in enumerate(calendar.day_name)}
MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
MONTHS["sept"] = 9
_SEASONS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11), "winter": (12, 2)}
_SEASON_CODE = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
    "thirty": 30, "several": 3, "a few": 3, "few": 3, "couple": 2, "a couple of": 2,
}
_UNITS = {"day": "D", "week": "W", "month": "M", "year": "Y", "decade": "DE", "hour": "H", "minute": "MIN", "night": "D"}


@dataclass(frozen=True, slots=True)
class Normalized:
    type: str  # DATE | TIME | DURATION | SET
    value: str
    precision: str | None
    start: dt.date | None
    end: dt.date | None


def word_number(word: str) -> int | None:
    w = word.lower().strip()
    if w.isdigit():
        return int(w)
    return _NUMBERS.get(w)


def _day(d: dt.date) -> Normalized:
    return Normalized("DATE", d.isoformat(), "day", d, d)


def _month(year: int, month: int, part: str | None = None) -> Normalized:
    last = calendar.monthrange(year, month)[1]
    lo, hi = 1, last
    if part in ("early", "beginning"):
        hi = 10
    elif part in ("mid", "middle"):
        lo, hi = 11, 20
    elif part in ("late", "end"):
        lo = 21
    value = f"{year:04d}-{month:02d}"
    return Normalized("DATE", value, "month" if part is None else "range",
                      dt.date(year, month, lo), dt.date(year, month, hi))


def _year(year: int, part: str | None = None) -> Normalized:
    lo, hi = dt.date(year, 1, 1), dt.date(year, 12, 31)
    if part in ("early", "beginning"):
        hi = dt.date(year, 4, 30)
    elif part in ("mid", "middle"):
        lo, hi = dt.date(year, 5, 1), dt.date(year, 8, 31)
    elif part in ("late", "end"):
        lo = dt.date(year, 9, 1)
    return Normalized("DATE", f"{year:04d}", "year" if part is None else "range", lo, hi)


def _week(d: dt.date) -> Normalized:
    monday = d - dt.timedelta(days=d.weekday())
    iso = monday.isocalendar()
    return Normalized("DATE", f"{iso[0]:04d}-W{iso[1]:02d}", "week", monday, monday + dt.timedelta(days=6))


def _shift_month(d: dt.date, months: int) -> tuple[int, int]:
    idx = d.year * 12 + d.month - 1 + months
    return idx // 12, idx % 12 + 1


_EXPLICIT = [
    re.compile(r"^(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})$"),
    re.compile(r"^(?P<mon>[a-z]+)\.? (?P<d>\d{1,2})(?:st|nd|rd|th)?,? (?P<y>\d{4})$"),
    re.compile(r"^(?P<d>\d{1,2})(?:st|nd|rd|th)? (?:of )?(?P<mon>[a-z]+)\.?,? (?P<y>\d{4})$"),
    re.compile(r"^(?P<mon>[a-z]+)\.? (?P<d>\d{1,2})(?:st|nd|rd|th)?$"),
    re.compile(r"^(?P<d>\d{1,2})(?:st|nd|rd|th)? (?:of )?(?P<mon>[a-z]+)$"),
    re.compile(r"^(?P<m>\d{1,2})/(?P<d>\d{1,2})/(?P<y>\d{4})$"),
]
_PREFIX = re.compile(r"^(?:on|in|at|by|during|from|since|until|till|to|of|this past|the|early on)\s+")
_PART = re.compile(r"^(?P<part>early|mid|middle|late|the end of|end of|the beginning of|beginning of|the middle of)[\s-]+(?P<rest>.+)$")


def _strip(text: str) -> str:
    t = text.lower().strip().strip(".,;:")
    t = t.replace("’", "'").replace("—", " ").replace("–", " ")
    t = re.sub(r"\s+", " ", t)
    prev = None
    while prev != t:
        prev = t
        t = _PREFIX.sub("", t)
    return t


def _explicit(t: str, anchor: dt.date | None, future: bool) -> Normalized | None:
    for pat in _EXPLICIT:
        m = pat.match(t)
        if not m:
            continue
        gd = m.groupdict()
        month = MONTHS.get(gd.get("mon") or "") if gd.get("mon") else int(gd["m"])
        if not month or not (1 <= month <= 12):
            return None
        year = int(gd["y"]) if gd.get("y") else None
        if year is None:
            if anchor is None:
                return None
            year = anchor.year
            cand = _safe_date(year, month, int(gd["d"]))
            if cand and not future and cand > anchor + dt.timedelta(days=1):
                year -= 1
            elif cand and future and cand < anchor:
                year += 1
        d = _safe_date(year, month, int(gd["d"]))
        return _day(d) if d else None
    return None


def _safe_date(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _weekday(t: str, anchor: dt.date, future: bool) -> Normalized | None:
    words = t.replace("last ", "last_").replace("next ", "next_").replace("this ", "this_").split()
    if len(words) > 2:
        return None
    w = words[0]
    mod = None
    if "_" in w:
        mod, w = w.split("_", 1)
    w = w.rstrip("s") if w.rstrip("s") in WEEKDAYS else w
    if w not in WEEKDAYS or (len(words) == 2 and words[1] not in ("morning", "night", "evening", "afternoon")):
        return None
    delta = (anchor.weekday() - WEEKDAYS[w]) % 7
    if future or mod == "next":
        ahead = (WEEKDAYS[w] - anchor.weekday()) % 7
        d = anchor + dt.timedelta(days=ahead + (7 if mod == "next" and ahead == 0 else 0))
    else:
        d = anchor - dt.timedelta(days=delta + (7 if mod == "last" and delta == 0 else 0))
    return _day(d)


def _relative_unit(t: str, anchor: dt.date, ref: dt.date) -> Normalized | None:
    simple = {
        "today": 0, "tonight": 0, "this morning": 0, "this afternoon": 0, "this evening": 0,
        "yesterday": -1, "last night": -1, "overnight": 0, "tomorrow": 1, "the day before yesterday": -2,
    }
    if t in simple:
        return _day(anchor + dt.timedelta(days=simple[t]))
    if t.startswith("yesterday ") or t.startswith("tomorrow "):
        return _day(anchor + dt.timedelta(days=-1 if t.startswith("y") else 1))
    rel = {"previous night": -1, "previous day": -1, "night before": -1, "day before": -1,
           "following day": 1, "next day": 1, "following night": 1, "next morning": 1, "following morning": 1,
           "same day": 0, "that day": 0, "that night": 0}
    key = t.removeprefix("the ")
    if key in rel:
        return _day(ref + dt.timedelta(days=rel[key]))
    m = re.match(r"^(last|this|next|past|coming|previous|current|earlier this|later this|early this|late this|earlier|later) (week|month|year|weekend|spring|summer|autumn|fall|winter)$", t)
    if m:
        return _unit_relative(m.group(1), m.group(2), anchor)
    m = re.match(r"^(\w+(?: \w+)?) (day|week|month|year)s? (ago|earlier|before|later|from now|hence)$", t)
    if m:
        n = word_number(m.group(1))
        if n is None:
            return None
        sign = 1 if m.group(3) in ("later", "from now", "hence") else -1
        base = anchor if m.group(3) in ("ago", "from now", "hence") else ref
        return _offset(base, sign * n, m.group(2))
    return None


def _offset(base: dt.date, n: int, unit: str) -> Normalized:
    if unit == "day":
        return _day(base + dt.timedelta(days=n))
    if unit == "week":
        return _week(base + dt.timedelta(weeks=n))
    if unit == "month":
        y, m = _shift_month(base, n)
        return _month(y, m)
    return _year(base.year + n)


def _unit_relative(mod: str, unit: str, anchor: dt.date) -> Normalized | None:
    step = {"last": -1, "past": -1, "previous": -1, "this": 0, "current": 0, "next": 1, "coming": 1}.get(mod)
    if unit in _SEASONS:
        return _season(unit, anchor.year if step in (0, None) else anchor.year + step, anchor, mod)
    if unit == "weekend":
        sat = anchor - dt.timedelta(days=(anchor.weekday() - 5) % 7)
        if step == 1:
            sat += dt.timedelta(days=7)
        return Normalized("DATE", f"{_week(sat).value}-WE", "week", sat, sat + dt.timedelta(days=1))
    if mod in ("earlier this", "earlier", "early this"):
        start = anchor.replace(day=1) if unit == "month" else (anchor.replace(month=1, day=1) if unit == "year" else anchor - dt.timedelta(days=anchor.weekday()))
        return Normalized("DATE", _offset(anchor, 0, unit).value, "range", start, anchor)
    if mod in ("later this", "late this", "later"):
        n = _offset(anchor, 0, unit)
        return Normalized("DATE", n.value, "range", anchor, n.end)
    if step is None:
        return None
    return _offset(anchor, step, unit)


def _season(name: str, year: int, anchor: dt.date | None, mod: str | None) -> Normalized:
    lo_m, hi_m = _SEASONS[name]
    if mod in ("last", "past", "previous") and anchor is not None:
        year = anchor.year if anchor.month > hi_m and name != "winter" else anchor.year - 1
    start = dt.date(year, lo_m, 1)
    end_year = year + 1 if name == "winter" else year
    end = dt.date(end_year, hi_m, calendar.monthrange(end_year, hi_m)[1])
    return Normalized("DATE", f"{year:04d}-{_SEASON_CODE[name]}", "season", start, end)


def _month_name(t: str, anchor: dt.date | None, future: bool) -> Normalized | None:
    part = None
    m = _PART.match(t)
    if m:
        part = m.group("part").split()[-1]
        t = _strip(m.group("rest"))
    bits = t.replace(",", "").split()
    if not bits or bits[0] not in MONTHS or len(bits) > 2:
        if bits and len(bits) == 1 and bits[0].isdigit() and len(bits[0]) == 4:
            return _year(int(bits[0]), part)
        if bits and bits[0] in ("this", "last", "next") and len(bits) == 2 and bits[1] in MONTHS:
            bits = [bits[1], bits[0]]
        else:
            return None
    month = MONTHS[bits[0]]
    if len(bits) == 2 and bits[1].isdigit() and len(bits[1]) == 4:
        return _month(int(bits[1]), month, part)
    if anchor is None:
        return None
    year = anchor.year
    if len(bits) == 2 and bits[1] == "last":
        year -= 1
    elif len(bits) == 2 and bits[1] == "next":
        year += 1
    elif not future and month > anchor.month:
        year -= 1
    elif future and month < anchor.month:
        year += 1
    return _month(year, month, part)


def _decade_or_year(t: str) -> Normalized | None:
    m = re.match(r"^(?:the )?(\d{3})0'?s$", t)
    if m:
        start = int(m.group(1)) * 10
        return Normalized("DATE", m.group(1), "decade", dt.date(start, 1, 1), dt.date(start + 9, 12, 31))
    m = re.match(r"^(?:the )?(\d{2})th century$", t)
    if m:
        c = int(m.group(1)) - 1
        return Normalized("DATE", f"{c:02d}", "century", dt.date(max(c * 100, 1), 1, 1), dt.date(c * 100 + 99, 12, 31))
    m = re.match(r"^(?:the )?(?:year )?(1[5-9]\d\d|20\d\d)$", t)
    if m:
        return _year(int(m.group(1)))
    return None


def _duration(t: str) -> Normalized | None:
    m = re.match(r"^(?:for |over |within |after |nearly |almost |about |more than |at least )*(?:the (?:past|last|next) )?([\w-]+(?: \w+)?)? ?(day|week|month|year|decade|hour|minute|night)s?$", t)
    if not m:
        return None
    n = word_number(m.group(1)) if m.group(1) else 1
    if n is None:
        return None
    unit = _UNITS[m.group(2)]
    value = f"PT{n}{unit}" if unit in ("H", "MIN") else f"P{n * 10 if unit == 'DE' else n}{'Y' if unit == 'DE' else unit}"
    return Normalized("DURATION", value.replace("MIN", "M"), None, None, None)


def normalize(text: str, anchor: dt.date | None, *, future: bool = False,
              reference: dt.date | None = None) -> Normalized | None:
    """Normalise ``text``; ``anchor`` is the publication date, ``reference`` the narrative time."""
    t = _strip(text)
    if not t:
        return None
    if re.match(r"^(each|every) ", t):
        return Normalized("SET", "XXXX-XX-XX", None, None, None)
    found = _explicit(t, anchor, future) or _decade_or_year(t)
    if found:
        return found
    if re.match(r"^(?:(?:early|mid|late)[\s-]+)?(?:the )?(\d{4})$", t) is None:
        found = _month_name(t, anchor, future)
        if found:
            return found
    else:
        found = _month_name(t, anchor, future)
        if found:
            return found
    season = re.match(r"^(?:(last|this|next|past) )?(spring|summer|autumn|fall|winter)(?: (?:of )?(\d{4}))?$", t)
    if season and (season.group(3) or anchor):
        year = int(season.group(3)) if season.group(3) else (anchor.year if anchor else 0)
        return _season(season.group(2), year, anchor, season.group(1))
    if anchor is not None:
        found = _weekday(t, anchor, future) or _relative_unit(t, anchor, reference or anchor)
        if found:
            return found
    return _duration(t)

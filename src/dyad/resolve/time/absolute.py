"""Expressions that name calendar positions: dates, months, years, decades,
centuries and holidays. A missing year comes from the anchor and the tense."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from . import periods as P
from .context import Context, pick, unresolved
from .lexicon import lexicon
from .periods import Normalized
from .words import clean

__all__ = [
    "explicit_date", "numeric_date", "year_period", "spoken_year", "iso_split", "month_name", "month_relative", "month_year_relative",
    "bare_year", "decade_expr", "century_expr", "holiday", "choose_year", "fiscal_year",
]

_DIGITS = re.compile(r"\d+")


def _int(word: str) -> int:
    m = _DIGITS.search(word)
    return int(m.group()) if m else 0


def _month_of(word: str) -> int:
    return lexicon().months[clean(word).rstrip(".")]


def choose_year(ctx: Context, month: int, day_: int | None = None) -> int:
    """The year of a month (and day) stated without one, among the anchor's year and
    its neighbours. A month alone, or a day its verb governs ("ended March 31"), follows
    the tense (past looks back, future ahead), except that a month its verb does not
    govern may be the coming one in a past-tense sentence ("announced a cutback in
    September" in August); otherwise, and without a tense, the candidate nearest the
    anchor wins, with a penalty for running against the tense ("payable Dec. 15" in a
    past-tense story is still ahead)."""
    assert ctx.anchor is not None
    a = ctx.anchor
    if day_ is None and not ctx.firm and ctx.tense == "past" and month == a.month % 12 + 1:
        return a.year + (month == 1)
    if (ctx.firm or day_ is None) and ctx.tense in ("past", "future"):
        if ctx.tense == "past":
            return a.year if (month, day_ or 0) <= (a.month, a.day if day_ else 0) else a.year - 1
        return a.year if (month, day_ or 32) >= (a.month, a.day if day_ else 0) else a.year + 1
    return min((a.year - 1, a.year, a.year + 1), key=lambda y: (_cost(ctx, y, month, day_), y > a.year))


def _cost(ctx: Context, y: int, month: int, day_: int | None) -> int:
    assert ctx.anchor is not None
    target = P.safe_date(y, month, day_ or 15) or dt.date(y, month, 1)
    days = (target - ctx.anchor).days
    against = (ctx.tense == "past" and days > 0) or (ctx.tense == "future" and days < 0)
    return abs(days) + (lexicon().tense_penalty_days if against else 0)


def _day_from(ctx: Context, month: int, dom: int, year: int | None, weekday: int | None) -> Normalized | None:
    if year is None:
        if ctx.anchor is None:
            return unresolved(f"XXXX-{month:02d}-{dom:02d}")
        year = _year_for_weekday(ctx, month, dom, weekday) or choose_year(ctx, month, dom)
        d = P.safe_date(year, month, dom)
        return P.with_anchor(P.day(d), "published") if d else None
    d = P.safe_date(year, month, dom)
    return P.day(d) if d else None


def _year_for_weekday(ctx: Context, month: int, dom: int, weekday: int | None) -> int | None:
    """A stated weekday ("Monday, Oct. 26") picks the year near the anchor it fits."""
    if weekday is None or ctx.anchor is None:
        return None
    for y in sorted((ctx.anchor.year, ctx.anchor.year - 1, ctx.anchor.year + 1), key=lambda y: abs(y - ctx.anchor.year)):
        d = P.safe_date(y, month, dom)
        if d and d.isoweekday() == weekday:
            return y
    return None


def _weekday_in(words: list[str], cls: str) -> int | None:
    w = pick(words, cls, "W")
    return lexicon().weekdays.get(clean(w).rstrip(".")) if w else None


def explicit_date(words: list[str], cls: str, ctx: Context) -> Normalized | None:
    """Oct. 26 | Monday, Oct. 26, 1998 | 26 October | the 26th of October 1998."""
    month = _month_of(pick(words, cls, "M") or "")
    dom = _int(pick(words, cls, "D") or "")
    y = pick(words, cls, "Y")
    if cls[0] in "LX":  # "last Oct. 23": the one before (after) the anchor
        ctx = replace(ctx, tense="past" if cls[0] == "L" else "future")
    return _day_from(ctx, month, dom, _int(y) if y else None, _weekday_in(words, cls))


def numeric_date(words: list[str], cls: str, ctx: Context) -> Normalized | None:
    """12/20/2020 (month first, US news style), 2020-12-20, 20.12.2020."""
    parts = [int(p) for p in re.split(r"[/.-]", pick(words, cls, "i") or "") if p.isdigit()]
    if len(parts) != 3:
        return None
    if parts[0] > 31:
        y, m, d = parts
    elif "." in (pick(words, cls, "i") or "") or parts[0] > 12:
        d, m, y = parts
    else:
        m, d, y = parts
    y = y + (1900 if y >= 50 else 2000) if y < 100 else y
    found = P.safe_date(y, m, d)
    return P.day(found) if found else None


def iso_split(words: list[str], cls: str, ctx: Context) -> Normalized | None:
    """2020-12-20 split into five tokens."""
    nums = [_int(w) for w, c in zip(words, cls) if c in "YD"]
    found = P.safe_date(*nums) if len(nums) == 3 else None
    return P.day(found) if found else None


def month_name(words: list[str], cls: str, ctx: Context) -> Normalized | None:
    """October | October 1998 | May of 1997."""
    month = _month_of(pick(words, cls, "M") or "")
    y = pick(words, cls, "Y")
    if y:
        return P.month(_int(y), month)
    if ctx.anchor is None:
        return unresolved(f"XXXX-{month:02d}")
    return P.with_anchor(P.month(choose_year(ctx, month), month), "published")


def month_relative(words: list[str], cls: str, ctx: Context) -> Normalized | None:
    """last March | this March | next March."""
    month = _month_of(pick(words, cls, "M") or "")
    if ctx.anchor is None:
        return unresolved(f"XXXX-{month:02d}")
    a, mod = ctx.anchor, cls[0]
    if mod == "L":
        y = a.year if month < a.month else a.year - 1
    elif mod == "X":
        y = a.year if month > a.month else a.year + 1
    else:
        y = a.year
    return P.with_anchor(P.month(y, month), "published")


def month_year_relative(words: list[str], cls: str, ctx: Context) -> Normalized | None:
    """June last year | February this year | April next year."""
    month = _month_of(pick(words, cls, "M") or "")
    if ctx.anchor is None:
        return unresolved(f"XXXX-{month:02d}")
    step = {"L": -1, "H": 0, "X": 1}[cls[cls.index("M") + 1]]
    return P.with_anchor(P.month(ctx.anchor.year + step, month), "published")


def bare_year(words: list[str], cls: str, ctx: Context) -> Normalized | None:
    """1997 | the year 1997."""
    return P.year(_int(pick(words, cls, "Y") or ""))


def year_period(words: list[str], cls: str, ctx: Context) -> Normalized | None:
    """the 1988 period | the 1988 quarter: the stated period's counterpart in that year
    (for "quarter" with none stated, the quarter the story reports on)."""
    y = _int(pick(words, cls, "Y") or "")
    period = ctx.period
    unit = lexicon().units.get(clean(words[-1]))
    if unit is not None and unit.letter == "Q" and (period is None or period.precision != "quarter"):
        from .relative import the_unit

        period = the_unit(["the", words[-1]], "tU", ctx)
    if period is None or period.start is None or period.precision not in ("quarter", "month"):
        return P.year(y)
    made = P.period_of("Q" if period.precision == "quarter" else "M", period.start.replace(year=y, day=1))
    return P.as_comparison(P.with_anchor(made, "reference"))


def spoken_year(words: list[str], cls: str, ctx: Context) -> Normalized | None:
    """nineteen ninety-six | the year two thousand (broadcast transcripts)."""
    numbers = [_number_word(w) for w, c in zip(words, cls) if c == "N"]
    if any(n is None for n in numbers) or not numbers:
        return None
    values = [n for n in numbers if n is not None]
    if values[:2] == [2, 1000]:
        y = 2000 + sum(values[2:])
    elif 10 <= values[0] <= 19 and len(values) > 1 and sum(values[1:]) < 100:
        y = values[0] * 100 + sum(values[1:])
    else:
        return None
    return P.year(y) if 1000 <= y <= 2199 else None


def _number_word(word: str) -> int | None:
    table = lexicon().number_words
    pieces = [p for p in clean(word).split("-") if p]
    if not pieces or any(p not in table for p in pieces):
        return None
    return sum(table[p] for p in pieces)


def fiscal_year(words: list[str], cls: str, ctx: Context) -> Normalized | None:
    """fiscal 1989 | the fiscal year | the current fiscal year."""
    y = pick(words, cls, "Y")
    if y:
        return P.year(_int(y))
    if ctx.anchor is None:
        return unresolved()
    step = {"L": -1, "X": 1}.get(next((c for c in cls if c in "LHX"), "H"), 0)
    return P.with_anchor(P.year(ctx.anchor.year + step), "published")


def _decade_start(word: str, ctx: Context) -> int | None:
    w = clean(word).strip("'")
    words = lexicon().decade_words
    if w in words:
        tens = words[w] * 10
    else:
        m = re.match(r"^(\d{1,3})0'?s$", w)
        if not m:
            return None
        digits = m.group(1)
        if len(digits) == 3:
            return int(digits) * 10
        tens = int(digits) * 10
    latest = (ctx.anchor or dt.date.today()).year
    return 2000 + tens if 2000 + tens <= latest else 1900 + tens


def decade_expr(words: list[str], cls: str, ctx: Context) -> Normalized | None:
    """the 1980s | the '80s | the nineties | mid-1990s."""
    start = _decade_start(pick(words, cls, "d") or "", ctx)
    return P.decade(start) if start is not None else None


def century_expr(words: list[str], cls: str, ctx: Context) -> Normalized | None:
    """the 20th century | the nineteenth century."""
    unit = clean(pick(words, cls, "U") or "")
    if lexicon().units.get(unit) is None or lexicon().units[unit].factor != 100:
        return None
    nth_word = clean(pick(words, cls, "Do") or "")
    nth = lexicon().ordinals.get(nth_word) or _int(nth_word)
    return P.century((nth - 1) * 100) if nth else None


def holiday(words: list[str], cls: str, ctx: Context) -> Normalized | None:
    """Christmas | last Thanksgiving | Easter 2019."""
    start = cls.index("h")
    end = start + 1
    while end < len(cls) and cls[end] == "j":
        end += 1
    name = _holiday_name(words[start:end])
    rule = lexicon().holidays.get(name)
    if rule is None:
        return None
    y = pick(words, cls, "Y")
    if y:
        d = holiday_date(rule, _int(y))
        return P.day(d) if d else None
    if ctx.anchor is None:
        return unresolved()
    return _holiday_near(rule, ctx, cls[:start])


def _holiday_name(words: list[str]) -> str:
    out = ""
    for w in words:
        w = clean(w)
        out += w if w == "'s" or not out else " " + w
    return out


def _holiday_near(rule: dict, ctx: Context, before: str) -> Normalized | None:
    assert ctx.anchor is not None
    a = ctx.anchor
    cands = [d for d in (holiday_date(rule, y) for y in (a.year - 1, a.year, a.year + 1)) if d]
    if "L" in before or (ctx.tense == "past" and "X" not in before):
        pool = [d for d in cands if d < a] if "L" in before else [d for d in cands if d <= a]
        chosen = max(pool) if pool else None
    elif "X" in before or ctx.tense == "future":
        pool = [d for d in cands if d > a] if "X" in before else [d for d in cands if d >= a]
        chosen = min(pool) if pool else None
    else:
        chosen = min(cands, key=lambda d: abs((d - a).days)) if cands else None
    return P.with_anchor(P.day(chosen), "published") if chosen else None


def holiday_date(rule: dict, y: int) -> dt.date | None:
    """The date of a holiday rule in year ``y``."""
    if "easter" in rule:
        return _easter(y) + dt.timedelta(days=int(rule["easter"]))
    if "day" in rule:
        return P.safe_date(y, rule["month"], rule["day"])
    return _nth_weekday(y, rule["month"], rule["weekday"], rule["nth"], bool(rule.get("after_monday")))


def _nth_weekday(y: int, m: int, weekday: int, nth: int, after_monday: bool) -> dt.date:
    if nth < 0:
        last = P.month(y, m).end
        assert last is not None
        return last - dt.timedelta(days=(last.isoweekday() - weekday) % 7)
    first = dt.date(y, m, 1)
    d = first + dt.timedelta(days=(weekday - first.isoweekday()) % 7 + 7 * (nth - 1))
    if after_monday:  # US Election Day: the Tuesday after the first Monday
        monday = first + dt.timedelta(days=(1 - first.isoweekday()) % 7)
        d = monday + dt.timedelta(days=1)
    return d


def _easter(y: int) -> dt.date:
    """Gregorian Easter Sunday (anonymous computus)."""
    a, b, c = y % 19, y // 100, y % 100
    d, e = b // 4, b % 4
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 19 * l_) // 433
    month = (h + l_ - 7 * m + 90) // 25
    return dt.date(y, month, (h + l_ - 7 * m + 33 * month + 19) % 32)

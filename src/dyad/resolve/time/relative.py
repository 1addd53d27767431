"""Expressions resolved against the publication date or the narrative reference
time: weekdays, yesterday/today, parts of the day, "last/this/next <unit>",
seasons, quarters, "N units ago/later" and "the previous night"."""

from __future__ import annotations

import datetime as dt
import re

from . import periods as P
from .amounts import duration_value
from .context import Context, pick, unresolved
from .lexicon import Unit, lexicon
from .periods import Normalized
from .words import clean, count_value

__all__ = [
    "weekday_expr", "deictic_day", "part_of_day", "relative_unit", "the_unit", "season_expr",
    "quarter_expr", "offset_expr", "anaphoric", "weekday_date", "year_ago_period", "year_end",
    "the_period", "same_period", "possessive_period", "unit_of_date",
]

_STEP = {"L": -1, "H": 0, "X": 1, "V": 0}


def _weekday(words: list[str], cls: str) -> int:
    return lexicon().weekdays[clean(pick(words, cls, "W") or "").rstrip(".")]


def _part(words: list[str], cls: str) -> str | None:
    w = pick(words, cls, "P")
    return lexicon().parts_of_day[clean(w)] if w else None


def _unit(words: list[str], cls: str) -> Unit | None:
    w = pick(words, cls, "Uu")
    return lexicon().units.get(clean(w)) if w else None


def weekday_date(anchor: dt.date, weekday: int, mod: str | None, tense: str | None) -> dt.date:
    """The date of a weekday: "last" strictly before, "next" strictly after, "this" in the
    anchor's week; a bare weekday looks ahead under future tense and back otherwise
    (the anchor's own weekday is the anchor)."""
    back = (anchor.isoweekday() - weekday) % 7
    ahead = (weekday - anchor.isoweekday()) % 7
    if mod == "L":
        return anchor - dt.timedelta(days=back or 7)
    if mod == "X":
        return anchor + dt.timedelta(days=ahead or 7)
    if mod == "H":
        return anchor + dt.timedelta(days=weekday - anchor.isoweekday())
    if tense == "future":
        return anchor + dt.timedelta(days=ahead)
    return anchor - dt.timedelta(days=back)


def weekday_expr(words: list[str], cls: str, ctx: Context) -> Normalized | None:
    """Friday | last Friday | Friday night | Sunday mornings. A weekday phrase names its day:
    "Friday night" is the Friday (as most of TimeBank annotates it, and as an event is
    dated), unlike "last night" or "this morning"; a plural part of the day makes a
    recurrence ("Tuesday nights")."""
    wd, part = _weekday(words, cls), _part(words, cls)
    part_word = clean(pick(words, cls, "P") or "")
    if part and part_word.endswith("s"):  # "Tuesday nights": every Tuesday night
        return P.recurrence(f"XXXX-WXX-{wd}T{part}")
    part = None
    if ctx.anchor is None:
        return unresolved(f"XXXX-WXX-{wd}")
    if cls[0] == "t" and ctx.ref is not None:  # "the previous Friday": before the reference day
        return P.with_anchor(P.day(weekday_date(ctx.ref, wd, cls[1], ctx.tense), part), ctx.ref_kind)
    mod = cls[0] if cls[0] in "LHX" else None
    return P.with_anchor(P.day(weekday_date(ctx.anchor, wd, mod, ctx.tense), part), "published")


def deictic_day(words: list[str], cls: str, ctx: Context) -> Normalized | None:
    """today | yesterday morning | tonight | mid-afternoon yesterday."""
    entry = lexicon().deictic_days[clean(pick(words, cls, "T") or "")]
    if ctx.anchor is None:
        return unresolved()
    part = _part(words, cls) or entry.get("part")
    d = ctx.anchor + dt.timedelta(days=int(entry["days"]))
    return P.with_anchor(P.day(d, part), "published")


def part_of_day(words: list[str], cls: str, ctx: Context) -> Normalized | None:
    """this morning | last night | that evening | morning (of the reference day)."""
    part = _part(words, cls)
    mod = cls[0] if cls[0] in "LHV" else None
    base = ctx.ref if mod in ("V", None) else ctx.anchor
    if base is None:
        return unresolved()
    if mod == "L":
        base = base - dt.timedelta(days=1)
    kind = ctx.ref_kind if mod in ("V", None) else "published"
    return P.with_anchor(P.day(base, part), kind)


def _period(unit: Unit, base: dt.date, step: int) -> Normalized | None:
    if unit.letter == "Y" and unit.factor >= 10:
        maker = P.decade if unit.factor == 10 else P.century
        return maker(base.year + step * unit.factor)
    if unit.letter in ("S", "M", "H") and unit.time:
        return None
    if unit.letter == "D":
        return P.day(base + dt.timedelta(days=step))
    return P.period_of(unit.letter, P.shift(base, unit.letter, step * unit.factor))


def relative_unit(words: list[str], cls: str, ctx: Context) -> Normalized | None:
    """last week | this month | next year | the current quarter | last decade."""
    unit = _unit(words, cls)
    if unit is None or unit.plural:
        return None
    if ctx.anchor is None:
        return unresolved()
    mod = next(c for c in cls if c in "LHX")
    if unit.letter == "D" or (unit.factor != 1 and unit.letter != "Y"):
        return None
    return P.with_anchor(_period(unit, ctx.anchor, _STEP[mod]), "published")


def the_unit(words: list[str], cls: str, ctx: Context) -> Normalized | None:
    """"the year", "the quarter", "the weekend", "the day": the period the story is in.
    A past-tense quarter or weekend is the last one completed."""
    unit = _unit(words, cls)
    if unit is None or unit.plural or unit.time or unit.factor != 1:
        return None
    base = ctx.ref if unit.letter == "D" else ctx.anchor
    if base is None:
        return unresolved()
    if unit.letter == "Q" and ctx.period is not None and ctx.period.precision == "quarter":
        return P.with_anchor(ctx.period, "reference")
    if unit.letter == "Q" and ctx.tense != "future":  # "in the quarter": the one just reported
        base = P.shift(base, "Q", -1)
    if ctx.tense == "past" and unit.letter == "WE" and base.isoweekday() < 6:
        base = base - dt.timedelta(days=7)
    if unit.letter == "D":
        night = clean(pick(words, cls, "U") or "") == "night"
        return P.with_anchor(P.day(base, "NI" if night else None), ctx.ref_kind)
    return P.with_anchor(P.period_of(unit.letter, base), "published")


def year_end(words: list[str], cls: str, ctx: Context) -> Normalized | None:
    """year-end | year's end | month end: the late (early) part of the current period; in a
    past-tense sentence the last one completed."""
    unit = _unit(words, cls)
    if unit is None or unit.letter not in ("Y", "Q", "M", "W") or unit.factor != 1 or unit.plural:
        return None
    if ctx.anchor is None:
        return unresolved()
    part = lexicon().parts[clean(pick(words, cls, "E") or "")]
    base = ctx.anchor
    if ctx.tense == "past" and part == "late":
        base = P.shift(base, unit.letter, -1)
    period = P.period_of(unit.letter, base)
    return P.with_anchor(P.with_part(period, part) if period else None, "published")


def the_period(words: list[str], cls: str, ctx: Context) -> Normalized | None:
    """"the latest period", "the current period": the reporting period being discussed, else
    the last quarter completed."""
    if ctx.period is not None and ctx.period.precision in ("quarter", "month"):
        return P.with_anchor(ctx.period, "reference")
    if ctx.anchor is None:
        return unresolved()
    step = -1 if "L" in cls else 0
    return P.with_anchor(P.period_of("Q", P.shift(ctx.anchor, "Q", step)), "published")


def season_expr(words: list[str], cls: str, ctx: Context) -> Normalized | None:
    """summer | last summer | this winter | the winter of 1994 | summer 2019."""
    code = lexicon().seasons[clean(pick(words, cls, "S") or "")]
    y = pick(words, cls, "Y")
    if y:
        return P.season(int(y), code)
    if ctx.anchor is None:
        return unresolved(f"XXXX-{code}")
    mod = next((c for c in cls if c in "LHX"), None)
    return P.with_anchor(_season_near(code, ctx.anchor, mod, ctx.tense), "published")


def _season_near(code: str, a: dt.date, mod: str | None, tense: str | None) -> Normalized:
    this = P.season(a.year - 1 if code == "WI" and a.month <= 2 else a.year, code)
    assert this.start is not None and this.end is not None
    if mod == "L" or (mod is None and tense == "past" and this.start > a):
        return this if this.end < a else P.season(int(this.value[:4]) - 1, code)
    if mod == "X" or (mod is None and tense == "future" and this.end < a):
        return this if this.start > a else P.season(int(this.value[:4]) + 1, code)
    return this


_OF_YEAR = re.compile(r"Ot?([LHX])U$")
_YEARS = re.compile(r"^([LHX])Us")


def _year_words(words: list[str], cls: str, ctx: Context) -> tuple[list[str], str, str | None]:
    """Split off "of last year" / "last year's" from a period phrase: the rest, and the
    year it names (as digits) when the anchor is known."""
    tail, head = _OF_YEAR.search(cls), _YEARS.match(cls)
    m = tail or head
    if m is None or ctx.anchor is None:
        return words, cls, None
    unit = lexicon().units.get(clean(words[m.start(1) + 1]))
    if unit is None or unit.letter != "Y" or unit.factor != 1 or unit.plural:
        return words, cls, None
    year = str(ctx.anchor.year + _STEP[m.group(1)])
    if tail is not None:
        return words[:m.start()], cls[:m.start()], year
    return words[m.end():], cls[m.end():], year


def quarter_expr(words: list[str], cls: str, ctx: Context) -> Normalized | None:
    """the third quarter | third-quarter | the first half of 1990 | last quarter | the first
    quarter of last year | this year's third quarter."""
    words, cls, rel_year = _year_words(words, cls, ctx)
    unit = _unit(words, cls)
    if unit is None or unit.letter not in ("Q", "H") or unit.time:
        return None
    year = pick(words, cls, "Y") or rel_year
    nth = _nth(words, cls, 4 if unit.letter == "Q" else 2, year is not None)
    if nth is not None:
        found = _nth_period(unit.letter, nth, year, ctx)
        return P.with_anchor(found, "published") if rel_year and found is not None else found
    if ctx.anchor is None:
        return unresolved()
    mod = next((c for c in cls if c in "LHX"), "H")
    return P.with_anchor(P.period_of(unit.letter, P.shift(ctx.anchor, unit.letter, _STEP[mod])), "published")


def _nth(words: list[str], cls: str, size: int, of_year: bool) -> int | None:
    """Which quarter (half): an ordinal, or "last" before a stated year ("the last half of
    1989"); None for "last quarter" (the one before the current)."""
    word = pick(words, cls, "o")
    if word is None:
        return size if of_year and cls.lstrip("t")[:1] == "L" else None
    n = lexicon().ordinals.get(clean(word), 0)
    return n if 1 <= n <= size else 0


def _nth_period(letter: str, n: int, year: str | None, ctx: Context) -> Normalized | None:
    make = P.quarter if letter == "Q" else P.half
    if n == 0:
        return None
    if year:
        return make(int(year), n)
    if ctx.anchor is None:
        return unresolved(f"XXXX-{letter}{n}")
    return P.with_anchor(make(_nth_period_year(ctx, n, 4 if letter == "Q" else 2), n), "published")


def _nth_period_year(ctx: Context, n: int, size: int) -> int:
    """Past tense: the last such quarter begun; otherwise the nearest one (ties go back):
    quarters are mostly reported, and forecast, around their end."""
    assert ctx.anchor is not None
    current = (ctx.anchor.month - 1) * size // 12 + 1
    y = ctx.anchor.year
    if ctx.tense == "past":
        return y if n <= current else y - 1
    cands = [(y - 1, n - current - size), (y, n - current), (y + 1, n - current + size)]
    return min(cands, key=lambda c: (abs(c[1]), c[1] > 0))[0]


_FINER = {"Y": ("quarter", "month", "week", "day"), "Q": ("month", "week", "day"), "M": ("week", "day"),
          "W": ("day",)}
_PRECISION_OF = {"Y": "year", "Q": "quarter", "M": "month", "W": "week"}
_LETTER_OF = {"quarter": "Q", "month": "M", "week": "W", "day": "D", "year": "Y"}


def _stated_period(ctx: Context, unit: Unit, from_reference: bool) -> Normalized | None:
    """A finer period stated before: "the third quarter ... a year earlier" is that quarter a
    year before. "ago" counts from the publication date, so only a stated quarter or month
    (a financial comparison) counts for it."""
    period = ctx.period
    if period is None or period.start is None or unit.factor != 1:
        return None
    if not from_reference and unit.letter != "Y":
        return None
    allowed = _FINER.get(unit.letter, ()) if from_reference else ("quarter", "month")
    return period if period.precision in allowed and unit.letter in _FINER else None


def offset_expr(words: list[str], cls: str, ctx: Context) -> Normalized | None:
    """three days ago | a week earlier | two years later | months ago."""
    unit = _unit(words, cls)
    rule = lexicon().offsets.get(clean(pick(words, cls, "A") or ""))
    if unit is None or rule is None:
        return None
    counts = [w for w, c in zip(words, cls) if c in "aNnDK"]
    n = count_value(counts) if counts else (None if unit.plural else 1.0)
    if unit.time:  # "an hour later": no calendar date, only the amount
        return P.duration(duration_value(n, unit, clean(pick(words, cls, "Uu") or "")))
    if n is None and rule["anchor"] == "reference":  # "a few days later": only a vague amount
        return P.duration(duration_value(None, unit, clean(pick(words, cls, "Uu") or "")))
    if n is None:  # "a few years ago", "months ago"
        return P.reference("PAST_REF" if rule["sign"] < 0 else "FUTURE_REF", ctx.anchor)
    return P.as_comparison(_offset_from(unit, n, int(rule["sign"]), rule["anchor"] == "reference", ctx))


def _offset_from(unit: Unit, n: float, sign: int, from_reference: bool, ctx: Context) -> Normalized | None:
    """From a stated period ("the third quarter ... a year earlier"), else from the reference
    day ("earlier", "later") or the publication date ("ago")."""
    period = _stated_period(ctx, unit, from_reference)
    if period is not None and period.start is not None:
        moved = P.shift(period.start, unit.letter, sign * int(n))
        return P.with_anchor(P.period_of(_LETTER_OF[period.precision or "year"], moved), "reference")
    base = ctx.ref if from_reference else ctx.anchor
    if base is None:
        return unresolved()
    # "a week ago", "two weeks ago" are that many days back, a day; "six weeks ago" is as
    # round as its unit, a week ("two years ago" a year, "six months ago" a month)
    short = unit.letter in ("W", "WE") and n * unit.factor <= 2
    letter = "Y" if unit.factor >= 10 else ("D" if short else unit.letter)
    return P.with_anchor(_offset(unit, n, sign, base, letter), ctx.ref_kind if from_reference else "published")


def _offset(unit: Unit, n: float, sign: int, base: dt.date, letter: str) -> Normalized | None:
    amount = n * unit.factor
    unit_letter = unit.letter
    if amount != int(amount) and unit_letter == "Y":
        amount, unit_letter = amount * 12, "M"
    if unit_letter == "WE":
        unit_letter = "W"
    target = P.shift(base, unit_letter, sign * int(amount))
    return P.period_of(letter, target)


def year_ago_period(words: list[str], cls: str, ctx: Context) -> Normalized | None:
    """the year-ago quarter | the year-earlier period: the stated period, a year before."""
    return P.as_comparison(_year_before(words, cls, ctx))


def _year_before(words: list[str], cls: str, ctx: Context) -> Normalized | None:
    if "o" in cls:  # "the year-ago third quarter": that quarter of the year before
        found = quarter_expr(words[cls.index("o"):], cls[cls.index("o"):], ctx)
    elif ctx.period is not None and ctx.period.precision in _named_precisions(words, cls):
        found = ctx.period
    else:  # "the year-ago quarter" with no quarter stated: as "the quarter" would be
        found = the_unit(["the", words[-1]], "tU", ctx) if cls.endswith("U") else None
    if found is None or found.start is None:
        return _year_before_anchor(words, ctx) if found is None else found
    moved = P.shift(found.start, "Y", -1)
    return P.with_anchor(P.period_of(_LETTER_OF[found.precision or "year"], moved), "reference")


def _named_precisions(words: list[str], cls: str) -> tuple[str, ...]:
    """The stated periods "the year-ago <noun>" may mean: a quarter for "quarter", a month
    for "month", either for "period" or no noun."""
    unit = lexicon().units.get(clean(words[-1])) if cls.endswith("U") else None
    if unit is not None and unit.letter in ("Q", "M") and unit.factor == 1:
        return (_PRECISION_OF[unit.letter],)
    return ("quarter", "month")


def _year_before_anchor(words: list[str], ctx: Context) -> Normalized | None:
    if ctx.anchor is None:
        return unresolved()
    return P.with_anchor(P.year(ctx.anchor.year - 1), "published")


def anaphoric(words: list[str], cls: str, ctx: Context) -> Normalized | None:
    """the previous night | the next day | that day | the following week | the day before."""
    if ctx.ref is None:
        return unresolved()
    step = _anaphoric_step(words, cls)
    part = _part(words, cls)
    unit = _unit(words, cls)
    if part is not None and unit is None:
        return P.with_anchor(P.day(ctx.ref + dt.timedelta(days=step), part), ctx.ref_kind)
    if unit is None or unit.plural or unit.time:
        return None
    if unit.letter == "D":
        night = clean(pick(words, cls, "U") or "") == "night"
        return P.with_anchor(P.day(ctx.ref + dt.timedelta(days=step), "NI" if night else None), ctx.ref_kind)
    latest = ctx.latest
    if latest is not None and latest.start is not None and _within(latest, unit):
        return P.with_anchor(_period(unit, latest.start, step), "reference")  # "that year", "the following month"
    period = ctx.period
    if latest is None and period is not None and period.start is not None and _within(period, unit):
        return P.with_anchor(_period(unit, period.start, step), "reference")
    return P.with_anchor(_period(unit, ctx.ref, step), ctx.ref_kind)


def _within(period: Normalized, unit: Unit) -> bool:
    """The stated period is no coarser than the unit (a month can anchor "that year")."""
    finer = _FINER.get(unit.letter)
    if finer is None:
        return False
    return period.precision in finer + (_PRECISION_OF[unit.letter],) or (unit.letter == "Y" and period.precision == "season")


def _anaphoric_step(words: list[str], cls: str) -> int:
    mod = next((c for c in cls if c in "LXV"), None)
    if mod is not None:
        return _STEP[mod] if mod != "V" else 0
    rule = lexicon().offsets.get(clean(pick(words, cls, "A") or ""))
    return int(rule["sign"]) if rule else 0


_COMPARED = re.compile(r"^t?[Vx]?([Ue])")


def same_period(words: list[str], cls: str, ctx: Context) -> Normalized | None:
    """the same period last year | the corresponding quarter a year ago | the same month of
    the previous year | last year's quarter: the period being reported (or the current
    one of that unit), in the year named."""
    lead = _COMPARED.match(cls)
    if lead is None or ctx.anchor is None:
        return None if lead is None else unresolved()
    i = lead.start(1)
    skip = i + 1 + len(cls[i + 1:]) - len(cls[i + 1:].lstrip("Ot"))
    year = _named_year(words[skip:], cls[skip:], ctx)
    if year is None:
        return None
    base = _compared_period(words[i], cls[i], ctx)
    if base is None or base.start is None:
        return P.with_anchor(P.year(year), "published")
    moved = P.shift(base.start, "Y", year - base.start.year)
    return P.as_comparison(P.with_anchor(P.period_of(_LETTER_OF[base.precision or "year"], moved), "reference"))


def possessive_period(words: list[str], cls: str, ctx: Context) -> Normalized | None:
    """last year's quarter | this year's third quarter: the year first, then the period."""
    if "o" in cls:
        return quarter_expr(words, cls, ctx)
    if ctx.anchor is None:
        return unresolved()
    year = ctx.anchor.year + _STEP[cls[0]]
    base = _compared_period(words[-1], cls[-1], ctx)
    if base is None or base.start is None:
        return None
    moved = P.shift(base.start, "Y", year - base.start.year)
    return P.as_comparison(P.with_anchor(P.period_of(_LETTER_OF[base.precision or "year"], moved), "reference"))


def _named_year(words: list[str], cls: str, ctx: Context) -> int | None:
    """"last year" | "the previous year" | "a year ago" | "a year earlier" -> that year."""
    assert ctx.anchor is not None
    if len(cls) == 2 and cls[0] in "LHX":
        unit = lexicon().units.get(clean(words[1]))
        return ctx.anchor.year + _STEP[cls[0]] if unit and unit.letter == "Y" and unit.factor == 1 else None
    if re.fullmatch(r"[aNn]U-?A", cls):
        unit = lexicon().units.get(clean(words[1]))
        rule = lexicon().offsets.get(clean(words[-1]))
        n = count_value([words[0]])
        if unit is None or unit.letter != "Y" or unit.factor != 1 or rule is None or n is None:
            return None
        base = ctx.period.start if ctx.period is not None and ctx.period.start is not None else ctx.anchor
        return base.year + int(rule["sign"]) * int(n)
    return None


def _compared_period(word: str, letter: str, ctx: Context) -> Normalized | None:
    """The period "the same <unit>" refers to: the one being reported when it has that
    unit (any unit for "period"), else the current one."""
    assert ctx.anchor is not None
    period = ctx.period
    if letter == "e":
        return period if period is not None and period.precision in ("quarter", "month") else None
    unit = lexicon().units.get(clean(word))
    if unit is None or unit.factor != 1 or unit.time or unit.plural:
        return None
    if unit.letter == "D":
        return P.day(ctx.ref) if ctx.ref is not None else None
    if unit.letter not in _PRECISION_OF:
        return None
    if period is not None and period.precision == _PRECISION_OF[unit.letter]:
        return period
    return the_unit(["the", word], "tU", ctx)


def unit_of_date(words: list[str], cls: str, ctx: Context) -> Normalized | None:
    """the week of March 6 | the weekend of Oct. 3: the period holding that day."""
    from .absolute import explicit_date

    unit = lexicon().units.get(clean(words[1]))
    if unit is None or unit.plural or unit.time or unit.factor != 1 or unit.letter not in ("W", "WE", "M"):
        return None
    start = cls.index("O") + 1
    day_ = explicit_date(words[start:], cls[start:], ctx)
    if day_ is None or day_.start is None:
        return day_
    return P.with_anchor(P.period_of(unit.letter, day_.start), day_.anchor)

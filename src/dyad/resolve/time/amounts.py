"""Durations ("three weeks", "90 days"), recurrences ("every week", "daily"),
reference words ("now", "recently", "the future") and clock times."""

from __future__ import annotations

import re

from . import periods as P
from .context import Context, pick
from .lexicon import Unit, lexicon
from .periods import Normalized
from .words import clean, count_value

__all__ = ["duration_expr", "duration_value", "set_expr", "reference_expr", "clock_of", "and_a_half"]

#: a fractional amount of a unit is stated in the next smaller one
_SMALLER = {"Y": ("M", 12, False), "M": ("D", 30, False), "W": ("D", 7, False), "D": ("H", 24, True)}
_SMALLER_TIME = {"H": ("M", 60), "M": ("S", 60)}


def _unit(words: list[str], cls: str) -> tuple[str, Unit] | None:
    w = pick(words, cls, "Uu", nth=len([c for c in cls if c in "Uu"]) - 1)
    unit = lexicon().units.get(clean(w)) if w else None
    return (clean(w or ""), unit) if unit else None


def duration_value(n: float | None, unit: Unit, word: str = "") -> str:
    """TIMEX3 duration: 3 weeks -> P3W, 2.5 years -> P2Y6M, few hours -> PTXH, decades -> PXDE."""
    t = "T" if unit.time else ""
    letter = "D" if unit.letter == "WE" else ("M" if unit.letter == "H" and not unit.time else unit.letter)
    factor = unit.factor * (2 if unit.letter == "WE" else 6 if unit.letter == "H" and not unit.time else 1)
    if n is None:
        fuzzy = lexicon().fuzzy_unit_letters.get(word.rstrip("s") if word != "centuries" else "century")
        return f"P{t}X{fuzzy or letter}"
    amount = n * factor
    whole = int(amount)
    if amount == whole:
        return f"P{t}{whole}{letter}"
    return _fraction(whole, amount - whole, letter, unit.time)


def _fraction(whole: int, rest: float, letter: str, time: bool) -> str:
    if time and letter in _SMALLER_TIME:
        small, mult = _SMALLER_TIME[letter]
        return f"PT{whole}{letter}{int(round(rest * mult))}{small}" if whole else f"PT{int(round(rest * mult))}{small}"
    small, mult, small_time = _SMALLER.get(letter, (letter, 1, False))
    extra = int(round(rest * mult))
    if small_time:
        return f"P{whole}DT{extra}H" if whole else f"PT{extra}H"
    return f"P{whole}{letter}{extra}{small}" if whole else f"P{extra}{small}"


def duration_expr(words: list[str], cls: str, ctx: Context) -> Normalized | None:
    """three weeks | the past 20 years | five-hour | a decade | weeks | recent years."""
    found = _unit(words, cls)
    if found is None:
        return None
    word, unit = found
    counts = [w for w, c in zip(words, cls) if c in "aNnDK"]
    n = count_value(counts) if counts else (None if unit.plural else 1.0)
    return P.duration(duration_value(n, unit, word))


def and_a_half(words: list[str], cls: str, ctx: Context) -> Normalized | None:
    """two and a half years | a minute and a half: the count plus half a unit."""
    if "and" not in words or "half" not in words:
        return None
    units = [(w, lexicon().units.get(clean(w))) for w in words if clean(w) != "half"]
    found = [(w, u) for w, u in units if u is not None]
    if not found:
        return None
    word, unit = found[-1]
    n = count_value([words[0]])
    if n is None:
        return None
    return P.duration(duration_value(n + 0.5, unit, clean(word)))


_WEEKDAY_SET = "XXXX-WXX-{}"


def set_expr(words: list[str], cls: str, ctx: Context) -> Normalized | None:
    """every week | each Thursday | daily | Mondays | twice a year | every two weeks."""
    lex = lexicon()
    adverb = pick(words, cls, "Q")
    if adverb:
        return P.recurrence(lex.set_adverbs[clean(adverb)])
    part = pick(words, cls, "P")
    suffix = f"T{lex.parts_of_day[clean(part)]}" if part else ""
    for letter, value in (("Ww", _weekday_set), ("M", _month_set), ("S", _season_set)):
        w = pick(words, cls, letter)
        if w:
            return P.recurrence(value(clean(w)) + suffix)
    found = _unit(words, cls)
    if found is None:
        return P.recurrence("XXXX-XX-XX" + suffix) if suffix else None
    counts = [w for w, c in zip(words, cls) if c in "NnD" and clean(w) not in ("a", "an")]
    n = count_value(counts) if counts else 1.0
    return P.recurrence(duration_value(n or 1.0, found[1], found[0]))


def _weekday_set(word: str) -> str:
    wd = lexicon().weekdays.get(word.rstrip(".")) or lexicon().weekdays[word.rstrip(".").removesuffix("s")]
    return _WEEKDAY_SET.format(wd)


def _month_set(word: str) -> str:
    return f"XXXX-{lexicon().months[word.rstrip('.')]:02d}"


def _season_set(word: str) -> str:
    return f"XXXX-{lexicon().seasons[word]}"


def reference_expr(words: list[str], cls: str, ctx: Context) -> Normalized | None:
    """now | recently | currently | the past | the (near) future | the present."""
    lex = lexicon()
    w = pick(words, cls, "R")
    if w:
        return P.reference(lex.references[clean(w)], ctx.anchor)
    noun = pick(words, cls, "FLH")
    value = lex.reference_nouns.get(clean(noun or ""))
    return P.reference(value, ctx.anchor) if value else None


_HOUR_MIN = re.compile(r"^(\d{1,2})(?:[:.](\d\d))?")


def clock_of(words: list[str], cls: str) -> str | None:
    """"10:35 a.m." -> "10:35", "5 p.m." -> "17:00", "noon" -> "12:00"."""
    lex = lexicon()
    word = pick(words, cls, "k")
    if word:
        return lex.clock_words[clean(word)]
    digits = pick(words, cls, "CnD")
    m = _HOUR_MIN.match(digits or "")
    if not m:
        return None
    hour, minute = int(m.group(1)), int(m.group(2) or 0)
    half = _am_pm(words, cls, digits or "")
    if half == "pm" and hour < 12:
        hour += 12
    elif half == "am" and hour == 12:
        hour = 0
    if hour > 24 or minute > 59:
        return None
    zone = pick(words, cls, "Z")
    utc = zone is not None and clean(zone) in lex.utc_zones  # ISO 8601 marks UTC with "Z"
    return f"{hour:02d}:{minute:02d}" + ("Z" if utc else "")


def _am_pm(words: list[str], cls: str, digits: str) -> str | None:
    marker = pick(words, cls, "m")
    if marker:
        return lexicon().am_pm.get(clean(marker))
    tail = clean(digits).lstrip("0123456789:.")
    return lexicon().am_pm.get(tail)

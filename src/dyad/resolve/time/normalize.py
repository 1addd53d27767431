"""Normalise a temporal expression to a TIMEX3 value and an interval.

``normalize(text, anchor, tense=..., reference=...)`` classifies the words
(:mod:`.words`), peels what modifies a whole expression (a clock time, "early /
mid / late", "earlier / later", leading prepositions) and dispatches the rest on
its class string to one rule of :mod:`.absolute`, :mod:`.relative` or
:mod:`.amounts`. Relative expressions need ``anchor`` (the publication date);
without it they come back with ``anchor == "unresolved"`` and no interval.
Anything no rule covers returns None.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import replace

from . import absolute as A
from . import amounts as Q
from . import periods as P
from . import relative as R
from .context import UNRESOLVED, Context
from .lexicon import lexicon
from .periods import Normalized
from .words import classify, clean, split_text

__all__ = ["Normalized", "Context", "normalize", "normalize_words", "UNRESOLVED"]

Rule = Callable[[list[str], str, Context], "Normalized | None"]

_CNT = r"(?:a?[NnDK](?:-?[NnDK]){0,3}|a)O?"


def _the_modified_unit(words: list[str], cls: str, ctx: Context) -> Normalized | None:
    """"the past year", "the next month" count from the publication date, like "last year";
    "the previous day", "the following week" from the narrative reference time."""
    mod = clean(words[1])
    unit = lexicon().units.get(clean(words[-1]))
    if mod in lexicon().publication_modifiers and unit is not None and unit.letter != "D":
        return R.relative_unit(words, cls, ctx)
    return R.anaphoric(words, cls, ctx)


_RULES: list[tuple[str, Rule]] = [
    (r"i", A.numeric_date),
    (r"Y-D-D", A.iso_split),
    (r"(?:[LX]|Wc?)?MD(?:c?Y)?", A.explicit_date),
    (r"(?:Wc?)?t?DO?Mc?Y?", A.explicit_date),
    (r"[LHX]M", A.month_relative),
    (r"M[LHX]U", A.month_year_relative),
    (r"MO?c?Y|M", A.month_name),
    (r"[LHX]?hj*(?:c?Y)?", A.holiday),
    (r"t?(?:y|yU|[LHX]yU|yUY)(?:Y)?|t?[LHX]yU", A.fiscal_year),
    (r"t[Vx]?[Ue](?:Ot?)?(?:[LHX]U|[aNn]U-?A)", R.same_period),
    (r"[LHX]Us(?:o-?)?[Ue]", R.possessive_period),
    (r"tUOt?(?:MD|DO?M)(?:c?Y)?", R.unit_of_date),
    (r"t?Y?y?[oLHX]-?U(?:Ot?Y|Ot?[LHX]?U)?", R.quarter_expr),
    (r"t?[LHX]?Sc?(?:O?Y)?", R.season_expr),
    (r"t?[oD]-?U", A.century_expr),
    (r"[LHX]?WP?|t[LX]WP?", R.weekday_expr),
    (r"TP?|PT", R.deictic_day),
    (r"[HLV]?P", R.part_of_day),
    (r"t[LX]U", _the_modified_unit),
    (r"t?[HLX]U", R.relative_unit),
    (r"t?V[UP]|t?[UP]A|t?X[UP]|t[LX]P", R.anaphoric),
    (r"t?x?U-A(?:o-?)?[Uex]?", R.year_ago_period),
    (r"t[Yy]+[Ue]", A.year_period),
    (rf"(?:{_CNT})?b?-?[Uu](?:px)?-?A", R.offset_expr),
    (r"(?:a|[NnD])paU[Uu]|a[Uu]paU", Q.and_a_half),
    (rf"t?[LX]?{_CNT}b?-?[Uu]|t?[LX]u|r[Uu]|Xu|tu|u|t?o(?:{_CNT}[Uu]|u)", Q.duration_expr),
    (rf"Q|q[oN]?[UWMSPhu]P?|q{_CNT}b?[Uu]|wP?|(?:[nN]?f)a[Uu]|qWP?", Q.set_expr),
    (r"R|pR|t?g?[FLH]", Q.reference_expr),
    (r"t?[yb]?U", R.the_unit),
    (r"t[LH]e", R.the_period),
    (r"t?Us?-?E", R.year_end),
    (r"t?U?Y", A.bare_year),
    (r"t?d", A.decade_expr),
]
_COMPILED = [(re.compile(p), rule) for p, rule in _RULES]

_LEAD_JUNK = re.compile(r"^[pxcs\-]+")
_TRAIL_JUNK = re.compile(r"[pcs\-]+$")
_CLOCK_HEAD = re.compile(r"^(?:Cm?|[nD]m|k)Z?c?")
_CLOCK_TAIL = re.compile(r"c?p?(?:Cm?|[nD]m|k)Z?$")
_PART_HEAD = re.compile(r"^t?E-?(?:Ot?)?")


def _expand(words: list[str]) -> list[str]:
    """Split hyphenated words as spaCy splits "five-hour" ("mid-1990s" stays one token)."""
    out: list[str] = []
    for w in words:
        w = clean(w)
        if "-" in w and len(w) > 1 and not w[0].isdigit() and w not in lexicon().ordinals:
            pieces = w.split("-")
            for i, p in enumerate(pieces):
                if i:
                    out.append("-")
                if p:
                    out.append(p)
        else:
            out.append(w)
    return out


def _trim(words: list[str], cls: str) -> tuple[list[str], str]:
    lead = _LEAD_JUNK.match(cls)
    start = lead.end() if lead else 0
    trail = _TRAIL_JUNK.search(cls, start)
    end = trail.start() if trail else len(cls)
    return words[start:end], cls[start:end]


def _dispatch(words: list[str], cls: str, ctx: Context) -> Normalized | None:
    for pattern, rule in _COMPILED:
        if pattern.fullmatch(cls):
            found = rule(words, cls, ctx)
            if found is not None:
                return found
    return None


def _with_clock(words: list[str], cls: str, ctx: Context) -> Normalized | None:
    """10:35 a.m. | 5 p.m. EST, Nov. 9 | noon Saturday | Friday, 10 p.m."""
    head, tail = _CLOCK_HEAD.match(cls), _CLOCK_TAIL.search(cls)
    if head:
        clock_words, clock_cls, rest = words[:head.end()], cls[:head.end()], (words[head.end():], cls[head.end():])
    elif tail and tail.start() > 0:
        clock_words, clock_cls, rest = words[tail.start():], cls[tail.start():], (words[:tail.start()], cls[:tail.start()])
    else:
        return None
    clock = Q.clock_of(clock_words, clock_cls)
    if clock is None:
        return None
    if rest[1]:
        found = _core(rest[0], rest[1], ctx)
        if found is None or found.precision != "day" or found.start is None:
            return found
        return replace(P.day(found.start, clock=clock), anchor=found.anchor)
    if ctx.ref is None:
        return Normalized("TIME", f"XXXX-XX-XXT{clock}", None, None, None, UNRESOLVED)
    return P.with_anchor(P.day(ctx.ref, clock=clock), ctx.ref_kind)


def _with_part(words: list[str], cls: str, ctx: Context) -> Normalized | None:
    """early December | the end of the month | mid-1990s | late Friday."""
    m = _PART_HEAD.match(cls)
    if not m or m.end() >= len(cls):
        return None
    part_word = next(w for w, c in zip(words, cls) if c == "E")
    part = lexicon().parts[clean(part_word)]
    inner = _core(words[m.end():], cls[m.end():], ctx)
    if inner is None or inner.type not in ("DATE",) or inner.precision == "day":
        return inner
    return P.with_part(inner, part)


def _with_side(words: list[str], cls: str, ctx: Context) -> Normalized | None:
    """earlier this year (its first part, up to the anchor) | later today."""
    inner = _core(words[1:], cls[1:], ctx)
    side = lexicon().period_sides.get(clean(words[0]))
    a = ctx.anchor
    if inner is None or side is None or a is None or inner.start is None or inner.end is None:
        return inner
    if inner.precision == "day" or not inner.start <= a <= inner.end:
        return inner
    # "earlier this week" is before the anchor day ("earlier today" would name that day)
    if side == "before":
        return replace(inner, precision="range", end=max(inner.start, a - dt.timedelta(days=1)))
    return replace(inner, precision="range", start=min(inner.end, a + dt.timedelta(days=1)))


def _core(words: list[str], cls: str, ctx: Context) -> Normalized | None:
    words, cls = _trim(words, cls)
    if not cls:
        return None
    if cls.startswith("HL") or cls.startswith("HX"):  # "this past weekend", "this coming week"
        words, cls = words[1:], cls[1:]
    if _CLOCK_HEAD.match(cls) or _CLOCK_TAIL.search(cls):
        found = _with_clock(words, cls, ctx)
        if found is not None:
            return found
    if _PART_HEAD.match(cls) and len(cls) > 1:
        return _with_part(words, cls, ctx)
    if cls[0] == "A" and len(cls) > 1:
        return _with_side(words, cls, ctx)
    found = _dispatch(words, cls, ctx)
    if found is None and cls.endswith("x"):
        stripped = cls.rstrip("x")
        return _core(words[:len(stripped)], stripped, ctx) if stripped else None
    return found


_SPOKEN_RUN = re.compile(r"N(?:-?N){1,3}(?![NUu-])")


def _spoken_years(words: list[str], cls: str) -> tuple[list[str], str]:
    """"January nineteen ninety-seven" -> "January 1997": a run of number words that
    reads as a year and counts nothing becomes a year token."""
    for m in reversed(list(_SPOKEN_RUN.finditer(cls))):
        year = A.spoken_year(words[m.start():m.end()], cls[m.start():m.end()], Context(None))
        if year is not None:
            words = words[:m.start()] + [year.value] + words[m.end():]
            cls = cls[:m.start()] + "Y" + cls[m.end():]
    return words, cls


def normalize_words(words: list[str], ctx: Context) -> Normalized | None:
    """Normalise an expression given as words (spaCy token texts)."""
    words = _expand(words)
    words, cls = _spoken_years(words, classify(words))
    return _core(words, cls, ctx)


def normalize(text: str, anchor: dt.date | None, *, future: bool = False,
              reference: dt.date | None = None, tense: str | None = None,
              period: Normalized | None = None, firm: bool = True) -> Normalized | None:
    """Normalise ``text``. ``anchor`` is the publication date, ``reference`` the narrative
    reference day ("the previous night"), ``tense`` of the governing verb ("past",
    "present", "future"; ``future=True`` is shorthand) orients bare weekdays and months;
    ``firm=False`` lets a month and day near the anchor run against the tense."""
    ctx = Context(anchor, reference, "future" if future else tense, period, firm)
    return normalize_words(split_text(text), ctx)

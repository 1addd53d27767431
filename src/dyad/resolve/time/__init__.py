"""When: temporal expressions in a parsed segment, and the date of each event.

:class:`TimeFinder` recognises expressions (:mod:`.recognize`: a class-string
pattern over tokens plus the NER's DATE/TIME spans), orients each by the tense of
its governing verb (:mod:`.tense`) and normalises it (:mod:`.normalize`) against
the publication date, or against the narrative reference time that
:class:`ParagraphClock` keeps ("the previous night"). :func:`date_event`
(:mod:`.dating`) picks the date of an event from them; for a paragraph that states
no date, :class:`TimeFinder` leaves the story's last main-clause day on the parsed
segment (``Doc.user_data[CARRIED]``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Span

from ...model import TimeValue
from . import periods as P
from .context import UNRESOLVED, Context
from .dating import CARRIED, date_event, main_clause_time, names_another_happening, narrative_time
from .lexicon import lexicon
from .normalize import normalize, normalize_words
from .periods import Normalized
from .recognize import find_candidates
from .tense import orientation
from .words import count_value

__all__ = ["TimeFinder", "ParagraphClock", "date_event", "normalize", "Normalized", "to_time_value"]

#: precisions that move the narrative reference day
_REFERENCE_PRECISIONS = ("day",)
#: precisions that may anchor "a year earlier" / "the year-ago quarter"
_PERIOD_PRECISIONS = ("week", "month", "quarter", "year")
#: precisions that "the following month" / "that year" may count from
_LATEST_PRECISIONS = ("day", "week", "month", "season", "quarter", "year")


@dataclass(slots=True)
class ParagraphClock:
    """The narrative reference time of the current paragraph: the last day stated
    (``reference``) and the last period stated (``period``)."""

    published: dt.date | None
    reference: dt.date | None = None
    period: Normalized | None = None
    #: the last date or period stated, of any precision
    latest: Normalized | None = None
    stated: list[tuple[TimeValue, Span]] = field(default_factory=list)

    def _reported(self, norm: Normalized | None) -> bool:
        """A period that later comparisons ("a year earlier") may refer to: stated in its
        own right (not itself a comparison) and not in the future."""
        if norm is None or norm.precision not in _PERIOD_PRECISIONS or norm.comparison:
            return False
        return self.published is None or norm.start is None or norm.start <= self.published

    def advance(self, value: TimeValue, norm: Normalized | None = None, boundary: bool = False,
                background: bool = False) -> None:
        """Move the reference time to a date just stated (not to durations, sets or "now").
        A ``boundary`` ("the quarter ended *Oct. 31*") closes the period being talked
        about: it is no new period for "that quarter" to refer to; a ``background`` date
        names another happening in passing ("summoned the envoy over *Monday's* assault")
        and leaves the reference day where it was."""
        if value.type not in ("DATE", "TIME") or not value.start_date or (value.value or "").endswith("_REF"):
            return
        if value.precision in _REFERENCE_PRECISIONS and not background:
            self.reference = dt.date.fromisoformat(value.start_date)
        if self._reported(norm):
            self.period = norm
        if norm is not None and norm.start is not None and norm.precision in _LATEST_PRECISIONS and not boundary:
            self.latest = norm


def to_time_value(span: Span, offset: int, norm: Normalized | None) -> TimeValue:
    """A :class:`TimeValue` for ``span`` (offsets into the article text)."""
    tv = TimeValue(text=span.text, start=offset + span.start_char, end=offset + span.end_char,
                   type="TIME" if span.root.ent_type_ == "TIME" else "DATE")
    if norm is None:
        return tv
    tv.type = norm.type  # type: ignore[assignment]
    tv.value = norm.value or None
    tv.precision = norm.precision
    tv.start_date = norm.start.isoformat() if norm.start else None
    tv.end_date = norm.end.isoformat() if norm.end else None
    tv.unresolved = norm.anchor == UNRESOLVED
    tv.anchor = None if tv.unresolved else norm.anchor
    return tv


def _ended_period(span: Span, norm: Normalized | None, ctx: Context) -> Normalized | None:
    """"the (fiscal) year ended Sept. 30" is twelve months up to that date, not a calendar
    year; "the quarter ended July 31" the three months up to it, named by the calendar
    quarter holding most of them (May to July: the second), unless a quarter was named
    before (a fiscal "first quarter" it refers back to)."""
    doc = span.doc
    nxt = doc[span.end] if span.end < len(doc) else None
    if norm is None or nxt is None or nxt.lower_ not in lexicon().period_end_words:
        return norm
    if span[0].lower_ != "the":
        return norm
    if norm.precision == "year" and span[-1].lower_ == "year":
        return Normalized("DURATION", "P1Y")
    named = ctx.period is not None and ctx.period.precision == "quarter"
    if norm.precision == "quarter" and len(span) == 2 and span[-1].lower_ == "quarter" and not named:
        end = _date_after(doc, span.end + 1, ctx)
        if end is not None:
            middle = end - dt.timedelta(days=45)
            return P.with_anchor(P.quarter(middle.year, P.quarter_of(middle)), norm.anchor)
    return norm


def _date_after(doc: Doc, i: int, ctx: Context) -> dt.date | None:
    """The day stated by the words starting at token ``i`` ("Sept. 30", "July 31, 1989")."""
    words = [t.text for t in doc[i:i + 4]]
    for n in range(len(words), 1, -1):
        found = normalize_words(words[:n], replace(ctx, tense="past", firm=True))
        if found is not None and found.precision == "day" and found.start is not None:
            return found.start
    return None


def _counted_from(span: Span, norm: Normalized | None, ctx: Context) -> tuple[Span, Normalized | None]:
    """"the day before last Tuesday", "two weeks after Christmas": the stated day moved by
    the amount before it (the whole phrase is the expression)."""
    doc, i = span.doc, span.start
    if norm is None or norm.precision != "day" or norm.start is None or i < 2:
        return span, norm
    mark = doc[i - 1].lower_
    rule = lexicon().offsets.get(mark)
    unit = lexicon().units.get(doc[i - 2].lower_)
    if mark not in ("before", "after") or rule is None or unit is None or unit.time or unit.letter not in ("D", "W"):
        return span, norm
    start = i - 2
    while start > 0 and (doc[start - 1].like_num or doc[start - 1].lower_ in ("a", "an", "the", "one")):
        start -= 1
    if start == i - 2:
        return span, norm  # "eight trading days after Oct. 12": no count of its own
    counted = [t.text for t in doc[start:i - 2] if t.lower_ != "the"]
    n = count_value(counted) if counted else (None if unit.plural else 1.0)
    if n is None or n != int(n):
        return span, norm
    moved = P.shift(norm.start, unit.letter, int(rule["sign"]) * int(n) * unit.factor)
    return doc[start:span.end], P.with_anchor(P.day(moved), norm.anchor)


def _after_period_end(span: Span) -> bool:
    """"(the quarter) ended Sept. 30": the expression bounds a period stated before it."""
    return span.start > 0 and span.doc[span.start - 1].lower_ in lexicon().period_end_words


class TimeFinder:
    """Temporal expressions of one article's segments, normalised against ``published``."""

    def __init__(self, published: dt.date | None) -> None:
        self.published = published
        #: the last paragraph's clock: a new paragraph continues its narrative time
        self._last: ParagraphClock | None = None
        self._first_period: Normalized | None = None
        #: the last narrative time stated so far (see :func:`.dating.narrative_time`)
        self._narrative: TimeValue | None = None
        self._main = False

    def find(self, doc: Doc, offset: int, clock: ParagraphClock) -> list[tuple[TimeValue, Span]]:
        """Every expression in ``doc`` (a segment starting at ``offset``), in text order."""
        out: list[tuple[TimeValue, Span]] = []
        doc.user_data[CARRIED] = self._narrative
        if self._last is not None and clock.reference is None and clock.period is None:
            clock.reference, clock.period = self._last.reference, self._first_period or self._last.period
            clock.latest = self._last.latest
        for span, by_rule in find_candidates(doc):
            tense, firm = orientation(span)
            ctx = Context(self.published, clock.reference, tense, clock.period, firm, clock.latest)
            norm = _ended_period(span, normalize_words([t.text for t in span], ctx), ctx)
            if norm is None and not by_rule:
                continue  # an NER date no rule understands is more often noise than a time
            span, norm = _counted_from(span, norm, ctx)
            if out and out[-1][1].end > span.start:  # "two days" inside "two days before Christmas"
                out.pop()
                clock.stated.pop()
            tv = to_time_value(span, offset, norm)
            clock.advance(tv, norm, _after_period_end(span), names_another_happening(span))
            clock.stated.append((tv, span))
            out.append((tv, span))
            if tv.precision == "day" and narrative_time(tv, span, self.published):
                # a paragraph with no date of its own goes on from the last day its story
                # told in a main clause (else from the last day told at all)
                main = main_clause_time(tv, span, self.published)
                if main or self._narrative is None or not self._main:
                    self._narrative, self._main = tv, main
        self._last = clock
        if self._first_period is None:
            self._first_period = clock.period
        return out

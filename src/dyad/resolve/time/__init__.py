"""When: temporal expressions in a parsed segment, and the date of each event.

:class:`TimeFinder` recognises expressions (:mod:`.recognize`: a class-string
pattern over tokens plus the NER's DATE/TIME spans), orients each by the tense of
its governing verb (:mod:`.tense`) and normalises it (:mod:`.normalize`) against
the publication date, or against the narrative reference time that
:class:`ParagraphClock` keeps ("the previous night"). :func:`date_event`
(:mod:`.dating`) picks the date of an event from them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from ...model import TimeValue
from .context import UNRESOLVED, Context
from .dating import date_event
from .lexicon import lexicon
from .normalize import normalize, normalize_words
from .periods import Normalized
from .recognize import find_candidates
from .tense import orientation

__all__ = ["TimeFinder", "ParagraphClock", "date_event", "normalize", "Normalized", "to_time_value"]

#: precisions that move the narrative reference day
_REFERENCE_PRECISIONS = ("day",)
#: precisions that may anchor "a year earlier" / "the year-ago quarter"
_PERIOD_PRECISIONS = ("week", "month", "quarter", "year")


@dataclass(slots=True)
class ParagraphClock:
    """The narrative reference time of the current paragraph: the last day stated
    (``reference``) and the last period stated (``period``)."""

    published: dt.date | None
    reference: dt.date | None = None
    period: Normalized | None = None
    stated: list[tuple[TimeValue, Span]] = field(default_factory=list)

    def _reported(self, norm: Normalized | None) -> bool:
        """A period that later comparisons ("a year earlier") may refer to: stated in its
        own right (not itself a comparison) and not in the future."""
        if norm is None or norm.precision not in _PERIOD_PRECISIONS or norm.comparison:
            return False
        return self.published is None or norm.start is None or norm.start <= self.published

    def advance(self, value: TimeValue, norm: Normalized | None = None) -> None:
        """Move the reference time to a date just stated (not to durations, sets or "now")."""
        if value.type not in ("DATE", "TIME") or not value.start_date or (value.value or "").endswith("_REF"):
            return
        if value.precision in _REFERENCE_PRECISIONS:
            self.reference = dt.date.fromisoformat(value.start_date)
        if self._reported(norm):
            self.period = norm


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


def _ended_year(span: Span, norm: Normalized | None) -> Normalized | None:
    """"the (fiscal) year ended Sept. 30" is twelve months up to that date, not a calendar year."""
    nxt = span.doc[span.end] if span.end < len(span.doc) else None
    if norm is None or nxt is None or nxt.lower_ not in lexicon().period_end_words:
        return norm
    if norm.precision == "year" and span[0].lower_ == "the" and span[-1].lower_ == "year":
        return Normalized("DURATION", "P1Y")
    return norm


class TimeFinder:
    """Temporal expressions of one article's segments, normalised against ``published``."""

    def __init__(self, published: dt.date | None) -> None:
        self.published = published
        #: the last paragraph's clock: a new paragraph continues its narrative time
        self._last: ParagraphClock | None = None
        self._first_period: Normalized | None = None

    def find(self, doc: Doc, offset: int, clock: ParagraphClock) -> list[tuple[TimeValue, Span]]:
        """Every expression in ``doc`` (a segment starting at ``offset``), in text order."""
        out: list[tuple[TimeValue, Span]] = []
        if self._last is not None and clock.reference is None and clock.period is None:
            clock.reference, clock.period = self._last.reference, self._first_period or self._last.period
        for span, by_rule in find_candidates(doc):
            tense, firm = orientation(span)
            ctx = Context(self.published, clock.reference, tense, clock.period, firm)
            norm = _ended_year(span, normalize_words([t.text for t in span], ctx))
            if norm is None and not by_rule:
                continue  # an NER date no rule understands is more often noise than a time
            tv = to_time_value(span, offset, norm)
            clock.advance(tv, norm)
            clock.stated.append((tv, span))
            out.append((tv, span))
        self._last = clock
        if self._first_period is None:
            self._first_period = clock.period
        return out

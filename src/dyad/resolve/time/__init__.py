"""When: temporal expressions in a parsed segment, and the date of each event.

Expressions come from the NER's DATE/TIME spans; each is normalised
(:mod:`.normalize`) against the publication date, or against the paragraph's
narrative reference time for "the previous night"-style expressions. An event
takes the expression that governs its trigger in the parse, else one stated in
its clause, else the paragraph's reference time, else the publication date
(precision ``article``, ``stated`` false).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from ...model import EventDate, TimeValue
from .normalize import normalize

__all__ = ["TimeFinder", "ParagraphClock", "date_event"]

_LINKS = ("prep", "pobj", "npadvmod", "tmod", "poss", "compound", "nummod", "amod", "advmod", "appos", "nmod", "quantmod", "case", "pcomp")
_FUTURE_AUX = {"will", "shall", "'ll", "’ll"}


@dataclass(slots=True)
class ParagraphClock:
    """The narrative reference time of the current paragraph."""

    published: dt.date | None
    reference: dt.date | None = None
    stated: list[tuple[TimeValue, Span]] = field(default_factory=list)

    def advance(self, value: TimeValue) -> None:
        if value.precision == "day" and value.start_date:
            self.reference = dt.date.fromisoformat(value.start_date)


def _is_future(tok: Token) -> bool:
    cur = tok
    for _ in range(4):
        if any(c.dep_ == "aux" and c.lower_ in _FUTURE_AUX for c in cur.children):
            return True
        if cur.lemma_.lower() in ("plan", "expect", "schedule", "prepare"):
            return True
        if cur.head is cur:
            break
        cur = cur.head
    return any(t.lower_ in ("next", "coming", "upcoming", "tomorrow") for t in tok.sent)


def _clean_text(span: Span) -> Span:
    """Drop a trailing possessive ("Sunday's") so the span is the expression."""
    end = span.end
    while end > span.start + 1 and span.doc[end - 1].tag_ in ("POS",):
        end -= 1
    return span.doc[span.start:end]


class TimeFinder:
    def __init__(self, published: dt.date | None) -> None:
        self.published = published

    def find(self, doc: Doc, offset: int, clock: ParagraphClock) -> list[tuple[TimeValue, Span]]:
        out: list[tuple[TimeValue, Span]] = []
        for ent in doc.ents:
            if ent.label_ not in ("DATE", "TIME"):
                continue
            span = _clean_text(ent)
            future = _is_future(span.root.head)
            norm = normalize(span.text, self.published, future=future, reference=clock.reference)
            tv = TimeValue(text=span.text, start=offset + span.start_char, end=offset + span.end_char,
                           type=ent.label_ if norm is None else norm.type)
            if norm is not None:
                tv.value, tv.precision = norm.value, norm.precision
                tv.start_date = norm.start.isoformat() if norm.start else None
                tv.end_date = norm.end.isoformat() if norm.end else None
                relative = not any(ch.isdigit() for ch in span.text) or "ago" in span.text.lower()
                tv.anchor = ("reference" if clock.reference and "previous" in span.text.lower() else "published") if relative else None
                if tv.type == "DATE":
                    clock.advance(tv)
            elif self.published is None:
                tv.unresolved = True
            out.append((tv, span))
        return out


def _governs(trigger: Token, span: Span) -> bool:
    cur = span.root
    for _ in range(5):
        if cur.i == trigger.i:
            return True
        if cur.dep_ not in _LINKS or cur.head is cur:
            return False
        cur = cur.head
    return cur.i == trigger.i


def _clause_head(tok: Token) -> Token:
    cur = tok
    while cur.pos_ not in ("VERB", "AUX") and cur.head is not cur:
        cur = cur.head
    return cur


def _from_time(tv: TimeValue, source: str) -> EventDate:
    return EventDate(start=tv.start_date, end=tv.end_date, precision=tv.precision, text=tv.text,
                     text_start=tv.start, text_end=tv.end, stated=True, source=source)


def date_event(trigger: Token, times: list[tuple[TimeValue, Span]], clock: ParagraphClock) -> EventDate:
    """The date of the event whose trigger is ``trigger`` (see the module docstring)."""
    usable = [(tv, sp) for tv, sp in times if tv.type in ("DATE", "TIME") and tv.start_date and sp.sent == trigger.sent]
    for tv, span in usable:
        if _governs(trigger, span):
            return _from_time(tv, "governing")
    head = _clause_head(trigger)
    for tv, span in usable:
        if _clause_head(span.root) is head or _governs(head, span):
            return _from_time(tv, "clause")
    earlier = [tv for tv, sp in times if tv.precision == "day" and tv.start_date and sp.end <= trigger.i]
    if earlier and trigger.tag_ in ("VBD", "VBN", "NN", "NNS") and not _is_future(trigger):
        d = earlier[-1].start_date
        return EventDate(start=d, end=d, precision="day", text=earlier[-1].text, stated=False, source="paragraph")
    published = clock.published
    if published is None:
        return EventDate(precision=None, stated=False, source="unresolved")
    if any(c.dep_ == "aux" and c.lemma_ == "have" for c in trigger.children) and trigger.tag_ == "VBN":
        lo = (published - dt.timedelta(days=14)).isoformat()
        return EventDate(start=lo, end=published.isoformat(), precision="range", stated=False, source="perfect")
    d = published.isoformat()
    return EventDate(start=d, end=d, precision="article", stated=False, source="article")

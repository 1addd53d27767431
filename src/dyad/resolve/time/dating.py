"""The date of an event, from the temporal expressions of its segment.

In order: an expression that governs the trigger in the parse ("attacked *on
Sunday*", "*Sunday's* attack"), or the clause the trigger belongs to ("launched
an attack *on Sunday*"); then, for a past-tense event, the narrative reference
time of its paragraph (the last date stated before it); a present-perfect event
is in the recent past; a future one has no date; anything else gets the
publication date with precision ``article``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from spacy.tokens import Span, Token

from ...model import EventDate, TimeValue
from .lexicon import lexicon
from .tense import governing_verb, verb_tense

__all__ = ["date_event", "event_tense"]

#: dependency links from a temporal expression up to the word it modifies
_LINKS = frozenset({"prep", "pobj", "npadvmod", "tmod", "obl", "poss", "compound", "nummod", "amod",
                    "advmod", "appos", "nmod", "quantmod", "case", "pcomp", "dobj"})
#: links from a trigger up to the verb of its clause (not across reported speech)
_CLAUSE_LINKS = frozenset({"dobj", "nsubj", "nsubjpass", "attr", "pobj", "prep", "xcomp", "compound", "oprd"})

Times = list[tuple[TimeValue, Span]]


def _governs(head: Token, span: Span, steps: int = 4) -> bool:
    cur = span.root
    for _ in range(steps):
        if cur.i == head.i:
            return True
        if cur.dep_ not in _LINKS or cur.head.i == cur.i:
            return False
        cur = cur.head
    return cur.i == head.i


def _clause_heads(trigger: Token, steps: int = 3) -> list[Token]:
    """The trigger and the words above it inside its own clause."""
    heads, cur = [trigger], trigger
    for _ in range(steps):
        if cur.dep_ not in _CLAUSE_LINKS or cur.head.i == cur.i:
            break
        cur = cur.head
        heads.append(cur)
    return heads


def _dated(tv: TimeValue) -> bool:
    return tv.type in ("DATE", "TIME") and (bool(tv.start_date) or tv.unresolved)


def _narrowest(found: Times) -> tuple[TimeValue, Span]:
    def width(item: tuple[TimeValue, Span]) -> int:
        tv = item[0]
        if not tv.start_date or not tv.end_date:
            return 10**6
        return (dt.date.fromisoformat(tv.end_date) - dt.date.fromisoformat(tv.start_date)).days
    return min(found, key=width)


#: prepositions that bound a comparison rather than date the event when they hang off a
#: noun phrase: "the largest attack on the facility *since* 2010" (on a verb, "have occupied
#: the valley since 1997" is the event's open range)
_BOUNDS = {"since", "until", "till", "before"}


def _bounds_a_comparison(span: Span) -> bool:
    root = span.root
    return (_preposition(span) in _BOUNDS and root.head.head.pos_ in ("NOUN", "ADJ", "PROPN"))


def _governing(trigger: Token, times: Times) -> tuple[tuple[TimeValue, Span], str] | None:
    same = [(tv, sp) for tv, sp in times if _dated(tv) and sp.sent.start == trigger.sent.start
            and not _bounds_a_comparison(sp)]
    for source, heads in (("governing", [trigger]), ("clause", _clause_heads(trigger)[1:])):
        found = [(tv, sp) for tv, sp in same if any(_governs(h, sp) for h in heads)]
        if found:
            return _narrowest(found), source
    return None


def _preposition(span: Span) -> str | None:
    root = span.root
    if root.dep_ == "pobj" and root.head.dep_ == "prep":
        return root.head.lower_
    return None


def _partner(span: Span, times: Times) -> tuple[TimeValue, Span] | None:
    """The second end of "between 2009 and 2010" / "from May to July"."""
    for tv, sp in times:
        if sp.start > span.start and sp.root.head.i == span.root.i and sp.root.dep_ in ("conj", "pobj", "prep"):
            return tv, sp
        if sp.start > span.start and sp.root.dep_ == "pobj" and sp.root.head.head.i == span.root.i:
            return tv, sp
    return None


def _stated(item: tuple[TimeValue, Span], source: str, times: Times, published: dt.date | None) -> EventDate:
    tv, span = item
    if tv.unresolved:
        return EventDate(text=tv.text, text_start=tv.start, text_end=tv.end, stated=True, source="unresolved")
    date = EventDate(start=tv.start_date, end=tv.end_date, precision=tv.precision, text=tv.text,
                     text_start=tv.start, text_end=tv.end, stated=True, source=source)
    prep, lex = _preposition(span), lexicon()
    if prep in lex.range_start_prepositions and published is not None:
        date.end, date.precision = published.isoformat(), "range"
    elif prep in lex.range_end_prepositions:
        date.start, date.precision = None, "range"
    elif prep in lex.range_pair_prepositions:
        _widen(date, span, times)
    return date


def _widen(date: EventDate, span: Span, times: Times) -> None:
    partner = _partner(span, times)
    if partner is None or not partner[0].end_date:
        return
    tv, sp = partner
    offset = date.text_start - span.start_char if date.text_start is not None else 0
    date.end, date.precision = tv.end_date, "range"
    date.text = span.doc.text[span.start_char:sp.end_char]
    date.text_end = offset + sp.end_char


def event_tense(trigger: Token) -> str | None:
    """The tense of the event: the trigger's own for verbs, its clause verb's for nouns."""
    if trigger.pos_ in ("VERB", "AUX") and not (trigger.tag_ in ("VBG", "VBN") and not _has_aux(trigger)):
        return verb_tense(trigger)
    verb = governing_verb(trigger)
    return verb_tense(verb) if verb is not None else None


def _has_aux(tok: Token) -> bool:
    return any(c.dep_ in ("aux", "auxpass") for c in tok.children)


def _present_perfect(trigger: Token) -> bool:
    verb = trigger if trigger.pos_ in ("VERB", "AUX") else governing_verb(trigger)
    if verb is None or verb.tag_ != "VBN":
        return False
    return any(c.dep_ == "aux" and c.lemma_ == "have" and c.tag_ in ("VBZ", "VBP") for c in verb.children)


def _reference(trigger: Token, times: Times) -> tuple[TimeValue, Span] | None:
    """The narrative reference time: the last date stated before the trigger, else one
    stated later in its own sentence ("..., police said on Sunday")."""
    dated = [(tv, sp) for tv, sp in times if _dated(tv) and tv.start_date and not (tv.value or "").endswith("_REF")]
    before = [(tv, sp) for tv, sp in dated if sp.end_char <= trigger.idx]
    if before:
        return before[-1]
    return next(((tv, sp) for tv, sp in dated if sp.sent.start == trigger.sent.start), None)


def date_event(trigger: Token, times: Times, clock: Any) -> EventDate:
    """The date of the event whose trigger is ``trigger`` (see the module docstring).
    ``clock`` needs only a ``published`` attribute."""
    published: dt.date | None = getattr(clock, "published", None)
    governing = _governing(trigger, times)
    if governing is not None:
        return _stated(governing[0], governing[1], times, published)
    tense = event_tense(trigger)
    if tense == "future":
        return EventDate(stated=False, source="future")
    if _present_perfect(trigger) and published is not None:
        return _recent_past(published)
    ref = _reference(trigger, times) if tense in ("past", None) else None
    if ref is not None:
        tv = ref[0]
        return EventDate(start=tv.start_date, end=tv.end_date, precision=tv.precision, text=tv.text,
                         stated=False, source="paragraph")
    return _article_date(published)


def _recent_past(published: dt.date) -> EventDate:
    """"has traveled": some day in the last weeks (``recent_past_days`` in time.yaml)."""
    lo = published - dt.timedelta(days=lexicon().recent_past_days)
    return EventDate(start=lo.isoformat(), end=published.isoformat(), precision="range", stated=False,
                     source="perfect")


def _article_date(published: dt.date | None) -> EventDate:
    if published is None:
        return EventDate(stated=False, source="unresolved")
    d = published.isoformat()
    return EventDate(start=d, end=d, precision="article", stated=False, source="article")

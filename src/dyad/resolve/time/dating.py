"""The date of an event, from the temporal expressions of its segment.

In order: an expression that governs the trigger in the parse ("attacked *on
Sunday*", "*Sunday's* attack"), or a relative clause of a noun trigger ("the strike
that killed nine *last week*"), or the happening a relative clause tells more of
("the March 10 strike, which *killed* nine"); then an offset from the event of the
main clause ("the strike came *two days after* Bamako rejected ..."); then the clause
the trigger belongs to ("launched an attack *on Sunday*"). Failing those, a future
event has no date; a present-perfect one is in the recent past; a past one (or a
happening named by a noun) takes the narrative reference time: the last date stated
before it in its paragraph, else the day the story was at when the paragraph began
(:data:`CARRIED`); anything else gets the publication date with precision
``article``.

A date that only names another happening ("condemned *the March 5* attack") dates
neither the verb above it nor the events told after it; a past event is not dated
by a day after the publication ("called a strike for next Tuesday").
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from spacy.tokens import Span, Token

from ...model import EventDate, TimeValue
from . import periods as P
from .lexicon import lexicon
from .tense import governing_verb, verb_tense
from .words import classify, split_text

__all__ = ["date_event", "event_tense", "narrative_time", "main_clause_time", "names_another_happening", "CARRIED"]

#: ``Doc.user_data`` key under which :class:`~dyad.resolve.time.TimeFinder` leaves the
#: narrative time carried into a paragraph from the paragraphs before it (a TimeValue)
CARRIED = "dyad.time.narrative"

#: dependency links from a temporal expression up to the word it modifies
_LINKS = frozenset({"prep", "pobj", "npadvmod", "tmod", "obl", "poss", "compound", "nummod", "amod",
                    "advmod", "appos", "nmod", "quantmod", "case", "pcomp", "dobj"})
#: links by which an expression modifies a noun: the expression dates that noun only
_NOUN_MODIFIER = frozenset({"poss", "compound", "nummod", "amod", "nmod"})
#: links from a trigger up to the verb of its clause (not across reported speech); a
#: second conjunct shares the first one's time ("arrived before midnight and attacked")
_CLAUSE_LINKS = frozenset({"dobj", "nsubj", "nsubjpass", "attr", "pobj", "prep", "xcomp", "compound", "oprd",
                           "conj"})
#: "two days *after* ...": the event of the subordinate clause is that far from the main one
_OFFSET_MARKS = {"after": -1, "before": 1}
_AMOUNT = re.compile(r"^P(\d+|X)(D|W|M|Y)$|^PT(?:\d+|X)H$")
_UNIT_LETTERS = frozenset("DWMY")
#: a vague count ("days after"): somewhere between these many units
_VAGUE_AMOUNT = (2, 9)

Times = list[tuple[TimeValue, Span]]


def _governs(head: Token, span: Span, steps: int = 4) -> bool:
    cur = span.root
    for step in range(steps):
        if cur.i == head.i:
            return True
        if cur.dep_ not in _LINKS or cur.head.i == cur.i:
            return False
        if step == 0 and cur.dep_ in _NOUN_MODIFIER and _another_happening(cur.head, head):
            return False  # "condemned the March 5 attack": the date of the attack, not of condemning
        cur = cur.head
    return cur.i == head.i


def _another_happening(noun: Token, head: Token) -> bool:
    """A dated noun that names a happening of its own rather than the circumstances of
    ``head``: "condemned *the March 5 attack*" (but "killed *during Tuesday's protests*")."""
    if noun.i == head.i or noun.pos_ not in ("NOUN", "PROPN"):
        return False
    prep = noun.head if noun.dep_ == "pobj" else None
    return prep is None or prep.lower_ not in lexicon().circumstance_prepositions


def _clause_heads(trigger: Token, steps: int = 3) -> list[Token]:
    """The trigger and the words above it inside its own clause."""
    heads, cur = [trigger], trigger
    for _ in range(steps):
        if cur.dep_ not in _CLAUSE_LINKS or cur.head.i == cur.i:
            break
        if cur.dep_ == "prep" and cur.head.pos_ in ("NOUN", "PROPN") and cur.head.i != trigger.i:
            break  # "a protest over the attack": the attack is not the protest's clause
        cur = cur.head
        heads.append(cur)
    return heads


def _relative_clauses(trigger: Token) -> list[Token]:
    """Verbs of relative clauses on a noun trigger: "the strike *that killed* nine"."""
    if trigger.pos_ not in ("NOUN", "PROPN"):
        return []
    return [c for c in trigger.children if c.dep_ in ("relcl", "acl") and c.pos_ in ("VERB", "AUX")]


def _antecedent(trigger: Token) -> list[Token]:
    """The happening a relative clause tells more of: "the March 10 strike, which (Bamako
    says) *killed* nine civilians" happened when the strike did; "the decision *to expel*
    the envoy, announced on Monday" when the decision was (the caller leaves out future
    events: "a plan *to hold* talks, announced on Monday" is not dated by the plan)."""
    if trigger.dep_ == "acl" and trigger.head.pos_ == "NOUN" and trigger.tag_ == "VB":
        noun = trigger.head
        return [noun, *(c for c in noun.children if c.dep_ in ("acl", "relcl") and c.i != trigger.i)]
    cur = trigger
    for _ in range(3):
        if cur.dep_ == "relcl":
            noun = cur.head
            return [noun] if noun.pos_ == "NOUN" else []
        if cur.dep_ != "ccomp" or cur.head.i == cur.i:
            return []
        cur = cur.head
    return []


def _dated(tv: TimeValue) -> bool:
    return tv.type in ("DATE", "TIME") and (bool(tv.start_date) or tv.unresolved)


def _part_of_day_only(span: Span) -> bool:
    """"overnight", "morning": a part of the day with no day of its own."""
    return set(classify(split_text(span.text))) <= set("P")


#: how much a resolved value leans on other dates: absolute, from the publication date, from
#: the narrative reference time
_RELATIVITY = {"published": 1, "reference": 2}


def _narrowest(found: Times) -> tuple[TimeValue, Span]:
    def width(item: tuple[TimeValue, Span]) -> tuple[int, int]:
        tv, span = item
        if not tv.start_date or not tv.end_date:
            return 10**6, 0
        days = (dt.date.fromisoformat(tv.end_date) - dt.date.fromisoformat(tv.start_date)).days
        # "an overnight attack on March 5": March 5; "eight days earlier, on May 20": May 20
        return days, int(_part_of_day_only(span)) + _RELATIVITY.get(tv.anchor or "", 0)
    return min(found, key=width)


#: prepositions that bound a comparison rather than date the event when they hang off a
#: noun phrase: "the largest attack on the facility *since* 2010" (on a verb, "have occupied
#: the valley since 1997" is the event's open range)
_BOUNDS = {"since", "until", "till", "before"}


def _bounds_a_comparison(span: Span) -> bool:
    root = span.root
    return (_preposition(span) in _BOUNDS and root.head.head.pos_ in ("NOUN", "ADJ", "PROPN"))


def names_another_happening(span: Span) -> bool:
    """"the March 5 raid", "last Sunday's attack" inside a clause about something else: the
    date of that happening, not the time the story is told at (a subject is the story's
    own: "Sunday's attack killed five")."""
    root = span.root
    noun = root.head
    return (root.dep_ in _NOUN_MODIFIER and noun.i != root.i and noun.pos_ in ("NOUN", "PROPN")
            and noun.dep_ not in ("nsubj", "nsubjpass", "ROOT"))


def _in_relative_clause(span: Span) -> bool:
    """"the group that killed 14 soldiers earlier this month", "fishermen, who were released
    on June 1": background on a participant, not the story's time (unlike "a statement
    read on Wednesday", the vehicle of the story's event)."""
    verb = governing_verb(span.root)
    cur = verb
    while cur is not None and cur.head.i != cur.i:
        if cur.dep_ == "relcl":
            return True
        if cur.dep_ in ("ccomp", "ROOT"):
            return False
        cur = cur.head
    return False


def narrative_time(tv: TimeValue, span: Span, published: dt.date | None) -> bool:
    """Whether ``tv`` sets the time later events of the story are told at: a stated date,
    not "now" or a vague reference, not in the future, not a range's bound ("since
    January"), not a comparison's bound and not the date of another happening named in
    passing or of a relative clause."""
    if not _dated(tv) or not tv.start_date or (tv.value or "").endswith("_REF"):
        return False
    if published is not None and tv.start_date > published.isoformat():
        return False
    lex = lexicon()
    if _preposition(span) in lex.range_start_prepositions | lex.range_end_prepositions:
        return False
    return not _bounds_a_comparison(span) and not names_another_happening(span) and not _in_relative_clause(span)


def main_clause_time(tv: TimeValue, span: Span, published: dt.date | None) -> bool:
    """A narrative time that dates the main clause of its sentence ("The Assembly *on
    Tuesday* rejected ..."): what a later paragraph with no date of its own goes on from.
    Times of subordinate clauses ("the six people shot dead *on February 18*") and of
    named happenings ("*the February 25* strike showed ...") are background."""
    if not narrative_time(tv, span, published) or span.root.dep_ in _NOUN_MODIFIER:
        return False
    verb = governing_verb(span.root)
    return verb is not None and (verb.dep_ == "ROOT" or (verb.dep_ == "conj" and verb.head.dep_ == "ROOT"))


def _governing(trigger: Token, times: Times, tiers: tuple[str, ...] = ("governing", "clause"),
               before: dt.date | None = None) -> tuple[tuple[TimeValue, Span], str] | None:
    """The expression that dates the trigger, and how it was found; ``before``: a past
    event's date cannot begin after it ("called a strike for next Tuesday")."""
    limit = before.isoformat() if before is not None else None
    same = [(tv, sp) for tv, sp in times if _dated(tv) and sp.sent.start == trigger.sent.start
            and not _bounds_a_comparison(sp) and not (limit and tv.start_date and tv.start_date > limit)]
    antecedents = _antecedent(trigger) if event_tense(trigger) != "future" else []
    heads_of = {"governing": [trigger, *_relative_clauses(trigger), *antecedents],
                "clause": _clause_heads(trigger)[1:]}
    for source in tiers:
        found = [(tv, sp) for tv, sp in same if any(_governs(h, sp) for h in heads_of[source])]
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


def _stated(item: tuple[TimeValue, Span], source: str, times: Times, published: dt.date | None,
            past: bool = False, since: dt.date | None = None) -> EventDate:
    tv, span = item
    if tv.unresolved:
        return EventDate(text=tv.text, text_start=tv.start, text_end=tv.end, stated=True, source="unresolved")
    date = EventDate(start=tv.start_date, end=tv.end_date, precision=tv.precision, text=tv.text,
                     text_start=tv.start, text_end=tv.end, stated=True, source=source)
    prep, lex = _preposition(span), lexicon()
    if prep in lex.range_start_prepositions and published is not None:
        # "have clashed since last year": up to the eve of the report
        date.end = max(date.start or "", (published - dt.timedelta(days=1)).isoformat())
        date.precision = "range"
    elif prep in lex.range_end_prepositions:
        _until(date, since or published)
    elif prep in lex.range_pair_prepositions:
        _widen(date, span, times)
    if past and published is not None:
        _clip(date, published)
    return date


def _until(date: EventDate, since: dt.date | None) -> None:
    """"until the end of April": from the time the story is told at (when that is before
    the end) to the stated end."""
    start = since.isoformat() if since is not None else None
    date.start = start if start is not None and date.end is not None and start <= date.end else None
    date.precision = "day" if date.start is not None and date.start == date.end else "range"


def _clip(date: EventDate, published: dt.date) -> None:
    """A past event cannot run past the publication date: "pulled troops back *this
    week*" (published on Friday) is Monday to Friday."""
    day = published.isoformat()
    if date.start and date.end and date.start <= day < date.end and date.precision != "day":
        date.end = day


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


def _bare_gerund(tok: Token) -> bool:
    return tok.tag_ == "VBG" and not _has_aux(tok)


def _has_aux(tok: Token) -> bool:
    return any(c.dep_ in ("aux", "auxpass") for c in tok.children)


def _present_perfect(trigger: Token) -> bool:
    verb = trigger if trigger.pos_ in ("VERB", "AUX") else governing_verb(trigger)
    if verb is None or verb.tag_ != "VBN":
        return False
    return any(c.dep_ == "aux" and c.lemma_ == "have" and c.tag_ in ("VBZ", "VBP") for c in verb.children)


def _ancestor(tok: Token, of: Token) -> bool:
    return any(a.i == tok.i for a in of.ancestors)


def _reference(trigger: Token, times: Times, published: dt.date | None,
               loose: bool = True) -> tuple[TimeValue, Span] | None:
    """The narrative reference time: the last date stated before the trigger, else one
    stated later in its own sentence on the verb that reports it ("..., police said on
    Sunday"), not on another clause ("..., whom they had detained on March 21");
    ``loose`` also takes one on a participle hanging on a noun ("troops stationed there
    on Monday"), which the parse often gives a date of the main clause."""
    dated = [(tv, sp) for tv, sp in times if narrative_time(tv, sp, published)]
    before = [(tv, sp) for tv, sp in dated if sp.end_char <= trigger.idx]
    if before:
        return before[-1]
    for tv, sp in dated:
        if sp.sent.start != trigger.sent.start:
            continue
        verb = governing_verb(sp.root)
        if verb is None or verb.i == trigger.i or _ancestor(verb, trigger) or (
                verb.dep_ == "conj" and verb.head.i == trigger.i):  # "were killed and six wounded on Sunday"
            return tv, sp
        if loose and not _own_clause(verb):
            return tv, sp
    return None


def _own_clause(verb: Token) -> bool:
    """A finite clause with a subject of its own ("whom they had detained on March 21"),
    not a participle hanging on a noun ("troops stationed there on Monday")."""
    if verb.dep_ == "relcl":
        return True
    return any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in verb.children)


def _carried(trigger: Token) -> TimeValue | None:
    """The day the story was at when the trigger's paragraph began."""
    found = trigger.doc.user_data.get(CARRIED)
    return found if isinstance(found, TimeValue) and found.start_date else None


def _narrative_date(tv: TimeValue, source: str = "paragraph") -> EventDate:
    return EventDate(start=tv.start_date, end=tv.end_date, precision=tv.precision, text=tv.text,
                     stated=False, source=source)


def _since(trigger: Token, times: Times, published: dt.date | None) -> dt.date | None:
    """The time the story is at when the trigger is told: what an open "until" runs from."""
    ref = _reference(trigger, times, published)
    tv = ref[0] if ref is not None else _carried(trigger)
    day = tv.start_date if tv is not None and tv.precision == "day" else None
    return dt.date.fromisoformat(day) if day else published


def date_event(trigger: Token, times: Times, clock: Any) -> EventDate:
    """The date of the event whose trigger is ``trigger`` (see the module docstring).
    ``clock`` needs only a ``published`` attribute."""
    published: dt.date | None = getattr(clock, "published", None)
    tense = event_tense(trigger)
    before = published if tense == "past" or _present_perfect(trigger) else None
    governing = _governing(trigger, times, ("governing",), before)
    offset = _offset_from_main_clause(trigger, times, published) if governing is None else None
    if offset is not None:
        return offset
    governing = governing or _governing(trigger, times, ("clause",), before)
    if governing is not None:
        return _stated(governing[0], governing[1], times, published, before is not None,
                       _since(trigger, times, published))
    if tense == "future":
        return EventDate(stated=False, source="future")
    if _present_perfect(trigger) and published is not None:
        return _recent_past(published)
    if tense == "present" and (trigger.pos_ in ("NOUN", "PROPN") or _bare_gerund(trigger)):
        tense = None  # "the expulsion is the most serious breach", "accuses Niger of killing": told before
    if tense in ("past", None):
        ref = _reference(trigger, times, published, loose=False)
        if ref is not None:
            return _narrative_date(ref[0])
        carried = _carried(trigger)
        if carried is not None:
            return _narrative_date(carried)
        ref = _reference(trigger, times, published)
        if ref is not None:
            return _narrative_date(ref[0])
    return _article_date(published)


# -- "two days after ..." ---------------------------------------------------------------

def _offset_mark(trigger: Token) -> tuple[Token, Token] | None:
    """The "after"/"before" that subordinates the trigger, and the word of the main clause
    it hangs on: "came two days *after* Bamako *rejected*", "a week *after* the expulsion"."""
    head = trigger.head
    if trigger.dep_ == "pobj" and head.lower_ in _OFFSET_MARKS and head.head.i != head.i:
        return head, head.head
    first = trigger
    while first.dep_ == "conj" and first.head.i != first.i:  # "..., and three days after X held talks"
        first = first.head
    if first.dep_ not in ("advcl", "ccomp", "acl", "xcomp") or first.head.i == first.i:
        return None
    head = first.head
    for c in trigger.children:
        if c.dep_ in ("mark", "prep") and c.lower_ in _OFFSET_MARKS:
            return c, head
        if c.dep_ == "npadvmod":  # the mark may hang on the amount: "[two days] after"
            mark = next((m for m in c.children if m.lower_ in _OFFSET_MARKS), None)
            if mark is not None:
                return mark, head
    return None


def _amount(mark: Token, trigger: Token, times: Times) -> tuple[TimeValue, Span] | None:
    """The duration before the mark ("two days", "a week"; a bare "days" is no time
    expression of its own, but still a vague amount here)."""
    for tv, sp in times:
        if tv.type != "DURATION" or not _AMOUNT.match(tv.value or ""):
            continue
        root = sp.root
        if sp.end == mark.i or (root.dep_ == "npadvmod" and root.head.i in (mark.i, trigger.i) and sp.end <= mark.i):
            return tv, sp
    prev = mark.doc[mark.i - 1] if mark.i > 0 else None
    unit = lexicon().units.get(prev.lower_) if prev is not None else None
    if prev is not None and unit is not None and unit.plural and not unit.time and unit.factor == 1 \
            and unit.letter in _UNIT_LETTERS:
        base = _segment_offset(times)
        start = None if base is None else base + prev.idx
        return TimeValue(text=prev.text, start=start or 0, end=(start or 0) + len(prev.text), type="DURATION",
                         value=f"PX{unit.letter}"), mark.doc[prev.i:prev.i + 1]
    return None


def _segment_offset(times: Times) -> int | None:
    """Where the segment starts in the article (its expressions carry article offsets)."""
    return next((tv.start - sp.start_char for tv, sp in times), None)


def _anchor_of(head: Token, times: Times, published: dt.date | None) -> tuple[str, str, str | None] | None:
    """(start, end, precision) of the main clause's event: its own date, else the story's time."""
    governing = _governing(head, times)
    if governing is not None and governing[0][0].start_date:
        tv = governing[0][0]
    else:
        ref = _reference(head, times, published)
        tv = ref[0] if ref is not None else _carried(head)
    if tv is not None and tv.start_date and tv.end_date:
        return tv.start_date, tv.end_date, tv.precision
    if published is None:
        return None
    return published.isoformat(), published.isoformat(), "day"


def _offset_from_main_clause(trigger: Token, times: Times, published: dt.date | None) -> EventDate | None:
    """"The strike came two days after Bamako rejected ...": rejecting was two days before
    the strike; "a week before the vote" the other way round."""
    found = _offset_mark(trigger)
    if found is None:
        return None
    mark, head = found
    amount = _amount(mark, trigger, times)
    if amount is None:
        return None
    anchor = _anchor_of(head, times, published)
    if anchor is None:
        return None
    tv, span = amount
    m = _AMOUNT.match(tv.value or "")
    assert m is not None
    sign = _OFFSET_MARKS[mark.lower_]
    if m.group(2) is None:  # "hours after": the same day
        letter, lo_n, hi_n = "D", 0, 0
    else:
        letter = m.group(2)
        lo_n, hi_n = (int(m.group(1)),) * 2 if m.group(1) != "X" else _VAGUE_AMOUNT
    start, end = dt.date.fromisoformat(anchor[0]), dt.date.fromisoformat(anchor[1])
    if sign < 0:
        first, last = P.shift(start, letter, -hi_n), P.shift(end, letter, -lo_n)
    else:
        first, last = P.shift(start, letter, lo_n), P.shift(end, letter, hi_n)
    precision = anchor[2] if lo_n == hi_n else "range"
    doc = trigger.doc
    base = _segment_offset(times)
    return EventDate(start=first.isoformat(), end=last.isoformat(), precision=precision,
                     text=doc.text[span.start_char:mark.idx + len(mark)],
                     text_start=None if base is None else base + span.start_char,
                     text_end=None if base is None else base + mark.idx + len(mark),
                     stated=True, source="clause")


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

"""Where an event happened: the place its trigger governs, else its sentence's, else the article's."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Span, Token

from ...model import Location
from .names import FEATURE_RANK
from .recognize import LOC_PREPS

__all__ = ["locate_event"]

_MAX_CLIMB = 8
_PARTY_PREPS = frozenset({"against", "with", "by", "for", "about", "versus", "vs"})
# clause boundaries: a place beyond one belongs to another clause's event
_CLAUSE_DEPS = frozenset({"ccomp", "advcl", "relcl", "conj", "parataxis", "xcomp", "csubj", "pcomp"})


def _usable(rec: dict, exclude: Sequence[tuple[int, int]]) -> bool:
    if rec.get("is_actor") or rec.get("lat") is None:
        return False
    return not any(rec["start"] < end and start < rec["end"] for start, end in exclude)


def _governing_path(span: Span, trigger: Token) -> bool:
    """Does the trigger govern the place as its scene?

    Yes when the place is (inside) the object of a locative preposition attached
    to the trigger or to a noun below it ("at the U.S. embassy in Baghdad", "on
    Iraqi roads", "in a drone strike in Baghdad"), or (inside) the trigger's direct
    object ("hit the base", "shelled Kharkiv"). No when the path leaves the clause,
    passes the subject, or goes through another preposition ("against Washington":
    a participant, not a scene).
    """
    cur = span.root
    scene = False
    for _ in range(_MAX_CLIMB):
        head = cur.head
        if head is cur:
            return False
        if cur.dep_ == "pobj":
            if head.lower_ not in LOC_PREPS:
                return False
            scene = True
        if cur.dep_ in ("nsubj", "nsubjpass", "csubj", "agent"):
            return False
        if head.i == trigger.i:
            return scene or cur.dep_ in ("dobj", "npadvmod", "advmod", "obj")
        if cur.dep_ in _CLAUSE_DEPS:
            return False
        cur = head
    return False


def _rank(rec: dict) -> int:
    # the most specific place wins: "the U.S. embassy in Baghdad" happened in Baghdad
    return FEATURE_RANK.get(rec.get("feature") or "", 9)


def _governed(trigger: Token, places: Sequence[tuple[dict, Span]],
              exclude: Sequence[tuple[int, int]]) -> tuple[dict, Span] | None:
    best, best_rank = None, 99
    for rec, span in places:
        if not _usable(rec, exclude) or span.sent != trigger.sent or not _governing_path(span, trigger):
            continue
        rank = _rank(rec)
        if rank < best_rank:
            best, best_rank = (rec, span), rank
    return best


def _in_sentence(trigger: Token, places: Sequence[tuple[dict, Span]],
                 exclude: Sequence[tuple[int, int]]) -> tuple[dict, Span] | None:
    same = [(r, s) for r, s in places
            if s.sent == trigger.sent and _usable(r, exclude) and not _participant(s)]
    if not same:
        return None
    # locative phrases first ("in Mosul"), then the most specific, then the nearest
    def key(rs: tuple[dict, Span]) -> tuple[int, int, int]:
        rec, span = rs
        loc = 0 if span.root.dep_ == "pobj" and span.root.head.lower_ in LOC_PREPS else 1
        return (loc, FEATURE_RANK.get(rec.get("feature") or "", 9), abs(span.start - trigger.i))
    return min(same, key=key)


def _participant(span: Span) -> bool:
    """'against Washington', 'with Iran': the object of a preposition that names a party."""
    root = span.root
    return root.dep_ == "pobj" and root.head.lower_ in _PARTY_PREPS


def _location(rec: dict, source: str) -> Location:
    return Location(name=rec["name"], lat=rec["lat"], lon=rec["lon"], country=rec["country"],
                    geonameid=rec["geonameid"], admin1=rec["admin1"], precision=rec["precision"],
                    text=rec["text"] if rec.get("start", -1) >= 0 else None,
                    start=rec["start"] if rec.get("start", -1) >= 0 else None,
                    end=rec["end"] if rec.get("end", -1) >= 0 else None, source=source)


def locate_event(trigger: Token, places: Sequence[tuple[dict, Span]],
                 exclude: Sequence[tuple[int, int]] = (), focus: dict | None = None) -> Location | None:
    """The place the trigger governs ("at the U.S. embassy in Baghdad", "on Iraqi roads"),
    else the best place in its sentence, else the article's focus country.

    ``exclude`` holds spans that name participants rather than the scene (for
    verbal events, the recipient: "threatened Tehran" did not happen in Tehran).
    ``focus`` is the article's focus record; by default the one the place stage
    attached to ``places``.
    """
    ex = list(exclude)
    hit = _governed(trigger, places, ex)
    if hit is not None:
        return _location(hit[0], "governing")
    hit = _in_sentence(trigger, places, ex)
    if hit is not None:
        return _location(hit[0], "sentence")
    focus = focus if focus is not None else getattr(places, "focus", None)
    if focus is not None and focus.get("lat") is not None:
        return _location(focus, "article")
    return None

"""Where an event happened: the place its trigger governs, else its sentence's, else the article's."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Span, Token

from ...model import Location
from .names import EDGE_NOUNS, FEATURE_RANK, PLACE_NOUNS
from .recognize import LOC_PREPS

__all__ = ["locate_event"]

_MAX_CLIMB = 8
_PARTY_PREPS = frozenset({"against", "with", "by", "for", "about", "versus", "vs"})
# clause boundaries: a place beyond one belongs to another clause's event
_CLAUSE_DEPS = frozenset({"ccomp", "advcl", "relcl", "conj", "parataxis", "xcomp", "csubj", "pcomp"})


_IN_PREPS = frozenset({"in", "at", "near", "inside", "outside", "within", "around", "throughout"})


def _usable(rec: dict, span: Span, exclude: Sequence[tuple[int, int]]) -> bool:
    if rec.get("is_actor") or rec.get("lat") is None or _edge(rec, span):
        return False
    root = span.root
    if root.dep_ == "pobj" and root.head.lower_ in _IN_PREPS:
        return True  # "meet in Lomé": a scene even when taken for the meeting's party
    if root.dep_ == "dobj" and root.head.lemma_.lower() in _GOING_VERBS and rec.get("feature") != "country":
        return True  # "will visit Nairobi": the town visited is where it happens
    return not any(rec["start"] < end and start < rec["end"] for start, end in exclude)


_GOING_VERBS = frozenset({"visit", "tour", "reach", "enter", "storm", "overrun", "raid", "besiege"})


def _clause(tok: Token) -> Token:
    """The head of the clause ``tok`` is in (climbing until a clause boundary)."""
    for _ in range(20):
        if tok.dep_ in _CLAUSE_DEPS or tok.head is tok:
            return tok
        tok = tok.head
    return tok


#: nouns a country adjective can place: "on Iraqi roads", "on Malian soil", "Syrian territory"
_COUNTRY_SCENE_NOUNS = (PLACE_NOUNS - EDGE_NOUNS) | frozenset({
    "soil", "territory", "waters", "airspace", "road", "roads", "highway", "highways", "street", "streets",
    "coast", "coastline", "shore", "shores", "side", "bank", "land", "lands", "mainland", "countryside",
    "desert", "interior", "island", "islands", "port", "ports", "hinterland", "heartland", "soils",
})


def _edge(rec: dict, span: Span) -> bool:
    """A country that names no scene: "near the Malian border", "outside the Malian embassy",
    "waving Nigerien flags", "a US-Philippine patrol" (a country adjective places only
    a place noun: "on Iraqi roads", "on Malian soil")."""
    root = span.root
    doc = span.doc
    if span.end < len(doc) and doc[span.end].text == "-" or span.text.endswith("-"):
        return rec.get("feature") == "country"
    if root.dep_ not in ("amod", "compound", "nmod"):
        return False
    if root.head.lower_ in EDGE_NOUNS:
        return True
    return rec.get("feature") == "country" and root.head.lower_ not in _COUNTRY_SCENE_NOUNS


_NEAR_NOUNS = PLACE_NOUNS | frozenset({
    "north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest",
    "north-east", "north-west", "south-east", "south-west", "edge", "centre", "center", "heart",
})


def _of_place_noun(tok: Token) -> bool:
    """Is ``tok`` the object of "of" after a place noun or a direction ("the town of Ayorou",
    "province of El Oued", "north of Ayorou")?"""
    head = tok.head
    return tok.dep_ == "pobj" and head.lower_ == "of" and head.head.lower_ in _NEAR_NOUNS


def _locative_object(span: Span) -> bool:
    """'in Mosul', 'in the province of El Oued', 'near the town of Ayorou'."""
    root = span.root
    if root.dep_ == "pobj" and root.head.lower_ in LOC_PREPS:
        return True
    if root.dep_ == "appos":  # "in the Togolese capital, Lomé"
        root = root.head
        if root.dep_ == "pobj" and root.head.lower_ in LOC_PREPS:
            return True
    if _of_place_noun(root):
        noun = root.head.head
        return noun.dep_ == "pobj" and noun.head.lower_ in LOC_PREPS
    return False


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
            if _of_place_noun(cur):
                pass  # "the town of Ayorou": the place noun's own role decides
            elif head.lower_ not in LOC_PREPS:
                return False
            else:
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
    # (by precision: a division known only by its province's point ranks as the province)
    return FEATURE_RANK.get(rec.get("precision") or rec.get("feature") or "", 9)


def _governed(trigger: Token, places: Sequence[tuple[dict, Span]],
              exclude: Sequence[tuple[int, int]]) -> tuple[dict, Span] | None:
    best, best_rank = None, 99
    for rec, span in places:
        if not _usable(rec, span, exclude) or span.sent != trigger.sent or not _governing_path(span, trigger):
            continue
        rank = _rank(rec)
        if rank < best_rank:
            best, best_rank = (rec, span), rank
    return best


def _in_sentence(trigger: Token, places: Sequence[tuple[dict, Span]], exclude: Sequence[tuple[int, int]],
                 same_clause: bool) -> tuple[dict, Span] | None:
    """The best usable place of the trigger's sentence, in its own clause or in the others."""
    clause = _clause(trigger)
    same = [(r, s) for r, s in places
            if s.sent == trigger.sent and _usable(r, s, exclude) and not _participant(s)
            and (_clause(s.root) == clause) == same_clause]
    if not same:
        return None
    # locative phrases first ("in Mosul"), then the most specific, then the nearest
    def key(rs: tuple[dict, Span]) -> tuple[int, int, int]:
        rec, span = rs
        loc = 0 if _locative_object(span) else 1
        return (loc, _rank(rec), abs(span.start - trigger.i))
    return min(same, key=key)


def _earlier(trigger: Token, places: Sequence[tuple[dict, Span]],
             exclude: Sequence[tuple[int, int]]) -> tuple[dict, Span] | None:
    """The place of the nearest earlier sentence of the paragraph that names one ("... in
    Mombasa. Eleven people were detained there.")."""
    before = [(r, s) for r, s in places
              if s.doc is trigger.doc and s.end <= trigger.sent.start and _usable(r, s, exclude)
              and not _participant(s)]
    if not before:
        return None
    last = max(s.sent.start for _, s in before)
    return min(((r, s) for r, s in before if s.sent.start == last),
               key=lambda rs: (0 if _locative_object(rs[1]) else 1, _rank(rs[0])))


_ORIGIN_PREPS = frozenset({"of", "from", "in", "at"})


def _origin(trigger: Token, places: Sequence[tuple[dict, Span]]) -> tuple[dict, Span] | None:
    """A place inside the actor's own phrase: "residents of Oued Sly protested", "teachers at
    the University of Bangui went on strike". Where the actors are from is, when the sentence
    names no other place, the likeliest scene; a place that speaks ("Tehran said") or owns
    ("Iran's army") is not."""
    same = [(r, s) for r, s in places
            if s.sent == trigger.sent and r.get("is_actor") and r.get("lat") is not None
            and s.root.dep_ == "pobj" and s.root.head.lower_ in _ORIGIN_PREPS
            and s.root.head.head.i != s.root.head.i]
    if not same:
        return None
    return min(same, key=lambda rs: (_rank(rs[0]), abs(rs[1].start - trigger.i)))


def _strong(hit: tuple[dict, Span]) -> bool:
    """A town or finer place in a locative phrase of the sentence ("in Mosul")."""
    return _locative_object(hit[1]) and _rank(hit[0]) <= FEATURE_RANK["city"]


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
    else a town in a locative phrase of its clause, else the paragraph's dateline
    ("LOMÉ — ..."), else the best place of its clause, else a place in its actors'
    phrase ("residents of X"), else the place of the paragraph's nearest earlier sentence,
    else a place in another clause of its sentence, else the article's main town or site,
    else the article's focus country.

    ``exclude`` holds spans that name participants rather than the scene (for
    verbal events, the recipient: "threatened Tehran" did not happen in Tehran).
    ``focus`` is the article's focus record; by default the one the place stage
    attached to ``places``.
    """
    ex = list(exclude)
    hit = _governed(trigger, places, ex)
    if hit is not None:
        return _location(hit[0], "governing")
    hit = _in_sentence(trigger, places, ex, same_clause=True)
    dateline = getattr(places, "dateline", None)
    if dateline is not None and (hit is None or not _strong(hit)) \
            and any(r is dateline and s.doc is trigger.doc for r, s in places):
        return _location(dateline, "sentence")  # "LOMÉ — Mali and Niger agreed ..."
    for hit in (hit, _origin(trigger, places), _earlier(trigger, places, ex),
                _in_sentence(trigger, places, ex, same_clause=False)):
        if hit is not None:
            return _location(hit[0], "sentence")
    anchor = getattr(places, "anchor", None)
    if anchor is not None and anchor.get("lat") is not None:
        return _location(anchor, "article")
    focus = focus if focus is not None else getattr(places, "focus", None)
    if focus is not None and focus.get("lat") is not None:
        return _location(focus, "article")
    return None

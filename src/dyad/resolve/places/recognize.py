"""Toponym mentions in a parsed segment.

Sources, most reliable first: the parser's GPE/LOC/FAC entities; demonyms
("Iraqi roads" -> Iraq); names the parser mislabelled (an ORG or NORP span that
is exactly a place name, a PERSON span in a locative phrase); places inside
organisation names ("Texas Department of Public Safety", kept but marked as part
of an actor); and capitalised multiword names the parser missed, looked up in the
gazetteer. Each mention also records the cues resolution needs: the place that
contains it ("Alexandria, La.", "Baghdad's Karrada") and whether it acts
("Tehran said": metonymy, so an actor rather than a location).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from .gazetteer import Candidate, Gazetteer
from .names import STOP_NAMES, US_STATE_ABBREVIATIONS, fold

__all__ = ["Mention", "recognize", "LOC_PREPS", "ACTING_VERBS"]

_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
#: prepositions that introduce a location ("in Mosul", "near the border")
LOC_PREPS = frozenset({
    "in", "at", "near", "outside", "inside", "across", "into", "on", "around", "from", "throughout",
    "within", "off", "toward", "towards", "to", "through", "between", "along", "over", "beyond",
    "via", "past", "nearby",
})
_STRONG_LOC_PREPS = frozenset({"in", "at", "near", "outside", "inside", "throughout", "within", "around"})
#: verbs whose subject is a government speaking or deciding, not a scene ("Tehran said")
ACTING_VERBS = frozenset({
    "say", "tell", "announce", "state", "declare", "claim", "deny", "insist", "warn", "threaten",
    "urge", "demand", "ask", "call", "vow", "pledge", "promise", "agree", "accept", "reject",
    "refuse", "decide", "approve", "vote", "sign", "ratify", "order", "impose", "lift", "sanction",
    "condemn", "criticize", "criticise", "accuse", "blame", "praise", "welcome", "respond",
    "react", "retaliate", "recognize", "recognise", "expel", "recall", "summon", "protest",
    "negotiate", "propose", "offer", "send", "deploy", "veto", "back", "support", "oppose",
    "confirm", "acknowledge", "admit", "insist", "suggest", "believe", "want", "hope", "seek",
    "plan", "intend", "expect", "fear", "allege", "argue", "maintain", "dismiss", "brush",
    "announce", "unveil", "launch", "authorize", "authorise", "ban", "suspend", "freeze",
})
_ORG_WORDS = frozenset({
    "university", "college", "school", "schools", "department", "dept", "ministry", "office", "police",
    "council", "committee", "commission", "board", "bank", "company", "corp", "corporation", "inc",
    "association", "society", "club", "team", "party", "front", "army", "forces", "agency", "bureau",
    "institute", "hospital", "church", "museum", "times", "post", "news", "journal", "herald",
    "tribune", "press", "gazette", "foundation", "authority", "court", "fund", "federation",
    "union", "league", "center", "centre", "district", "services", "service", "sheriff",
})
_TRIM_LEFT = frozenset({"the", "a", "an"})
_TRIM_RIGHT = frozenset({"'s", "’s", "'", "’", ",", ".", ";", ":"})
_CONNECTORS = frozenset({"of", "de", "al", "el", "la", "le", "du", "des", "-", "'s", "upon", "on", "the"})
_MAX_WORDS = 5
_POSTAL = {code for code in US_STATE_ABBREVIATIONS if code != "DC"} | {"DC"}


@dataclass(slots=True)
class Mention:
    """A toponym in one segment (token span), with its readings and cues."""

    span: Span
    key: str
    cands: list[Candidate]
    #: ner | demonym | relabel | org | gazetteer | container
    source: str
    #: index (in the segment's mention list) of the place that contains this one
    container: int | None = None
    #: part of an organisation name, or the acting subject of a speech/decision verb
    is_actor: bool = False
    #: the parser's label, when it came from an entity
    label: str = ""
    #: a locative preposition governs it ("in Mosul")
    locative: bool = False
    extra: dict = field(default_factory=dict)

    @property
    def text(self) -> str:
        return self.span.text


def _trim(span: Span) -> Span | None:
    """Drop a leading article and trailing possessive/punctuation tokens."""
    start, end = span.start, span.end
    while start < end and span.doc[start].lower_ in _TRIM_LEFT:
        start += 1
    while end > start and (span.doc[end - 1].lower_ in _TRIM_RIGHT or span.doc[end - 1].is_punct):
        end -= 1
    return span.doc[start:end] if end > start else None


def _locative(span: Span) -> bool:
    """Is the span the object of a locative preposition (or right after one)?"""
    root = span.root
    if root.dep_ == "pobj" and root.head.lower_ in LOC_PREPS:
        return True
    prev = span.doc[span.start - 1] if span.start > 0 else None
    return prev is not None and prev.lower_ in _STRONG_LOC_PREPS


def _acting(span: Span) -> bool:
    """Metonymy: the place is the subject (or passive agent) of a speech/decision verb."""
    root = span.root
    if root.dep_ in ("nsubj", "nsubjpass") and root.head.lemma_.lower() in ACTING_VERBS:
        return root.dep_ == "nsubj"
    if root.dep_ == "pobj" and root.head.lower_ == "by" and root.head.dep_ == "agent":
        return root.head.head.lemma_.lower() in ACTING_VERBS
    # "Washington's decision", "Moscow's response": a possessor of a speech/decision noun
    if root.dep_ == "poss" and root.head.lemma_.lower() in _ACT_NOUNS:
        return True
    return False


_ACT_NOUNS = frozenset({
    "decision", "response", "statement", "position", "policy", "announcement", "demand", "offer",
    "proposal", "refusal", "rejection", "warning", "threat", "approval", "support", "opposition",
    "sanctions", "veto", "order", "claim", "call", "request", "plan",
})


class _Builder:
    """Collects the mentions of one segment, never two over the same tokens."""

    def __init__(self, doc: Doc, gaz: Gazetteer) -> None:
        self.doc, self.gaz = doc, gaz
        self.mentions: list[Mention] = []
        self.taken = [False] * len(doc)

    def free(self, span: Span) -> bool:
        return not any(self.taken[span.start:span.end])

    def add(self, span: Span, cands: list[Candidate], source: str, label: str = "", key: str | None = None) -> Mention | None:
        if not cands or not self.free(span):
            return None
        m = Mention(span, key or fold(span.text), cands, source, label=label, locative=_locative(span))
        m.is_actor = source == "org" or _acting(span)
        self.mentions.append(m)
        for i in range(span.start, span.end):
            self.taken[i] = True
        return m

    def lookup(self, span: Span) -> list[Candidate]:
        if fold(span.text) in _actor_names():
            return []  # "Taliban", "Hezbollah": a known group or person, not the village of that name
        return self.gaz.candidates(span.text)


@functools.lru_cache(maxsize=1)
def _actor_names() -> frozenset[str]:
    """Folded names of the organisations and people the actor knowledge knows."""
    from ..actors.knowledge import load_knowledge

    kb = load_knowledge()
    names = set(kb.org_by_alias) | set(kb.people_by_alias)
    return frozenset(fold(n) for n in names) - frozenset(fold(n) for n in kb.country_by_name)


def recognize(doc: Doc, gaz: Gazetteer, known: set[str] | None = None) -> list[Mention]:
    """Every toponym mention in ``doc``, in text order, with containment cues set.

    ``known`` holds folded names already read as places earlier in the article:
    a later PERSON-labelled "Alexandria" is then the same place.
    """
    b = _Builder(doc, gaz)
    known = known or set()
    others: list[tuple[Span, str]] = []
    for ent in doc.ents:
        span = _trim(ent)
        if span is None:
            continue
        if ent.label_ in _PLACE_LABELS:
            if "," in span.text:
                _split_list(b, span, ent.label_)
            else:
                _place_entity(b, span, ent.label_)
        elif ent.label_ == "NORP":
            _norp(b, span)
        elif ent.label_ in ("ORG", "PERSON", "WORK_OF_ART", "EVENT", "PRODUCT", "LAW"):
            others.append((span, ent.label_))
    for span, label in others:
        _relabelled(b, span, label, known)
    _free_names(b, known)
    _containers(b)
    b.mentions.sort(key=lambda m: m.span.start)
    _link_containers(b.mentions)
    return b.mentions


def _place_entity(b: _Builder, span: Span, label: str) -> None:
    """A GPE/LOC/FAC span: the whole name, else the place named inside it
    ("Northeast Georgia", "U.S. county", "Baghdad Hotel")."""
    if fold(span.text) in STOP_NAMES:
        return  # "North", "Islands": a word the parser took for a place
    span = _extend(b, span)
    cands = b.lookup(span)
    if cands:
        b.add(span, cands, "ner", label)
        return
    i = span.start
    while i < span.end:
        hit = _longest_name(b, i, span.end, require_title=True)
        if hit is None:
            i += 1
            continue
        sub, cands = hit
        if _named_inside(sub, cands) or (label != "FAC" and _compass(span.doc, sub.start - 1)):
            b.add(sub, cands, "ner", label)
        i = sub.end


_COMPASS = frozenset({
    "north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest",
    "northern", "southern", "eastern", "western", "central", "north-east", "north-west",
    "south-east", "south-west", "upper", "lower", "greater", "downtown", "rural", "coastal",
})


def _compass(doc: Doc, i: int) -> bool:
    """Is token ``i`` a direction word ("North Texas", "southern Iraq")?"""
    return i >= 0 and doc[i].lower_ in _COMPASS


def _named_inside(sub: Span, cands: list[Candidate]) -> bool:
    """A place name inside a longer name counts when it is unmistakably a place:
    a country or division, or a sizeable town under its own name."""
    key = fold(sub.text)
    if key in STOP_NAMES or key in _ORG_WORDS:
        return False
    return any(c.feature in ("country", "admin1", "continent") or (c.main and c.feature == "city" and c.population >= 10000)
               or (c.main and c.feature == "admin2") for c in cands)


def _split_list(b: _Builder, span: Span, label: str) -> None:
    """'Alexandria, Va.' or 'Paris, Texas' as one entity: look up the parts."""
    whole = b.lookup(span)
    if whole:
        b.add(span, whole, "ner", label)
        return
    start = span.start
    for tok in [*span, None]:
        if tok is None or tok.text == ",":
            end = tok.i if tok is not None else span.end
            part = _trim(span.doc[start:end]) if end > start else None
            if part is not None:
                b.add(part, b.lookup(part), "ner", label)
            start = end + 1


def _norp(b: _Builder, span: Span) -> None:
    """'Iraqi', 'Palestinians' -> the country; a mislabelled 'Bulacan' -> the place."""
    key = fold(span.text)
    cands = b.lookup(span)
    if not cands:
        return
    if key in b.gaz.demonyms or all(c.feature == "country" for c in cands):
        b.add(span, [c for c in cands if c.feature == "country"], "demonym", "NORP")
    elif span[0].is_title and _named_inside(span, cands):
        b.add(span, cands, "relabel", "NORP")  # "Oxford", "Bulacan": a place the parser took for a people


def _extend(b: _Builder, span: Span) -> Span:
    """'Ain al-Asad' + 'air base', 'Jenin' + 'refugee camp': the longer name when the
    gazetteer has it (our supplement names facilities with their common nouns)."""
    doc = span.doc
    for k in (3, 2, 1):
        end = span.end + k
        if end > len(doc) or not all(t.is_alpha or t.text == "-" for t in doc[span.end:end]):
            continue
        longer = doc[span.start:end]
        if b.free(longer) and b.gaz.knows(fold(longer.text)):
            return longer
    return span


def _curated(cands: list[Candidate]) -> bool:
    """A reading from dyad's supplement (a named neighbourhood, base, crossing...)."""
    return any(c.geonameid is None and c.feature in ("facility", "neighbourhood", "district", "region")
               for c in cands)


def _relabelled(b: _Builder, span: Span, label: str, known: set[str]) -> None:
    """A non-place entity that is a place: the whole span, or a place inside an ORG name."""
    span = _extend(b, span)
    key = fold(span.text)
    cands = b.lookup(span)
    if cands and _curated(cands) and key not in STOP_NAMES:
        b.add(span, cands, "relabel", label)  # "Ain al-Asad air base" taken for a person
        return
    if cands:
        strong = any((c.feature in ("country", "admin1", "continent") or (c.feature == "city" and c.population >= 100000))
                     and c.main for c in cands)
        if label == "ORG" and (strong or key in known or _locative(span) or _has_container_after(b, span)):
            b.add(span, cands, "relabel", label)
            return
        if label == "PERSON" and (key in known or _locative(span) or _has_container_after(b, span)):
            b.add(span, cands, "relabel", label)
            return
    if label == "ORG" and len(span) > 1:
        _inside_org(b, span)


def _has_container_after(b: _Builder, span: Span) -> bool:
    """'Gainesville, Ga.': followed by a comma and a state or country."""
    doc = span.doc
    if span.end + 1 >= len(doc) or doc[span.end].text != ",":
        return False
    nxt = doc[span.end + 1]
    if nxt.text in _POSTAL:
        return True
    return any(c.feature in ("admin1", "country") for c in b.gaz.candidates(nxt.text))


def _inside_org(b: _Builder, span: Span) -> None:
    """'University of Texas', 'Dublin City Schools': the place in the name, as part of an actor."""
    i = span.start
    while i < span.end:
        hit = _longest_name(b, i, span.end, require_title=True)
        if hit is not None:
            sub, cands = hit
            if sub[0].lower_ in _ORG_WORDS:  # "University of Texas" is no town: look inside it
                i += 1
                continue
            if _named_inside(sub, cands):
                b.add(sub, cands, "org")
            i = sub.end
        else:
            i += 1


def _name_token(tok: Token) -> bool:
    return tok.is_title or (tok.is_upper and len(tok) > 1 and tok.is_alpha) or tok.text in ("U.S.", "U.K.")


def _longest_name(b: _Builder, start: int, stop: int, require_title: bool) -> tuple[Span, list[Candidate]] | None:
    """The longest capitalised run from ``start`` that the gazetteer knows."""
    doc = b.doc
    if require_title and not _name_token(doc[start]):
        return None
    best = None
    for end in range(start + 1, min(stop, start + _MAX_WORDS) + 1):
        last = doc[end - 1]
        if end - 1 > start and not (_name_token(last) or last.lower_ in _CONNECTORS or last.text in (".", "-")):
            break
        if not _name_token(last) and last.text not in (".",):
            continue
        span = doc[start:end]
        if b.gaz.knows(fold(span.text)):
            best = span
    if best is None:
        return None
    cands = b.lookup(best)
    return (best, cands) if cands else None


def _free_names(b: _Builder, known: set[str]) -> None:
    """Capitalised names outside every entity that the gazetteer knows.

    Multiword names are taken ("Sadr City", "Green Zone"); a single word only
    when a locative preposition introduces it or the article already read it as
    a place, and never a word on the stop list.
    """
    doc = b.doc
    covered = [False] * len(doc)
    for ent in doc.ents:
        for i in range(ent.start, ent.end):
            covered[i] = True
    i = 0
    while i < len(doc):
        if covered[i] or b.taken[i] or not _name_token(doc[i]):
            i += 1
            continue
        stop = i
        while stop < len(doc) and stop - i < _MAX_WORDS and not covered[stop] and not b.taken[stop]:
            stop += 1
        hit = _longest_name(b, i, stop, require_title=True)
        if hit is None:
            i += 1
            continue
        span, cands = hit
        if _acceptable_free(span, cands, known):
            b.add(span, cands, "gazetteer")
        i = span.end


def _acceptable_free(span: Span, cands: list[Candidate], known: set[str]) -> bool:
    key = fold(span.text)
    if key in STOP_NAMES:
        return False
    words = [t for t in span if t.is_alpha]
    if len(words) >= 2:
        return any(c.main or c.feature != "city" for c in cands)
    tok = span[0]
    if key in known:
        return True
    if tok.is_sent_start or key in _ORG_WORDS:
        return False
    prev = span.doc[span.start - 1]
    return prev.lower_ in _STRONG_LOC_PREPS and any(
        c.main and (c.feature != "city" or c.population >= 1000) for c in cands)


def _containers(b: _Builder) -> None:
    """'Alexandria, La.', 'Erbil, Iraq': a state or country right after a place and a comma."""
    doc = b.doc
    for m in list(b.mentions):
        j = m.span.end
        if j + 1 >= len(doc) or doc[j].text != ",":
            continue
        if b.taken[j + 1]:
            continue
        tok = doc[j + 1]
        span = None
        if tok.text in _POSTAL and tok.is_upper:
            cands = [c for c in b.gaz.candidates(_postal_name(tok.text)) if c.feature == "admin1" and c.country == "USA"]
            span = doc[j + 1:j + 2]
        else:
            for n in (3, 2, 1):
                if j + 1 + n > len(doc) or not b.free(doc[j + 1:j + 1 + n]):
                    continue
                sub = doc[j + 1:j + 1 + n]
                if not _name_token(sub[0]):
                    continue
                cands = [c for c in b.gaz.candidates(sub.text) if c.feature in ("admin1", "country", "admin2")]
                if cands:
                    span = sub
                    break
        if span is not None and cands:
            b.add(span, cands, "container")


def _postal_name(code: str) -> str:
    abbrev = US_STATE_ABBREVIATIONS.get(code)
    return abbrev[0] if abbrev else code


def _link_containers(mentions: list[Mention]) -> None:
    """Set ``container`` for "X, Y" and "Y's X" (Y a larger place that holds X)."""
    for n, m in enumerate(mentions):
        doc = m.span.doc
        end = m.span.end
        # "X, Y": Y starts right after the comma
        if end + 1 < len(doc) and doc[end].text == ",":
            for k in range(n + 1, min(n + 3, len(mentions))):
                if mentions[k].span.start == end + 1:
                    mentions[n].container = k
                    break
        # "Y's X": Y's possessive marker sits right before X
        if end < len(doc) and doc[end].lower_ in ("'s", "’s"):
            for k in range(n + 1, min(n + 3, len(mentions))):
                if mentions[k].span.start == end + 1:
                    mentions[k].container = n
                    break

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
from .names import ADMIN_WORDS, DWELLER_NOUNS, PLACE_NOUNS, STOP_NAMES, US_STATE_ABBREVIATIONS, fold

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
    #: ner | demonym | relabel | org | cue | capital | dateline | gazetteer | container
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
def _actor_countries() -> dict[str, str]:
    """Folded name -> ISO3 of the known organisations and people tied to one country
    ("FARDC" -> COD, "Nkurunziza" -> BDI); international bodies are left out."""
    from ..actors.knowledge import load_knowledge

    kb = load_knowledge()
    out: dict[str, str] = {}
    for alias, org in kb.org_by_alias.items():
        code = org.get("country") if isinstance(org, dict) else None
        if isinstance(code, str) and len(code) == 3 and code.isalpha() and code.isupper() and code != "IGO":
            out[fold(alias)] = code
    for alias, people in kb.people_by_alias.items():
        codes = {p.get("country") for p in people if isinstance(p, dict)}
        if len(codes) == 1:
            code = codes.pop()
            if isinstance(code, str) and len(code) == 3 and code.isalpha() and code.isupper() and code != "IGO":
                out.setdefault(fold(alias), code)
    return out


def actor_countries(doc: Doc) -> list[str]:
    """Countries of the known organisations and people the parser found in ``doc``:
    "FARDC soldiers", "loyal to Nkurunziza" say the note is about Congo or Burundi."""
    table = _actor_countries()
    names = _actor_names()
    out = []
    seen: set[int] = set()
    for ent in doc.ents:
        span = _trim(ent) if ent.label_ in ("ORG", "PERSON", "NORP") else None
        if span is not None:
            seen.update(range(ent.start, ent.end))
            key = fold(span.text)
            if key in names and key in table:
                out.append(table[key])
    for tok in doc:  # acronyms the parser left unlabelled ("FARDC soldiers")
        if tok.i not in seen and tok.is_upper and tok.is_alpha and len(tok) >= 3:
            key = fold(tok.text)
            if key in names and key in table:
                out.append(table[key])
    return out


@functools.lru_cache(maxsize=1)
def _actor_names() -> frozenset[str]:
    """Folded names of the organisations and people the actor knowledge knows."""
    from ..actors.knowledge import load_knowledge

    kb = load_knowledge()
    names = set(kb.org_by_alias) | set(kb.people_by_alias)
    return frozenset(fold(n) for n in names) - frozenset(fold(n) for n in kb.country_by_name)


def recognize(doc: Doc, gaz: Gazetteer, known: set[str] | None = None, focus: str | None = None) -> list[Mention]:
    """Every toponym mention in ``doc``, in text order, with containment cues set.

    ``known`` holds folded names already read as places earlier in the article:
    a later PERSON-labelled "Alexandria" is then the same place. ``focus`` is the
    ISO3 of the country the article is about so far ("in the capital" is its capital).
    """
    b = _Builder(doc, gaz)
    known = known or set()
    _capital_phrases(b, focus)
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
    _dateline_name(b)
    _cued_names(b)
    _free_names(b, known)
    _containers(b)
    b.mentions.sort(key=lambda m: m.span.start)
    _link_containers(b.mentions)
    return b.mentions


def _country_named(b: _Builder, span: Span) -> str | None:
    """ISO3 of the country a demonym or country name denotes ("Nigerien", "Niger", "Togo's")."""
    key = fold(span.text)
    if key in b.gaz.demonyms:
        return b.gaz.demonyms[key]
    countries = [c for c in b.gaz.candidates(span.text) if c.feature == "country"]
    return countries[0].country if len(countries) == 1 else None


def _capital_phrases(b: _Builder, focus: str | None = None) -> None:
    """'the Nigerien capital', 'Niger's capital', 'the capital of Niger': the word "capital"
    is the country's capital city (unless the city is named right after it); "in the
    capital" is the capital of the article's country."""
    doc = b.doc
    for tok in doc:
        if tok.lower_ != "capital":
            continue
        span, iso = None, None
        j = tok.i - 1
        if j >= 0 and doc[j].lower_ in ("'s", "’s"):
            j -= 1
        for n in (3, 2, 1):
            if j - n + 1 >= 0 and _name_token(doc[j - n + 1]):
                iso = _country_named(b, doc[j - n + 1:j + 1])
                if iso:
                    span = doc[j - n + 1:tok.i + 1]
                    break
        if iso is None and tok.i + 2 < len(doc) and doc[tok.i + 1].lower_ == "of":
            k = tok.i + 2 + (doc[tok.i + 2].lower_ == "the")
            for n in (3, 2, 1):
                if k + n <= len(doc) and _name_token(doc[k]):
                    iso = _country_named(b, doc[k:k + n])
                    if iso:
                        span = doc[tok.i:k + n]
                        break
        if iso is None and focus and tok.i >= 2 and doc[tok.i - 1].lower_ == "the" \
                and doc[tok.i - 2].lower_ in _STRONG_LOC_PREPS | {"across", "into", "to", "from"} \
                and not (tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ in ("of", "'s", "city")):
            iso, span = focus, doc[tok.i:tok.i + 1]  # "protests in the capital"
        capital = b.gaz.capital(iso) if iso else None
        if span is None or capital is None or _named_after(doc, max(span.end, tok.i + 1)):
            continue  # "Kenya's capital Nairobi", "the Togolese capital, Lomé": the name says it
        # the word "capital" is the city; "Nigerien", "Niger" stay the country's own mentions
        b.add(doc[tok.i:tok.i + 1], [capital], "capital")


def _named_after(doc: Doc, i: int) -> bool:
    """Is a name right after token ``i`` (past a comma, "of" or "city")?"""
    while i < len(doc) and doc[i].lower_ in (",", "of", "city", "the"):
        i += 1
    return i < len(doc) and _name_token(doc[i])


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
               or (c.main and c.feature == "admin2" and not c.coarse) for c in cands)


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
        _inside_org(b, span, known_group=key in _actor_names())


def _has_container_after(b: _Builder, span: Span) -> bool:
    """'Gainesville, Ga.': followed by a comma and a state or country."""
    doc = span.doc
    if span.end + 1 >= len(doc) or doc[span.end].text != ",":
        return False
    nxt = doc[span.end + 1]
    if nxt.text in _POSTAL:
        return True
    return any(c.feature in ("admin1", "country") for c in b.gaz.candidates(nxt.text))


def _inside_org(b: _Builder, span: Span, known_group: bool = False) -> None:
    """'University of Texas', 'Dublin City Schools': the place in the name, as part of an actor.
    In the name of a known group only a country or province counts ("Sudan Liberation
    Army"; not the Norwegian town in "Boko Haram")."""
    i = span.start
    while i < span.end:
        hit = _longest_name(b, i, span.end, require_title=True)
        if hit is not None:
            sub, cands = hit
            if sub[0].lower_ in _ORG_WORDS:  # "University of Texas" is no town: look inside it
                i += 1
                continue
            if known_group:
                cands = [c for c in cands if c.feature in ("country", "admin1")]
            if cands and _named_inside(sub, cands) and not _in_compound(span.doc, sub.start, sub.end):
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


#: "north of X", "the outskirts of X": a direction or edge before "of" makes X a place
_OF_CUES = PLACE_NOUNS | DWELLER_NOUNS | frozenset({
    "north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest",
    "north-east", "north-west", "south-east", "south-west", "part", "parts", "edge", "centre", "center",
    "heart", "environs", "surroundings", "kilometres", "kilometers", "km", "miles",
})
#: place nouns after a name that make it a place ("the Ouadda area", "Goura village");
#: "capital" and "state" are left out ("the Malian capital", "the Islamic State")
_AFTER_CUES = PLACE_NOUNS - {"capital", "state", "states", "republic", "territory", "division"}
#: sites named after their town, in lower case ("the Ayorou post", "the Bambari airport";
#: not "the Washington Post")
_SITE_CUES = frozenset({
    "post", "base", "checkpoint", "market", "airport", "airstrip", "prison", "crossing", "garrison",
    "barracks", "outpost", "hospital", "mosque", "church", "stadium", "university", "port",
})
_APPOSITION_CUES = frozenset({
    "village", "town", "city", "locality", "commune", "district", "neighbourhood", "neighborhood",
    "suburb", "settlement", "hamlet", "region", "province", "area", "port", "market", "camp",
})


def _cue(span: Span) -> bool:
    """Does the text around a capitalised name say it is a place?

    "in/near/at X", "the village of X", "residents of X", "north of X", "X village",
    "the X area", "X, a small village near ...".
    """
    doc, s, e = span.doc, span.start, span.end
    prev = doc[s - 1] if s > 0 else None
    if prev is not None and prev.lower_ in _STRONG_LOC_PREPS:
        return True
    if prev is not None and prev.lower_ == "of" and s >= 2 and doc[s - 2].lower_ in _OF_CUES:
        return True
    if prev is not None and prev.text == "," and s >= 2 and doc[s - 2].lower_ in PLACE_NOUNS:
        return True  # "the Togolese capital, Lomé"
    if e < len(doc) and (doc[e].lower_ in ADMIN_WORDS or doc[e].lower_ in _PLURAL_DIVISIONS
                         or doc[e].is_lower and (doc[e].lower_ in _AFTER_CUES or doc[e].lower_ in _SITE_CUES)):
        return True  # "Skikda Province", "the Lubero area", "the Ayorou post"; not "Plum Island"
    if e + 2 < len(doc) and doc[e].text == "," and doc[e + 1].lower_ in ("a", "an", "the"):
        return any(t.lower_ in _APPOSITION_CUES for t in doc[e + 2:min(len(doc), e + 5)])
    return False


_PREFIXES = frozenset({"anti", "pro", "ex", "non", "neo", "pan", "post", "pre", "trans", "mid", "intra", "inter"})


def _in_compound(doc: Doc, start: int, end: int) -> bool:
    """'Anti-Balaka', 'ex-Seleka', 'a Mali-based group': a name inside a hyphenated word
    (not "Fargo-Moorhead" or "D-Charleston")."""
    if start >= 2 and doc[start - 1].text == "-" and doc[start - 2].lower_ in _PREFIXES \
            and not doc[start - 2].whitespace_:
        return True
    return end + 1 < len(doc) and doc[end].text == "-" and doc[end + 1].is_lower


def _entity_fits(span: Span) -> bool:
    """A cued name may override the parser's label only when no longer entity runs through it
    ("Jean-Berchmas Nkurunziza" stays a person; "Uvira" as PERSON, "Ouadda" as ORG do not)."""
    doc = span.doc
    end = span.end + (1 if span.end < len(doc) and doc[span.end].lower_ in _AFTER_CUES else 0)
    for i in range(span.start, span.end):
        tok = doc[i]
        if tok.ent_iob_ == "O":
            continue
        ent = next((e for e in doc.ents if e.start <= i < e.end), None)
        if ent is not None and (ent.start < span.start or ent.end > end):
            return False
    return True


_PLURAL_DIVISIONS = {
    "counties": "county", "provinces": "province", "districts": "district", "states": "state",
    "regions": "region", "parishes": "parish", "governorates": "governorate", "territories": "territory",
    "departments": "department", "municipalities": "municipality", "prefectures": "prefecture",
    "townships": "township", "boroughs": "borough", "oblasts": "oblast", "wilayas": "wilaya",
}
#: natural features and roads: "the Williams and Cranberry rivers" are no towns
_FEATURE_NOUNS = frozenset({
    "river", "rivers", "lake", "lakes", "creek", "creeks", "mountain", "mountains", "hill", "hills",
    "valley", "valleys", "forest", "forests", "wilderness", "road", "roads", "street", "streets",
    "avenue", "highway", "boulevard", "bridge", "dam", "falls", "island", "islands", "bay",
})
_LIST_WORDS = frozenset({",", "and", "or", "&"})


def _list_noun(doc: Doc, end: int) -> str | None:
    """The common noun that closes a list of names starting at ``end``:
    "Becker, Clay and Wilkin counties" -> "counties" (lower-cased)."""
    j = end
    while j < len(doc) and j - end < 24:
        tok = doc[j]
        if tok.text in _LIST_WORDS or tok.lower_ in _LIST_WORDS or _name_token(tok):
            j += 1
            continue
        return tok.lower_
    return None


_DATELINE_DASHES = frozenset({"—", "–", "--", "-"})


def dateline_end(doc: Doc, end: int) -> bool:
    """Does a dateline dash follow token ``end`` ("NIAMEY —", "NAIROBI, Feb 18 (EAN) —")?"""
    for j in range(end, min(len(doc), end + 9)):
        if doc[j].text in _DATELINE_DASHES:
            return True
        if doc[j].is_lower and doc[j].is_alpha:
            return False
    return False


def _dateline_name(b: _Builder) -> None:
    """'LOMÉ — Mali and Niger agreed ...': the upper-case town that opens a paragraph."""
    doc = b.doc
    if not len(doc) or not doc[0].is_upper or not doc[0].is_alpha or b.taken[0]:
        return
    end = 1
    while end < len(doc) and end < 4 and (doc[end].is_upper and doc[end].is_alpha):
        end += 1
    span = doc[0:end]
    if not dateline_end(doc, end) or fold(span.text) in STOP_NAMES:
        return
    cands = b.lookup(span)
    if cands:
        b.add(span, cands, "dateline")


def _division_in_list(b: _Builder, start: int, stop: int) -> tuple[Span, list[Candidate]] | None:
    """'Travis' in "Travis, Hays and Williamson counties": a division only under its full name."""
    doc = b.doc
    for end in range(min(stop, start + 3), start, -1):
        if not all(_name_token(t) for t in doc[start:end]):
            continue
        closing = _list_noun(doc, end)
        division = _PLURAL_DIVISIONS.get(closing or "", closing if closing in ADMIN_WORDS else None)
        if division is None:
            return None
        span = doc[start:end]
        cands = [c for c in b.gaz.candidates(f"{span.text} {division}") if c.feature != "city"]
        if cands:
            return span, cands
    return None


def _cued_names(b: _Builder) -> None:
    """Capitalised gazetteer names with a place cue around them, whatever the parser said.

    The parser often takes a small town for a person, an organisation or even a date
    ("in Batangafo", "the Ouadda area", "residents of Oued Sly"); a name coordinated
    with a place ("in Koui and Bocaranga", "Walikale and Lubero") is taken as well.
    A list closed by a division noun reads as divisions ("Clay and Wilkin counties"),
    one closed by a natural feature as no town at all ("the Williams and Cranberry rivers").
    """
    doc = b.doc
    pending: list[tuple[Span, list[Candidate]]] = []
    i = 0
    while i < len(doc):
        if b.taken[i] or not _name_token(doc[i]):
            i += 1
            continue
        stop = i
        while stop < len(doc) and stop - i < _MAX_WORDS and not b.taken[stop]:
            stop += 1
        hit = _longest_name(b, i, stop, require_title=True) or _division_in_list(b, i, stop)
        if hit is None:
            i += 1
            continue
        span, cands = hit
        key = fold(span.text)
        closing = _list_noun(doc, span.end)
        if key in STOP_NAMES or key in _ORG_WORDS or _in_compound(doc, span.start, span.end) \
                or not _entity_fits(span) or closing in _FEATURE_NOUNS:
            i = span.end
            continue
        iso = _country_before(b, span.start)
        if iso is not None:  # "the Indonesian island of Java", "the Nigerien town of Ayorou"
            cands = [c for c in cands if c.country == iso]
            if not cands:
                i = span.end
                continue
        division = _PLURAL_DIVISIONS.get(closing or "", closing if closing in ADMIN_WORDS else None)
        if division is not None:  # "Clay County": the division when the gazetteer has it
            cands = [c for c in b.gaz.candidates(f"{span.text} {division}") if c.feature != "city"] or cands
        if _cue(span):
            b.add(span, cands, "cue")
        else:
            pending.append((span, cands))
        i = span.end
    changed = True
    while changed and pending:
        changed = False
        for item in list(pending):
            if _coordinated(b, item[0]):
                b.add(item[0], item[1], "cue")
                pending.remove(item)
                changed = True


def _country_before(b: _Builder, start: int) -> str | None:
    """The country a "<demonym> <place noun> of" phrase before ``start`` names, if any."""
    doc = b.doc
    if start < 3 or doc[start - 1].lower_ != "of" or doc[start - 2].lower_ not in PLACE_NOUNS:
        return None
    return _country_named(b, doc[start - 3:start - 2]) if _name_token(doc[start - 3]) else None


def _coordinated(b: _Builder, span: Span) -> bool:
    """'Koui and Bocaranga', 'Algiers, Oran, Constantine and Chlef': next to a place in a list."""
    doc = b.doc
    starts = {m.span.start for m in b.mentions if not m.is_actor}
    ends = {m.span.end for m in b.mentions if not m.is_actor}
    e, s = span.end, span.start
    if e + 1 < len(doc) and doc[e].lower_ in ("and", "or", ",") and e + 1 in starts:
        return True
    return s >= 2 and doc[s - 1].lower_ in ("and", "or", ",") and s - 1 in ends


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
    """'Alexandria, La.', 'Erbil, Iraq', 'Dungu (Haut Uele)': a division or country right after
    a place and a comma or an opening parenthesis."""
    doc = b.doc
    queue = list(b.mentions)
    while queue:  # a container's own container: "Robe (Bale, Oromia)"
        m = queue.pop(0)
        j = m.span.end
        if j + 1 >= len(doc) or doc[j].text not in (",", "("):
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
            added = b.add(span, cands, "container")
            if added is not None:
                queue.append(added)


def _postal_name(code: str) -> str:
    abbrev = US_STATE_ABBREVIATIONS.get(code)
    return abbrev[0] if abbrev else code


def _link_containers(mentions: list[Mention]) -> None:
    """Set ``container`` for "X, Y", "X (Y)" and "Y's X" (Y a larger place that holds X)."""
    for n, m in enumerate(mentions):
        doc = m.span.doc
        end = m.span.end
        # "X, Y" / "X (Y": Y starts right after; a country holds no country ("Georgia, Iraq, Iran")
        country = any(c.feature == "country" and c.main for c in m.cands)
        if end + 1 < len(doc) and doc[end].text in (",", "(") and not country:
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

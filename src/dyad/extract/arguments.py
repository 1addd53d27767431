"""Find the actor and recipient of a trigger in the dependency parse.

Slots are named in the lexicon (``nsubj``, ``agent``, ``dobj``, ``dative``,
``poss``, ``compound``, ``amod``, or a preposition word). This module turns a
slot into head tokens, following the constructions news prose uses: passives
(with and without a by-agent), control verbs ("threatened to retaliate"),
coordinated verbs that share a subject, relative clauses ("militias that
attacked"), light verbs ("launched attacks on"), and coordination of arguments.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.tokens import Token

__all__ = ["slot_heads", "expand_conj", "argument_span", "is_passive", "subject_of"]

_SUBJ = ("nsubj", "csubj")
_PASSIVE_SUBJ = ("nsubjpass", "csubjpass")
_OBJ = ("dobj", "obj")
_REL_PRONOUNS = {"that", "which", "who", "whom", "whose"}
#: entity labels that never name a party
_NOT_NAMES = {"DATE", "TIME", "EVENT", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY", "LAW",
              "WORK_OF_ART", "LANGUAGE", "PRODUCT"}
#: slots that only actor lists name (recipient lists never do): tells which role a lookup is for
_ACTOR_SLOTS = {"nsubj", "agent", "amod"}
#: nouns for a text that speaks for its issuer: "issued a statement urging", "a resolution criticizing"
_DOCUMENT_NOUNS = {"statement", "declaration", "communique", "communiqué", "resolution", "letter", "report",
                   "message", "note", "decree", "motion", "document", "memorandum", "editorial", "press release",
                   "release", "bulletin", "proclamation", "appeal", "petition", "notice"}
#: nouns for something said or asked by someone: the party is in its by/from phrase
#: ("rejected charges by clergymen", "accepted demands from the rebels")
_SPEECH_NOUNS = {"charge", "accusation", "allegation", "claim", "demand", "call", "request", "appeal",
                 "proposal", "offer", "plea", "criticism", "complaint", "invitation", "suggestion",
                 "ultimatum", "warning", "threat", "plan", "initiative", "overture", "bid", "pressure"}
#: verbs of help whose object is who a gift or a mission is for ("sent aid to help North Korea")
_HELP_VERBS = {"help", "assist", "support", "aid", "rebuild", "protect", "feed", "rescue", "supply"}
_PERSONAL = {"he": "person", "she": "person", "his": "person", "her": "person", "him": "person",
             "it": "thing", "its": "thing", "they": "plural", "their": "plural", "them": "plural"}
#: dependents kept on the left of an argument head (det is trimmed later)
_LEFT_KEEP = {"compound", "amod", "poss", "det", "nummod", "nmod", "quantmod", "case", "punct", "npadvmod", "advmod", "predet", "prep"}
#: heads whose "of" phrase belongs to the argument ("members of the militia")
_OF_HEADS = {
    "village", "town", "city", "province", "region", "district", "camp", "area", "neighbourhood",
    "neighborhood", "port", "island", "state", "county", "capital", "enclave", "suburb", "outskirts",
    "member", "head", "leader", "chief", "commander", "president", "minister", "spokesman",
    "spokeswoman", "spokesperson", "government", "army", "force", "official", "fighter", "group",
    "unit", "militant", "supporter", "representative", "delegation", "ministry", "secretary",
    "director", "general", "envoy", "ambassador", "foreign", "citizen", "resident", "people",
    "family", "faction", "wing", "branch", "department", "office", "council", "part", "elements",
}


def is_passive(tok: Token) -> bool:
    return any(c.dep_ in _PASSIVE_SUBJ or c.dep_ == "auxpass" for c in tok.children)


def _children(tok: Token, deps: Iterable[str]) -> list[Token]:
    wanted = set(deps)
    return [c for c in tok.children if c.dep_ in wanted]


def _relcl_antecedent(tok: Token) -> Token | None:
    """For a relative pronoun subject, the noun the relative clause modifies."""
    if tok.lower_ in _REL_PRONOUNS:
        verb = tok.head
        while verb.dep_ in ("conj", "xcomp") and verb.head.i != verb.i:
            verb = verb.head
        if verb.dep_ == "relcl":
            return verb.head
    return None


def subject_of(verb: Token, _depth: int = 0) -> list[Token]:
    """The logical subject of a verb, inherited through control and coordination."""
    subj = _children(verb, _SUBJ)
    if subj:
        ante = _relcl_antecedent(subj[0])
        return [ante] if ante is not None else subj
    if _depth > 4:
        return []
    head = verb.head
    if verb.dep_ == "xcomp" and head.pos_ == "ADJ" and head.dep_ in ("acomp", "xcomp") and head.head.i != head.i:
        return subject_of(head.head, _depth + 1)  # "he would be ready to host", "is willing to send"
    if verb.dep_ == "relcl" and not is_passive(verb):
        return [head]
    if verb.dep_ in ("xcomp", "conj") and head.i != verb.i and head.pos_ in ("VERB", "AUX"):
        if verb.dep_ == "xcomp":
            # "urged Iran to withdraw": the object controls; "vowed to retaliate": the subject
            obj = _children(head, _OBJ)
            if obj and _object_controls(head):
                return obj
            if is_passive(head):
                return _children(head, _PASSIVE_SUBJ)
        if verb.dep_ == "conj" and is_passive(head) != is_passive(verb):
            return []
        return subject_of(head, _depth + 1)
    if verb.dep_ == "acl" and not is_passive(verb) and verb.tag_ == "VBG":
        if head.lemma_.lower() in _DOCUMENT_NOUNS:
            # "X issued a statement urging Y": X urges; "X's statement urging", "a letter by X urging"
            issuer = _children(head, ("poss",)) or _prep_objects(head, "by") or _prep_objects(head, "from")
            if issuer:
                return issuer
            if head.dep_ in ("dobj", "obj") and head.head.pos_ in ("VERB", "AUX"):
                return subject_of(head.head, _depth + 1)
        return [head]  # "gunmen attacking the convoy"
    if verb.dep_ == "acl" and _infinitival(verb) and head.pos_ == "NOUN":
        # "the U.S. decision to assassinate him": the noun's owner decides
        owners = [c for c in head.children if c.dep_ in ("poss", "compound") and (c.ent_type_ or c.pos_ == "PROPN")]
        if owners:
            return owners
    if verb.dep_ == "pcomp" and head.dep_ == "prep" and head.head.pos_ in ("VERB", "AUX"):
        return subject_of(head.head, _depth + 1)  # "After meeting the mediators, the delegation rejected"
    if verb.dep_ == "advcl" and (verb.tag_ == "VBG" or _infinitival(verb)) and head.pos_ in ("VERB", "AUX"):
        # "traveled to Iraq to meet officials", "paused attacks, offering the U.S. time"
        return subject_of(head, _depth + 1)
    return []


def _object_controls(verb: Token) -> bool:
    from .matching import constructions

    return verb.lemma_.lower() in constructions().object_control


def _infinitival(verb: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _prep_objects(tok: Token, prep: str) -> list[Token]:
    out: list[Token] = []
    for child in tok.children:
        if child.dep_ in ("prep", "agent", "dative") and child.lower_ == prep:
            out.extend(c for c in child.children if c.dep_ in ("pobj", "pcomp"))
            # "at the embassy and at the airport"
            for conj in child.children:
                if conj.dep_ == "conj" and conj.lower_ == prep:
                    out.extend(c for c in conj.children if c.dep_ == "pobj")
    return out


def _agent(tok: Token) -> list[Token]:
    out: list[Token] = []
    for agent in _children(tok, ("agent",)):
        for p in agent.children:
            if p.dep_ == "pobj":
                out.append(p)
            elif p.dep_ == "pcomp":  # "by ruling party supporters" misread as a gerund phrase
                out.extend(c for c in p.children if c.dep_ in ("dobj", "pobj"))
    return out


def _verb_slot(tok: Token, slot: str) -> list[Token]:
    passive = is_passive(tok)
    if slot == "nsubj":
        return [] if passive else subject_of(tok)
    if slot == "agent":
        return _agent(tok) if passive else []
    if slot == "dobj":
        if passive:
            subj = _children(tok, _PASSIVE_SUBJ)
            if not subj and tok.dep_ == "acl":
                return [tok.head]  # "the convoy attacked near Kirkuk"
            return subj
        return _children(tok, _OBJ)
    if slot == "dative":
        return _children(tok, ("dative",)) if not passive else []
    found = _prep_objects(tok, slot)
    if not found and slot == "to" and not passive:
        found = _children(tok, ("dative",))  # "gave Putin a deadline" = "gave a deadline to Putin"
    if not found:
        for obj in _children(tok, _OBJ):  # "fired rockets at X" parsed with at under rockets
            found = _prep_objects(obj, slot)
            if found:
                break
    return found


def _named_modifiers(tok: Token, slot: str) -> list[Token]:
    """Named modifiers of a noun, also through its compounds ("the *Iranian* missile strike")."""
    found = [c for c in tok.children if c.dep_ == slot and _is_name(c)]
    if not found:
        for comp in tok.children:
            if comp.dep_ == "compound" and not _is_name(comp):
                found = [c for c in comp.children if c.dep_ == slot and _is_name(c)]
                if found:
                    break
    return found


def _is_name(tok: Token) -> bool:
    if tok.ent_type_ in _NOT_NAMES:
        return False  # "the *Easter* bombings", "*Sunday* attacks"
    return tok.ent_type_ in ("GPE", "NORP", "ORG", "PERSON") or tok.pos_ == "PROPN"


def _noun_slot(tok: Token, slot: str) -> list[Token]:
    if slot == "poss":
        return _children(tok, ("poss",))
    if slot in ("compound", "amod"):
        return _named_modifiers(tok, slot)
    if slot in ("nsubj", "agent"):
        return []
    found = _prep_objects(tok, slot)
    if not found and slot == "by":  # "the kidnapping of three engineers by gunmen": by hangs off the object
        for obj in _prep_objects(tok, "of"):
            found = _prep_objects(obj, "by")
            if found:
                break
    return found


def slot_heads(tok: Token, slots: Iterable[str], verb: bool | None = None) -> list[Token]:
    """Head tokens for the first slot (in order) that yields anything.

    ``verb`` says how to read ``tok`` when its tag is unreliable (Title-Case headlines).
    For an actor slot, a pronoun that takes up the subject of the clause it reports on
    ("Russia said *it* expelled") is that subject. For a recipient slot, a thing said
    names the party that said it ("rejected charges *by clergymen*").
    """
    slots = tuple(slots)
    is_verb = tok.pos_ in ("VERB", "AUX") if verb is None else verb
    finder = _verb_slot if is_verb else _noun_slot
    actor = bool(set(slots) & _ACTOR_SLOTS)
    for slot in slots:
        heads = finder(tok, slot)
        heads = [h for h in heads if h.i != tok.i]
        if heads:
            if actor:
                return [_reported_subject(h) or h for h in heads]
            return [_speaker(h) or h for h in heads]
    if not actor and is_verb:
        return _helped(tok) or _place_affected(tok)
    return []


def _place_affected(verb: Token) -> list[Token]:
    """A country or city the act is done in, when no party is named: "imposed a curfew *in
    Algiers*", "declared a ceasefire *in Somalia*"; it stands for the people there."""
    hosts = [verb, *_children(verb, _OBJ)]
    for host in hosts:
        for obj in _prep_objects(host, "in"):
            if obj.ent_type_ in ("GPE", "LOC") and obj.pos_ == "PROPN":
                return [obj]
    return []


def _speaker(obj: Token) -> Token | None:
    """The named party who made a demand, charge or offer that is the object:
    "rejected charges by Central American clergymen" -> clergymen."""
    if obj.pos_ != "NOUN" or obj.lemma_.lower() not in _SPEECH_NOUNS or obj.dep_ not in ("dobj", "obj", "pobj"):
        return None
    for prep in ("by", "from"):
        for who in _prep_objects(obj, prep):
            if who.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") or who.pos_ in ("PROPN", "NOUN"):
                if who.ent_type_ not in _NOT_NAMES:
                    return who
    return None


def _helped(verb: Token) -> list[Token]:
    """Who a gift or a mission is for, from a purpose clause: "sent aid to help North Korea",
    "donated ventilators to assist Ethiopia"."""
    for comp in verb.children:
        if comp.dep_ in ("advcl", "xcomp") and comp.lemma_.lower() in _HELP_VERBS and _infinitival(comp):
            objs = [o for o in _children(comp, _OBJ) if o.ent_type_ in ("GPE", "ORG", "NORP", "PERSON")]
            if objs:
                return objs
    return []


def _reported_subject(pron: Token) -> Token | None:
    """The subject a pronoun takes up from the clause that reports or governs it:
    "Russia said *it* had expelled", "Trump said *he* would call", "North Korea reiterated
    *its* demand". Only a subject before the pronoun that agrees with it."""
    kind = _PERSONAL.get(pron.lower_)
    if kind is None or pron.pos_ != "PRON":
        return None
    clause = pron.head
    if pron.dep_ == "poss":  # "its demand": the clause of the possessed noun
        clause = clause.head if clause.dep_ in ("dobj", "obj", "nsubj", "nsubjpass", "pobj") else clause
        if clause.pos_ == "ADP":
            clause = clause.head
    steps = 0
    while steps < 4:
        steps += 1
        if clause.pos_ in ("VERB", "AUX") and clause.i != pron.head.i or (pron.dep_ == "poss" and steps == 1):
            subj = [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < pron.i and c.i != pron.i]
            if subj and subj[0].pos_ != "PRON":
                ante = _relcl_antecedent(subj[0]) or subj[0]
                return ante if _agrees(ante, kind) else None
        if clause.dep_ not in ("ccomp", "xcomp", "conj", "advcl", "dobj", "pcomp", "prep") or clause.head.i == clause.i:
            return None
        clause = clause.head
    return None


def _agrees(tok: Token, kind: str) -> bool:
    if kind == "person":
        return tok.ent_type_ == "PERSON"
    if tok.ent_type_ == "PERSON":
        return False
    plural = tok.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in tok.children)
    if kind == "plural":
        return plural or tok.ent_type_ in ("ORG", "NORP")
    return not plural and (tok.ent_type_ in ("ORG", "GPE", "NORP") or tok.pos_ in ("NOUN", "PROPN"))


def expand_conj(heads: Iterable[Token]) -> Iterator[Token]:
    """Each head and the heads coordinated with it ("Kenya and Uganda")."""
    seen: set[int] = set()
    stack = list(heads)
    while stack:
        tok = stack.pop(0)
        if tok.i in seen:
            continue
        seen.add(tok.i)
        yield tok
        stack.extend(c for c in tok.children if c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN", "PRON"))
        # coordinated national modifiers name one party each: "Hungarian and *Romanian* officials"
        for mod in tok.children:
            if mod.dep_ in ("amod", "compound") and mod.ent_type_ in ("NORP", "GPE"):
                stack.extend(c for c in mod.children if c.dep_ == "conj" and c.ent_type_ in ("NORP", "GPE"))
        # headline coordination by comma: "Armenia, Azerbaijan agree" (same kind of name only)
        stack.extend(c for c in tok.children if c.dep_ == "appos" and tok.ent_type_ and c.ent_type_ == tok.ent_type_)


def _entity_bounds(tok: Token) -> tuple[int, int] | None:
    if tok.ent_type_ and tok.ent_iob_ in ("B", "I"):
        for ent in tok.doc.ents:
            if ent.start <= tok.i < ent.end:
                return ent.start, ent.end
    return None


def argument_span(head: Token) -> tuple[int, int]:
    """Token bounds [start, end) of the noun phrase headed by ``head``.

    Keeps left modifiers (names, titles, demonyms, possessors) and an "of"
    phrase after group/role nouns; drops relative clauses, appositions and
    other right-hand material so that the span names the actor and no more.
    """
    start = head.i
    for child in head.lefts:
        if child.dep_ in _LEFT_KEEP and child.dep_ != "prep":
            start = min(start, child.left_edge.i)
    end = head.i + 1
    if head.lemma_.lower() in _OF_HEADS:
        for child in head.rights:
            if child.dep_ == "prep" and child.lower_ == "of" and any(c.dep_ == "pobj" for c in child.children):
                end = max(end, child.right_edge.i + 1)
    ent = _entity_bounds(head)
    if ent:
        start, end = min(start, ent[0]), max(end, ent[1])
    doc = head.doc
    while start < head.i and doc[start].dep_ in ("det", "punct", "cc", "case", "predet") and doc[start].ent_type_ == "":
        start += 1
    while end - 1 > head.i and doc[end - 1].dep_ in ("punct", "cc", "case"):
        end -= 1
    return start, end

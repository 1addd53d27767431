"""Which way a temporal expression points, from the verb that governs it.

"Friday" in "talks will resume Friday" is the next Friday; in "talks resumed
Friday" the last one. The governing verb is the nearest verb above the
expression in the dependency parse; its tense comes from its tag and auxiliaries.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from .lexicon import lexicon

__all__ = ["governing_verb", "verb_tense", "orientation", "Orientation"]

_VERBAL = ("VERB", "AUX")
_PAST_TAGS = ("VBD",)
_PRESENT_TAGS = ("VBZ", "VBP")

#: (tense, firm): firm when the verb governs the expression directly ("ended March 31")
Orientation = tuple["str | None", bool]


def governing_verb(tok: Token, steps: int = 6) -> Token | None:
    """The nearest verb above ``tok`` ("killing dozens Friday" defers to its clause)."""
    cur = tok
    for _ in range(steps):
        if cur.head.i == cur.i:
            return None
        cur = cur.head
        if cur.pos_ in _VERBAL and not _bare_gerund(cur):
            return cur
    return None


def _bare_gerund(tok: Token) -> bool:
    return tok.tag_ == "VBG" and tok.dep_ in ("advcl", "acl", "xcomp", "amod", "conj") and not _auxes(tok)


def _auxes(tok: Token) -> list[Token]:
    return [c for c in tok.children if c.dep_ in ("aux", "auxpass")]


def _past_perfect(verb: Token) -> bool:
    """"had been scheduled to expire Friday", "had been due to expire": a plan overtaken
    by events (the auxiliary may hang on the copula of a predicative "due")."""
    if any(a.lower_ in ("had", "'d") for a in _auxes(verb)):
        return True
    head = verb.head
    return (verb.dep_ in ("acomp", "attr") and head.lemma_ == "be"
            and (head.lower_ in ("had", "'d") or any(a.lower_ in ("had", "'d") for a in _auxes(head))))


def _plan_word(tok: Token) -> bool:
    return tok.lemma_.lower() in lexicon().future_verbs


def _planned(verb: Token) -> bool:
    """Plans and expectations point ahead: "is scheduled for", "plans to", "is to resume",
    "a plan to reduce"; but "planned" itself is a past act ("On Friday, the government
    planned to pay")."""
    if _plan_word(verb) and verb.tag_ != "VBD" and not _past_perfect(verb):
        return True
    head = verb.head
    if verb.dep_ in ("xcomp", "ccomp", "acl") and _plan_word(head) and not _past_perfect(head):
        return True
    return verb.dep_ == "xcomp" and head.lemma_ == "be" and _to_infinitive(verb)


def _to_infinitive(verb: Token) -> bool:
    return verb.tag_ == "VB" and any(c.lower_ == "to" and c.dep_ == "aux" for c in verb.children)


def _overtaken_plan(verb: Token) -> bool:
    """"had been set to expire Nov. 6": the planned time may lie on either side of now."""
    head = verb.head
    return verb.dep_ in ("xcomp", "ccomp", "acl") and _plan_word(head) and _past_perfect(head)


def verb_tense(verb: Token) -> str | None:
    """past | present | future | None, from the verb's tag and auxiliaries."""
    auxes = _auxes(verb)
    if any(a.lower_ in lexicon().future_aux for a in auxes) or _planned(verb):
        return "future"
    if _overtaken_plan(verb):
        return None
    if any(a.tag_ == "MD" and a.lower_ not in lexicon().past_modals for a in auxes) and not any(a.lemma_ == "have" for a in auxes):
        return "future"
    if verb.tag_ in _PAST_TAGS or any(a.tag_ in _PAST_TAGS for a in auxes):
        return "past"
    if any(a.lemma_ == "have" for a in auxes) or (verb.tag_ == "VBN" and not auxes):
        return "past"  # present perfect; a participle ("the injunction issued Thursday")
    if verb.tag_ in _PRESENT_TAGS or any(a.tag_ in _PRESENT_TAGS for a in auxes):
        return "present"
    return _inherited_tense(verb)


def _inherited_tense(verb: Token, depth: int = 0) -> str | None:
    """A bare infinitive or gerund has no tense of its own: "the decision to strike him in
    January" (in a past-tense clause) points back, so it takes its governing clause's tense."""
    if verb.tag_ not in ("VB", "VBG") or depth > 2:
        return None
    upper = governing_verb(verb)
    if upper is None:
        return None
    found = verb_tense(upper) if depth == 0 else _inherited_tense(upper, depth + 1)
    if found == "past" and _to_infinitive(verb):
        return None  # "agreed to buy it in February": what was agreed may still lie ahead
    return found


def _future_cue(span: Span) -> bool:
    """"as soon as Tuesday", "as early as next week"."""
    before = " ".join(t.lower_ for t in span.doc[max(span.start - 3, 0):span.start])
    return any(before.endswith(cue) for cue in lexicon().future_cues)


def _object_of_plan(span: Span, verb: Token) -> bool:
    """"planned a demonstration on Saturday": the time of the planned thing."""
    if verb.lemma_.lower() not in lexicon().future_verbs:
        return False
    cur = span.root
    while cur.i != verb.i and cur.head.i != cur.i:
        if cur.dep_ == "dobj" and cur.head.i == verb.i:
            return True
        cur = cur.head
    return False


def orientation(span: Span) -> Orientation:
    """The tense that orients ``span``, and whether its verb governs it directly; a
    verbless expression takes its sentence's main verb (not firmly)."""
    if _future_cue(span):
        return "future", True
    verb = governing_verb(span.root)
    if verb is None:
        verb = next((t for t in span.sent if t.pos_ in _VERBAL and t.dep_ in ("ROOT", "ccomp")), None)
        return (verb_tense(verb) if verb is not None else None), False
    if _object_of_plan(span, verb) or _after_planned_object(span, verb) or _deferred(span, verb):
        return "future", True
    tense = verb_tense(verb)
    if tense == "future" and _possessor_of_object(span, verb):
        return None, False  # "will appeal Wednesday's ruling": the ruling is already made
    firm = _firm(span, verb)
    if tense == "present" and firm and _scheduled_present(verb):
        return "future", True  # "the leaders meet Monday": news present for what is planned
    return tense, firm


def _scheduled_present(verb: Token) -> bool:
    """A simple present of an action, not of saying or being ("says Monday", "is Monday")."""
    lemma = verb.lemma_.lower()
    return (verb.tag_ in ("VBZ", "VBP") and not _auxes(verb) and lemma not in lexicon().present_states
            and lemma not in lexicon().reporting_lemmas)


def _possessor_of_object(span: Span, verb: Token) -> bool:
    """The expression owns a noun the verb acts on ("Wednesday's ruling"), rather than
    timing the verb itself."""
    root = span.root
    return root.dep_ == "poss" and root.head.i != verb.i and root.head.dep_ in ("dobj", "pobj")


def _after_planned_object(span: Span, verb: Token) -> bool:
    """"planned a demonstration on Saturday": a time after the thing planned is its time
    (before the verb, "On Friday, they planned ...", it is the planning's)."""
    if verb.lemma_.lower() not in lexicon().future_verbs or _past_perfect(verb):
        return False
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    if not objects or objects[0].i > span.start:
        return False
    prep = _preposition(span)
    return span.root.head.i == verb.i or (prep is not None and prep.head.i == verb.i)


def _preposition(span: Span) -> Token | None:
    root = span.root
    return root.head if root.dep_ == "pobj" and root.head.dep_ == "prep" else None


def _deferred(span: Span, verb: Token) -> bool:
    """"postponed until Tuesday", "extended to Nov. 20": the new, later time."""
    prep = _preposition(span)
    lex = lexicon()
    return (prep is not None and prep.head.i == verb.i and prep.lower_ in lex.deferral_prepositions
            and verb.lemma_.lower() in lex.deferral_verbs)


_ADVERBIAL = frozenset({"npadvmod", "tmod", "obl", "advmod"})


def _firm(span: Span, verb: Token) -> bool:
    """The verb governs the expression as its time: "met Monday", "ended on March 31"."""
    root = span.root
    if root.head.i == verb.i:
        return root.dep_ in _ADVERBIAL
    prep = _preposition(span)
    return prep is not None and prep.head.i == verb.i and prep.lower_ in lexicon().firm_prepositions

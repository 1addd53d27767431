"""Match tokens to trigger-lexicon entries, and the constructions around them.

A token is a candidate trigger when its lemma and part of speech have entries
and at least one entry's constraints (particle, preposition, object, modifier)
hold. Tokens inside names ("Popular Mobilization Forces"), adjectival uses
("the assassinated commander") and noun modifiers ("attack helicopter") are not
triggers.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from spacy.tokens import Token

from ..datafiles import read_yaml
from .lexicon import Lexicon, TriggerEntry

__all__ = ["Constructions", "constructions", "match_entry", "Candidate", "headline_lemmas", "misparsed_predicate"]


@dataclass(frozen=True, slots=True)
class Constructions:
    light_verbs: frozenset[str]
    casualty_dead: frozenset[str]
    casualty_injured: frozenset[str]
    casualty_arrested: frozenset[str]
    name_labels: frozenset[str]
    quantity_nouns: frozenset[str]
    content_nouns: frozenset[str]
    claim_verbs: frozenset[str]
    claim_objects: frozenset[str]
    casualty_triggers: frozenset[str]
    non_agents: frozenset[str]
    object_control: frozenset[str]
    motion_verbs: frozenset[str]
    obligation_modals: frozenset[str]
    anonymity_verbs: frozenset[str]
    numbers: dict[str, int]
    attribution_verbs: dict[str, str]
    #: verbs that carry an event noun without being its trigger ("resumed intelligence *sharing*")
    aspectual_verbs: frozenset[str] = frozenset()
    #: verbs whose "under" phrase names the event ("were *placed* under sanctions")
    under_verbs: frozenset[str] = frozenset()
    #: verbs of retaliation whose "by" phrase says what was done ("retaliated by expelling")
    retaliation_verbs: frozenset[str] = frozenset()


@functools.lru_cache(maxsize=1)
def constructions() -> Constructions:
    raw = read_yaml("lexicon", "constructions.yaml")
    numbers = {str(k): int(v) for k, v in raw.pop("numbers").items()}
    attribution = {str(k): str(v) for k, v in raw.pop("attribution_verbs").items()}
    return Constructions(numbers=numbers, attribution_verbs=attribution,
                         **{k: frozenset(str(w) for w in v) for k, v in raw.items()})


@dataclass(slots=True)
class Candidate:
    token: Token
    entry: TriggerEntry
    #: for a light-verb construction ("launched *attacks*", "held *talks*") the trigger
    #: is the verb and this is the event noun whose entry codes it
    noun: Token | None = None
    #: the content verb whose complement this trigger is ("threatened to *retaliate*")
    governor: "Candidate | None" = None
    #: the word reported as the trigger when it is not ``token``: the noun after an aspectual
    #: verb ("resumed intelligence *sharing*"), the verb of retaliation ("*retaliated* by expelling")
    anchor: Token | None = None


def _lemma_set(tok: Token) -> set[str]:
    """The token's lemma and form, and ``ent:<label>`` for a named entity ("ent:person", "ent:norp"),
    so that a lexicon class can admit names: "released *Odin Sanchez*", "freed 19 *Christians*"."""
    out = {tok.lemma_.lower(), tok.lower_}
    if tok.ent_type_:
        out.add(f"ent:{tok.ent_type_.lower()}")
    return out


#: dependents of the trigger that hold its clausal complement, and of its objects ("three days *to leave*")
_COMPLEMENT_DEPS = ("xcomp", "ccomp")
_OBJECT_CLAUSE_HOSTS = ("dobj", "obj", "dative", "npadvmod", "nsubjpass", "attr", "oprd")
_OBJECT_CLAUSE_DEPS = ("acl", "relcl", "xcomp")


def _complement_lemmas(tok: Token) -> set[str]:
    """Lemmas heading the trigger's clausal complement: "ordered the envoy to *leave*", "gave the
    ambassador three days to *leave*", "vowed the attack would not go *unanswered*"."""
    heads = [c for c in tok.children if c.dep_ in _COMPLEMENT_DEPS]
    # an infinitive parsed as an adverbial clause ("gave the consul two days *to leave*")
    heads += [c for c in tok.children if c.dep_ == "advcl" and any(a.dep_ == "aux" and a.lower_ == "to"
                                                                      for a in c.children)]
    heads += [g for c in tok.children if c.dep_ in _OBJECT_CLAUSE_HOSTS
              for g in c.children if g.dep_ in _OBJECT_CLAUSE_DEPS]
    # "*": the trigger itself takes a clause ("both countries undertake *to restore* relations")
    out: set[str] = {"*"} if any(c.dep_ in _COMPLEMENT_DEPS for c in tok.children) else set()
    for head in heads:
        out.add(head.lemma_.lower())
        out |= {c.lemma_.lower() for c in head.children if c.dep_ in ("acomp", "oprd")}
    return out


def _object_lemmas(tok: Token) -> set[str]:
    out: set[str] = set()
    objects = [c for c in tok.children if c.dep_ in ("dobj", "obj", "nsubjpass", "attr", "oprd")
               or (c.dep_ == "dative" and c.pos_ != "ADP")]
    if tok.pos_ == "NOUN":  # a noun's object is its "of" phrase: "the expulsion of diplomats"
        objects += [p for prep in tok.children if prep.dep_ == "prep" and prep.lower_ == "of"
                    for p in prep.children if p.dep_ == "pobj"]
    if objects:
        out.add("*")  # "object: ['*']": the trigger has some object ("returned *a manuscript* to its owners")
    for child in objects:
        child = through_quantity(child)
        out |= _lemma_set(child)
        out |= {c.lemma_.lower() for c in child.children if c.dep_ == "compound"}
    if (tok.dep_ == "acl" and tok.tag_ == "VBN") or misparsed_predicate(tok):
        out |= _lemma_set(tok.head)  # "rockets fired at the base": the head is the object
    if not objects and tok.dep_ == "conj" and any(c.dep_ == "auxpass" for c in tok.children):
        # "arrived in Bamako and was received by the minister": the shared subject is the object
        out |= {w for c in tok.head.children if c.dep_ in ("nsubj", "nsubjpass")
                for w in _lemma_set(through_quantity(c))}
    for child in objects:  # "called it an act of aggression": the kind of act
        if child.lemma_.lower() in _KIND_NOUNS:
            out |= {p.lemma_.lower() for prep in child.children if prep.dep_ == "prep" and prep.lower_ == "of"
                    for p in prep.children if p.dep_ == "pobj"}
    return out


#: nouns whose "of" phrase says what kind of thing the object is ("an *act* of aggression")
_KIND_NOUNS = frozenset({"act", "case", "form", "kind"})


def through_quantity(tok: Token) -> Token:
    """"dozens of students" -> students; other tokens unchanged."""
    if tok.lemma_.lower() in constructions().quantity_nouns or tok.lower_ in constructions().quantity_nouns or tok.like_num:
        for prep in tok.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                for pobj in prep.children:
                    if pobj.dep_ == "pobj":
                        return pobj
    return tok


def _subject_lemmas(tok: Token) -> set[str]:
    subjects = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass", "agent")]
    if not subjects and tok.pos_ == "VERB":
        from .arguments import subject_of  # "peacekeepers began *deploying*": the controller's subject

        subjects = subject_of(tok)
    out: set[str] = set()
    for child in subjects:
        child = through_quantity(child)
        out |= _lemma_set(child) | {c.lemma_.lower() for c in child.children if c.dep_ == "compound"}
    return out


def _satisfied(tok: Token, entry: TriggerEntry) -> bool:
    if entry.particle and not any((c.dep_ == "prt" or (c.dep_ == "advmod" and c.tag_ == "RP"))
                                  and c.lower_ == entry.particle for c in tok.children):
        return False
    if entry.prep and not any(c.dep_ in ("prep", "agent", "dative") and c.lower_ == entry.prep for c in tok.children):
        return False
    if entry.object is not None and not (_object_lemmas(tok) & entry.object):
        return False
    if entry.subject is not None and not (_subject_lemmas(tok) & entry.subject):
        return False
    if entry.complement is not None and not (_complement_lemmas(tok) & entry.complement):
        return False
    if entry.modifier is not None or entry.not_modifier is not None:
        mods = {c.lemma_.lower() for c in tok.children if c.dep_ in ("compound", "amod", "nmod", "poss")}
        mods |= {c.lower_ for c in tok.children if c.dep_ in ("compound", "amod", "nmod")}
        if entry.modifier is not None and not (mods & entry.modifier):
            return False
        if entry.not_modifier is not None and mods & entry.not_modifier:
            return False
    return True


def match_entry(tok: Token, lexicon: Lexicon, lemma: str | None = None, pos: str | None = None) -> TriggerEntry | None:
    """The most specific satisfied entry for ``tok`` (ties: first listed)."""
    entries = lexicon.candidates(lemma or tok.lemma_.lower(), pos or tok.pos_)
    best: TriggerEntry | None = None
    for entry in entries:
        if not _satisfied(tok, entry):
            continue
        if best is None or entry.n_constraints > best.n_constraints:
            best = entry
    return best


def is_excluded(tok: Token, c: Constructions) -> bool:
    """Tokens that look like triggers but do not report an event."""
    if tok.ent_type_ in c.name_labels and (tok.pos_ != "VERB" or tok.dep_ in ("compound", "amod")):
        return True  # a verb inside a mis-tagged name ("Jordan airlifts food") is still a verb
    if tok.pos_ == "NOUN" and tok.dep_ == "compound":
        return True  # "attack helicopter", "protest movement"
    if tok.pos_ == "VERB" and tok.dep_ == "amod" and not misparsed_predicate(tok):
        return True  # "the assassinated commander"
    return False


def misparsed_predicate(tok: Token) -> bool:
    """A finite past-tense verb attached as an adjective is a parser slip, not a participle:
    "The United States on Thursday *imposed* sanctions" parsed as "imposed sanctions" = "the imposed
    sanctions". Such a verb is the predicate, and the noun it modifies its object."""
    return tok.pos_ == "VERB" and tok.dep_ == "amod" and tok.tag_ == "VBD" and tok.head.pos_ == "NOUN"


def headline_lemmas(tok: Token) -> list[tuple[str, str]]:
    """Candidate (lemma, pos) pairs for a Title-Case headline word tagged PROPN."""
    low = tok.lower_
    stems = [low]
    for suffix, repl in (("ies", "y"), ("es", ""), ("s", ""), ("ed", ""), ("ed", "e"), ("ing", ""), ("ing", "e")):
        if low.endswith(suffix) and len(low) - len(suffix) >= 3:
            stems.append(low[: -len(suffix)] + repl)
    verbish = low.endswith(("s", "ed")) and not low.endswith("ss")
    order = ("VERB", "NOUN") if verbish else ("NOUN", "VERB")
    return [(s, p) for p in order for s in stems]

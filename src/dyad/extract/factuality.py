"""How sure the text is about an event, and who says so.

Status is one of asserted, negated, conditional, speculative, future. The cue
words live in ``data/lexicon/factuality.yaml``. Scope follows the parse: a cue
counts when it modifies the trigger's own clause or a clause that controls it
(``failed to fire``, ``plans to visit``); a negation or condition inside a
subordinate clause affects only that clause's events.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources

import yaml
from spacy.tokens import Token

__all__ = ["Factuality", "status_of", "reporting_head", "cues"]

#: clause links we climb when looking for a controlling cue
_CLIMB = ("xcomp", "conj", "aux", "auxpass")


@dataclass(frozen=True, slots=True)
class Cues:
    negators: frozenset[str]
    negating_verbs: frozenset[str]
    speculative_modals: frozenset[str]
    speculative_adverbs: frozenset[str]
    speculative_verbs: frozenset[str]
    speculative_adjectives: frozenset[str]
    future_auxiliaries: frozenset[str]
    future_verbs: frozenset[str]
    conditional_marks: frozenset[str]
    reporting_verbs: frozenset[str]
    negative_quantifiers: frozenset[str]
    intent_agree_types: frozenset[str]
    intent_threaten_types: frozenset[str]


@dataclass(frozen=True, slots=True)
class Factuality:
    status: str
    cue: str | None = None


@functools.lru_cache(maxsize=1)
def cues() -> Cues:
    path = resources.files("dyad") / "data" / "lexicon" / "factuality.yaml"
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    types = ("intent_agree_types", "intent_threaten_types")
    return Cues(**{k: frozenset(str(w) if k in types else str(w).lower() for w in v) for k, v in raw.items()})


def _controllers(tok: Token) -> list[Token]:
    """The trigger, then the verbs that control it through xcomp/conj links."""
    chain = [tok]
    cur = tok
    while cur.dep_ in ("xcomp", "conj") and cur.head.i != cur.i and len(chain) < 5:
        cur = cur.head
        chain.append(cur)
    # a noun trigger's governing verb: "the attack failed", "plans an attack"
    if tok.pos_ == "NOUN" and tok.head.i != tok.i and tok.dep_ in ("dobj", "nsubj", "nsubjpass", "pobj"):
        gov = tok.head.head if tok.dep_ == "pobj" else tok.head
        # a copula says something about the event, not whether it happened:
        # "the visit is not unusual"
        if gov.pos_ in ("VERB", "AUX") and gov.lemma_ != "be":
            chain.append(gov)
    return chain


def _negated(tok: Token, chain: list[Token], c: Cues) -> str | None:
    for node in chain:
        for child in node.children:
            if child.dep_ == "neg" or (child.dep_ == "advmod" and child.lower_ in c.negators):
                return child.text
        if node.i != tok.i and node.lemma_.lower() in c.negating_verbs:
            return node.text
    # "no one was hurt", "no casualties were reported", "no arrests were made"
    if tok.pos_ == "NOUN" and any(d.dep_ == "det" and d.lower_ in c.negative_quantifiers for d in tok.children):
        return next(d.text for d in tok.children if d.dep_ == "det")
    for child in tok.children:
        if child.dep_ in ("nsubj", "nsubjpass", "dobj"):
            if child.lower_ in c.negative_quantifiers or any(
                d.dep_ == "det" and d.lower_ in c.negative_quantifiers for d in child.children
            ):
                return child.text
    if tok.dep_ == "acl" and tok.head.lemma_.lower() in c.negating_verbs:
        return tok.head.text
    return None


def _clause_root(tok: Token) -> Token:
    cur = tok
    while cur.dep_ in ("xcomp", "conj", "aux", "auxpass", "dobj", "pobj", "prep", "compound", "amod", "nsubj", "nsubjpass", "acomp", "attr", "oprd", "agent", "dative") and cur.head.i != cur.i:
        cur = cur.head
    return cur


def _main_clause_condition(tok: Token, c: Cues) -> str | None:
    """The main clause of a conditional: "Moscow will expel diplomats *if* Tallinn ..."."""
    root = _clause_root(tok)
    for child in root.children:
        if child.dep_ == "advcl":
            for mark in child.children:
                if mark.dep_ == "mark" and mark.lower_ in c.conditional_marks - {"once", "whether"}:
                    return mark.text
    return None


def _conditional(tok: Token, c: Cues, main_clause: bool = True) -> str | None:
    if main_clause:
        cue = _main_clause_condition(tok, c)
        if cue:
            return cue
    cur = tok
    for _ in range(8):
        root = _clause_root(cur)
        if root.dep_ == "advcl":
            for child in root.children:
                if child.dep_ == "mark" and child.lower_ in c.conditional_marks:
                    return child.text
        if root.head.i == root.i:
            return None
        cur = root.head
        if root.dep_ not in ("advcl", "relcl", "acl"):
            return None
    return None


def _speculative(tok: Token, chain: list[Token], c: Cues) -> str | None:
    for node in chain:
        for child in node.children:
            low = child.lower_
            if child.dep_ == "aux" and low in c.speculative_modals:
                return child.text
            if child.dep_ == "advmod" and low in c.speculative_adverbs:
                return child.text
        if node.i != tok.i and node.lemma_.lower() in c.speculative_verbs:
            return node.text
    # "it is possible that ...", "X is believed to have ..."
    root = _clause_root(tok)
    if root.dep_ in ("ccomp", "xcomp") and root.head.i != root.i:
        gov = root.head
        if gov.lemma_.lower() in c.speculative_verbs:
            return gov.text
        for child in gov.children:
            if child.dep_ in ("acomp", "attr") and child.lower_ in c.speculative_adjectives:
                return child.text
    return None


def _future(tok: Token, chain: list[Token], c: Cues) -> str | None:
    for node in chain:
        for child in node.children:
            if child.dep_ == "aux" and child.lower_ in c.future_auxiliaries:
                return child.text
        if node.i != tok.i and node.lemma_.lower() in c.future_verbs:
            return node.text
    return None


def status_of(tok: Token, main_clause: bool = True) -> Factuality:
    """The factuality of the event whose trigger is ``tok``.

    ``main_clause=False`` ignores an if-clause that modifies the trigger's own clause
    (a conditional threat is still a threat that was made).
    """
    c = cues()
    chain = _controllers(tok)
    for test, status in ((_negated, "negated"),):
        cue = test(tok, chain, c)
        if cue:
            return Factuality(status, cue)
    cue = _conditional(tok, c, main_clause)
    if cue:
        return Factuality("conditional", cue)
    cue = _speculative(tok, chain, c)
    if cue:
        return Factuality("speculative", cue)
    cue = _future(tok, chain, c)
    if cue:
        return Factuality("future", cue)
    return Factuality("asserted")


def reporting_head(tok: Token) -> Token | None:
    """The nearest reporting verb whose complement contains ``tok`` ("X said that ...")."""
    c = cues()
    cur = tok
    for _ in range(10):
        if cur.head.i == cur.i:
            break
        parent = cur.head
        if parent.lemma_.lower() in c.reporting_verbs and cur.dep_ in ("ccomp", "xcomp", "conj", "advcl", "dobj", "parataxis"):
            if cur.dep_ != "dobj" or cur.pos_ in ("VERB", "AUX"):
                return parent
        # "..., the official said" : the reporting verb hangs off the reported clause
        for child in cur.children:
            if child.dep_ in ("parataxis", "ccomp", "advcl") and child.lemma_.lower() in c.reporting_verbs and child.i > cur.i and child.i != tok.i:
                return child
        cur = parent
    root = tok.sent.root
    for child in root.children:
        if child.dep_ == "parataxis" and child.lemma_.lower() in c.reporting_verbs:
            return child
    return None

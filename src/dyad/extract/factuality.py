"""How sure the text is about an event, and who says so.

Status is one of asserted, negated, conditional, speculative, future (when cues
combine: negated > conditional > speculative > future). The cue words live in
``data/lexicon/factuality.yaml``. Scope follows the parse: a cue counts when it
modifies the trigger's own clause or a clause that controls it (``failed to
fire``, ``plans to visit``, ``refrained from attacking``, ``denied reports that
... attacked``); a negation or hedge inside a subordinate clause affects only
that clause's events. An if/unless/should/provided/in-case clause makes its own
events conditional and those of the clause it conditions ("will expel diplomats
if ..."), not those of other clauses.

Attribution: :func:`reporting_head` finds the nearest reporting verb whose
complement holds the trigger (a negated one, "did not say when ...", reports
nothing); :func:`reporting_source` finds who reports through it ("X said",
"said X", "quoted X as saying", "X denied reports that ...").
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, fields

from spacy.tokens import Token

from ..datafiles import read_yaml

__all__ = ["Factuality", "status_of", "reporting_head", "reporting_source", "cues"]

#: clause links we climb when looking for a controlling cue
_CLIMB = ("xcomp", "conj", "aux", "auxpass")
#: links from a clause to the noun it completes ("reports that ...", "the plan to ...")
_NOUN_CLAUSE = ("acl", "ccomp", "relcl")
_EMPTY: frozenset[str] = frozenset()


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
    reject_types: frozenset[str] = _EMPTY
    intent_cues: frozenset[str] = _EMPTY
    # lists added later: optional, so an older cue file still loads
    negating_preps: frozenset[str] = _EMPTY
    pending_adverbs: frozenset[str] = _EMPTY
    denial_verbs: frozenset[str] = _EMPTY
    denial_nouns: frozenset[str] = _EMPTY
    question_marks: frozenset[str] = _EMPTY
    conditional_nouns: frozenset[str] = _EMPTY
    future_nouns: frozenset[str] = _EMPTY
    future_light_verbs: frozenset[str] = _EMPTY
    quoting_verbs: frozenset[str] = _EMPTY


@dataclass(frozen=True, slots=True)
class Factuality:
    status: str
    cue: str | None = None


@functools.lru_cache(maxsize=1)
def cues() -> Cues:
    raw = read_yaml("lexicon", "factuality.yaml")
    known = {f.name for f in fields(Cues)}
    types = ("intent_agree_types", "intent_threaten_types", "reject_types")
    return Cues(**{k: frozenset(str(w) if k in types else str(w).lower() for w in v)
                   for k, v in raw.items() if k in known})


def _words(tok: Token) -> set[str]:
    """Lemma and surface form: spaCy's lemma is sometimes odd ("hopes" -> "hop")."""
    return {tok.lemma_.lower(), tok.lower_}


def _controllers(tok: Token) -> list[Token]:
    """The trigger, then the verbs that control it through xcomp/conj links."""
    chain = [tok]
    cur = tok
    while cur.dep_ in ("xcomp", "conj") and cur.head.i != cur.i and len(chain) < 5:
        if cur.dep_ == "conj" and not _shares_cues(cur):
            break
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


def _shares_cues(conj: Token) -> bool:
    """A conjunct takes the cues of the first verb only when it shares its subject and is not
    set against it: "will meet and sign" shares "will"; "did not enter the camp, but they
    fired" and "... but did not attack" do not share "not"."""
    if any(ch.dep_ in ("nsubj", "nsubjpass", "expl") for ch in conj.children):
        return False
    cc = [ch for ch in conj.head.children if ch.dep_ == "cc" and ch.i < conj.i]
    return not (cc and cc[-1].lower_ in ("but", "yet", "while", "whereas"))


def _prep_governor(tok: Token) -> tuple[Token, Token] | None:
    """For "refrained from attacking", "stopped short of imposing", "suspected of attacking":
    the preposition and the word it hangs from (past an adverb such as "short")."""
    if tok.dep_ not in ("pcomp", "pobj") or tok.head.dep_ not in ("prep", "agent"):
        return None
    prep = tok.head
    gov = prep.head
    if gov.pos_ in ("ADV", "ADJ") and gov.dep_ in ("advmod", "acomp") and gov.head.i != gov.i:
        gov = gov.head
    return prep, gov


def _clause_root(tok: Token) -> Token:
    cur = tok
    while cur.dep_ in ("xcomp", "conj", "aux", "auxpass", "dobj", "pobj", "prep", "compound", "amod", "nsubj", "nsubjpass", "acomp", "attr", "oprd", "agent", "dative") and cur.head.i != cur.i:
        cur = cur.head
    return cur


# -- negation ---------------------------------------------------------------------


def _negative_argument(node: Token, c: Cues) -> Token | None:
    """ "no one was hurt", "No arrests were made", "Not a single protest was held"."""
    for child in node.children:
        if child.dep_ not in ("nsubj", "nsubjpass", "dobj"):
            continue
        if child.lower_ in c.negative_quantifiers:
            return child
        for d in child.children:
            if (d.dep_ == "det" and d.lower_ in c.negative_quantifiers) or d.dep_ == "neg":
                return d
    return None


def _denied(tok: Token, c: Cues) -> Token | None:
    """ "denied reports that its forces had attacked", "denied any involvement in the attack",
    "denied that the attack took place": the denial verb."""
    root = _clause_root(tok)
    noun: Token | None = None
    if root.dep_ in _NOUN_CLAUSE and root.head.pos_ == "NOUN":
        noun = root.head
    elif tok.pos_ == "NOUN" and (pg := _prep_governor(tok)) is not None and pg[1].pos_ == "NOUN":
        noun = pg[1]
    if noun is not None and noun.lemma_.lower() in c.denial_nouns and noun.dep_ in ("dobj", "nsubjpass"):
        verb = noun.head
    elif root.dep_ == "ccomp":
        verb = root.head
    else:
        return None
    return verb if _words(verb) & c.denial_verbs else None


def _negated(tok: Token, chain: list[Token], c: Cues) -> str | None:
    # "no arrests were made": the event noun itself is quantified away
    if tok.pos_ == "NOUN" and any(d.dep_ == "det" and d.lower_ in c.negative_quantifiers for d in tok.children):
        return next(d.text for d in tok.children if d.dep_ == "det")
    for node in chain:
        for child in node.children:
            if child.dep_ == "neg" or (child.dep_ == "advmod" and child.lower_ in c.negators):
                return child.text
            # "no longer detains"
            if child.dep_ == "advmod" and any(g.dep_ == "neg" or g.lower_ in c.negators for g in child.children):
                return f"{' '.join(g.text for g in child.children)} {child.text}"
        if node.i != tok.i and node.lemma_.lower() in c.negating_verbs:
            return node.text
        # "have yet to release"
        if node.dep_ == "xcomp" and any(s.dep_ == "advmod" and s.lower_ in c.pending_adverbs for s in node.head.children):
            return "yet to"
    for node in chain[:2]:
        found = _negative_argument(node, c)
        if found is not None:
            return found.text
    if tok.dep_ == "acl" and tok.head.lemma_.lower() in c.negating_verbs:
        return tok.head.text
    pg = _prep_governor(tok)
    if pg is not None:
        prep, gov = pg
        if prep.lower_ in c.negating_preps:
            return prep.text  # "without firing tear gas"
        if gov.pos_ in ("VERB", "AUX") and gov.lemma_.lower() in c.negating_verbs:
            return gov.text  # "refrained from attacking", "stopped short of imposing"
    denial = _denied(tok, c)
    return denial.text if denial is not None else None


# -- conditions -------------------------------------------------------------------


def _condition_cue(clause: Token, c: Cues) -> str | None:
    """The cue that makes ``clause`` (a subordinate clause root) a condition, if any."""
    subject = next((s for s in clause.children if s.dep_ in ("nsubj", "nsubjpass")), None)
    for child in clause.children:
        if child.dep_ == "mark" and child.lower_ in c.conditional_marks - {"once", "whether"}:
            return child.text
        # "Should the militants attack again, ...": the inverted modal is the condition
        if child.dep_ == "aux" and child.lower_ == "should" and subject is not None and child.i < subject.i:
            return child.text
    head = clause.head
    if clause.dep_ == "ccomp" and head.lower_ in c.conditional_marks and head.i < clause.i:
        return head.text  # "provided Israel frees ..."
    if clause.dep_ in _NOUN_CLAUSE and head.lemma_.lower() in c.conditional_nouns and head.dep_ == "pobj":
        return f"{head.head.text} {head.text}"  # "in case the rebels attack", "in the event that"
    return None


def _conditions_of(root: Token, c: Cues) -> str | None:
    """A condition attached to the clause ``root`` ("... will expel diplomats if Tallinn ...")."""
    for child in root.children:
        if child.dep_ == "advcl":
            cue = _condition_cue(child, c)
            if cue:
                return cue
        if child.dep_ == "prep":  # "in case ...", "provided ..."
            for sub in child.children:
                cue = _condition_cue(sub, c) if sub.dep_ in ("ccomp", "pcomp") else None
                for clause in (sub.children if sub.dep_ == "pobj" else ()):
                    cue = cue or (_condition_cue(clause, c) if clause.dep_ in _NOUN_CLAUSE else None)
                if cue:
                    return cue
    return None


def _conditional(tok: Token, c: Cues, main_clause: bool = True) -> str | None:
    cur = tok
    for _ in range(8):
        root = _clause_root(cur)
        # the clause the trigger heads is conditioned ("will expel ... if ..."); a threat
        # so conditioned is still a threat that was made (``main_clause=False``)
        cue = _conditions_of(root, c) if main_clause or cur.i != tok.i else None
        if cue:
            return cue
        # or it is itself the condition ("If Iran attacks, ...")
        if root.dep_ in ("advcl", "ccomp", "acl", "relcl"):
            cue = _condition_cue(root, c)
            if cue:
                return cue
        if root.head.i == root.i or root.dep_ not in ("advcl", "relcl", "acl"):
            return None
        cur = root.head
    return None


# -- speculation --------------------------------------------------------------------


def _speculative(tok: Token, chain: list[Token], c: Cues) -> str | None:
    for node in chain:
        for child in node.children:
            low = child.lower_
            if child.dep_ == "aux" and low in c.speculative_modals:
                return child.text
            if child.dep_ == "advmod" and low in c.speculative_adverbs:
                return child.text
        if node.i != tok.i and (node.lemma_.lower() in c.speculative_verbs or node.lower_ in c.speculative_adjectives):
            return node.text  # "is believed to have", "is unlikely to impose"
    # "a possible attack", "the alleged assault", "a suspected attack"
    if tok.pos_ == "NOUN":
        for child in tok.children:
            if child.dep_ == "amod" and child.lower_ in c.speculative_adjectives:
                return child.text
    # "suspected of attacking"
    pg = _prep_governor(tok)
    if pg is not None and _words(pg[1]) & (c.speculative_verbs | c.speculative_adjectives):
        return pg[1].text
    root = _clause_root(tok)
    # "debated whether China would blockade", "asked if the army had fired"
    if root.dep_ == "ccomp" and any(m.dep_ == "mark" and m.lower_ in c.question_marks for m in root.children):
        return next(m.text for m in root.children if m.dep_ == "mark" and m.lower_ in c.question_marks)
    # "it is possible that ...", "it is unlikely that ...", "X is believed to have ..."
    if root.dep_ in ("ccomp", "xcomp") and root.head.i != root.i:
        gov = root.head
        if gov.lemma_.lower() in c.speculative_verbs or gov.lower_ in c.speculative_adjectives:
            return gov.text
        for child in gov.children:
            if child.dep_ in ("acomp", "attr") and child.lower_ in c.speculative_adjectives:
                return child.text
    # "unconfirmed reports that troops had fired"
    if root.dep_ in ("acl", "ccomp") and root.head.pos_ == "NOUN":
        for child in root.head.children:
            if child.dep_ == "amod" and child.lower_ in c.speculative_adjectives:
                return child.text
    # "A video purportedly shows soldiers beating ...": a hedge on the verb that reports it
    cur = root
    for _ in range(3):
        if cur.dep_ != "ccomp" or cur.head.i == cur.i:
            break
        cur = cur.head
        for child in cur.children:
            if child.dep_ == "advmod" and child.lower_ in c.speculative_adverbs:
                return child.text
    return None


# -- future -------------------------------------------------------------------------


def _counterfactual(node: Token, aux: Token) -> bool:
    """ "would have died": a past that did not happen, not a future."""
    return aux.lower_ == "would" and any(a.dep_ == "aux" and a.lower_ == "have" for a in node.children)


def _future(tok: Token, chain: list[Token], c: Cues) -> str | None:
    for node in chain:
        for child in node.children:
            if child.dep_ == "aux" and child.lower_ in c.future_auxiliaries and not _counterfactual(node, child):
                return child.text
        if node.i != tok.i and _words(node) & c.future_verbs:
            return node.text
    # "are planning a protest": the light verb that carries the event plans it
    if tok.lemma_.lower() in c.future_light_verbs and any(ch.dep_ == "dobj" for ch in tok.children):
        return tok.text
    root = _clause_root(tok)
    # "The plan to deport thousands ...", "a bid to recapture the city"
    if root.dep_ == "acl" and root.head.lemma_.lower() in c.future_nouns:
        return root.head.text
    # headlines: "Japan to impose sanctions on Russian banks"
    if root.dep_ == "ROOT" and any(ch.dep_ == "aux" and ch.lower_ == "to" for ch in root.children) and any(
            ch.dep_ in ("nsubj", "nsubjpass") for ch in root.children):
        return "to"
    return None


#: Determiners that make a nominal event definite: "the attack", "this raid".
_DEFINITE = frozenset({"the", "this", "that", "these", "those"})


def _presupposed(tok: Token, c: Cues) -> bool:
    """A definite event noun names a happening the text takes as real -- "last
    Sunday's attack", "the abduction" -- so the predicate it sits in does not
    make it unreal: "No group has claimed the abduction", "rejected accusations that
    it shelters the group behind Sunday's attack", "had been used to prepare last
    Sunday's attack". Not when the noun is what is denied or qualified itself: "denied
    involvement in the attack", "denied that the attack took place", "the planned
    attack" (its own modifiers still count)."""
    if tok.pos_ != "NOUN" or tok.dep_ not in ("dobj", "pobj", "nsubj", "nsubjpass", "appos", "conj"):
        return False
    definite = any(d.dep_ == "det" and d.lower_ in _DEFINITE for d in tok.children) or any(
        d.dep_ == "poss" and d.pos_ != "PRON" for d in tok.children)  # "Sunday's", not "its"
    if not definite:
        return False
    # its own qualifiers: "the planned attack", "the alleged raid", "the possible strike"
    own = c.speculative_adjectives | c.speculative_adverbs | c.future_verbs | c.future_nouns
    if any(d.dep_ in ("amod", "compound", "advmod") and _words(d) & own for d in tok.children):
        return False
    # the subject of its own predicate: "the attack did not happen", "the visit was cancelled"
    if tok.dep_ in ("nsubj", "nsubjpass"):
        return False
    # directly what a denial is about: "denied (involvement in) the attack"
    pg = _prep_governor(tok)
    if pg is not None and (pg[1].lemma_.lower() in c.denial_nouns or _words(pg[1]) & c.denial_verbs
                           or pg[0].lower_ in c.negating_preps):
        return False
    return not (tok.dep_ == "dobj" and _words(tok.head) & (c.denial_verbs | c.negating_verbs))


def status_of(tok: Token, main_clause: bool = True) -> Factuality:
    """The factuality of the event whose trigger is ``tok``.

    ``main_clause=False`` ignores an if-clause that modifies the trigger's own clause
    (a conditional threat is still a threat that was made).
    """
    c = cues()
    if _presupposed(tok, c):
        return Factuality("asserted")
    chain = _controllers(tok)
    cue = _negated(tok, chain, c)
    if cue:
        return Factuality("negated", cue)
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


# -- attribution --------------------------------------------------------------------


def _reports(verb: Token, c: Cues) -> bool:
    """A reporting verb that is not negated ("did not say when ..." reports nothing)."""
    return bool(_words(verb) & c.reporting_verbs) and not any(ch.dep_ == "neg" for ch in verb.children)


def _final_report(child: Token, cur: Token, c: Cues) -> bool:
    """ "Two journalists were arrested in Minsk, the association said": the reporting clause
    closing the sentence, parsed as a conjunct of the reported one."""
    if child.dep_ != "conj" or child.i < cur.i or not _reports(child, c):
        return False
    has_subject = any(s.dep_ == "nsubj" for s in child.children)
    has_content = any(s.dep_ in ("ccomp", "dobj", "xcomp") for s in child.children)
    last = [t for t in child.sent if not t.is_punct][-1]
    return has_subject and not has_content and child.left_edge.i <= last.i <= child.right_edge.i


def _reported_link(cur: Token) -> bool:
    """``cur`` is what its head reports: a complement, or an adverbial clause without a
    temporal or causal conjunction ("After rebels shelled the airport, X said" is not)."""
    if cur.dep_ == "advcl":
        return not any(m.dep_ == "mark" and m.lower_ != "that" for m in cur.children)
    if cur.dep_ == "dobj":
        return cur.pos_ in ("VERB", "AUX")
    return cur.dep_ in ("ccomp", "xcomp", "conj", "parataxis")


def reporting_head(tok: Token) -> Token | None:
    """The nearest reporting verb whose complement contains ``tok`` ("X said that ...")."""
    c = cues()
    denial = _denied(tok, c)
    cur = tok
    for _ in range(10):
        # "..., the official said" : the reporting verb hangs off the reported clause
        for child in cur.children:
            if child.i == tok.i or child.i < cur.i:
                continue
            if (child.dep_ in ("parataxis", "ccomp", "advcl") and _reports(child, c)) or _final_report(child, cur, c):
                return child
        if cur.head.i == cur.i:
            break
        parent = cur.head
        if denial is not None and parent.i == denial.i:
            return denial  # "X denied reports that ...": X is the source of the denial
        if _reports(parent, c) and _reported_link(cur):
            return parent
        cur = parent
    root = tok.sent.root
    for child in root.children:
        if child.dep_ == "parataxis" and _reports(child, c):
            return child
    return denial


def reporting_source(head: Token) -> Token | None:
    """Who reports through ``head``: its subject (or by-agent), or the quoted one in
    "quoted X as saying"."""
    from .arguments import slot_heads, subject_of

    c = cues()
    # "The ministry quoted the commander as saying that ...": the commander speaks
    if head.dep_ == "pcomp" and head.head.lower_ == "as" and _words(head.head.head) & c.quoting_verbs:
        quoted = [ch for ch in head.head.head.children if ch.dep_ in ("dobj", "nsubjpass")]
        if quoted:
            return quoted[0]
    found = subject_of(head) or slot_heads(head, ("agent",))
    return found[0] if found else None

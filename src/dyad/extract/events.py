"""Events from one parsed segment: triggers, arguments, and the layers around them.

For each segment (headline or paragraph) :class:`EventExtractor` finds trigger
candidates (:mod:`.matching`), settles the constructions that change them
(content complements of verbs such as *threaten/agree/urge*, light verbs such as
*launch/hold/impose*), reads actors and recipients from the parse
(:mod:`.arguments`), codes them (:mod:`dyad.resolve.actors`), and adds status
and attribution (:mod:`.factuality`), date, place and size.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from typing import Any

from spacy.tokens import Doc, Token

from ..model import ActorRef, Event, Mention, Size, stable_id
from ..model import Span as TextSpan
from ..resolve.actors.coder import ActorCoder, MentionMemory
from ..resolve.places import locate_event
from ..resolve.time import date_event
from .arguments import argument_span, expand_conj, is_passive, slot_heads, subject_of
from .factuality import cues, reporting_head, reporting_source, status_of
from .lexicon import Lexicon, TriggerEntry, quad_for_cameo
from .matching import (
    Candidate,
    constructions,
    headline_lemmas,
    is_excluded,
    match_entry,
    misparsed_predicate,
    through_quantity,
)
from .size import size_of

__all__ = ["EventExtractor", "ArticleContext"]

_CONTENT_DEPS = ("xcomp", "ccomp")
#: prepositions that introduce a content verb's content ("warned of", "called for", "agreed on");
#: time phrases ("after meeting", "during his visit") are not content
_CONTENT_PREPS = {"of", "for", "on", "about", "to", "against", "over", "into", "upon"}
#: event nouns whose infinitive is a proposal, not a report ("an accord *to reopen* the border")
_PROPOSAL_TYPES = {"AGREE", "REQUEST", "THREATEN"}
#: prepositions on a content verb's object that name a topic, not the content ("an inquiry *into* the strike")
_TOPIC_PREPS = {"into", "over", "about"}
#: entity labels that are never actors ("Sunday's attack", "21 rockets")
_NOT_ACTORS = {"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY"}
_NOMINAL_DEPS = {"nsubj", "nsubjpass", "dobj", "pobj", "appos", "conj", "attr", "poss"}
_OBLIGATION = TriggerEntry(id="obligation", lemma="say", pos="VERB", type="REQUEST", cameo="10",
                           actor=("nsubj", "agent"), recipient=("dobj",), content=True)

#: prepositions that introduce a party (not a place or time): "sales *to* Iran", "talks *with* Kyiv"
_PARTY_PREPS = {"to", "with", "against", "on", "for", "from", "toward", "towards", "of", "into", "over", "at"}
#: verbal event types, whose actor must be someone who can speak or decide
_VERBAL = {"AGREE", "CONSULT", "SUPPORT", "REQUEST", "ACCUSE", "REJECT", "THREATEN", "CONCEDE"}
_GENERIC_RECIPIENT = ("against", "on", "at", "to", "with", "dobj", "from", "into")
#: verbs whose subject takes part in the event noun of their "in" phrase
_IN_VERBS = {"be", "remain", "stay", "engage", "participate"}


@dataclass(slots=True)
class ArticleContext:
    """Per-article state shared by the segments of one article."""

    article_id: str
    published: dt.date | None
    version: str
    memory: MentionMemory = field(default_factory=MentionMemory)
    #: (noun lemma, type) of event nouns already reported in this article, for anaphora ("the attack")
    seen_nouns: set[tuple[str, str]] = field(default_factory=set)
    #: actors who claimed or were blamed for attacks in this article, in text order
    claims: list[ActorRef] = field(default_factory=list)
    #: the lexicon entry each event noun was first coded with in this article
    noun_entries: dict[str, Any] = field(default_factory=dict)
    #: (type, CAMEO) of the events already reported in this article, to read an ambiguous
    #: anaphoric noun ("the expulsion" after an ambassador was ordered out: diplomatic, not a deportation)
    seen_codes: set[tuple[str, str]] = field(default_factory=set)


class EventExtractor:
    def __init__(self, lexicon: Lexicon, coder: ActorCoder) -> None:
        self.lexicon = lexicon
        self.coder = coder
        self.cx = constructions()

    # -- candidates ------------------------------------------------------------
    def _entry_for(self, tok: Token, headline: bool):  # type: ignore[no-untyped-def]
        if tok.pos_ in ("VERB", "NOUN"):
            return match_entry(tok, self.lexicon)
        if headline and tok.pos_ == "PROPN" and not tok.ent_type_:
            for lemma, pos in headline_lemmas(tok):
                entry = match_entry(tok, self.lexicon, lemma, pos)
                if entry:
                    return entry
        return None

    def candidates(self, doc: Doc, headline: bool = False, ctx: ArticleContext | None = None) -> list[Candidate]:
        found: list[Candidate] = []
        for tok in doc:
            if is_excluded(tok, self.cx):
                continue
            entry = self._entry_for(tok, headline)
            if ctx is not None and tok.pos_ == "NOUN":
                if entry is None:
                    entry = self._anaphoric_entry(tok, ctx)
                elif entry.n_constraints == 0:  # earlier sentences of this paragraph count too
                    earlier = {(c.entry.type, c.entry.cameo) for c in found if c.token.sent.start < tok.sent.start}
                    entry = self._antecedent_reading(tok, entry, ctx, earlier)
            if entry is None:
                entry = self._obligation_entry(tok)
            if entry is not None:
                found.append(Candidate(tok, entry))
        if ctx is not None:
            # an event noun read with its own constraints ("a drone strike") is an antecedent for
            # "the strike" later, also when this mention is absorbed ("denied killing civilians in a drone strike")
            for cand in found:
                if cand.token.pos_ == "NOUN" and cand.entry.n_constraints and cand.entry.pos == "NOUN":
                    ctx.noun_entries.setdefault(cand.token.lemma_.lower(), cand.entry)
        return self._settle(found, doc)

    def _antecedent_reading(self, tok: Token, entry: TriggerEntry, ctx: ArticleContext,
                            earlier: set[tuple[str, str]] | None = None) -> TriggerEntry:
        """An anaphoric noun whose only satisfied entry is its catch-all reading ("the expulsion" as a
        deportation) takes the reading of the kind of event the article already reported, when the noun
        has one ("the expulsion" after "ordered the ambassador to leave": a diplomatic expulsion)."""
        if not any(c.dep_ in ("det", "poss") for c in tok.children):
            return entry
        seen = ctx.seen_codes | (earlier or set())
        if any(t == entry.type for t, _ in seen):
            return entry  # the catch-all reading may well be what was reported
        for alt in self.lexicon.candidates(entry.lemma, entry.pos):
            if alt is not entry and alt.type != entry.type and (alt.type, alt.cameo) in seen:
                return alt
        return entry

    def _obligation_entry(self, tok: Token) -> TriggerEntry | None:
        """"Russia said that Sudan must return the helicopter": a demand (PLOVER REQUEST) by the
        speaker on the complement's subject, coded at the reporting verb."""
        if tok.pos_ != "VERB" or tok.lemma_.lower() not in cues().reporting_verbs:
            return None
        for comp in tok.children:
            if comp.dep_ == "ccomp" and any(
                    a.dep_ == "aux" and a.lower_ in self.cx.obligation_modals for a in comp.children):
                subject = [s for s in comp.children if s.dep_ in ("nsubj", "nsubjpass")]
                if subject and subject[0].pos_ != "PRON" and subject[0].lemma_.lower() not in self.cx.non_agents:
                    # "we must act" is a resolve, "fear must not become an excuse" a maxim: not demands
                    return replace(_OBLIGATION, lemma=tok.lemma_.lower(), id=f"obligation.{tok.lemma_.lower()}")
        return None

    @staticmethod
    def _anaphoric_entry(tok: Token, ctx: ArticleContext):  # type: ignore[no-untyped-def]
        """"the strike", "Friday's strike" after a "drone strike": the same kind of event again,
        though the bare noun alone is ambiguous (a labour strike?)."""
        entry = ctx.noun_entries.get(tok.lemma_.lower())
        if entry is not None and any(c.dep_ in ("det", "poss") for c in tok.children):
            return entry
        return None

    @staticmethod
    def _content_preps(child: Token) -> list[Token]:
        """Prepositions introducing a content verb's content, on the verb or on its object. On the
        object, "into/over/about" give a topic that already happened, not the content: in "rejected
        an investigation into the strike" the strike is reported, only the investigation is rejected."""
        if child.dep_ == "prep" and child.lower_ in _CONTENT_PREPS:
            return [child]
        if child.dep_ in ("dobj", "dative"):
            return [p for p in child.children if p.dep_ == "prep" and p.lower_ in _CONTENT_PREPS - _TOPIC_PREPS]
        return []

    def _settle(self, cands: list[Candidate], doc: Doc | None = None) -> list[Candidate]:
        """Apply content complements and light verbs; drop the candidates they absorb."""
        by_index = {c.token.i: c for c in cands}
        dropped: set[int] = set()
        content_heads: set[int] = set()
        for cand in cands:
            tok = cand.token
            if cand.entry.content:
                for child in tok.children:
                    if child.dep_ in _CONTENT_DEPS:
                        content_heads.add(child.i)
                    inner = by_index.get(child.i)
                    if inner is not None and (child.dep_ in _CONTENT_DEPS or child.dep_ == "dobj"):
                        inner.governor = cand
                        dropped.add(child.i)
                    for prep in self._content_preps(child):  # "accused Iran of attacking"
                        for pc in prep.children:
                            if pc.i in by_index and pc.dep_ in ("pcomp", "pobj"):
                                by_index[pc.i].governor = cand
                                dropped.add(pc.i)
        # Verbs in the base form anywhere inside a content complement are what is agreed, demanded or
        # threatened, not further events: "agreed to restore relations, *reopen* the border and set up a
        # commission to *investigate*"; so are those of a proposal's infinitive ("an accord to *reopen*")
        unrealised: dict[int, Candidate] = {}
        for cand in cands:
            tok = cand.token
            hosts: list[Token] = []
            if cand.entry.content:
                hosts = [c for c in tok.children if c.dep_ in _CONTENT_DEPS]
                if hosts:  # "agreed to restore relations, reopen the border": a list the parser left loose
                    hosts += [c for c in tok.children if c.dep_ in ("dep", "conj") and c.tag_ == "VB"]
            elif tok.pos_ == "NOUN" and cand.entry.type in _PROPOSAL_TYPES:
                hosts = [c for c in tok.children if c.dep_ == "acl" and c.tag_ == "VB"]
            for host in hosts:
                for t in host.subtree:
                    unrealised.setdefault(t.i, cand)
        for cand in cands:
            tok = cand.token
            if tok.pos_ == "VERB" and tok.tag_ == "VB" and tok.i in unrealised and tok.i not in dropped \
                    and unrealised[tok.i] is not cand:
                cand.governor = cand.governor or unrealised[tok.i]
                dropped.add(tok.i)
        for cand in cands:  # "visited Bamako on a mediation mission": the mission is the visit, not another event
            tok = cand.token
            if tok.pos_ == "NOUN" and tok.dep_ == "pobj" and tok.head.lower_ in ("on", "for"):
                outer = by_index.get(tok.head.head.i)
                if outer is not None and outer.entry.type == cand.entry.type and outer.token.pos_ == "VERB":
                    dropped.add(tok.i)
        for cand in cands:  # "an offer of humanitarian aid": the aid is proposed, not given
            tok = cand.token
            if tok.pos_ == "NOUN" and tok.dep_ == "pobj" and tok.head.lower_ in ("of", "for"):
                if tok.head.head.lemma_.lower() in self.cx.content_nouns:
                    dropped.add(tok.i)
        for cand in cands:  # "imposed sanctions" parsed as "the imposed sanctions": the verb reads its head
            tok = cand.token
            if misparsed_predicate(tok) and tok.head.i in by_index and cand.entry.object is not None:
                dropped.add(tok.head.i)
        merged: list[Candidate] = []
        for cand in cands:
            tok = cand.token
            if tok.pos_ != "NOUN" or tok.i in dropped:
                continue
            verb = tok.head
            if tok.dep_ == "pobj" and verb.lower_ == "under" and verb.head.lemma_.lower() in self.cx.under_verbs:
                # "were placed under sanctions", "put him under house arrest": the verb reports the event
                dropped.update((tok.i, verb.head.i))
                merged.append(Candidate(verb.head, cand.entry, noun=tok, governor=cand.governor))
                continue
            # the object of a light verb, also in the passive ("talks were held", "patrols have not been held")
            if tok.dep_ != "dobj" and not (tok.dep_ == "nsubjpass" and verb.lemma_.lower() in self.cx.light_verbs
                                           | self.cx.aspectual_verbs):
                continue
            outer = by_index.get(verb.i)
            lemma = verb.lemma_.lower()
            if verb.i in content_heads:
                dropped.add(tok.i)  # inside a content complement: "threatened to impose sanctions"
            elif outer is not None and (outer.entry.object is not None or outer.entry.content) and not (
                    cand.entry.modifier is not None and lemma in self.cx.light_verbs | self.cx.aspectual_verbs
                    and outer.entry.n_constraints <= cand.entry.n_constraints):
                # ("launched air strikes": the noun's reading; "called off a four-day strike": the verb's)
                dropped.add(tok.i)  # the verb's entry read this object: "imposed sanctions", "lifted the curfew"
            elif lemma in self.cx.light_verbs and verb.i != tok.i:
                # the verb is the predicate, the noun says what happened ("launched attacks")
                dropped.update((tok.i, verb.i))
                merged.append(Candidate(verb, cand.entry, noun=tok, governor=cand.governor))
            elif lemma in self.cx.aspectual_verbs and verb.i != tok.i:
                # "will resume intelligence sharing": the verb gives the arguments, the noun is the trigger
                dropped.update((tok.i, verb.i))
                merged.append(Candidate(verb, cand.entry, noun=tok, governor=cand.governor, anchor=tok))
        kept = [c for c in cands if c.token.i not in dropped] + merged
        kept = self._retaliations(kept, doc)
        return sorted(kept, key=lambda c: (c.anchor or c.token).i)

    def _retaliations(self, cands: list[Candidate], doc: Doc | None) -> list[Candidate]:
        """"Niamey retaliated by giving the ambassador three days to leave": what was done is the
        event, reported at the verb of retaliation; "Niamey retaliated in kind": the same kind of
        act as the one just reported in the sentence."""
        out: list[Candidate] = []
        anchored: set[int] = set()
        for cand in cands:
            tok = cand.token
            if tok.dep_ == "pcomp" and tok.head.lower_ == "by" and tok.head.head.lemma_.lower() in self.cx.retaliation_verbs:
                verb = tok.head.head
                if verb.i not in anchored:
                    anchored.add(verb.i)
                    cand = Candidate(tok, cand.entry, noun=cand.noun, governor=cand.governor, anchor=verb)
            out.append(cand)
        if doc is None:
            return out
        for tok in doc:
            if tok.lemma_.lower() not in self.cx.retaliation_verbs or tok.i in anchored or tok.pos_ != "VERB":
                continue
            in_kind = any(p.dep_ == "prep" and p.lower_ == "in" and any(o.lower_ == "kind" for o in p.children)
                          for p in tok.children)
            if not in_kind:
                continue
            before = [c for c in out if (c.anchor or c.token).i < tok.i and c.token.sent.start == tok.sent.start
                      and c.entry.pos == "VERB"]
            if before:
                prior = before[-1]
                out.append(Candidate(tok, prior.entry))
        return out

    # -- arguments -------------------------------------------------------------
    def _heads(self, cand: Candidate, slots: tuple[str, ...], role: str) -> list[Token]:
        tok = cand.token
        if cand.noun is not None:
            heads = self._light_heads(cand, slots, role)
        else:
            heads = slot_heads(tok, slots, verb=cand.entry.pos == "VERB")
        if not heads and role == "actor" and tok.pos_ == "NOUN":
            heads = self._claimer(tok) or self._traveller(tok)
        if not heads and role == "recipient" and cand.entry.content:
            heads = self._content_recipient(tok, cand.entry.type)
        skip = {tok.i, cand.noun.i if cand.noun is not None else -1}
        out = []
        for head in expand_conj(heads):
            head = through_quantity(head)
            quantity = head.lemma_.lower() in self.cx.quantity_nouns or head.like_num
            if head.i in skip or (head.ent_type_ in _NOT_ACTORS and not quantity):
                continue
            if head.pos_ in ("NOUN", "PROPN", "PRON", "NUM", "X") or (head.pos_ == "ADJ" and (head.dep_ in _NOMINAL_DEPS or head.ent_type_)):
                out.append(head)
        return out

    def _claimer(self, noun: Token) -> list[Token]:
        """"JNIM claimed (responsibility for) the attack": the claimer is the attack's actor."""
        verb = noun.head
        if noun.dep_ == "pobj" and noun.head.lower_ == "for" and noun.head.head.lemma_.lower() in self.cx.claim_objects:
            verb = noun.head.head.head
        elif noun.dep_ != "dobj":
            return []
        if verb.lemma_.lower() in self.cx.claim_verbs:
            return subject_of(verb)
        return []

    def _collect_claims(self, doc: Doc, offset: int, ctx: ArticleContext) -> None:
        """Who claims or is blamed for an attack in this segment ("The Taliban claimed
        responsibility for the incident", "sources attributed the attack to IS"), for the
        pipeline to credit to the article's actorless attacks."""
        for tok in doc:
            lemma = tok.lemma_.lower()
            heads: list[Token] = []
            if lemma in self.cx.claim_verbs and not is_negated_simple(tok) and any(
                    c.dep_ == "dobj" and c.lemma_.lower() in self.cx.claim_objects for c in tok.children):
                heads = [h for h in subject_of(tok) if h.lower_ not in ("no", "none", "nobody")
                         and not any(d.lower_ == "no" for d in h.children)]
            elif lemma in self.cx.attribution_verbs:
                heads = slot_heads(tok, (self.cx.attribution_verbs[lemma],))
            for head in heads[:1]:
                start, end = argument_span(head)
                ctx.claims.append(self.coder.code(doc[start:end], head, offset, ctx.published, ctx.memory))

    def _traveller(self, noun: Token) -> list[Token]:
        """"arrived in Amman on a visit", "left for talks": the traveller makes the visit."""
        if noun.dep_ == "pobj" and noun.head.lower_ in ("on", "for") and noun.head.head.lemma_.lower() in self.cx.motion_verbs:
            return subject_of(noun.head.head)
        if noun.dep_ == "pobj" and noun.head.lower_ == "in" and noun.head.head.lemma_.lower() in _IN_VERBS:
            return subject_of(noun.head.head)  # "have been in talks since March", "engaged in ethnic cleansing"
        return []

    def _light_heads(self, cand: Candidate, slots: tuple[str, ...], role: str) -> list[Token]:
        """Arguments of "launched attacks on X": the verb's subject, the noun's or verb's preps."""
        verb, noun = cand.token, cand.noun
        assert noun is not None
        under = noun.dep_ == "pobj"  # "placed X under sanctions", "X were placed under sanctions"
        if role == "actor":
            active = noun.dep_ == "dobj" or (under and not is_passive(verb))
            heads = subject_of(verb) if active else slot_heads(verb, ("agent",))
            return heads or slot_heads(noun, slots)
        if under:
            heads = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
            if heads:
                return heads
        heads = slot_heads(noun, slots)
        if not heads:
            verb_slots = tuple(s for s in slots if s not in ("dobj", "poss", "compound", "amod", "of"))
            heads = slot_heads(verb, verb_slots)
        return heads

    def _named_in_phrases(self, tok: Token, used: set[int]) -> list[Token]:
        """Named parties (countries, organisations, people) in the prepositional phrases of the trigger or its object."""
        hosts = [tok] + [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass", "attr")]
        found: list[Token] = []
        for host in hosts:
            for prep in host.children:
                if prep.dep_ != "prep" or prep.lower_ not in _PARTY_PREPS:
                    continue
                for pobj in prep.children:
                    for cand in (pobj, *[p for pp in pobj.children if pp.dep_ == "prep" and pp.lower_ in _PARTY_PREPS
                                         for p in pp.children if p.dep_ == "pobj"]):
                        if cand.ent_type_ in ("GPE", "ORG", "NORP", "PERSON") and cand.i not in used and cand.i != tok.i:
                            found.append(cand)
                            break
            if found:
                break
        return found

    def _content_recipient(self, tok: Token, etype: str | None = None) -> list[Token]:
        """Who a threat, demand or promise is about, from its complement: "threatens to retaliate
        against Tehran", "agreed to provide aid for Romania", "demanded that its partners
        refuse", "demanded an admission by Moscow"."""
        for child in tok.children:
            if child.dep_ == "dative":
                return [child]
            if child.dep_ not in _CONTENT_DEPS + ("dobj",):
                continue
            heads = []
            if child.dep_ == "ccomp" and etype != "THREATEN":
                # "demanded that its partners refuse": the addressee is the subject (but in "vowed that
                # the attack would not go unanswered" the subject is not who is threatened)
                heads = [s for s in child.children if s.dep_ in ("nsubj", "nsubjpass") and s.pos_ != "PRON"]
            if not heads:
                heads = slot_heads(child, ("against", "on", "at", "to") if child.pos_ == "NOUN" else _GENERIC_RECIPIENT)
            if not heads:
                heads = self._named_in_phrases(child, set()) or (
                    slot_heads(child, ("by",), verb=False) if child.pos_ == "NOUN" else [])
            if heads:
                return heads
        return []

    def _code(self, heads: list[Token], offset: int, ctx: ArticleContext, exclude: set[int],
              when: dt.date | None = None) -> list[tuple[ActorRef, Token]]:
        out: list[tuple[ActorRef, Token]] = []
        for head in heads:
            if head.i in exclude:
                continue
            start, end = argument_span(head)
            span = head.doc[start:end]
            out.append((self.coder.code(span, head, offset, when or ctx.published, ctx.memory), head))
            exclude.add(head.i)
        return out

    def _fold_casualties(self, events: list[Event], doc: Doc, offset: int) -> list[Event]:
        """Casualty reports join the attack they report: in the same sentence ("twelve soldiers
        were killed when gunmen stormed a post"; "the strike, which killed nine civilians"), or
        an agentless one right after it in the paragraph ("Seven others were wounded")."""
        out: list[Event] = []
        last_attack: Event | None = None
        for ev in events:
            tok = doc.char_span(ev.trigger.start - offset, ev.trigger.end - offset)
            casualty = tok is not None and tok.root.lemma_.lower() in self.cx.casualty_triggers
            if ev.event_type != "ASSAULT" or ev.status != "asserted":
                out.append(ev)
                continue
            main = self._attack_reported(ev, events, casualty, last_attack, doc, offset)
            if main is not None:
                known = {(r.start, r.end) for r in main.recipients}
                main.recipients.extend(r for r in ev.recipients if (r.start, r.end) not in known)
                if main.sentence_start != ev.sentence_start:
                    main.mentions.extend(ev.mentions)  # a toll told in a sentence of its own mentions the attack
                # in the attack's sentence the toll is part of its mention ("the strike that killed nine":
                # one mention, the strike); its size and victims join the attack
                for field_name in ("dead", "injured", "arrested"):
                    if getattr(main.size, field_name) is None:
                        setattr(main.size, field_name, getattr(ev.size, field_name))
                continue
            out.append(ev)
            if not casualty:
                last_attack = ev
        return out

    def _attack_reported(self, ev: Event, events: list[Event], casualty: bool,
                         last_attack: Event | None, doc: Doc | None = None, offset: int = 0) -> Event | None:
        """The attack event a casualty event merely reports, if any."""
        if not casualty:
            return None
        same = [m for m in events if m is not ev and m.event_type == "ASSAULT" and m.sentence_start == ev.sentence_start
                and m.status == "asserted" and m.trigger.text.lower() not in self.cx.casualty_triggers
                and not any(m.trigger.start == x.start for x in ev.mentions)]
        same = [m for m in same if self._lemma_of(m) not in self.cx.casualty_triggers]
        for m in same:  # "the strike, which killed nine": the actor is the attack itself
            if any(m.trigger.text.lower() in a.text.lower() for a in ev.actors):
                return m
        if doc is not None:
            # "a drone strike that Bamako says killed nine", "an attack on a post near the town of
            # Ayorou that killed 14": the toll sits in a clause inside the attack's own phrase
            here = doc.char_span(ev.trigger.start - offset, ev.trigger.end - offset)
            for m in same:
                there = doc.char_span(m.trigger.start - offset, m.trigger.end - offset)
                if here is not None and there is not None and there.root.pos_ == "NOUN" and any(
                        a.i == there.root.i for a in here.root.ancestors):
                    return m
        if not ev.actors:
            return same[0] if same else last_attack
        for m in same:  # "gunmen ambushed a convoy, killing three soldiers": same agent, same event
            if {a.text for a in m.actors} == {a.text for a in ev.actors}:
                return m
        return None

    @staticmethod
    def _lemma_of(ev: Event) -> str:
        return (ev.rule or "").split("/", 1)[0].removeprefix("intent:")

    def _noun_is_reportable(self, tok: Token, actors: list[ActorRef], recipients: list[ActorRef],
                            ctx: ArticleContext | None = None, etype: str | None = None) -> bool:
        """Bare event nouns ("the threat of war") need an argument, a clausal role, or an antecedent."""
        if actors or recipients:
            return True
        if ctx is not None and (tok.lemma_.lower(), etype) in ctx.seen_nouns and any(
                c.dep_ in ("det", "poss") for c in tok.children):
            return True  # "the attack", "Sunday's raid": a new mention of an event already reported
        if tok.dep_ in ("nsubj", "nsubjpass", "dobj", "ROOT") and tok.head.pos_ in ("VERB", "AUX"):
            return any(c.dep_ in ("det", "poss", "nummod", "amod") for c in tok.children) or tok.tag_ == "NNS"
        return False

    # -- attribution -----------------------------------------------------------
    def _attribution(self, tok: Token, offset: int, ctx: ArticleContext) -> ActorRef | None:
        head = reporting_head(tok)
        if head is not None:
            source = reporting_source(head)
            if source is not None and source.i != tok.i:
                start, end = argument_span(source)
                return self.coder.code(head.doc[start:end], source, offset, ctx.published, ctx.memory)
        for t in tok.sent:
            if t.lower_ == "according" and t.i + 1 < len(t.doc) and t.doc[t.i + 1].lower_ == "to":
                objs = [c for c in t.doc[t.i + 1].children if c.dep_ == "pobj"]
                if objs:
                    start, end = argument_span(objs[0])
                    return self.coder.code(t.doc[start:end], objs[0], offset, ctx.published, ctx.memory)
        return None

    # -- events ----------------------------------------------------------------
    def segment_events(self, doc: Doc, offset: int, ctx: ArticleContext, times: list, places: list,
                       headline: bool = False) -> list[Event]:
        events: list[Event] = []
        for cand in self.candidates(doc, headline, ctx):
            event = self._event(cand, offset, ctx, times, places)
            if event is not None:
                events.append(event)
                ctx.seen_codes.add((cand.entry.type, cand.entry.cameo))
                if cand.token.pos_ == "NOUN":
                    ctx.seen_nouns.add((cand.token.lemma_.lower(), event.event_type))
                    ctx.noun_entries.setdefault(cand.token.lemma_.lower(), cand.entry)
                derived = _intent_event(event) or _rejection_event(event)
                if derived is not None:
                    events.append(derived)
        events = self._fold_casualties(events, doc, offset)
        self._collect_claims(doc, offset, ctx)
        self._remember_names(doc, offset, ctx)
        return events

    def _event(self, cand: Candidate, offset: int, ctx: ArticleContext, times: list, places: list) -> Event | None:
        entry = cand.entry
        # the word reported as the trigger, and the one whose clause gives status, date and place:
        # "*retaliated* by expelling" is told at the verb of retaliation, "will resume *sharing*" at the verb
        shown = cand.anchor or cand.token
        tok = cand.token if cand.noun is not None else shown
        date = date_event(tok, times, _Clock(ctx.published))
        when = _event_day(date) or ctx.published  # roles are checked at the event's date, not the article's
        used: set[int] = set()
        coded_actors = self._code(self._heads(cand, entry.actor, "actor"), offset, ctx, used, when)
        actors = [ref for ref, _ in coded_actors]
        coded_recipients = self._code(self._heads(cand, entry.recipient, "recipient"), offset, ctx, used, when)
        if all(_uncoded_noun(ref, head) for ref, head in coded_recipients):
            # the slot gave nothing that can act ("embargoes on pharmaceutical sales to Iran"):
            # a named party in the trigger's phrases is the recipient
            named = self._named_in_phrases(tok, used)
            if named:
                coded_recipients = self._code(named, offset, ctx, used, when)
        recipients = [ref for ref, _ in coded_recipients]
        if cand.token.pos_ == "NOUN" and not self._noun_is_reportable(cand.token, actors, recipients, ctx, entry.type):
            return None
        if entry.type == "REQUEST" and any(c.dep_ == "xcomp" and c.lemma_.lower() in self.cx.anonymity_verbs
                                           for c in tok.children):
            return None  # "who asked not to be named"
        if actors and entry.type in _VERBAL and all(
                _uncoded_noun(ref, head) and head.lemma_.lower() in self.cx.non_agents for ref, head in coded_actors):
            return None  # "tensions threatened to spill over": not a political actor
        self._mark_actor_places(places, actors)
        fact = status_of(tok)
        if fact.status == "conditional" and entry.type == "THREATEN":
            fact = status_of(tok, main_clause=False)  # "if you attack, we will respond" is itself a threat
        start = offset + shown.idx
        sent = tok.sent
        event = Event(
            id=stable_id(ctx.article_id, start, entry.type),
            article_id=ctx.article_id, event_type=entry.type, mode=entry.mode, cameo=entry.cameo,
            quad=quad_for_cameo(entry.cameo),
            trigger=TextSpan(shown.text, start, start + len(shown.text)),
            sentence=sent.text, sentence_start=offset + sent.start_char, sentence_end=offset + sent.end_char,
            actors=actors, recipients=recipients, status=fact.status, status_cue=fact.cue,
            attributed_to=self._attribution(tok, offset, ctx),
            date=date, location=locate_event(tok, places, [(r.start, r.end) for r in recipients] if entry.type in _VERBAL else []),
            size=size_of(tok, entry.type, self.cx) or Size(),
            mentions=[Mention(ctx.article_id, start, start + len(shown.text))],
            confidence=_confidence(tok, actors, recipients), version=ctx.version,
            rule=f"{entry.lemma}/{entry.pos.lower()}:{entry.type}:{entry.cameo}"
                 + ("+claimed" if actors and tok.pos_ == "NOUN" and self._claimer(tok) else ""),
        )
        return event

    def _mark_actor_places(self, places: list, actors: list[ActorRef]) -> None:
        """A place named inside an actor ("Tehran said", "Iran's Quds Force") is not where it happened."""
        for rec, _span in places:
            for ref in actors:
                if rec["start"] < ref.end and ref.start < rec["end"]:
                    rec["is_actor"] = True

    def _remember_names(self, doc: Doc, offset: int, ctx: ArticleContext) -> None:
        """People named anywhere in the segment become antecedents for later pronouns."""
        for ent in doc.ents:
            if ent.label_ == "PERSON":
                self.coder.code(ent, ent.root, offset, ctx.published, ctx.memory)


@dataclass(slots=True)
class _Clock:
    published: dt.date | None


def _uncoded_noun(ref: ActorRef, head: Token) -> bool:
    """A common noun nothing could code: no person, group, country or role."""
    if ref.country or ref.sector or ref.via or ref.kind in ("person", "organization", "country"):
        return False
    return head.pos_ == "NOUN" and not head.ent_type_


def is_negated_simple(tok: Token) -> bool:
    return any(c.dep_ == "neg" for c in tok.children)


def _intent_event(event: Event) -> Event | None:
    """A stated intention is itself an event (PLOVER): "will release" -> AGREE, "will strike" -> THREATEN.

    The future event keeps its own type and ``status: future``; the intent is asserted.
    """
    c = cues()
    cue = (event.status_cue or "").lower()
    forms = {cue, cue[:-1], cue[:-2], cue.removesuffix("s")}  # "plans", "pledged", "vowed"
    if event.status != "future" or not event.actors or not (forms & c.intent_cues):
        return None
    if event.event_type in c.intent_agree_types:
        etype, cameo = "AGREE", "030"
    elif event.event_type in c.intent_threaten_types:
        etype, cameo = "THREATEN", "138" if event.event_type in ("ASSAULT", "MOBILIZE") else "130"
    else:
        return None
    return replace(
        event, id=stable_id(event.article_id, event.trigger.start, "intent", etype), event_type=etype,
        cameo=cameo, mode=None, quad=quad_for_cameo(cameo), status="asserted",
        rule=f"intent:{event.rule}", mentions=list(event.mentions), date=replace(event.date),
        confidence=max(0.05, event.confidence - 0.1),
    )


def _rejection_event(event: Event) -> Event | None:
    """A refused or failed cooperative act is a PLOVER REJECT ("failed to reach agreement")."""
    if event.status != "negated" or event.event_type not in cues().reject_types or not event.actors:
        return None
    return replace(
        event, id=stable_id(event.article_id, event.trigger.start, "reject"), event_type="REJECT",
        cameo="12", mode=None, quad=quad_for_cameo("12"), status="asserted",
        rule=f"reject:{event.rule}", mentions=list(event.mentions), date=replace(event.date),
        confidence=max(0.05, event.confidence - 0.1),
    )


def _event_day(date) -> dt.date | None:  # type: ignore[no-untyped-def]
    """The start of a stated event date, for checking who held which office then."""
    if date.stated and date.start:
        try:
            return dt.date.fromisoformat(date.start[:10])
        except ValueError:
            return None
    return None


def _confidence(tok: Token, actors: list[ActorRef], recipients: list[ActorRef]) -> float:
    score = 0.35 + (0.25 if actors else 0.0) + (0.2 if recipients else 0.0) + (0.1 if tok.pos_ == "VERB" else 0.0)
    if any(a.country or a.sector for a in actors + recipients):
        score += 0.1
    return min(score, 0.99)

"""Code an argument span to an actor: canonical name, country, sector.

Evidence is read in order of reliability: a known person or organisation
named in the span (knowledge files, with role dates checked against the
article date), a country or seat of power, a demonym or possessor
("Iraqi officials", "Iran's Quds Force"), then role nouns and titles
("militia members" -> REB, "defense official" -> GOV). Pronouns and bare
surnames are resolved through the article's earlier mentions
(:class:`MentionMemory`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Span, Token

from ...model import ActorRef
from .knowledge import Knowledge

__all__ = ["ActorCoder", "MentionMemory"]

_PERSON_PRONOUNS = {"he", "she", "him", "her", "his", "hers"}
_GROUP_PRONOUNS = {"they", "them", "it", "its", "their", "we", "us", "our", "i", "me", "my"}
_FORMER = {"former", "ex", "ousted", "deposed", "exiled", "late", "then"}
_TRIM = {"the", "a", "an", "'s", "’s", "'", "’"}


#: prepositions whose object can tell where an actor is from or lives ("rebels in Darfur",
#: "King Hassan of Morocco", "refugees from Liberia", "students throughout Indonesia")
_PLACE_PREPS = {"in", "of", "from", "throughout", "across", "inside"}
#: entity labels that never name a country
_NOT_PLACES = {"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY", "PERSON", "EVENT", "LAW"}


@dataclass(slots=True)
class _Coding:
    name: str | None = None
    country: str | None = None
    sector: str | None = None
    kind: str | None = None
    actor_id: str | None = None
    sectors: list[str] = field(default_factory=list)
    via: str | None = None

    def fill(self, other: _Coding) -> None:
        for attr in ("name", "country", "sector", "kind", "actor_id"):
            if getattr(self, attr) is None:
                setattr(self, attr, getattr(other, attr))


@dataclass(slots=True)
class MentionMemory:
    """Coded mentions seen so far in one article, for pronouns and short names."""

    persons: list[tuple[str, _Coding]] = field(default_factory=list)
    groups: list[tuple[str, _Coding]] = field(default_factory=list)
    countries: dict[str, int] = field(default_factory=dict)

    @property
    def focus(self) -> str | None:
        """The country the article is about so far (most coded mentions)."""
        return max(self.countries.items(), key=lambda kv: kv[1])[0] if self.countries else None

    def remember(self, text: str, coding: _Coding) -> None:
        if coding.country and len(coding.country) == 3 and coding.country not in ("IGO", "NGO"):
            self.countries[coding.country] = self.countries.get(coding.country, 0) + 1
        if coding.kind == "person":
            for i, (known, old) in enumerate(self.persons):
                if known.lower() == text.lower():  # same person again: keep what each mention told us
                    merged = _Coding(old.name, old.country, old.sector, old.kind, old.actor_id, list(old.sectors))
                    merged.fill(coding)
                    coding.fill(old)
                    del self.persons[i]
                    self.persons.append((text, merged))
                    return
            self.persons.append((text, coding))
        elif coding.country or coding.sector:
            self.groups.append((text, coding))

    def surname(self, token: str) -> _Coding | None:
        for text, coding in reversed(self.persons):
            if text.split()[-1].lower() == token.lower() and len(text.split()) > 1:
                return coding
        return None

    def last(self, person: bool) -> tuple[str, _Coding] | None:
        pool = self.persons if person else self.groups
        return pool[-1] if pool else None


#: sectors of national institutions, which take the article's country when none is named
_NATIONAL = {"GOV", "MIL", "COP", "JUD", "LEG", "SPY"}


def _definite(span: Span) -> bool:
    """A definite description ("the army", "the armed forces") or a bare plural ("troops",
    "14 soldiers"), which news uses for the country it is about; not "a ministry"."""
    first = span.doc[span.start - 1] if span.start > 0 and span.doc[span.start - 1].dep_ == "det" else span[0]
    if first.lower_ == "the":
        return span.root.tag_ in ("NN", "NNP", "NNS", "NNPS")
    return span.root.tag_ == "NNS" and first.dep_ != "det"


def _clean(text: str) -> str:
    words = [w for w in text.replace("’", "'").split() if w.lower() not in _TRIM]
    out = " ".join(words)
    for suffix in ("'s", "'"):
        if out.endswith(suffix):
            out = out[: -len(suffix)]
    out = out.strip(" ,;:\"'")
    # keep the final dot of an abbreviation ("U.N.", "U.S."), drop a sentence's
    if out.endswith(".") and not (len(out) >= 3 and out[-3] == "."):
        out = out[:-1]
    return out


def _sector_on(person: dict[str, Any], when: dt.date | None) -> str | None:
    """The sector of the role ``person`` held on ``when`` (any date: the first role listed)."""
    for role in person.get("roles") or []:
        start, end = role.get("start"), role.get("end")
        if when is None or ((start is None or str(start) <= when.isoformat()) and (end is None or when.isoformat() <= str(end))):
            return role.get("sector")
    return None


def _add_sectors(coding: _Coding, sectors: Any) -> None:
    for sec in sectors or []:
        if sec and sec != coding.sector and sec not in coding.sectors:
            coding.sectors.append(sec)


def _outside_name(head: Token, span: Span) -> bool:
    """The argument's head is a common noun beside the names in its span ("UN *peacekeepers*")."""
    return head.pos_ == "NOUN" and not head.ent_type_ and any(t.ent_type_ for t in span if t.i != head.i)


def _shared_noun(head: Token) -> Token | None:
    """For the second of coordinated modifiers ("Hungarian and *Romanian* officials"), the noun
    both modify."""
    first = head
    while first.dep_ == "conj" and first.head.i != first.i:
        first = first.head
    if first is not head and first.dep_ in ("amod", "compound", "nmod") and first.head.pos_ in ("NOUN", "PROPN"):
        return first.head
    return None


class ActorCoder:
    """Turns argument spans into :class:`ActorRef` records using the knowledge base."""

    def __init__(self, knowledge: Knowledge) -> None:
        self.kb = knowledge

    # -- lookups -------------------------------------------------------------
    def _person(self, name: str, when: dt.date | None) -> _Coding | None:
        people = self.kb.people_by_alias.get(name.lower())
        if not people:
            return None
        person, sector = people[0], None
        # a name several people share ("Bush", "Aliyev", "Papandreou"): the one in office on the date
        for candidate in people:
            sector = _sector_on(candidate, when)
            if sector is not None:
                person = candidate
                break
        if sector is None and person.get("roles"):
            sector = "ELI" if when else person["roles"][0].get("sector")
        return _Coding(person.get("name"), person.get("country"), sector, "person", person.get("id"))

    def _org(self, name: str) -> _Coding | None:
        low = name.lower()
        org = self.kb.org_by_alias.get(low) or self.kb.org_by_alias.get(f"the {low}")
        if not org:
            return None
        return _Coding(org.get("name"), org.get("country"), org.get("sector"), "organization",
                       org.get("id"), list(org.get("sectors") or []))

    def _place_country(self, name: str, memory: MentionMemory) -> str | None:
        """The country of a sub-national place name, from the offline gazetteer."""
        from ..places import gazetteer

        cand = gazetteer().lookup(name, memory.focus)
        return cand.country if cand is not None and cand.population >= 1000 else None

    def _seat(self, name: str) -> str | None:
        """A capital or seat of power named for its government ("Tehran", "the Kremlin")."""
        low = name.lower()
        return self.kb.seat_to_country.get(low) or self.kb.seat_to_country.get(f"the {low}")

    def _country(self, name: str) -> str | None:
        return self.kb.country_by_name.get(name.lower())

    def _role(self, words: list[str], forms: list[str] | None = None) -> dict[str, Any] | None:
        """Longest role term among the words (bigrams before single words, head last).

        ``forms`` are the same words as written: plural terms whose lemma is not a term
        ("authorities" -> authority, "forces" -> force) are found through them."""
        found = self._role_in(words)
        if found is None and forms is not None:
            found = self._role_in(forms)
        return found

    def _role_in(self, words: list[str]) -> dict[str, Any] | None:
        lowered = [w.lower() for w in words]
        for n in (3, 2):
            for i in range(len(lowered) - n, -1, -1):
                role = self.kb.role_by_term.get(" ".join(lowered[i:i + n]))
                if role:
                    return role
        for w in reversed(lowered):
            role = self.kb.role_by_term.get(w)
            if role:
                return role
        return None

    def _token_country(self, tok: Token, memory: MentionMemory) -> str | None:
        """The country a name points to: a country, demonym or seat, a national organisation,
        or a place in the gazetteer."""
        ent = next((e for e in tok.doc.ents if e.start <= tok.i < e.end), None)
        if ent is not None:
            if ent.label_ in _NOT_PLACES:
                return None
            text, label = _clean(ent.text), ent.label_
        elif tok.pos_ == "PROPN":
            first = min([tok.i, *(c.i for c in tok.children if c.dep_ == "compound" and c.pos_ == "PROPN")])
            text, label = _clean(tok.doc[first:tok.i + 1].text), ""
        else:
            return None
        if not text:
            return None
        code = self._country(text) or self._seat(text)
        if code is None:
            org = self._org(text)
            if org is not None and org.country and len(org.country) == 3 and org.country not in ("IGO", "NGO"):
                code = org.country
        if code is None and label in ("GPE", "LOC", "FAC", ""):
            code = self._place_country(text, memory)
        return code

    def _phrase_country(self, head: Token, memory: MentionMemory, preps: set[str] = _PLACE_PREPS) -> str | None:
        """A country from a place phrase on the argument or on a participle after it:
        "opposition groups in Zimbabwe", "King Hassan of Morocco", "guerrillas operating in Macedonia"."""
        hosts = [head, *(c for c in head.children if c.dep_ == "acl")]
        for host in hosts:
            for prep in host.children:
                if prep.dep_ != "prep" or prep.lower_ not in preps or (prep.lower_ == "of" and host is not head):
                    continue
                for pobj in prep.children:
                    if pobj.dep_ == "pobj":
                        code = self._token_country(pobj, memory)
                        if code:
                            return code
        return None

    def _residence(self, head: Token, span: Span, ethnic_code: str | None, memory: MentionMemory) -> str | None:
        """Where an ethnic group named by a demonym lives: "ethnic Albanians in south Serbia",
        "ethnic Albanians demonstrated in Serbia", else another country the sentence names, else
        the article's country. The demonym tells the ethnicity, not the state."""
        code = self._phrase_country(head, memory)
        if code and code != ethnic_code:
            return code
        verb = head.head if head.dep_ in ("nsubj", "nsubjpass") else None
        if verb is not None:
            code = self._phrase_country(verb, memory, {"in", "inside", "across", "throughout"})
            if code and code != ethnic_code:
                return code
        for label in ("GPE", "NORP"):
            for ent in head.sent.ents:
                if ent.label_ != label or (span.start <= ent.start < span.end):
                    continue
                code = self._token_country(ent.root, memory)
                if code and code != ethnic_code:
                    return code
        focus = memory.focus
        return focus if focus != ethnic_code else None

    # -- coding --------------------------------------------------------------
    def _from_entities(self, span: Span, when: dt.date | None, memory: MentionMemory,
                       head: Token | None = None) -> _Coding:
        coding = _Coding()
        for ent in span.ents:
            text = _clean(ent.text)
            if not text:
                continue
            if head is not None and not (ent.start <= head.i < ent.end) and ent.label_ == "PERSON":
                # a person named as possessor or modifier ("Soleimani's successor") lends a country, not an identity
                found_person = self._person(text, when) or memory.surname(text)
                if found_person and found_person.country and coding.country is None:
                    coding.country = found_person.country
                continue
            found: _Coding | None = None
            if ent.label_ == "PERSON":
                found = self._person(text, when) or memory.surname(text) or _Coding(text, kind="person")
                if found.kind == "person" and found.name is None:
                    found.name = text
            elif ent.label_ in ("ORG", "FAC", "NORP", "GPE", "LOC"):
                found = self._org(text)
                if found is None:
                    seat = self._seat(text)
                    code = self._country(text) or seat
                    if code:
                        found = _Coding(country=code, kind="country")
                        if seat and not self._country(text):
                            found.sector, found.name = "GOV", text  # "Tehran" acting: the government
                    elif ent.label_ in ("ORG",) and len(text) > 2:
                        found = _Coding(name=text, kind="organization")
                    elif ent.label_ in ("GPE", "LOC", "FAC"):
                        place_country = self._place_country(text, memory)
                        if place_country:  # "Darfur region", "residents of Mosul": the place's country
                            found = _Coding(country=place_country)
            if found:
                # the more specific kind wins: a person/organisation over a country
                if coding.kind in (None, "country") and found.kind in ("person", "organization"):
                    keep_country = coding.country
                    found_copy = _Coding(found.name, found.country or keep_country, found.sector, found.kind, found.actor_id, found.sectors)
                    coding = found_copy
                else:
                    coding.fill(found)
        return coding

    def _from_words(self, span: Span, coding: _Coding, head: Token | None = None) -> None:
        words = [t for t in span if not t.is_punct]
        if coding.country is None:
            for t in words:
                code = self._country(t.text) or self._country(t.lemma_)
                if code:
                    coding.country = code
                    break
        role = self._role([t.lemma_ if t.pos_ == "NOUN" else t.text for t in words], [t.text for t in words])
        if role:
            if coding.sector is None or (coding.kind != "person" and coding.sector == "GOV" and role.get("sector") not in (None, "GOV") and coding.actor_id is None):
                coding.sector = role.get("sector")
                _add_sectors(coding, role.get("sectors"))
            elif coding.kind == "organization" and head is not None and _outside_name(head, span) and role.get("sector") not in (None, "GOV", "ELI"):
                # "UN peacekeepers", "Red Cross doctors": the role noun names the function
                # of these members of the organisation; the organisation keeps its sector
                _add_sectors(coding, [role.get("sector"), *(role.get("sectors") or [])])
            if coding.kind in (None, "country"):
                coding.kind = role.get("kind") or coding.kind
        if any(t.lower_ in _FORMER for t in words) and coding.sector in ("GOV", "MIL", None) and coding.kind == "person":
            coding.sector = "ELI"

    def _from_context(self, span: Span, head: Token, coding: _Coding, memory: MentionMemory) -> None:
        """Country and sector from around the span: coordinated modifiers, place phrases,
        ethnic demonyms, a people named by their demonym."""
        shared = _shared_noun(head)
        if shared is not None and coding.sector is None:
            role = self._role([shared.lemma_], [shared.text])  # "Hungarian and Romanian *officials*"
            if role:
                coding.sector = role.get("sector")
                coding.kind = role.get("kind") or coding.kind
        demonym = self.kb.country_by_demonym.get(head.text.lower())
        people = demonym is not None and head.pos_ in ("NOUN", "PROPN") and head.text.lower().endswith("s")
        ethnic = any(t.lower_ == "ethnic" for t in span)
        if ethnic and coding.country is not None and coding.kind != "person":
            home = self._residence(head, span, coding.country, memory)
            if home:
                coding.country = home
        elif coding.country is None or (people and coding.kind != "person"):
            # "opposition groups in Zimbabwe", "King Hassan of Morocco"; "Albanians of southern Serbia"
            preps = _PLACE_PREPS if coding.country is None and coding.kind != "person" else {"of"}
            code = self._phrase_country(head, memory, preps)
            if code:
                coding.country = code
        if coding.sector is None and coding.kind != "person" and (people or (ethnic and demonym)):
            coding.sector, coding.kind = "CVL", coding.kind or "group"  # "Nigerians", "ethnic Albanians"

    def _antecedent_in_sentence(self, head: Token, person: bool) -> Token | None:
        """The nearest earlier subject/possessor in the same sentence that agrees with the pronoun."""
        plural = head.lower_ in ("they", "them", "their", "theirs")
        for tok in reversed(list(head.sent[: head.i - head.sent.start])):
            if tok.dep_ not in ("nsubj", "nsubjpass", "poss") or tok.pos_ == "PRON":
                continue
            if person and tok.ent_type_ == "PERSON":
                return tok
            if not person and (tok.ent_type_ in ("GPE", "ORG", "NORP")
                               or (tok.pos_ == "NOUN" and tok.tag_ == ("NNS" if plural else "NN"))):
                return tok
        return None

    def _pronoun(self, head: Token, memory: MentionMemory, when: dt.date | None) -> _Coding | None:
        low = head.lower_
        person = low in _PERSON_PRONOUNS
        if not person and low not in _GROUP_PRONOUNS:
            return None
        near = self._antecedent_in_sentence(head, person)
        if near is not None:
            from ...extract.arguments import argument_span

            start, end = argument_span(near)
            span = near.doc[start:end]
            coding = self._from_entities(span, when, memory)
            self._from_words(span, coding)
            coding.name = coding.name or _clean(span.text)
            coding.via = span.text
            return coding
        if person:
            hit = memory.last(person=True)
        else:
            hit = memory.last(person=False) or memory.last(person=True)
        if hit is None:
            return None
        text, coding = hit
        out = _Coding(coding.name or text, coding.country, coding.sector, coding.kind, coding.actor_id, list(coding.sectors))
        out.via = text
        return out

    def code(self, span: Span, head: Token, offset: int, when: dt.date | None,
             memory: MentionMemory) -> ActorRef:
        """An :class:`ActorRef` for ``span`` (offsets shifted by ``offset`` into the article)."""
        coding = self._pronoun(head, memory, when) if head.pos_ == "PRON" else None
        if coding is None:
            coding = self._from_entities(span, when, memory, head)
            if coding.kind is None and head.pos_ == "PROPN":
                # a name the NER did not tag (common in headlines): the knowledge base, then earlier mentions
                known = self._person(_clean(span.text), when) or self._person(head.text, when) or memory.surname(head.text)
                if known is not None:
                    coding = _Coding(known.name, known.country, known.sector, known.kind, known.actor_id, list(known.sectors))
            whole = self._org(_clean(span.text))
            if whole:
                coding = whole
            self._from_words(span, coding, head)
            self._from_context(span, head, coding, memory)
            if coding.country is None:
                owner = next((c for c in head.children if c.dep_ == "poss" and c.pos_ == "PRON"), None)
                if owner is not None:  # "its fighters", "their ambassador": the owner's country
                    found = self._pronoun(owner, memory, when)
                    coding.country = found.country if found is not None else None
            if (coding.kind == "country" and coding.sector == "GOV" and coding.actor_id is None
                    and head.dep_ == "pobj" and head.head.lower_ in _PLACE_PREPS - {"of", "from"}):
                coding.sector = None  # "a curfew in Abidjan": the city is a place here, not its government
            if coding.country is None and coding.sector in _NATIONAL and _definite(span):
                coding.country = memory.focus  # "the defence ministry", "troops" in an article about Niger
            if coding.name is None:
                coding.name = _clean(span.text) or span.text
            memory.remember(coding.name if coding.kind == "person" else span.text, coding)
            if coding.kind == "person":  # the name as written, too: "Ghaani" later finds "Esmail Ghaani"
                for ent in span.ents:
                    if ent.label_ == "PERSON" and ent.start <= head.i < ent.end and _clean(ent.text) != coding.name:
                        memory.remember(_clean(ent.text), coding)
        start = offset + span.start_char
        return ActorRef(
            text=span.text, start=start, end=start + len(span.text), name=coding.name,
            country=coding.country, sector=coding.sector, actor_id=coding.actor_id,
            kind=coding.kind, via=coding.via, sectors=coding.sectors,
        )

"""Code an argument span to an actor: canonical name, country, sector.

Evidence is read in order of reliability: a known person or organisation
named in the span (knowledge files, with role dates checked against the
article date), a country or seat of power, a demonym or possessor
("Iraqi officials", "Iran's Quds Force"), then role nouns and titles
("militia members" -> REB, "defense official" -> GOV). Pronouns and bare
surnames are resolved through the article's earlier mentions
(:class:`MentionMemory`).

Anaphoric mentions are linked to what they stand for, in this order:

* a relative pronoun ("Akinyi, *who* was arrested") is the noun its clause modifies;
* an appositive name identifies a role noun ("Mali's foreign minister, *Abdoulaye Diop*");
* a short form is an earlier name of the article: a surname or, for names written family
  name first, the first name word ("Wang" -> Wang Yi); an acronym made of the initials
  of an organisation named earlier ("MSL");
* a definite description ("the prefect", "the armed group", "the Fund") is the latest
  earlier mention described by the same noun, with a compatible kind and country;
* a definite title with no such antecedent ("the president", "Niger's president", "the
  UN Secretary-General") is the one person the knowledge files list in that office for
  that country or organisation on the article's date;
* an institution named by its function and country ("Mali's army", "the government" in
  an article about Niger) is the organisation whose alias is that function plus the
  country's name or demonym ("Malian army", "Nigerien government").
"""

from __future__ import annotations

import datetime as dt
import re
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
_RELATIVE = {"who", "whom", "which", "that"}
#: words that make a definite description point back ("the group", "this ministry")
_DEFINITE_DETS = {"the", "this", "that", "these", "those"}
#: connectors inside a multi-word proper name ("Movement for the Salvation of Liptako")
_NAME_LINKS = {"of", "for", "the"}
#: words of an office title that do not narrow it ("Minister of Foreign *Affairs*",
#: "*Transitional* President", "Governor of Kisumu *County*")
_TITLE_FILLER = {"of", "for", "the", "to", "and", "affairs", "transitional", "interim", "acting",
                 "county", "province", "state", "region", "district", "city", "republic", "federal"}
_WORD = re.compile(r"[\w'’-]+")


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
    #: (article offset, words that describe it, coding) of every coded mention with an
    #: identity or a country, for definite descriptions ("the prefect", "the armed group")
    described: list[tuple[int, frozenset[str], _Coding]] = field(default_factory=list)
    #: segments (by article offset) whose names have been read ahead (:meth:`ActorCoder._scan`)
    scanned: set[int] = field(default_factory=set)
    #: countries named (country, demonym, seat) in the segments read ahead, coded or not
    seen: dict[str, int] = field(default_factory=dict)
    #: article offset of the mention being coded: names read ahead count only before it
    cursor: int = -1

    @property
    def setting(self) -> str | None:
        """The article's country: the focus, else the country its text names most."""
        return self.focus or (max(self.seen.items(), key=lambda kv: kv[1])[0] if self.seen else None)

    def describe(self, pos: int, words: set[str], coding: _Coding) -> None:
        if words and (coding.actor_id or coding.country or (coding.name and coding.kind in ("person", "organization"))):
            self.described.append((pos, frozenset(words), coding))

    def antecedent(self, pos: int, keys: list[str], person: bool | None, country: str | None,
                   named: bool = False) -> _Coding | None:
        """The latest mention before ``pos`` described by one of ``keys`` (tried in order), of
        the right kind (a person or not; ``None``: either) and, when given, country."""
        for key in keys:
            best: tuple[int, _Coding] | None = None
            for at, words, coding in self.described:
                if at >= pos or key not in words or (best is not None and at <= best[0]):
                    continue
                if person is not None and (coding.kind == "person") != person:
                    continue
                if country is not None and coding.country != country:
                    continue
                if named and not (coding.actor_id or (coding.name and coding.name[:1].isupper())):
                    continue
                best = (at, coding)
            if best is not None:
                return best[1]
        return None

    def latest_org(self, pos: int, sector: str | None, country: str | None) -> _Coding | None:
        """The latest named organisation before ``pos`` that can be "the group": of ``sector``
        (or of no known sector), else of no state, media or intergovernmental sector."""
        for at, _, coding in sorted(self.described, key=lambda e: e[0], reverse=True):
            if at >= pos or coding.kind != "organization" or not (coding.actor_id or (coding.name or "")[:1].isupper()):
                continue
            if country is not None and coding.country not in (None, country):
                continue
            if sector is not None:
                if coding.sector in (None, sector) or sector in coding.sectors:
                    return coding
            elif coding.sector not in _NOT_GROUPS:
                return coding
        return None

    def acronym(self, token: str) -> _Coding | None:
        """An organisation named earlier whose initials spell ``token`` ("MSL")."""
        for _, words, coding in reversed(self.described):
            if coding.kind == "organization" and coding.name and _initials(coding.name) == token:
                return coding
        return None

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
        """A person named in full earlier, by the last word of the name, else by another word
        of it (family name first: "Wang" for Wang Yi; "Faki" for Moussa Faki Mahamat)."""
        low = token.lower()
        if len(low) < 3 or " " in low:
            return None
        for text, coding in reversed(self.persons):
            if text.split()[-1].lower() == low and len(text.split()) > 1:
                return coding
        for text, coding in reversed(self.persons):
            words = [w.lower() for w in text.split()]
            if len(words) > 1 and low in words[:-1] and coding.kind == "person":
                return coding
        # people named earlier in the same paragraph, read ahead before their own coding
        for at, _, coding in reversed(self.described):
            if at < self.cursor and coding.kind == "person" and coding.name and " " in coding.name \
                    and low in [w.lower() for w in coding.name.split()]:
                return coding
        return None

    def last(self, person: bool) -> tuple[str, _Coding] | None:
        pool = self.persons if person else self.groups
        return pool[-1] if pool else None


#: nouns for a group that "the X" uses for the latest named organisation ("the group")
_COLLECTIVE = {"group", "organisation", "organization", "movement", "outfit", "faction", "militia"}
#: sectors of organisations "the group" does not stand for
_NOT_GROUPS = {"GOV", "MIL", "COP", "JUD", "LEG", "SPY", "MED", "IGO"}
#: sectors of a group's armed or acting members ("its fighters", "the group's militants")
_MEMBER_SECTORS = {"MIL", "REB", "COP", "CRM", "SPY", "UAF"}

#: sectors of national institutions, which take the article's country when none is named
#: ("the opposition" in an article about Kenya is Kenya's)
_NATIONAL = {"GOV", "MIL", "COP", "JUD", "LEG", "SPY", "OPP"}


def _initials(name: str) -> str:
    """"Movement for the Salvation of Liptako" -> "MSL" (capitalised words only)."""
    return "".join(w[0] for w in name.replace("-", " ").split() if w[:1].isupper())


def _name_head(name: str) -> str:
    """The head word of an organisation's name: "International Monetary *Fund*",
    "Communications *Authority* of Kenya"."""
    words = name.split()
    for i, w in enumerate(words):
        if i and w.lower() in ("of", "for", "on") :
            return words[i - 1].lower()
    return words[-1].lower()


def _relative_antecedent(head: Token) -> Token | None:
    """The noun a relative pronoun stands for ("Akinyi, *who* was arrested" -> Akinyi)."""
    if head.lower_ not in _RELATIVE or head.tag_ not in ("WP", "WDT"):
        return None
    verb = head.head
    while verb.dep_ == "conj" and verb.head.i != verb.i:
        verb = verb.head
    if verb.dep_ != "relcl":
        return None
    noun = verb.head
    return noun if noun.pos_ in ("NOUN", "PROPN") and noun.i != head.i else None


def _name_chain(head: Token) -> tuple[int, int] | None:
    """Token bounds of a multi-word proper name the parse split at its prepositions:
    "*Movement* for the Salvation of Liptako" (the capitalised words and the "of", "for",
    "the" between them, read left to right from the head)."""
    doc = head.doc
    end, i = head.i + 1, head.i + 1
    while i < len(doc) and doc[i].lower_ in _NAME_LINKS:
        j = i
        while j < len(doc) and doc[j].lower_ in _NAME_LINKS:
            j += 1
        if j < len(doc) and doc[j].pos_ == "PROPN" and doc[j].text[:1].isupper() and doc[i].lower_ != "the":
            while j < len(doc) and doc[j].pos_ == "PROPN" and doc[j].text[:1].isupper():
                j += 1
            end = i = j
        else:
            break
    start = head.i
    while True:
        while start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].text[:1].isupper() \
                and doc[start - 1].dep_ in ("compound", "amod", "nmod"):
            start -= 1
        # leftwards over "for the" / "of": "Movement for the *Salvation* of Liptako"
        j = start - 1
        while j >= 0 and doc[j].lower_ == "the":
            j -= 1
        if j >= 1 and doc[j].lower_ in ("of", "for") and doc[j - 1].pos_ == "PROPN" and doc[j - 1].text[:1].isupper() \
                and not doc[j - 1].ent_type_ in ("GPE", "PERSON", "NORP", "DATE"):
            start = j - 1
            continue
        break
    if (start, end) == (head.i, head.i + 1):
        return None
    return start, end


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
        self._office_index: dict[tuple[str, str], list[tuple[dict[str, Any], dict[str, Any]]]] | None = None
        self._institution_index: dict[tuple[str, str], set[str]] | None = None

    # -- indexes built on first use ----------------------------------------------
    def _title_terms(self, title: str) -> set[str]:
        """Role terms an office title answers to: "Minister of Foreign Affairs" -> minister,
        foreign minister; "Secretary-General of the United Nations" -> secretary-general."""
        words = _WORD.findall(title.lower().replace("’", "'"))
        candidates = [words]
        for link in ("of", "for"):
            if link in words:
                k = words.index(link)
                candidates.append([w for w in words[k + 1:] if w not in _TITLE_FILLER] + words[:k])
                break
        terms = set()
        for ws in candidates:
            role = self._role_in(ws)
            if role and role.get("kind") == "person":
                terms.add(str(role["term"]))
        return terms

    def _offices(self) -> dict[tuple[str, str], list[tuple[dict[str, Any], dict[str, Any]]]]:
        """(country, role term) -> [(person, role)] over every dated role in the knowledge files."""
        if self._office_index is None:
            index: dict[tuple[str, str], list[tuple[dict[str, Any], dict[str, Any]]]] = {}
            for person in self.kb.people.values():
                country = person.get("country")
                if not country:
                    continue
                for role in person.get("roles") or []:
                    for term in self._title_terms(str(role.get("title") or "")):
                        index.setdefault((country, term), []).append((person, role))
            self._office_index = index
        return self._office_index

    def _country_words(self, code: str) -> list[str]:
        """Lowercase names, aliases and demonyms of a country, longest first."""
        c = self.kb.countries.get(code) or {}
        forms = {str(x).lower() for x in [c.get("name"), *(c.get("aliases") or []), *(c.get("demonyms") or [])] if x}
        return sorted(forms, key=len, reverse=True)

    def _strip_country(self, text: str, code: str) -> str:
        """``text`` without the country's name, demonym, possessive or "of"-phrase:
        "Malian army" / "Mali's army" / "army of Mali" -> "army"."""
        low = " " + text.lower().replace("’", "'").replace("(", " ").replace(")", " ") + " "
        for form in self._country_words(code):
            low = re.sub(rf"(?<![\w-])(?:of |in )?(?:the )?{re.escape(form)}(?:'s|')?(?![\w-])", " ", low)
        words = [w for w in low.split() if w not in ("the", "'s", "'")]
        while words and words[-1] in ("of", "in"):
            words.pop()
        return " ".join(words)

    def _institutions(self) -> dict[tuple[str, str], set[str]]:
        """(country, alias without the country's name) -> organisation ids: "Malian army" ->
        (MLI, "army") -> mli-fama; used for "Mali's army", "the army" in an article about Mali."""
        if self._institution_index is None:
            index: dict[tuple[str, str], set[str]] = {}
            for oid, org in self.kb.orgs.items():
                country = org.get("country")
                if not country or len(country) != 3 or country in ("IGO", "NGO") or country not in self.kb.countries:
                    continue
                for alias in [org.get("name"), *(org.get("aliases") or [])]:
                    if not alias:
                        continue
                    stripped = self._strip_country(str(alias), country)
                    if stripped and stripped != str(alias).lower():
                        index.setdefault((country, stripped), set()).add(oid)
            self._institution_index = index
        return self._institution_index

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
    def _lent_country(self, ent: Span, when: dt.date | None, memory: MentionMemory) -> str | None:
        """The country a name beside the argument's own name lends it ("*Chinese* foreign ministry
        spokeswoman Mao Ning", "*ECOWAS* Commission President Omar Touray")."""
        text = _clean(ent.text)
        if not text or ent.label_ in _NOT_PLACES - {"PERSON"}:
            return None
        if ent.label_ == "PERSON":
            found = self._person(text, when) or memory.surname(text)
            return found.country if found else None
        org = self._org(text)
        if org is not None:
            return org.country
        return self._token_country(ent.root, memory)

    def _from_entities(self, span: Span, when: dt.date | None, memory: MentionMemory,
                       head: Token | None = None) -> _Coding:
        coding = _Coding()
        ents = list(span.ents)
        own = next((e for e in ents if head is not None and e.start <= head.i < e.end), None)
        if own is not None:  # the name the argument's head is part of decides who it is
            ents = [own, *(e for e in ents if e is not own)]
        for ent in ents:
            text = _clean(ent.text)
            if not text:
                continue
            if own is not None and ent is not own:
                # other names in the span lend a country, not an identity
                # ("Interior Cabinet Secretary *Kipchumba Murkomen*", "*Iran's* Quds Force")
                if coding.country is None:
                    coding.country = self._lent_country(ent, when, memory)
                continue
            if head is not None and not (ent.start <= head.i < ent.end) and ent.label_ == "PERSON":
                # a person named as possessor or modifier ("Soleimani's successor") lends a country, not an identity
                found_person = self._person(text, when) or memory.surname(text)
                if found_person and found_person.country and coding.country is None:
                    coding.country = found_person.country
                continue
            label = ent.label_
            if label == "PERSON" and self._place_not_person(text, when, memory):
                label = "GPE"  # a country or town the NER took for a person ("Mali demanded")
            found: _Coding | None = None
            if label == "PERSON":
                found = self._person(text, when) or memory.surname(text) or _Coding(text, kind="person")
                if found.kind == "person" and found.name is None:
                    found.name = text
            elif label in ("ORG", "FAC", "NORP", "GPE", "LOC"):
                found = self._org(text)
                if found is None and " " not in text and not (self._country(text) or self._seat(text)):
                    # a short name of someone named in full earlier, mislabelled ("Ladia denied")
                    found = memory.surname(text) or self._short_org(text, memory)
                if found is None:
                    seat = self._seat(text)
                    code = self._country(text) or seat
                    if code:
                        found = _Coding(country=code, kind="country")
                        if seat and not self._country(text):
                            found.sector, found.name = "GOV", text  # "Tehran" acting: the government
                    elif label in ("ORG",) and len(text) > 2:
                        found = _Coding(name=text, kind="organization")
                    elif label in ("GPE", "LOC", "FAC"):
                        place_country = self._place_country(text, memory)
                        if place_country:  # "Darfur region", "residents of Mosul": the place's country
                            found = _Coding(country=place_country)
            if found:
                # the more specific kind wins: a person/organisation over a country
                if coding.kind in (None, "country") and found.kind in ("person", "organization"):
                    keep_country = coding.country
                    found_copy = _Coding(found.name, found.country or keep_country, found.sector, found.kind, found.actor_id, list(found.sectors))
                    coding = found_copy
                else:
                    coding.fill(found)
        return coding

    def _place_not_person(self, text: str, when: dt.date | None, memory: MentionMemory) -> bool:
        """A name tagged PERSON that is no known person but a country, a seat of power, or a
        one-word town of a country the article already talks about ("Ayorou", "Ménaka")."""
        if self._person(text, when) or memory.surname(text):
            return False
        if self._country(text) or self._seat(text):
            return True
        if " " in text or not memory.countries:
            return False
        return self._place_country(text, memory) in memory.countries

    def _short_org(self, word: str, memory: MentionMemory) -> _Coding | None:
        """An organisation named in full earlier, by an acronym of it ("MSL") or by the last word
        of its name ("the Fund" after the International Monetary Fund)."""
        if word.isupper() and 2 <= len(word) <= 6:
            return memory.acronym(word)
        low = word.lower()
        for _, _, coding in reversed(memory.described):
            if coding.kind == "organization" and coding.name and len(coding.name.split()) > 1 \
                    and _name_head(coding.name) == low:
                return coding
        return None

    def _from_words(self, span: Span, coding: _Coding, head: Token | None = None) -> None:
        words = [t for t in span if not t.is_punct]
        whole_country = self._country(_clean(span.text)) if coding.kind is None and coding.actor_id is None else None
        if whole_country and coding.country in (None, whole_country):
            coding.country, coding.kind = whole_country, "country"  # "Burkina Faso", untagged: the state
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
        if coding.kind == "country" and coding.sector is None and head.dep_ in ("amod", "compound", "poss", "nmod") \
                and head.head.pos_ == "NOUN":
            # "a *Nigerien* drone strike", "*Niger's* drone strike": the state's weapon is its military
            noun = head.head
            for t in [*(c for c in noun.children if c.dep_ in ("compound", "amod") and c.i != head.i), noun]:
                role = self._role([t.lemma_], [t.text])
                if role and role.get("kind") == "equipment" and role.get("sector"):
                    coding.sector = role.get("sector")
                    break

    def _antecedent_in_sentence(self, head: Token, person: bool) -> Token | None:
        """The nearest earlier subject/possessor in the same sentence that agrees with the pronoun."""
        plural = head.lower_ in ("they", "them", "their", "theirs")
        verb = head.head if head.dep_ in ("dobj", "dative", "iobj") else (
            head.head.head if head.dep_ == "pobj" else None)
        for tok in reversed(list(head.sent[: head.i - head.sent.start])):
            if tok.dep_ not in ("nsubj", "nsubjpass", "poss") or tok.pos_ == "PRON":
                continue
            if verb is not None and tok.head.i == verb.i and tok.dep_ in ("nsubj", "nsubjpass"):
                continue  # "police dispersed *them*": an object is not its own verb's subject
            if person and tok.ent_type_ == "PERSON":
                return tok
            if not person and (tok.ent_type_ in ("GPE", "ORG", "NORP")
                               or (tok.pos_ == "NOUN" and tok.tag_ == ("NNS" if plural else "NN"))):
                return tok
        return None

    def _pronoun(self, head: Token, memory: MentionMemory, when: dt.date | None, pos: int = -1) -> _Coding | None:
        low = head.lower_
        person = low in _PERSON_PRONOUNS
        if not person and low not in _GROUP_PRONOUNS:
            return None
        near = self._antecedent_in_sentence(head, person)
        if near is not None:
            from ...extract.arguments import argument_span

            start, end = argument_span(near)
            span = near.doc[start:end]
            coding = self._resolve(span, near, when, memory, pos)
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

    # -- anaphora and identity ----------------------------------------------------
    @staticmethod
    def _has_identity(coding: _Coding) -> bool:
        return coding.actor_id is not None or (coding.kind in ("person", "organization") and bool(coding.name)
                                               and coding.name[:1].isupper())

    @staticmethod
    def _take_identity(found: _Coding, coding: _Coding) -> _Coding:
        """``found``'s identity, with what ``coding`` knew filling its gaps."""
        out = _Coding(found.name, found.country, found.sector, found.kind, found.actor_id, list(found.sectors), found.via)
        out.fill(coding)
        _add_sectors(out, coding.sectors)
        return out

    def _appositive(self, head: Token, when: dt.date | None, memory: MentionMemory, pos: int) -> _Coding | None:
        """The name in apposition to a role noun: "Mali's foreign minister, *Abdoulaye Diop*",
        "an armed group, *the Movement for the Salvation of Liptako*"."""
        if head.pos_ != "NOUN":
            return None
        from ...extract.arguments import argument_span

        hosts = [head]
        for prep in head.children:  # "The prefect of Ayorou, *Abdoulaye Harouna*": the parse may hang it on the place
            if prep.dep_ == "prep" and prep.lower_ == "of":
                hosts += [o for o in prep.children if o.dep_ == "pobj" and o.pos_ == "PROPN"]
        for child in (c for h in hosts for c in h.children):
            if child.dep_ != "appos" or child.pos_ != "PROPN" or child.ent_type_ in _NOT_PLACES - {"PERSON"}:
                continue
            if child.head is not head and child.ent_type_ != "PERSON":
                continue
            start, end = argument_span(child)
            found = self._resolve(child.doc[start:end], child, when, memory, pos, anaphora=False)
            if self._has_identity(found):
                if found.kind == "organization" and found.actor_id is None and self._person_role(head):
                    # "the group's spokesman, Elmoctar Ag Baye": a person, whatever the NER said
                    found = _Coding(found.name, found.country, None, "person")
                return found
        return None

    def _chain_name(self, span: Span, head: Token) -> _Coding | None:
        """A proper name the parse split at "for"/"of" ("the Movement for the Salvation of Liptako")."""
        if head.pos_ != "PROPN" or head.ent_type_ in ("PERSON", "GPE", "NORP", "DATE", "TIME") \
                or self._role([head.lower_]) or self._country(head.text):
            return None
        bounds = _name_chain(head)
        if bounds is None or bounds[1] <= span.end:
            return None
        text = _clean(head.doc[bounds[0]:bounds[1]].text)
        return self._org(text) or _Coding(name=text, kind="organization")

    def _sub_alias(self, span: Span, head: Token) -> _Coding | None:
        """An organisation alias inside a longer argument: "*Chinese coast guard* ships",
        "Twelve *Nigerien soldiers*"."""
        toks = [t for t in span if not t.is_punct]
        n = len(toks)
        for size in range(n - 1, 1, -1):
            for i in range(0, n - size + 1):
                window = toks[i:i + size]
                org = self._org(_clean(" ".join(t.text for t in window)))
                if org is not None and org.kind == "organization":
                    inside = window[0].i <= head.i <= window[-1].i
                    role = self._role([head.lemma_], [head.text]) if not inside else None
                    if role is not None and role.get("kind") == "person" and head.tag_ not in ("NNS", "NNPS"):
                        return None  # "Chinese coast guard spokesman": a person of the organisation
                    return org
        return None

    def _definite_description(self, span: Span, head: Token) -> bool:
        first = span.doc[span.start - 1] if span.start > 0 and span.doc[span.start - 1].dep_ == "det" else span[0]
        return first.lower_ in _DEFINITE_DETS and head.pos_ in ("NOUN", "PROPN") \
            and not any(e.label_ in ("PERSON", "ORG") and not (e.start <= head.i < e.end and len(e) == 1) for e in span.ents)

    def _description(self, span: Span, head: Token, coding: _Coding, memory: MentionMemory,
                     pos: int) -> _Coding | None:
        """The earlier mention a definite description stands for: "the prefect" after "the prefect
        of Ayorou, Abdoulaye Harouna"; "the armed group" after "an armed group, the MSL"; "The
        Togolese minister" after "Togo's foreign minister, Robert Dussey"."""
        if not self._definite_description(span, head) or head.ent_type_ in ("GPE", "NORP"):
            return None
        role = self._role([t.lemma_ if t.pos_ == "NOUN" else t.text for t in span if not t.is_punct],
                          [t.text for t in span if not t.is_punct])
        keys = [str(role["term"])] if role else []
        for key in (head.lemma_.lower(), head.lower_):
            if key not in keys:
                keys.append(key)
        plural = head.tag_ in ("NNS", "NNPS")
        person = bool(role and role.get("kind") == "person") and not plural
        found = memory.antecedent(pos, keys, person, coding.country)
        if found is None and not person and not plural and head.lemma_.lower() in _COLLECTIVE:
            found = memory.latest_org(pos, role.get("sector") if role else None, coding.country)
        return found

    def _owner_identity(self, head: Token, when: dt.date | None, memory: MentionMemory,
                        pos: int) -> _Coding | None:
        """The organisation whose members or equipment a plural noun names: "*its* fighters",
        "*the group's* militants", "*its* ships"."""
        if head.tag_ not in ("NNS", "NNPS"):
            return None
        role = self._role([head.lemma_], [head.text])
        if role is None or not (role.get("kind") == "equipment" or role.get("sector") in _MEMBER_SECTORS
                                or head.lemma_.lower() in ("member", "official", "staff")):
            return None
        owner = next((c for c in head.children if c.dep_ == "poss"), None)
        if owner is None:  # "fighters of the Movement for the Salvation of Liptako"
            of = next((c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"), None)
            owner = next((o for o in (of.children if of is not None else []) if o.dep_ == "pobj"
                          and o.pos_ == "PROPN"), None)
        if owner is None:
            return None
        if owner.pos_ == "PRON":
            found = self._pronoun(owner, memory, when, pos)
        elif owner.pos_ in ("NOUN", "PROPN"):
            from ...extract.arguments import argument_span

            start, end = argument_span(owner)
            found = self._resolve(owner.doc[start:end], owner, when, memory, pos)
        else:
            found = None
        if found is not None and found.kind == "organization" and self._has_identity(found):
            return found
        return None

    def _office_holder(self, span: Span, head: Token, coding: _Coding, when: dt.date | None) -> _Coding | None:
        """The one person in the office a definite title names on the date: "the president" (the
        article's country), "Niger's president", "the UN Secretary-General"."""
        if when is None or head.tag_ not in ("NN", "NNP") or coding.country is None:
            return None
        first = span.doc[span.start - 1] if span.start > 0 and span.doc[span.start - 1].dep_ == "det" else span[0]
        possessed = any(c.dep_ == "poss" and c.pos_ == "PROPN" for c in head.children)
        if not (first.lower_ in ("the", "this") or possessed) or any(t.lower_ in _FORMER for t in span):
            return None
        if any(e.label_ == "PERSON" for e in span.ents):
            return None
        role = self._role_in(_WORD.findall(span.text.replace("’", "'"))) or self._role(
            [t.lemma_ if t.pos_ == "NOUN" else t.text for t in span if not t.is_punct],
            [t.text for t in span if not t.is_punct])  # the words as written keep "Secretary-General" whole
        if not role or role.get("kind") != "person":
            return None
        term = str(role["term"])
        said = {w.lower() for w in _WORD.findall(span.text.replace("’", "'"))}
        for ent in span.ents:  # "UN" also says "United Nations"
            org = self._org(_clean(ent.text))
            if org is not None and org.name:
                said |= {w.lower() for w in _WORD.findall(org.name)}
        skip = set(term.replace("-", " ").split()) | set(term.split()) | _TITLE_FILLER
        for form in self._country_words(coding.country) if coding.country in self.kb.countries else []:
            skip |= set(form.split())
        holders: dict[str, dict[str, Any]] = {}
        for person, office in self._offices().get((coding.country, term), []):
            start, end = office.get("start"), office.get("end")
            if (start and str(start) > when.isoformat()) or (end and str(end) < when.isoformat()):
                continue
            extra = {w for w in _WORD.findall(str(office.get("title") or "").lower()) if w not in skip}
            if extra <= said:
                holders[str(person.get("id"))] = person
        if len(holders) != 1:
            return None
        person = next(iter(holders.values()))
        return self._person(str(person.get("name")), when)

    def _institution(self, span: Span, head: Token, coding: _Coding, memory: MentionMemory) -> _Coding | None:
        """The organisation a function word names in a known country: "Mali's army", "the
        government" in an article about Niger, "Kenyan police"; also a name that says no
        country ("the Department of Foreign Affairs", "the High Court") in the article's."""
        if coding.kind == "person" and head.tag_ not in ("NNS", "NNPS"):
            return None
        countries = [coding.country]
        if coding.country is None and coding.kind == "organization" and (coding.name or "")[:1].isupper():
            # a name without a country: the sentence's, the article's, then any country it names
            countries = [self._sentence_country(head, memory), memory.focus,
                         *sorted(memory.seen, key=lambda c: -memory.seen[c])]
        words = [t.text for t in span if not (t.is_punct or t.like_num or t.dep_ in ("det", "predet", "nummod")
                                              or t.tag_ == "POS" or t.pos_ == "PRON")]
        ids = None
        for country in countries:
            if country is None or country not in self.kb.countries:
                continue
            key = self._strip_country(" ".join(words), country)
            ids = self._institutions().get((country, key)) if key else None
            if ids:
                break
        if not ids or len(ids) != 1:
            return None
        org = self.kb.orgs[next(iter(ids))]
        sectors = {org.get("sector"), *(org.get("sectors") or [])}
        if coding.sector is not None and coding.sector not in sectors:
            return None
        return _Coding(org.get("name"), org.get("country"), org.get("sector"), "organization",
                       org.get("id"), list(org.get("sectors") or []))

    def _sentence_country(self, head: Token, memory: MentionMemory) -> str | None:
        """The country of a place that opens the sentence ("*In Manila*, the foreign ministry said")."""
        sent = head.sent
        first = sent[0]
        if first.lower_ != "in" or first.dep_ != "prep" or first.i >= head.i:
            return None
        for pobj in first.children:
            if pobj.dep_ == "pobj":
                return self._token_country(pobj, memory)
        return None

    def _describe_words(self, span: Span, head: Token, coding: _Coding, when: dt.date | None) -> set[str]:
        """Words a later definite description may use for this mention: its head noun, its role
        terms, an appositive's, the last word of an organisation's name, a known person's office."""
        words: set[str] = set()
        heads = [head, *(c for c in head.children if c.dep_ == "appos" and c.pos_ == "NOUN")]
        for h in heads:
            if h.pos_ in ("NOUN", "PROPN"):
                words |= {h.lemma_.lower(), h.lower_}
        toks = [t for t in span if not t.is_punct]
        for h in heads[1:]:
            toks += [t for t in h.subtree if not t.is_punct]
        for n in (3, 2, 1):
            for i in range(0, len(toks) - n + 1):
                window = toks[i:i + n]
                for form in (" ".join(t.lower_ for t in window), " ".join(t.lemma_.lower() for t in window)):
                    role = self.kb.role_by_term.get(form)
                    if role:
                        words.add(str(role["term"]))
                        words.add(str(role["term"]).split()[-1])
        if coding.kind == "organization" and coding.name:
            words.add(_name_head(coding.name))
        if coding.kind == "person" and coding.actor_id:
            person = self.kb.people.get(coding.actor_id) or {}
            for office in person.get("roles") or []:
                start, end = office.get("start"), office.get("end")
                if when is None or ((not start or str(start) <= when.isoformat()) and (not end or when.isoformat() <= str(end))):
                    words |= self._title_terms(str(office.get("title") or ""))
        return words

    def _person_role(self, tok: Token) -> bool:
        if tok.pos_ != "NOUN":
            return False
        role = self._role([tok.lemma_], [tok.text])
        return role is not None and role.get("kind") == "person"

    def _person_by_context(self, tok: Token) -> bool:
        """A name the NER took for an organisation that the sentence shows is a person's: in
        apposition to a person's role ("Its leader, *Almahdi Ag Tamaket*", "Almahdi Ag
        Tamaket, *a former smuggler*")."""
        if tok.dep_ == "appos" and self._person_role(tok.head):
            return True
        return any(c.dep_ == "appos" and self._person_role(c) for c in tok.children)

    def _scan(self, doc: Any, offset: int, when: dt.date | None, memory: MentionMemory) -> None:
        """Read a segment's organisation names ahead, so that a description or an acronym later in
        the article finds them even when they were no event's argument."""
        ents = doc.ents
        org_roots: dict[int, Span] = {}
        for ent in ents:
            if ent.label_ in ("GPE", "NORP"):
                text = _clean(ent.text)
                code = self._country(text) or self._seat(text)
                if code:
                    memory.seen[code] = memory.seen.get(code, 0) + 1
            elif ent.label_ == "PERSON":
                name = _clean(ent.text)
                if " " in name:
                    coding = self._person(name, when) or _Coding(name, kind="person")
                    memory.describe(offset + ent.start_char, {name.split()[-1].lower()}, coding)
            elif ent.label_ == "ORG":
                org_roots[ent.root.i] = ent
        for tok in doc:
            if tok.pos_ != "PROPN" or (tok.ent_type_ and tok.ent_type_ != "ORG"):
                continue
            ent = org_roots.get(tok.i)
            if tok.ent_type_ and ent is None:
                continue  # inside an organisation's name, not its head
            bounds = _name_chain(tok)
            if ent is not None:
                bounds = (min(ent.start, bounds[0]), max(ent.end, bounds[1])) if bounds else (ent.start, ent.end)
            if bounds is None:
                continue
            span = doc[bounds[0]:bounds[1]]
            text = _clean(span.text)
            if not text or self._country(text) or self._seat(text) or self._person_by_context(tok):
                continue
            coding = (self._org(text) or (self._short_org(text, memory) if " " not in text else None)
                      or _Coding(name=text, kind="organization"))  # "MSL": the name it abbreviates
            memory.describe(offset + span.start_char, self._describe_words(span, tok, coding, when), coding)

    def read_ahead(self, doc: Any, offset: int, when: dt.date | None, memory: MentionMemory) -> None:
        """Read a segment's names into ``memory`` without coding anything (once per segment).
        :meth:`code` does this for the segments it sees; a caller that wants names from
        segments without events ("the MSL" after a paragraph that only names the group) calls
        it for every segment."""
        if offset not in memory.scanned:
            memory.scanned.add(offset)
            self._scan(doc, offset, when, memory)

    # -- coding --------------------------------------------------------------------
    def _resolve(self, span: Span, head: Token, when: dt.date | None, memory: MentionMemory,
                 pos: int, anaphora: bool = True) -> _Coding:
        """The coding of one argument span (nothing is remembered)."""
        if head.pos_ == "PRON":
            near = _relative_antecedent(head) if anaphora else None
            if near is not None:  # "Akinyi, who was arrested": the noun the clause modifies
                from ...extract.arguments import argument_span

                start, end = argument_span(near)
                found = self._resolve(near.doc[start:end], near, when, memory, pos)
                out = _Coding(found.name, found.country, found.sector, found.kind, found.actor_id, list(found.sectors))
                out.via = near.doc[start:end].text
                return out
            found = self._pronoun(head, memory, when, pos) if anaphora else None
            if found is not None:
                return found
        coding = self._from_entities(span, when, memory, head)
        if coding.kind is None and head.pos_ == "PROPN":
            # a name the NER did not tag (common in headlines): the knowledge base, then earlier mentions
            known = self._person(_clean(span.text), when) or self._person(head.text, when) or memory.surname(head.text)
            if known is None and len(span) == 1:
                known = self._short_org(head.text, memory)
            if known is not None:
                coding = _Coding(known.name, known.country, known.sector, known.kind, known.actor_id, list(known.sectors))
        whole = self._org(_clean(span.text))
        if whole:
            coding = whole
        elif coding.kind == "organization" and head.pos_ in ("NOUN", "PROPN") and not head.ent_type_ \
                and head.tag_ in ("NN", "NNP"):
            role = self._role([head.lemma_], [head.text])
            if role is not None and role.get("kind") == "person":
                # "the UN Secretary-General", "a Hamas spokesman": a person of the organisation
                # named beside them, not the organisation
                coding = _Coding(None, coding.country, coding.sector, "person", None, list(coding.sectors))
        if anaphora and not self._has_identity(coding):
            found = (self._appositive(head, when, memory, pos) or self._chain_name(span, head)
                     or self._sub_alias(span, head) or self._owner_identity(head, when, memory, pos))
            if found is not None:
                coding = self._take_identity(found, coding)
        self._from_words(span, coding, head)
        self._from_context(span, head, coding, memory)
        if coding.country is None:
            owner = next((c for c in head.children if c.dep_ == "poss" and c.pos_ == "PRON"), None)
            if owner is not None:  # "its fighters", "their ambassador": the owner's country
                found = self._pronoun(owner, memory, when, pos)
                coding.country = found.country if found is not None else None
        if (coding.kind == "country" and coding.sector == "GOV" and coding.actor_id is None
                and head.dep_ == "pobj" and head.head.lower_ in _PLACE_PREPS - {"of", "from"}):
            coding.sector = None  # "a curfew in Abidjan": the city is a place here, not its government
        if anaphora and not self._has_identity(coding):
            found = self._description(span, head, coding, memory, pos)
            if found is not None:
                coding = self._take_identity(found, coding)
                coding.via = found.name
        if coding.country is None and coding.sector in _NATIONAL and _definite(span):
            # "the defence ministry", "troops" in an article about Niger
            coding.country = self._sentence_country(head, memory) or memory.focus
        if anaphora and coding.actor_id is None:
            found = self._office_holder(span, head, coding, when) if not self._has_identity(coding) else None
            found = found or self._institution(span, head, coding, memory)
            if found is not None:
                coding = self._take_identity(found, coding)
        if coding.name is None:
            coding.name = _clean(span.text) or span.text
        return coding

    def code(self, span: Span, head: Token, offset: int, when: dt.date | None,
             memory: MentionMemory) -> ActorRef:
        """An :class:`ActorRef` for ``span`` (offsets shifted by ``offset`` into the article)."""
        pos = offset + span.start_char
        memory.cursor = pos
        self.read_ahead(span.doc, offset, when, memory)
        coding = self._resolve(span, head, when, memory, pos)
        if head.pos_ != "PRON":
            memory.remember(coding.name if coding.kind == "person" else span.text, coding)
            if coding.kind == "person":  # the name as written, too: "Ghaani" later finds "Esmail Ghaani"
                for ent in span.ents:
                    if ent.label_ == "PERSON" and ent.start <= head.i < ent.end and _clean(ent.text) != coding.name:
                        memory.remember(_clean(ent.text), coding)
            memory.describe(pos, self._describe_words(span, head, coding, when), coding)
        start = offset + span.start_char
        return ActorRef(
            text=span.text, start=start, end=start + len(span.text), name=coding.name,
            country=coding.country, sector=coding.sector, actor_id=coding.actor_id,
            kind=coding.kind, via=coding.via, sectors=coding.sectors,
        )

"""Direct and indirect quotations, each with its speaker and cue.

Spans
-----
``Quote.start/end`` index the article text and ``Quote.text`` is that slice.

* A **direct** quote's span is the quoted text *without* its quote marks, trimmed of
  surrounding whitespace and of a trailing comma, which belongs to the attribution
  (``"We will fight," she said`` -> ``We will fight``); a final ``.``/``?``/``!``
  inside the marks is kept. Straight and curly, double and single marks are read.
* A quote interrupted by its attribution (``"A," the president wrote, "and B."``) is
  two quotes with the same speaker and cue.
* A quote that runs on into the next paragraph (news convention: no closing mark at
  the paragraph's end, a new opening mark on the next) is one quote per paragraph;
  the later parts inherit the speaker.
* Nested quotes give the outer quote (inner marks kept in its text) and the inner
  one, whose speaker is read inside the outer quote ("I"/"we" there is the outer
  speaker).
* A short quoted phrase (``scare_max_words``) that no cue verb governs, and does not
  sit in a reported clause, is a scare quote or a title, not a quotation; so is any
  phrase after a scare marker (``the so-called "buffer zone"``).
* An **indirect** quote's span is the reported clause of a speech verb, from its
  first word after the complementizer *that* to its last word, without final
  punctuation (``Officials said that the talks had stalled.`` -> ``the talks had
  stalled``); ``according to X, ...`` reports the rest of its clause. Clauses inside
  a direct quote, questions (``would not say whether``) and negated reports
  (``did not say that``) are not indirect quotes.

Speakers
--------
The speaker is the subject of the cue verb (inverted ``said the minister`` too,
inherited through ``and said``/``adding``), coded with :class:`ActorCoder`. Pronouns
and definite descriptions (``the official`` after ``An unnamed defense official``)
are resolved against earlier mentions in the article by position, so ``via`` names
the antecedent; so are bare surnames (``Varga told reporters`` after ``Foreign
Minister Lena Varga``) and descriptions with a name beside them (``the mayor of
Kharkiv, Oleh Marchenko,``). Speakers are coded with a private
:class:`MentionMemory`, so quote extraction never changes how events resolve
pronouns. A direct quote without a cue in its sentence(s) belongs to the
previous quote's speaker (same or previous paragraph), else to the last person
who was a subject earlier in the paragraph.

Use :func:`article_quotes` with the parsed segments of one article, or
:class:`ArticleQuotes` segment by segment (``add(doc, offset)`` in article order).
The cue words live in ``data/lexicon/quotes.yaml``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Literal

from spacy.tokens import Doc, Span, Token

from ..datafiles import read_yaml
from ..model import ActorRef, Article, Quote
from ..resolve.actors.coder import ActorCoder, MentionMemory
from .arguments import argument_span, is_passive, subject_of

__all__ = [
    "QuoteLexicon",
    "QuoteMark",
    "quote_lexicon",
    "scan_quotes",
    "trim_quote",
    "ArticleQuotes",
    "article_quotes",
    "quotes_of_article",
]

#: entity labels whose mentions can be speakers later ("it said", "the ministry said")
_SPEAKER_ENTS = ("PERSON", "ORG", "NORP", "GPE")
#: how many paragraphs back a pronoun or an uncued quote may look for its antecedent
_LOOKBACK_SEGMENTS = 2
#: verbs whose object is the addressee, never an inverted speaker ("told reporters")
_ADDRESSEE_VERBS = frozenset({"tell", "inform", "assure", "reassure", "ask", "urge", "brief", "email"})
_WORD = re.compile(r"\w+(?:['’]\w+)*")


# --------------------------------------------------------------------------- lexicon


@dataclass(frozen=True, slots=True)
class QuoteLexicon:
    speech_verbs: frozenset[str]
    naming_verbs: frozenset[str]
    source_phrases: tuple[str, ...]
    question_marks: frozenset[str]
    double_open: frozenset[str]
    double_close: frozenset[str]
    double_straight: frozenset[str]
    single_open: frozenset[str]
    single_close: frozenset[str]
    single_straight: frozenset[str]
    single_open_after: frozenset[str]
    scare_max_words: int
    scare_markers: tuple[str, ...]
    speaks_for: frozenset[str]
    person_pronouns: frozenset[str]
    group_pronouns: frozenset[str]
    first_person: frozenset[str]
    definite_determiners: frozenset[str]

    @property
    def cue_verbs(self) -> frozenset[str]:
        return self.speech_verbs | self.naming_verbs


@functools.lru_cache(maxsize=1)
def quote_lexicon() -> QuoteLexicon:
    raw: dict[str, Any] = read_yaml("lexicon", "quotes.yaml")
    words = {k: frozenset(str(w).lower() for w in v) for k, v in raw.items() if isinstance(v, list)}
    # quote characters must not be lowercased away; re-read them as written
    chars = {k: frozenset(str(w) for w in raw[k]) for k in (
        "double_open", "double_close", "double_straight", "single_open", "single_close",
        "single_straight", "single_open_after")}
    return QuoteLexicon(
        speech_verbs=words["speech_verbs"], naming_verbs=words["naming_verbs"],
        source_phrases=tuple(str(p).lower() for p in raw["source_phrases"]),
        question_marks=words["question_marks"], scare_max_words=int(raw["scare_max_words"]),
        scare_markers=tuple(str(m).lower() for m in raw["scare_markers"]),
        speaks_for=words["speaks_for"],
        person_pronouns=words["person_pronouns"], group_pronouns=words["group_pronouns"],
        first_person=words["first_person"], definite_determiners=words["definite_determiners"],
        **chars,
    )


# --------------------------------------------------------------------------- quote marks


@dataclass(frozen=True, slots=True)
class QuoteMark:
    """A quoted region of a text. ``start``/``end`` bound the content between the marks."""

    open_at: int
    #: index of the closing mark; None when the quote runs to the end of the text
    close_at: int | None
    start: int
    end: int
    depth: int
    #: index (in the scan's list) of the enclosing quote, None at the top level
    parent: int | None
    kind: Literal["double", "single"]

    def contains(self, pos: int) -> bool:
        """True when character ``pos`` lies strictly between the marks."""
        return self.open_at < pos < (self.close_at if self.close_at is not None else 1 << 62)


@dataclass(slots=True)
class _Open:
    kind: Literal["double", "single"]
    at: int
    ident: int


def _char_at(text: str, i: int) -> str:
    return text[i] if 0 <= i < len(text) else " "


def _single_role(text: str, i: int, lex: QuoteLexicon) -> Literal["open", "close", "apostrophe"]:
    """Whether a single quote character opens, closes or is an apostrophe."""
    ch, prev, nxt = text[i], _char_at(text, i - 1), _char_at(text, i + 1)
    if prev.isalnum() and nxt.isalnum():
        return "apostrophe"  # don't, Iran's, O'Neill
    if ch in lex.single_close or ch in lex.single_straight:
        if not prev.isspace() and not nxt.isalnum():
            return "close"
    if ch in lex.single_open or ch in lex.single_straight:
        if (i == 0 or prev in lex.single_open_after) and not nxt.isspace():
            return "open"
    return "apostrophe"


class _Scanner:
    """A stack of open quotes; closed regions are collected in opening order."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.stack: list[_Open] = []
        self.regions: dict[int, tuple[int, int | None, int, int | None, str]] = {}
        self.count = 0

    def open(self, kind: Literal["double", "single"], at: int) -> None:
        self.stack.append(_Open(kind, at, self.count))
        self.count += 1

    def close(self, kind: str, at: int | None) -> bool:
        """Close the innermost open quote of ``kind``; unclosed singles above it were apostrophes."""
        for depth in range(len(self.stack) - 1, -1, -1):
            if self.stack[depth].kind == kind:
                del self.stack[depth + 1:]
                top = self.stack.pop()
                parent = self.stack[-1].ident if self.stack else None
                self.regions[top.ident] = (top.at, at, len(self.stack), parent, kind)
                return True
        return False

    def has(self, kind: str) -> bool:
        return any(o.kind == kind for o in self.stack)


def scan_quotes(text: str, lex: QuoteLexicon | None = None) -> list[QuoteMark]:
    """Quoted regions of ``text`` in order of their opening marks.

    An unclosed double quote runs to the end of the text (a quote continued in the
    next paragraph); an unclosed single quote was an apostrophe and is dropped.
    """
    lex = lex or quote_lexicon()
    sc = _Scanner(text)
    for i, ch in enumerate(text):
        if ch in lex.double_straight:
            if not (sc.has("double") and sc.close("double", i)):
                sc.open("double", i)
        elif ch in lex.double_open:
            sc.open("double", i)
        elif ch in lex.double_close:
            if not sc.close("double", i) and _char_at(text, i + 1).isalnum():
                sc.open("double", i)  # a closing mark typed for an opening one
        elif ch in lex.single_open or ch in lex.single_close or ch in lex.single_straight:
            role = _single_role(text, i, lex)
            if role == "close" and sc.stack and sc.stack[-1].kind == "single":
                sc.close("single", i)
            elif role == "open":
                sc.open("single", i)
    while sc.stack:
        top = sc.stack[-1]
        if top.kind == "double":
            sc.close("double", None)
        else:
            sc.stack.pop()
    return _marks(text, sc.regions)


def _marks(text: str, regions: dict[int, tuple[int, int | None, int, int | None, str]]) -> list[QuoteMark]:
    """QuoteMarks in opening order, parents re-pointed past dropped regions."""
    order = sorted(regions)
    index = {ident: n for n, ident in enumerate(order)}
    out: list[QuoteMark] = []
    for ident in order:
        open_at, close_at, depth, parent, kind = regions[ident]
        while parent is not None and parent not in regions:
            parent = None  # an enclosing single quote that never closed: top level
        end = close_at if close_at is not None else len(text)
        start, end = trim_quote(text, open_at + 1, end)
        out.append(QuoteMark(open_at, close_at, start, end, depth if parent is not None else 0,
                             index[parent] if parent is not None else None, kind))  # type: ignore[arg-type]
    return out


def trim_quote(text: str, start: int, end: int) -> tuple[int, int]:
    """Quote content without surrounding whitespace or a trailing comma (the attribution's)."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1
    return start, end


def _words(text: str) -> int:
    return len(_WORD.findall(text))


# --------------------------------------------------------------------------- antecedents


@dataclass(slots=True)
class _Antecedent:
    """A mention that later pronouns and descriptions can point back to."""

    start: int
    ref: ActorRef
    lemma: str
    #: lowercased words of the mention, for matching a later description against it
    words: frozenset[str]
    person: bool
    plural: bool
    subject: bool
    segment: int
    #: the quote (index within its segment) the mention sits in, -1 outside quotes
    region: int

    @property
    def label(self) -> str:
        """The most informative text for the mention: its own antecedent when it has one."""
        return self.ref.via or self.ref.text


def _with_antecedent(ref: ActorRef, ante: ActorRef) -> ActorRef:
    """``ref`` (a pronoun or description) carrying the coding of what it points back to."""
    return dataclasses.replace(
        ref, name=ante.name or ref.name, country=ante.country or ref.country,
        sector=ante.sector or ref.sector, actor_id=ante.actor_id or ref.actor_id,
        kind=ante.kind or ref.kind, via=ante.via or ante.text, sectors=list(ante.sectors or ref.sectors))


def _label(ref: ActorRef | None) -> str | None:
    return (ref.via or ref.text) if ref is not None else None


# --------------------------------------------------------------------------- per article


@dataclass(slots=True)
class _Segment:
    """One parsed segment and its quote regions."""

    doc: Doc
    offset: int
    index: int
    marks: list[QuoteMark]
    #: per token: index of the innermost quote containing it, -1 outside quotes
    inside: list[int] = field(default_factory=list)

    def region_of(self, tok: Token) -> int:
        return self.inside[tok.i]

    def level_of(self, k: int) -> int:
        """The region a quote's cue must sit in: its enclosing quote, or -1 at the top."""
        parent = self.marks[k].parent
        return -1 if parent is None else parent


def _containers(doc: Doc, marks: list[QuoteMark]) -> list[int]:
    inside = [-1] * len(doc)
    for tok in doc:
        best, depth = -1, -1
        for k, mark in enumerate(marks):
            if mark.contains(tok.idx) and mark.depth > depth:
                best, depth = k, mark.depth
        inside[tok.i] = best
    return inside


class ArticleQuotes:
    """Quotes of one article, fed segment by segment in article order."""

    def __init__(self, coder: ActorCoder, article_id: str, text: str, published: dt.date | None,
                 lexicon: QuoteLexicon | None = None) -> None:
        self.coder = coder
        self.article_id = article_id
        self.text = text
        self.published = published
        self.lex = lexicon or quote_lexicon()
        # a private memory: coding speakers must not change how events resolve pronouns
        self.memory = MentionMemory()
        self.antecedents: list[_Antecedent] = []
        #: segments whose mentions are registered only when a speaker needs an antecedent
        #: (coding every mention of every paragraph costs more than finding the quotes)
        self._pending: list[_Segment] = []
        self.quotes: list[Quote] = []
        self._segments = 0
        #: (segment index, speaker) of the last top-level direct quote with a speaker
        self._last_direct: tuple[int, ActorRef] | None = None
        #: quotes left open at the end of the previous paragraph and still without a speaker
        self._open_tail: list[Quote] = []
        self._tail_open = False

    # -- entry point ---------------------------------------------------------------
    def add(self, doc: Doc, offset: int) -> list[Quote]:
        """Quotes in one segment (``offset``: where the segment starts in the article)."""
        seg = _Segment(doc, offset, self._segments, scan_quotes(doc.text, self.lex))
        self._segments += 1
        seg.inside = _containers(doc, seg.marks)
        self._pending.append(seg)
        found = self._direct(seg)
        found += self._indirect(seg)
        found.sort(key=lambda q: (q.start, q.end))
        self.quotes.extend(found)
        return found

    # -- antecedents ---------------------------------------------------------------
    def _register(self, seg: _Segment) -> None:
        """Mentions that a later "he", "it" or "the official" can mean."""
        found: list[tuple[int, int, Token]] = []
        for tok in seg.doc:
            if self._mention_head(tok):
                lo, hi = _mention_bounds(tok, self.lex)
                found.append((lo, hi, tok))
        # a phrase beats the names inside it ("Iran's foreign ministry" over "Iran")
        found.sort(key=lambda f: (f[0] - f[1], f[0]))
        taken: list[tuple[int, int]] = []
        for lo, hi, tok in found:
            if any(lo < b and a < hi for a, b in taken):
                continue
            taken.append((lo, hi))
            self._remember(seg, seg.doc[lo:hi], tok)
        self.antecedents.sort(key=lambda a: a.start)

    def _remember(self, seg: _Segment, span: Span, tok: Token) -> None:
        ref = self._code(seg, span, tok)
        named = _named_apposition(tok)
        if named is not None:
            # "the mayor of Kharkiv, Oleh Marchenko,": one person, best known by name
            lo, hi = _mention_bounds(named, self.lex)
            ref = _with_antecedent(ref, self._code(seg, seg.doc[lo:hi], named))
        subject = _subject_like(tok)
        self.antecedents.append(_Antecedent(
            start=ref.start, ref=ref, lemma=tok.lemma_.lower(),
            words=frozenset(t.lower_ for t in span) | frozenset(t.lemma_.lower() for t in span),
            person=named is not None or self._is_person(tok, span, ref),
            plural=tok.tag_ in ("NNS", "NNPS"), subject=subject, segment=seg.index,
            region=seg.region_of(tok)))

    def _is_person(self, head: Token, span: Span, ref: ActorRef) -> bool:
        """A person: coded as one, named as one, headed by a person's role ("press secretary"),
        or a name under a person's title ("opposition candidate Bola Adeyemi")."""
        if ref.kind == "person" or head.ent_type_ == "PERSON":
            return True
        roles = self.coder.kb.role_by_term
        role = roles.get(head.lemma_.lower())
        if role is not None:
            return role.get("kind") == "person"
        return head.pos_ == "PROPN" and any(
            (roles.get(t.lemma_.lower()) or {}).get("kind") == "person" for t in span if t.i < head.i)

    def _mention_head(self, tok: Token) -> bool:
        """A named entity's head, or a role noun ("official", "ministry") heading its phrase."""
        if tok.dep_ in ("compound", "amod") or (tok.dep_ == "appos" and tok.ent_type_ == "PERSON"
                                                and self._mention_head(tok.head)):
            return False  # a modifier, or the name of a mention registered with it
        if tok.ent_type_ in _SPEAKER_ENTS and tok.ent_iob_ in ("B", "I"):
            # one head per entity: the token whose head lies outside the entity
            return not (tok.head.i != tok.i and tok.head.ent_iob_ == "I" and tok.head.ent_type_ == tok.ent_type_
                        and abs(tok.head.i - tok.i) < 4)
        if tok.pos_ not in ("NOUN", "PROPN") or (tok.pos_ == "PROPN" and not tok.is_lower):
            return False
        # role nouns ("official"), and any noun that speaks or is spoken of as a subject
        return tok.lemma_.lower() in self.coder.kb.role_by_term or _subject_like(tok)

    def _code(self, seg: _Segment, span: Span, head: Token) -> ActorRef:
        ref = self.coder.code(span, head, seg.offset, self.published, self.memory)
        ref.text = self.text[ref.start:ref.end]  # headlines were parsed sentence-cased
        return ref

    def _recent(self, pos: int, seg: _Segment, region: int) -> Iterable[_Antecedent]:
        """Earlier mentions, latest first: outside quotes, or inside the same quote."""
        while self._pending:
            pending = self._pending.pop(0)
            if pending.index >= seg.index - _LOOKBACK_SEGMENTS:  # older ones are never looked at
                self._register(pending)
        for ante in reversed(self.antecedents):
            if ante.start >= pos or ante.segment < seg.index - _LOOKBACK_SEGMENTS:
                continue
            if ante.region == -1 or (region != -1 and ante.segment == seg.index and ante.region == region):
                yield ante

    def _pronoun_antecedent(self, low: str, pos: int, seg: _Segment, region: int,
                            exclude: set[str | None]) -> _Antecedent | None:
        if low in self.lex.person_pronouns:
            fits = [a for a in self._recent(pos, seg, region) if a.person and not a.plural]
        elif low in ("they", "them"):
            fits = [a for a in self._recent(pos, seg, region) if a.plural or not a.person]
        else:  # "it"
            fits = [a for a in self._recent(pos, seg, region) if not a.person and not a.plural]
        # inside a quote, "he" is not the one quoting (who would say "I")
        fits = [a for a in fits if not exclude or not ({a.label, a.ref.name} & exclude)]
        subjects = [a for a in fits if a.subject]
        return (subjects or fits or [None])[0]

    def _description_antecedent(self, span: Span, head: Token, pos: int, seg: _Segment,
                                region: int) -> _Antecedent | None:
        """An earlier, fuller mention of "the (defense) official": it has every word of the description."""
        wanted = {t.lower_ for t in span if not t.is_punct and t.dep_ != "det"} - {head.lower_}
        lemma = head.lemma_.lower()
        for ante in self._recent(pos, seg, region):
            if ante.start == pos:
                continue
            if (ante.lemma == lemma or lemma in ante.words) and wanted <= ante.words:
                return ante
        return None

    def _is_description(self, head: Token) -> bool:
        """ "the official", "the president", "the force": a common noun with a definite
        determiner and no name (spaCy sometimes tags a lowercase "president" PROPN)."""
        if head.pos_ not in ("NOUN", "PROPN") or (head.pos_ == "PROPN" and not head.is_lower):
            return False
        if any(t.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") for t in head.subtree):
            return False
        return any(c.dep_ == "det" and c.lower_ in self.lex.definite_determiners for c in head.children)

    def _surname_antecedent(self, head: Token, pos: int, seg: _Segment, region: int) -> _Antecedent | None:
        """ "Varga told reporters": the earlier full name ending in that word (whatever label
        the tagger gave the bare surname)."""
        if head.pos_ != "PROPN" or head.is_lower:
            return None
        for ante in self._recent(pos, seg, region):
            name = ante.ref.name or ante.ref.text
            if ante.person and len(name.split()) > 1 and name.split()[-1] == head.text:
                return ante
        return None

    # -- speakers ------------------------------------------------------------------
    def _speaker_token(self, cue: Token, seg: _Segment, level: int) -> Token | None:
        """The subject of the cue (inverted, passive and subjectless cues included)."""
        phrase = self._source_phrase(cue)
        if phrase:
            # "according to X": the object of the phrase's last word
            last = cue.doc[cue.i + len(phrase.split()) - 1]
            return next((c for c in last.children if c.dep_ == "pobj"), None)
        cur = cue
        for _ in range(4):
            heads = [h for h in subject_of(cur) if seg.region_of(h) == level]
            if heads:
                return heads[0]
            if is_passive(cur):
                agents = [p for a in cur.children if a.dep_ == "agent" for p in a.children if p.dep_ == "pobj"]
                subj = [c for c in cur.children if c.dep_ == "nsubjpass" and seg.region_of(c) == level]
                if agents or subj:  # "was quoted as saying": the quoted one speaks
                    return (agents or subj)[0]
            inverted = self._inverted_subject(cur, seg, level)
            if inverted is not None:
                return inverted
            if cur.dep_ not in ("pcomp", "advcl", "prep", "conj", "xcomp") or cur.head.i == cur.i:
                return None
            cur = cur.head
        return None

    def _inverted_subject(self, cue: Token, seg: _Segment, level: int) -> Token | None:
        """ '"...," said the minister': the speaker parsed as an object after the verb."""
        lemma = cue.lemma_.lower()
        if lemma in _ADDRESSEE_VERBS or lemma in self.lex.naming_verbs:
            return None
        for child in cue.rights:
            if child.dep_ in ("dobj", "attr", "npadvmod", "nsubj", "appos", "oprd") and child.pos_ in ("NOUN", "PROPN") \
                    and seg.region_of(child) == level and child.ent_type_ not in ("DATE", "TIME"):
                return child
        return None

    def _speaker(self, head: Token | None, seg: _Segment, level: int, outer: ActorRef | None) -> ActorRef | None:
        """The coded speaker whose mention is headed by ``head``, resolved to its antecedent."""
        if head is None:
            return None
        named = _named_apposition(head)
        if named is not None and head.ent_type_ != "PERSON":
            head = named  # "the mayor, Oleh Marchenko, said": the name is the speaker
        lo, hi = _mention_bounds(head, self.lex)
        span = seg.doc[lo:hi]
        ref = self._code(seg, span, head)
        low = head.lower_
        if low in self.lex.first_person and outer is not None:
            return _with_antecedent(ref, outer)  # "I" inside a quote is its speaker
        ante: _Antecedent | None = None
        if head.pos_ == "PRON" and low in self.lex.person_pronouns | self.lex.group_pronouns:
            exclude = {_label(outer), outer.name} - {None} if outer is not None else set()
            ante = self._pronoun_antecedent(low, ref.start, seg, level, exclude)
        elif self._is_description(head):
            ante = self._description_antecedent(span, head, ref.start, seg, level)
        elif len(span) == 1:
            ante = self._surname_antecedent(head, ref.start, seg, level)
        if ante is not None:
            return _with_antecedent(ref, ante.ref)
        if head.pos_ == "PRON":
            # no earlier mention fits: better unresolved than the coder's last-seen guess
            return dataclasses.replace(ref, name=ref.text, country=None, sector=None, actor_id=None,
                                       kind=None, via=None, sectors=[])
        return ref

    # -- direct quotes -------------------------------------------------------------
    def _cue_for(self, seg: _Segment, k: int) -> Token | None:
        """The nearest cue verb (or "according to") at the quote's level, in the sentences it touches."""
        mark = seg.marks[k]
        level = seg.level_of(k)
        lo = mark.open_at
        hi = mark.close_at if mark.close_at is not None else len(seg.doc.text)
        best: tuple[int, Token] | None = None
        for sent in seg.doc.sents:
            if sent.end_char <= lo or sent.start_char > hi:
                continue
            for tok in sent:
                if seg.region_of(tok) != level or not self._is_cue(tok):
                    continue
                # cues after the quote are the usual news form; prefer them on a near tie
                dist = tok.idx - hi if tok.idx > hi else (lo - tok.idx) + 3
                if best is None or dist < best[0]:
                    best = (dist, tok)
        return best[1] if best else None

    def _source_phrase(self, tok: Token) -> str | None:
        """The source phrase ("according to") that starts at ``tok``, if any."""
        for phrase in self.lex.source_phrases:
            words = phrase.split()
            if tok.i + len(words) <= len(tok.doc) and [t.lower_ for t in tok.doc[tok.i:tok.i + len(words)]] == words:
                return phrase
        return None

    def _is_cue(self, tok: Token) -> bool:
        if self._source_phrase(tok):
            return True
        return tok.pos_ == "VERB" and tok.lemma_.lower() in self.lex.cue_verbs and not _negated(tok)

    def _attached(self, cue: Token, seg: _Segment, k: int) -> bool:
        """A short quoted phrase belongs to the cue: its complement (directly or through a
        preposition), or a phrase inside the clause the cue reports."""
        roots = [t for t in seg.doc if seg.region_of(t) == k and seg.region_of(t.head) != k]
        for root in roots:
            head = root.head
            if head.i == cue.i or (head.dep_ in ("prep", "agent") and head.head.i == cue.i):
                return True
            # "dismissed the claim as "pure propaganda"": through the cue's object
            if head.dep_ == "prep" and head.head.dep_ in ("dobj", "nsubjpass") and head.head.head.i == cue.i:
                return True
        reported = self._reported_clause(cue, seg)
        mark = seg.marks[k]
        return reported is not None and reported[0] <= mark.open_at and mark.end <= reported[1] + 1

    def _scare_marked(self, seg: _Segment, mark: QuoteMark) -> bool:
        before = seg.doc.text[:mark.open_at].rstrip().lower()
        return any(before.endswith(m) for m in self.lex.scare_markers)

    def _direct(self, seg: _Segment) -> list[Quote]:
        found: list[Quote] = []
        speakers: dict[int, ActorRef | None] = {}
        for k, mark in enumerate(seg.marks):
            if mark.start >= mark.end:
                continue
            cue = self._cue_for(seg, k)
            short = _words(seg.doc.text[mark.start:mark.end]) <= self.lex.scare_max_words
            if self._scare_marked(seg, mark) or (short and (cue is None or not self._attached(cue, seg, k))):
                continue  # a scare quote or a title, not a quotation
            level = seg.level_of(k)
            outer = speakers.get(mark.parent) if mark.parent is not None else None
            speaker = self._speaker(self._speaker_token(cue, seg, level), seg, level, outer) if cue else None
            continued = k == 0 and mark.parent is None and self._tail_open and not seg.doc.text[:mark.open_at].strip()
            if speaker is None and mark.parent is None:
                speaker = self._uncued_speaker(seg, mark, continued)
            if continued and speaker is not None:
                for earlier in self._open_tail:  # the paragraph before was this speaker's too
                    earlier.speaker = dataclasses.replace(speaker)
            speakers[k] = speaker
            if mark.parent is None and speaker is not None:
                self._last_direct = (seg.index, speaker)
            found.append(self._quote(seg, mark.start, mark.end, "direct", speaker, cue))
        self._note_open_tail(seg, found)
        return found

    def _note_open_tail(self, seg: _Segment, found: list[Quote]) -> None:
        """Remember a quote the paragraph leaves open: the next paragraph continues it."""
        top = [(m, q) for m, q in zip([m for m in seg.marks if m.start < m.end], found) if m.parent is None]
        self._tail_open = bool(top) and top[-1][0].close_at is None
        if not self._tail_open:
            self._open_tail = []
            return
        last = top[-1][1]
        self._open_tail = [*self._open_tail, last] if last.speaker is None else []

    def _uncued_speaker(self, seg: _Segment, mark: QuoteMark, continued: bool) -> ActorRef | None:
        """A quote with no cue: the previous quote's speaker, a "Name:" label before it,
        else the paragraph's last person subject."""
        if continued and self._last_direct is not None:
            return self._last_direct[1]
        if self._last_direct is not None and self._last_direct[0] >= seg.index - 1:
            return self._last_direct[1]
        label = self._colon_label(seg, mark)
        if label is not None:
            return self._speaker(label, seg, -1, None)
        pos = seg.offset + mark.open_at
        for ante in self._recent(pos, seg, -1):
            if ante.segment == seg.index and ante.person and ante.subject:
                return ante.ref
        return None

    def _colon_label(self, seg: _Segment, mark: QuoteMark) -> Token | None:
        """ "Police chief: 'No protester was shot'": the noun before the colon speaks."""
        before = [t for t in seg.doc if t.idx + len(t) <= mark.open_at and seg.region_of(t) == -1]
        if len(before) < 2 or before[-1].text != ":":
            return None
        head = before[-2]
        while head.dep_ == "compound" and head.head.i < mark.open_at and head.head.i != head.i:
            head = head.head
        return head if head.pos_ in ("NOUN", "PROPN") else None

    # -- indirect quotes -----------------------------------------------------------
    def _indirect(self, seg: _Segment) -> list[Quote]:
        found: list[Quote] = []
        seen: set[tuple[int, int]] = set()
        for tok in seg.doc:
            if seg.region_of(tok) != -1:
                continue  # reports inside a direct quote belong to that quote
            bounds = self._reported_clause(tok, seg)
            if bounds is None:
                continue
            lo, hi = bounds
            if any(m.contains(lo) for m in seg.marks):
                continue  # the clause is itself a direct quote ('said: "..."', 'shouted "..." before')
            if (lo, hi) in seen:
                continue
            seen.add((lo, hi))
            speaker = self._speaker(self._speaker_token(tok, seg, -1), seg, -1, None)
            found.append(self._quote(seg, lo, hi, "indirect", speaker, tok))
        return found

    def _reported_clause(self, tok: Token, seg: _Segment) -> tuple[int, int] | None:
        """Character bounds (in the segment) of the clause a cue reports, if it reports one."""
        if self._source_phrase(tok):
            return self._according_clause(tok)
        if tok.pos_ != "VERB" or tok.lemma_.lower() not in self.lex.speech_verbs or _negated(tok):
            return None
        for comp in tok.children:
            if comp.dep_ != "ccomp":
                continue
            if any(c.dep_ == "mark" and c.lower_ in self.lex.question_marks for c in comp.children):
                return None  # "would not say whether": a question, not a report
            return _clause_chars(tok.doc, comp.left_edge.i, _clause_end(comp), self.lex)
        misread = _misattached_complement(tok)
        if misread is not None:
            return _clause_chars(tok.doc, misread.left_edge.i, misread.right_edge.i + 1, self.lex)
        if tok.dep_ == "parataxis" and tok.head.i < tok.i and tok.right_edge.i >= _last_word(tok.sent).i:
            # "The talks collapsed, officials said." parsed with the verb hanging off the clause
            return _clause_chars(tok.doc, tok.head.left_edge.i, tok.left_edge.i, self.lex)
        return None

    def _according_clause(self, tok: Token) -> tuple[int, int] | None:
        """ "According to X, Y." / "Y, according to X.": the clause Y (when contiguous)."""
        head = tok.head
        if head.i == tok.i:
            return None
        lo, hi = head.left_edge.i, head.right_edge.i + 1
        a_lo, a_hi = tok.left_edge.i, tok.right_edge.i + 1
        if a_lo <= lo + 1:
            return _clause_chars(tok.doc, a_hi, hi, self.lex)
        if a_hi >= _last_word(tok.sent).i:
            return _clause_chars(tok.doc, lo, a_lo, self.lex)
        return None

    # -- records -------------------------------------------------------------------
    def _quote(self, seg: _Segment, lo: int, hi: int, kind: Literal["direct", "indirect"],
               speaker: ActorRef | None, cue: Token | None) -> Quote:
        start, end = seg.offset + lo, seg.offset + hi
        cue_text = None
        if cue is not None:
            cue_start = seg.offset + cue.idx
            cue_text = self._source_phrase(cue) or self.text[cue_start:cue_start + len(cue)]
        return Quote(self.article_id, self.text[start:end], start, end, kind,
                     dataclasses.replace(speaker) if speaker is not None else None, cue_text)


def _mention_bounds(head: Token, lex: QuoteLexicon) -> tuple[int, int]:
    """Token bounds of the mention headed by ``head``.

    For a person, the name and the bare titles before it ("Minister Karim Haddad"),
    leaving out an organisation named in front ("Defence"), which would otherwise
    make the coder read the whole mention as that organisation. For a speaker noun,
    the body it speaks for ("a spokesperson for the Red Crescent").
    """
    lo, hi = argument_span(head)
    if head.lemma_.lower() in lex.speaks_for:
        for child in head.rights:
            if child.dep_ == "prep" and child.lower_ in ("for", "of", "at") and child.i == hi:
                hi = max(hi, next((p.i + 1 for p in child.children if p.dep_ == "pobj"), hi))
                hi = _entity_end(head.doc, hi)
    if head.ent_type_ != "PERSON":
        return lo, hi
    ent = next((e for e in head.doc.ents if e.start <= head.i < e.end), None)
    if ent is None:
        return lo, hi
    start = ent.start
    while start > lo and head.doc[start - 1].ent_type_ == "" and head.doc[start - 1].pos_ in ("PROPN", "NOUN") \
            and head.doc[start - 1].dep_ in ("compound", "amod", "nmod"):
        start -= 1
    return start, max(hi, ent.end)


def _entity_end(doc: Doc, end: int) -> int:
    """``end`` moved past the rest of an entity it falls inside ("the Red | Crescent")."""
    for ent in doc.ents:
        if ent.start < end < ent.end:
            return ent.end
    return end


def _subject_like(tok: Token) -> bool:
    """A subject, or a name set beside one ("The mayor of Kharkiv, Oleh Marchenko, posted")."""
    if tok.dep_ in ("nsubj", "nsubjpass"):
        return True
    if tok.dep_ == "appos":
        cur = tok.head
        for _ in range(3):
            if cur.dep_ in ("nsubj", "nsubjpass"):
                return True
            if cur.dep_ not in ("pobj", "prep") or cur.head.i == cur.i:
                break
            cur = cur.head
    return False


def _named_apposition(head: Token) -> Token | None:
    """The person's name set beside a description: "the mayor (of Kharkiv), Oleh Marchenko"."""
    stack = [(head, 0)]
    while stack:
        tok, depth = stack.pop()
        for child in tok.children:
            if child.dep_ == "appos" and child.ent_type_ == "PERSON":
                return child
            if depth < 2 and child.dep_ in ("prep", "pobj") and child.i > head.i:
                stack.append((child, depth + 1))
    return None


def _negated(tok: Token) -> bool:
    return any(c.dep_ == "neg" for c in tok.children)


def _misattached_complement(verb: Token) -> Token | None:
    """ "said in a statement that police had arrested ...": the parser hangs the reported
    clause on the noun as a relative clause; its complementizer *that* gives it away."""
    for child in verb.children:
        if child.dep_ not in ("prep", "dobj", "dative", "npadvmod"):
            continue
        nouns = [c for c in child.children if c.dep_ == "pobj"] if child.dep_ == "prep" else [child]
        for noun in nouns:
            for clause in noun.children:
                if clause.dep_ in ("relcl", "acl", "ccomp") and any(
                        m.dep_ == "mark" and m.lower_ == "that" for m in clause.children):
                    return clause
    return None


def _clause_end(comp: Token) -> int:
    """End (exclusive) of a reported clause, without a comment appended to it
    ("it had retaken the bridge, a claim the force denied")."""
    end = comp.right_edge.i + 1
    for tok in comp.subtree:
        if tok.dep_ in ("appos", "npadvmod") and tok.right_edge.i + 1 == end and tok.left_edge.i > comp.i:
            before = tok.doc[tok.left_edge.i - 1]
            if before.text == "," and any(c.dep_ in ("relcl", "acl") for c in tok.children):
                return before.i
    return end


def _last_word(sent: Span) -> Token:
    for tok in reversed(sent):
        if not (tok.is_punct or tok.is_space):
            return tok
    return sent[-1]


def _quote_chars(lex: QuoteLexicon) -> frozenset[str]:
    return lex.double_open | lex.double_close | lex.double_straight | lex.single_open | lex.single_close


def _clause_chars(doc: Doc, lo: int, hi: int, lex: QuoteLexicon) -> tuple[int, int] | None:
    """Character bounds of tokens [lo, hi) without complementizer, edge punctuation and spaces.

    A closing quote mark is kept when the clause holds its opening mark
    ('had shown "no remorse"'), so a partial quote at the end stays whole.
    """
    while lo < hi and (doc[lo].is_punct or doc[lo].is_space or (doc[lo].dep_ == "mark" and doc[lo].lower_ == "that")):
        lo += 1
    full_hi = hi
    while hi > lo and (doc[hi - 1].is_punct or doc[hi - 1].is_space):
        hi -= 1
    if hi - lo < 2:
        return None  # "he said so": nothing reported
    marks = _quote_chars(lex)
    start, end = doc[lo].idx, doc[hi - 1].idx + len(doc[hi - 1])
    if sum(ch in marks for ch in doc.text[start:end]) % 2:
        for tok in doc[hi:full_hi]:
            if tok.text in marks:
                end = tok.idx + len(tok)
                break
    return start, end


# --------------------------------------------------------------------------- whole articles


def article_quotes(article: Article, parsed: Iterable[tuple[Doc, Any]], coder: ActorCoder) -> list[Quote]:
    """Quotes of an article from its parsed ``(doc, segment)`` pairs, in order (captions skipped)."""
    finder = ArticleQuotes(coder, article.id, article.text, article.published)
    for doc, seg in parsed:
        if getattr(seg, "kind", "paragraph") != "caption":
            finder.add(doc, seg.start)
    return finder.quotes


def quotes_of_article(article: Article, pipeline: Any = None) -> list[Quote]:
    """Quotes of one article, parsed the way :class:`dyad.pipeline.Pipeline` parses it."""
    from ..ingest import segment
    from ..nlp.headline import sentence_case
    from ..pipeline import get_pipeline

    pipe = pipeline or get_pipeline()
    if not article.segments:
        article.segments = segment(article)
    texts = []
    for seg in article.segments:
        text = article.text[seg.start:seg.end]
        texts.append(sentence_case(text, pipe.headline_vocab) if seg.kind == "headline" else text)
    docs = list(pipe.nlp.pipe(texts))
    return article_quotes(article, zip(docs, article.segments), pipe.extractor.coder)

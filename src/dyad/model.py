"""Typed records shared by every stage of dyad.

Every record that comes from text carries its evidence: character offsets
(`start`, `end`) into the article text *exactly as read*, so that
``article.text[start:end]`` is the span that proves the field.

The JSON shape of an :class:`Event` (``Event.to_dict()``) is a public contract,
documented in ``docs/SCHEMA.md``: fields may be added, never renamed or dropped.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

__all__ = [
    "PLOVER_TYPES",
    "STATUSES",
    "QUADS",
    "SCHEMA_VERSION",
    "Span",
    "Segment",
    "Article",
    "ActorRef",
    "TimeValue",
    "EventDate",
    "Location",
    "Size",
    "Mention",
    "Event",
    "Quote",
    "Skip",
    "stable_id",
]

#: Version of the event record's JSON shape; bumped when fields are added.
SCHEMA_VERSION = "1"

#: The 16 event types of the current PLOVER manual.
PLOVER_TYPES: tuple[str, ...] = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT",
    "REQUEST", "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION",
    "MOBILIZE", "COERCE", "ASSAULT",
)

Status = Literal["asserted", "negated", "conditional", "speculative", "future"]
STATUSES: tuple[str, ...] = ("asserted", "negated", "conditional", "speculative", "future")

#: Quad classes, derived from the CAMEO root of an event (01-05, 06-08, 09-13, 14-20).
QUADS: tuple[str, ...] = (
    "verbal_cooperation", "material_cooperation", "verbal_conflict", "material_conflict",
)

Precision = Literal[
    "day", "week", "month", "season", "quarter", "year", "decade", "century", "range", "article",
]


def stable_id(*parts: object, length: int = 16) -> str:
    """A short deterministic id from its parts (same input, same id, on every machine)."""
    raw = "\x1f".join("" if p is None else str(p) for p in parts)
    return hashlib.blake2b(raw.encode("utf-8"), digest_size=16).hexdigest()[:length]


@dataclass(slots=True)
class Span:
    """A piece of article text: ``article.text[start:end] == text``."""

    text: str
    start: int
    end: int


@dataclass(slots=True)
class Segment:
    """A headline or paragraph of an article, parsed on its own."""

    start: int
    end: int
    kind: Literal["headline", "paragraph", "caption"] = "paragraph"


@dataclass(slots=True)
class Article:
    """One news article as read. ``text`` is what every offset indexes."""

    id: str
    text: str
    title: str | None = None
    published: dt.date | None = None
    source: str | None = None
    url: str | None = None
    language: str | None = None
    metadata: dict[str, Any] = field(default_factory=dict)
    #: where it came from: a path, "path:line", or "<stdin>"
    origin: str | None = None
    #: headline/paragraph boundaries; filled by the reader or by :func:`dyad.ingest.segment`
    segments: list[Segment] = field(default_factory=list)

    @property
    def content_hash(self) -> str:
        """Identity of the content, used to make ingestion idempotent."""
        return stable_id(self.title or "", self.text, length=32)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "text": self.text,
            "published": self.published.isoformat() if self.published else None,
            "source": self.source,
            "url": self.url,
            "language": self.language,
            "metadata": self.metadata,
            "origin": self.origin,
        }


@dataclass(slots=True)
class ActorRef:
    """An actor or recipient as it appears in one event, resolved as far as we can.

    ``text`` is the full mention (e.g. "unidentified militia members"); ``name`` the
    canonical name when the knowledge base knows it, else a normalised form of the
    head ("militia members"); ``country`` ISO 3166 alpha-3 (or an IGO code);
    ``sector`` a PLOVER/CAMEO sector code (GOV, MIL, REB, ...).
    """

    text: str
    start: int
    end: int
    name: str | None = None
    country: str | None = None
    sector: str | None = None
    actor_id: str | None = None
    #: person | organization | country | group | unknown
    kind: str | None = None
    #: for pronouns and titles: the mention they were resolved through
    via: str | None = None
    sectors: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class TimeValue:
    """A temporal expression (TIMEX3-style), with its resolved interval."""

    text: str
    start: int
    end: int
    type: Literal["DATE", "TIME", "DURATION", "SET"] = "DATE"
    #: TIMEX3 value, e.g. "2020-12-20", "2020-01", "P3W", "XXXX-WXX-1", "198"
    value: str | None = None
    precision: str | None = None
    start_date: str | None = None
    end_date: str | None = None
    #: what it was resolved against: "published", "reference", or None when unresolved
    anchor: str | None = None
    #: True when it is relative and could not be resolved (no publication date)
    unresolved: bool = False

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class EventDate:
    """When the event happened: an interval, its precision, and the text that says so."""

    start: str | None = None
    end: str | None = None
    precision: str | None = None
    text: str | None = None
    #: offsets of ``text`` (None when the date was not stated)
    text_start: int | None = None
    text_end: int | None = None
    #: True when the text states the date; False when it falls back to the article date
    stated: bool = False
    #: why this date: "governing" (attached to the trigger), "paragraph", "article", "unresolved"
    source: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class Location:
    """Where the event happened, geocoded."""

    name: str
    lat: float | None = None
    lon: float | None = None
    country: str | None = None
    geonameid: int | None = None
    admin1: str | None = None
    #: facility | neighbourhood | city | admin1 | country | region
    precision: str | None = None
    text: str | None = None
    start: int | None = None
    end: int | None = None
    #: how it was attached: "governing", "sentence", "article"
    source: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class Size:
    """Casualty and arrest counts stated in the text (None when not stated)."""

    dead: int | None = None
    injured: int | None = None
    arrested: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class Mention:
    """One place in one article where an event is mentioned (its trigger span)."""

    article_id: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class Event:
    """A coded political event: who did what to whom, when, where, how sure."""

    id: str
    article_id: str
    event_type: str
    trigger: Span
    sentence: str
    cameo: str | None = None
    mode: str | None = None
    quad: str | None = None
    actors: list[ActorRef] = field(default_factory=list)
    recipients: list[ActorRef] = field(default_factory=list)
    date: EventDate = field(default_factory=EventDate)
    location: Location | None = None
    status: str = "asserted"
    attributed_to: ActorRef | None = None
    size: Size = field(default_factory=Size)
    mentions: list[Mention] = field(default_factory=list)
    confidence: float = 0.5
    version: str = ""
    #: offsets of the sentence in the article text
    sentence_start: int = 0
    sentence_end: int = 0
    #: words that changed the status ("failed to", "if", "may")
    status_cue: str | None = None
    #: which lexicon entry fired (for error analysis)
    rule: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "article_id": self.article_id,
            "event_type": self.event_type,
            "mode": self.mode,
            "cameo": self.cameo,
            "quad": self.quad,
            "actors": [a.to_dict() for a in self.actors],
            "recipients": [r.to_dict() for r in self.recipients],
            "date": self.date.to_dict(),
            "location": self.location.to_dict() if self.location else None,
            "status": self.status,
            "status_cue": self.status_cue,
            "attributed_to": self.attributed_to.to_dict() if self.attributed_to else None,
            "size": self.size.to_dict(),
            "trigger": {"text": self.trigger.text, "start": self.trigger.start, "end": self.trigger.end},
            "sentence": self.sentence,
            "sentence_start": self.sentence_start,
            "sentence_end": self.sentence_end,
            "mentions": [m.to_dict() for m in self.mentions],
            "confidence": round(self.confidence, 3),
            "rule": self.rule,
            "version": self.version,
        }


@dataclass(slots=True)
class Quote:
    """A direct or indirect quotation with its speaker."""

    article_id: str
    text: str
    start: int
    end: int
    kind: Literal["direct", "indirect"]
    speaker: ActorRef | None = None
    cue: str | None = None

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["speaker"] = self.speaker.to_dict() if self.speaker else None
        return d


@dataclass(slots=True)
class Skip:
    """An input item that could not be read, and why (never a traceback)."""

    origin: str
    reason: str

    def __str__(self) -> str:
        return f"skipped {self.origin}: {self.reason}"

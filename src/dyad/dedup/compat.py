"""Are two mentions compatible with being the same real-world happening?

Shared by the within-article merge (:mod:`dyad.dedup.within`) and the
cross-article clustering (:mod:`dyad.dedup.across`). Each test is deliberately
lenient about *missing* information (an empty actor side, an unstated date, no
place) and strict about *conflicting* information (two different countries,
two stated dates weeks apart, two towns 200 km apart): news reports of one
happening omit details far more often than they contradict each other.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..model import ActorRef, Event, Location

__all__ = [
    "FAMILY", "family", "status_class", "DateWindow", "date_window", "dates_compatible",
    "actor_key", "sides_compatible", "side_evidence", "places_compatible", "richness",
    "TOLERANCE_DAYS", "stem", "anaphoric", "LOOKBACK_DAYS", "PLACE_KM", "haversine_km", "parse_day",
    "kind", "kinds_evidence", "KIND_VARIES", "same_name",
]

#: Types that one happening may be coded as, depending on wording. Kept as data so a
#: reviewer can tune it; every type not listed is its own family.
FAMILY: dict[str, str] = {}

#: How far (days, each side) a dated mention may be from another, by precision:
#: "Sunday" and "on Monday night" differ by one day; "last week" by a few.
TOLERANCE_DAYS: dict[str | None, int] = {
    "day": 1, "week": 3, "month": 7, "season": 15, "quarter": 15, "year": 30,
    "range": 2, "decade": 365, "century": 365, None: 1,
}

#: An undated mention (only the publication date is known) refers to something that
#: happened up to this many days before publication ("the attack" weeks later).
LOOKBACK_DAYS = 45

#: Two precise places (town, facility) farther apart than this are different happenings.
PLACE_KM = 50.0

#: Date sources that say when the happening was (a date in its clause or governing
#: phrase). A paragraph's date is most often when something was *said* ("the ministry
#: said on Monday"), so it is treated like the other fallbacks ("article", "perfect").
_DATED_SOURCES = frozenset({"governing", "clause"})

_PLACE_RANK = {"facility": 5, "neighbourhood": 4, "city": 3, "admin1": 2, "country": 1, "region": 0}
_DATE_RANK = {"day": 6, "week": 5, "month": 4, "season": 3, "quarter": 3, "range": 2, "year": 2}


#: Families whose CAMEO sub-code names the kind of act so reliably that two mentions with
#: different sub-codes are two happenings (a release, a resignation and a reopening on
#: one day). For assaults and meetings the wording varies too much ("stormed", "killed";
#: "met", "held talks"): there a different sub-code is only missing evidence.
KIND_VARIES: frozenset[str] = frozenset({"ASSAULT", "CONSULT"})


def kind(event: Event) -> str | None:
    """The CAMEO base code (three digits) of an event, the finest kind both coders share."""
    return (event.cameo or "")[:3] or None


def kinds_evidence(fam: str, a: set[str], b: set[str]) -> int | None:
    """+1 a shared kind, 0 unknown, None two different kinds in a family where that decides."""
    if not a or not b:
        return 0
    if a & b:
        return 1
    return 0 if fam in KIND_VARIES else None


def family(event_type: str) -> str:
    return FAMILY.get(event_type, event_type)


def status_class(status: str | None) -> str:
    """Reality class: a denied or hypothetical happening is never the same as a real one."""
    if status in ("negated",):
        return "neg"
    if status in ("future", "conditional"):
        return "hyp"
    return "real"  # asserted, speculative (an unconfirmed report of a real happening)


@functools.lru_cache(maxsize=16384)
def parse_day(value: str | None, *, end: bool = False) -> dt.date | None:
    """A date from "YYYY-MM-DD", "YYYY-MM" or "YYYY" (first or last day of the period)."""
    from ..store.rows import parse_day as _parse  # not at import time: store imports dedup

    return _parse(value, end=end)


# -- dates ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DateWindow:
    """The days a mention may refer to. ``dated`` is False for publication-date fallbacks."""

    lo: dt.date | None
    hi: dt.date | None
    dated: bool
    precision: str | None = None

    @property
    def known(self) -> bool:
        return self.lo is not None and self.hi is not None


def date_window(event: Event, published: dt.date | None = None) -> DateWindow:
    """The interval of days ``event`` may have happened on, widened by its precision."""
    d = event.date
    lo, hi = parse_day(d.start), parse_day(d.end or d.start, end=True)
    dated = bool(d.stated or d.source in _DATED_SOURCES) and lo is not None and d.precision != "article"
    if dated and lo is not None and hi is not None:
        tol = dt.timedelta(days=TOLERANCE_DAYS.get(d.precision, 1))
        return DateWindow(lo - tol, hi + tol, True, d.precision)
    # A fallback date: anything up to LOOKBACK_DAYS before the article (or before its date).
    anchor = published or hi
    if anchor is None:
        return DateWindow(None, None, False)
    return DateWindow(anchor - dt.timedelta(days=LOOKBACK_DAYS), anchor + dt.timedelta(days=1), False)


def dates_compatible(a: DateWindow, b: DateWindow, *, undated_wildcard: bool = False) -> bool:
    """Overlapping windows. With ``undated_wildcard`` (within one article) a fallback
    date matches anything: the article's own date says nothing about which happening."""
    if not a.known or not b.known:
        return True
    if undated_wildcard and (not a.dated or not b.dated):
        return True
    assert a.lo and a.hi and b.lo and b.hi
    return a.lo <= b.hi and b.lo <= a.hi


# -- actors -----------------------------------------------------------------------

ActorKey = tuple[str | None, str | None, str | None]


def actor_key(ref: ActorRef) -> ActorKey:
    """(normalised name, country, sector): what identifies an actor across mentions."""
    name = " ".join((ref.name or ref.text or "").lower().split()) or None
    return name, ref.country or None, ref.sector or (ref.sectors[0] if ref.sectors else None)


#: Words that do not identify an actor: "the", "its", counts, vague quantities.
_NAME_STOP = frozenset({"the", "a", "an", "its", "their", "his", "her", "some", "several", "many", "other",
                        "others", "about", "around", "at", "least", "more", "than", "nearly", "almost", "two",
                        "three", "four", "five", "dozens", "hundreds", "of", "'s", "’s"})


@functools.lru_cache(maxsize=65536)
def _name_words(name: str) -> tuple[str, ...]:
    return tuple(w for w in name.replace("’s", " 's").replace("'s", " 's").split()
                 if w not in _NAME_STOP and not w.isdigit())


@functools.lru_cache(maxsize=262144)
def same_name(a: str | None, b: str | None) -> bool:
    """The same normalised name, or one a more specific form of the other ending in the
    same words: "armed group" / "little-known armed group", "gunmen" / "heavily armed gunmen"."""
    if not a or not b:
        return False
    if a == b:
        return True
    wa, wb = _name_words(a), _name_words(b)
    if not wa or not wb:
        return False
    short, long_ = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
    return long_[-len(short):] == short


def _pair(a: ActorKey, b: ActorKey) -> int:
    """+1 same actor, 0 nothing against it, -1 contradicting (other country or sector)."""
    if a[0] and a[0] == b[0]:
        return 1
    if a[1] and b[1] and a[1] != b[1]:
        return -1
    if a[2] and b[2] and a[2] != b[2]:
        return -1
    if a[1] and a[1] == b[1]:
        return 1
    return 1 if same_name(a[0], b[0]) else 0


def side_evidence(a: Sequence[ActorKey], b: Sequence[ActorKey]) -> int | None:
    """None when the two sides contradict; else how strongly they agree (0 = one side empty)."""
    if not a or not b:
        return 0
    best = max(_pair(x, y) for x in a for y in b)
    return None if best < 0 else best


def sides_compatible(a: Sequence[ActorKey], b: Sequence[ActorKey]) -> bool:
    return side_evidence(a, b) is not None


# -- places -----------------------------------------------------------------------


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def place_rank(loc: Location | None) -> int:
    return -1 if loc is None else _PLACE_RANK.get(loc.precision or "", 0)


#: Place sources tied to the event itself; a sentence's or article's place is often
#: where the news was told (a capital, the outlet's country), so it cannot veto.
FIRM_PLACE_SOURCES = frozenset({"governing"})


def _firm(loc: Location) -> bool:
    return loc.source in FIRM_PLACE_SOURCES


def places_compatible(a: Location | None, b: Location | None) -> bool:
    """Same place, one inside the other, or two precise places within PLACE_KM."""
    if a is None or b is None or not (_firm(a) and _firm(b)):
        return True
    if a.country and b.country and a.country != b.country:
        return False
    coarse = min(place_rank(a), place_rank(b))
    if coarse <= _PLACE_RANK["country"]:
        return True  # a country (or region) contains any place in it
    if a.geonameid is not None and a.geonameid == b.geonameid:
        return True
    if None in (a.lat, a.lon, b.lat, b.lon):
        return True
    km = haversine_km(a.lat, a.lon, b.lat, b.lon)  # type: ignore[arg-type]
    # A region's centroid may be far from the town in it: allow more for admin1.
    return km <= (PLACE_KM * 5 if coarse == _PLACE_RANK["admin1"] else PLACE_KM)


# -- which mention describes the happening best -------------------------------------


def richness(event: Event) -> tuple[int, int, int, int]:
    """Sort key: stated date, finer date, finer place, more resolved actors."""
    d = event.date
    resolved = sum(1 for r in (*event.actors, *event.recipients) if r.name or r.country)
    return (int(bool(d.stated)), _DATE_RANK.get(d.precision or "", 0), place_rank(event.location), resolved)


def stem(word: str) -> str:
    """A crude stem of a trigger word: "attacked", "attacks", "attack" -> "attack"."""
    w = word.lower().strip()
    for suffix in ("ing", "ed", "es", "s"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 4:
            return w[: -len(suffix)]
    return w


#: Anaphoric nominals refer back to a happening already named ("the attack", "Sunday's
#: raid", "the visit"): a determiner or possessive right before the trigger.
_ANAPHORA = ("the ", "this ", "that ", "its ", "their ", "'s ", "’s ")


def anaphoric(event: Event) -> bool:
    before = event.sentence[: max(0, event.trigger.start - event.sentence_start)].lower()[-12:]
    return any(before.endswith(d) for d in _ANAPHORA)


def keys(refs: Iterable[ActorRef]) -> list[ActorKey]:
    return [actor_key(r) for r in refs]

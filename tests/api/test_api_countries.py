"""GET /-/countries.geojson: the map's country outlines, served by the app from an installed package."""

from __future__ import annotations

import gzip
import json

import pytest

from dyad.web import outlines

pytestmark = pytest.mark.skipif(outlines.source_path() is None,
                                reason=f"{outlines.PACKAGE} is not installed (it ships the Natural Earth data)")


def _points(coords) -> int:
    if coords and isinstance(coords[0], (int, float)):
        return 1
    return sum(_points(c) for c in coords)


def test_countries_are_valid_geojson_with_iso_codes(client):
    resp = client.get("/-/countries.geojson")
    assert resp.status_code == 200
    assert resp.headers["content-type"].startswith("application/geo+json")
    assert resp.headers["etag"]
    doc = resp.json()
    assert doc["type"] == "FeatureCollection" and "Natural Earth" in doc["source"]
    features = doc["features"]
    assert len(features) >= 170
    for f in features:
        assert f["type"] == "Feature" and f["geometry"]["type"] in {"Polygon", "MultiPolygon"}
        assert isinstance(f["properties"]["name"], str) and f["properties"]["name"]
        rings = f["geometry"]["coordinates"] if f["geometry"]["type"] == "Polygon" else \
            [r for poly in f["geometry"]["coordinates"] for r in poly]
        for ring in rings:
            assert len(ring) >= 4 and ring[0] == ring[-1]
            assert all(-180 <= x <= 180 and -90 <= y <= 90 for x, y in ring)
    iso = {f["properties"]["iso"] for f in features}
    # the codes dyad's places use, Kosovo included; the places of the fake events among them
    assert {"IRQ", "MMR", "SRB", "FRA", "NOR", "PSE", "SSD", "XKX", "KEN", "NER", "CHE", "UKR"} <= iso
    # simplified for a world map: small enough to fetch when the map opens
    assert len(resp.content) < 1_500_000
    assert sum(_points(f["geometry"]["coordinates"]) for f in features) < 60_000


def test_countries_are_gzipped_and_cacheable(client):
    raw = client.get("/-/countries.geojson", headers={"Accept-Encoding": "identity"})
    assert "content-encoding" not in raw.headers
    zipped = client.get("/-/countries.geojson", headers={"Accept-Encoding": "gzip"})
    assert zipped.headers["content-encoding"] == "gzip" and "Accept-Encoding" in zipped.headers["vary"]
    assert json.loads(zipped.content) == raw.json()  # the client decodes
    assert len(outlines.load().gzipped) < len(raw.content) / 2
    assert gzip.decompress(outlines.load().gzipped) == raw.content
    again = client.get("/-/countries.geojson", headers={"If-None-Match": raw.headers["etag"]})
    assert again.status_code == 304 and not again.content


def test_countries_are_in_the_openapi_schema(client):
    paths = client.get("/openapi.json").json()["paths"]
    assert "/-/countries.geojson" in paths


def test_without_the_data_package_the_asset_is_missing_in_the_error_shape(client, monkeypatch):
    monkeypatch.setattr(outlines, "load", lambda: None)
    resp = client.get("/-/countries.geojson")
    assert resp.status_code == 404
    assert resp.json()["error"]["code"] == "asset_missing"
    assert outlines.PACKAGE in resp.json()["error"]["message"]


def test_the_simplified_outlines_are_cached_on_disk(tmp_path, monkeypatch):
    body = outlines.load().body
    built = []
    monkeypatch.setenv("DYAD_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(outlines, "_loaded", None)
    monkeypatch.setattr(outlines, "build", lambda path: built.append(path) or body)
    assert outlines.load().body == body and built == [outlines.source_path()]
    cached = outlines.cache_path()
    assert cached.parent == tmp_path and cached.read_bytes() == body
    monkeypatch.setattr(outlines, "_loaded", None)
    assert outlines.load().body == body and len(built) == 1  # read back, not rebuilt

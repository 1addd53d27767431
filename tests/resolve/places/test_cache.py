"""The compiled index: built once, cached under the cache dir, rebuilt when stale or broken."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from dyad.resolve.places import build


def _tiny_index(min_population: int = build.DEFAULT_MIN_POPULATION) -> build.Index:
    idx = build.Index(version=build._cache_key(min_population))
    i = idx.add("Mosul", 36.34, 43.13, "IRQ", "city", 1_700_000, 99072)
    idx.name_it("Mosul", i)
    idx.name_it("Al Mawsil", i, main=False)
    return idx


@pytest.fixture()
def counted_build(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> list[int]:
    calls: list[int] = []

    def fake_build(min_population: int = build.DEFAULT_MIN_POPULATION) -> build.Index:
        calls.append(min_population)
        return _tiny_index(min_population)

    monkeypatch.setenv("DYAD_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(build, "build_index", fake_build)
    return calls


def test_first_load_builds_and_writes_the_cache(counted_build: list[int], tmp_path: Path) -> None:
    idx = build.load_index()
    assert counted_build == [build.DEFAULT_MIN_POPULATION]
    path = build.cache_path()
    assert path.parent == tmp_path and path.is_file()
    assert "mosul" in idx.keys and idx.keys["al mawsil"] == ~0  # alternate names are stored as ~id


def test_second_load_reads_the_cache_without_building(counted_build: list[int]) -> None:
    build.load_index()
    again = build.load_index()
    assert len(counted_build) == 1  # (its load time and memory: benchmarks/bench_places.py)
    assert again.names == ["Mosul"]


def test_cache_key_depends_on_options(counted_build: list[int]) -> None:
    assert build.cache_path(500) != build.cache_path(15000)
    build.load_index(15000)
    build.load_index(500)
    assert counted_build == [15000, 500]


def test_stale_or_broken_cache_is_rebuilt(counted_build: list[int]) -> None:
    path = build.cache_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    stale = _tiny_index()
    stale.version = "an older build"
    path.write_bytes(pickle.dumps(stale))
    assert build.load_index().version == build._cache_key(build.DEFAULT_MIN_POPULATION)
    path.write_bytes(b"not a pickle")
    build.load_index()
    assert len(counted_build) == 2


def test_region_point_is_the_middle_not_the_crowd() -> None:
    # many people in one corner, towns spread over the whole square
    towns = [(lat, lon, 100) for lat in range(0, 11) for lon in range(0, 11)] + [(0.0, 0.0, 10_000_000)]
    lat, lon = build.region_point(towns)
    assert 4.0 < lat < 6.0 and 4.0 < lon < 6.0


def test_supplement_entries_are_complete() -> None:
    entries = build.supplement_entries()
    assert len(entries) >= 80
    features = {"facility", "neighbourhood", "district", "region"}
    names = set()
    for e in entries:
        assert {"name", "aliases", "lat", "lon", "country", "feature", "parent"} <= set(e), e
        assert e["feature"] in features, e
        assert -90 <= e["lat"] <= 90 and -180 <= e["lon"] <= 180, e
        assert e["country"] is None or (len(e["country"]) == 3 and e["country"].isupper()), e
        names.add((e["name"], e["country"]))
    assert len(names) == len(entries)  # no duplicates


def test_a_fresh_build_removes_indexes_of_other_versions(counted_build: list[int], tmp_path: Path) -> None:
    old = tmp_path / "places-0123456789abcdef.pickle"
    old.write_bytes(b"an index of an older dyad")
    build.load_index()
    assert not old.exists() and build.cache_path().is_file()

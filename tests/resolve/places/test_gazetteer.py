"""Lookups in the installed gazetteer: countries, divisions, towns, the supplement."""

from __future__ import annotations

import pytest

from dyad.resolve.places import Gazetteer, haversine_km
from dyad.resolve.places.names import fold


def _only(gaz: Gazetteer, name: str, feature: str) -> list:
    return [c for c in gaz.candidates(name) if c.feature == feature]


@pytest.mark.parametrize("name, iso3", [
    ("U.S.", "USA"), ("United States", "USA"), ("America", "USA"), ("Britain", "GBR"), ("UK", "GBR"),
    ("the United Kingdom", "GBR"), ("Iraq", "IRQ"), ("Iraq's", "IRQ"), ("Côte d'Ivoire", "CIV"),
])
def test_country_names_and_alternates(gaz: Gazetteer, name: str, iso3: str) -> None:
    countries = _only(gaz, name, "country")
    assert [c.country for c in countries] == [iso3]


def test_country_points_are_central_not_the_capital(gaz: Gazetteer) -> None:
    usa = gaz.country("USA")
    assert usa is not None and haversine_km(usa.lat, usa.lon, 39.8, -98.6) < 150
    russia = gaz.country("RUS")
    assert russia is not None and russia.lon > 80  # not Moscow


def test_demonyms_read_as_their_country(gaz: Gazetteer) -> None:
    assert gaz.demonyms.get("iraqi") == "IRQ"
    assert [c.country for c in gaz.candidates("Iraqi")] == ["IRQ"]


@pytest.mark.parametrize("name, iso3, admin1, code", [
    ("Ohio", "USA", "Ohio", "US-OH"), ("Anbar province", "IRQ", "Al Anbār", "IQ-AN"),
    ("Anbar", "IRQ", "Al Anbār", "IQ-AN"), ("Ga.", "USA", "Georgia", "US-GA"),
    ("NSW", "AUS", "New South Wales", "AU-NSW"), ("Nineveh", "IRQ", "Nīnawá", "IQ-NI"),
])
def test_first_level_divisions(gaz: Gazetteer, name: str, iso3: str, admin1: str, code: str) -> None:
    hits = [c for c in _only(gaz, name, "admin1") if c.country == iso3]
    assert hits and hits[0].admin1 == admin1
    assert gaz.index.iso[hits[0].id] == code  # carries its ISO 3166-2 code


def test_division_word_restricts_to_divisions(gaz: Gazetteer) -> None:
    cands = gaz.candidates("Baghdad province")
    assert cands and all(c.feature in ("admin1", "admin2", "region") for c in cands)


def test_us_counties_are_second_level_with_their_state(gaz: Gazetteer) -> None:
    laurel = _only(gaz, "Laurel County", "admin2")
    assert any(c.admin1 == "Kentucky" for c in laurel)
    # the bare name is the town, not the county
    assert not _only(gaz, "Laurel", "admin2")


def test_towns_carry_population_admin1_and_geonameid(gaz: Gazetteer) -> None:
    mosul = max(_only(gaz, "Mosul", "city"), key=lambda c: c.population)
    assert mosul.country == "IRQ" and mosul.population > 1_000_000 and mosul.geonameid == 99072
    assert haversine_km(mosul.lat, mosul.lon, 36.34, 43.13) < 10
    springfields = _only(gaz, "Springfield", "city")
    assert len({c.admin1 for c in springfields}) > 5  # many states have one


@pytest.mark.parametrize("name, feature, parent_name, admin1", [
    ("Karrada", "neighbourhood", "Baghdad", "Baghdād"),
    ("Green Zone", "district", "Baghdad", "Baghdād"),
    ("Sadr City", "district", "Baghdad", "Baghdād"),
    ("Ain al-Asad air base", "facility", "Al Anbār", "Al Anbār"),
    ("Bab al-Hawa", "facility", None, None),
    ("Rafah crossing", "facility", "Rafah", None),
    ("Camp Lemonnier", "facility", "Djibouti", None),
])
def test_supplement_entries_with_their_parent(gaz: Gazetteer, name: str, feature: str, parent_name: str | None,
                                              admin1: str | None) -> None:
    entry = next(c for c in gaz.candidates(name) if c.geonameid is None)  # ours, not a GeoNames namesake
    assert entry.feature == feature
    if parent_name is not None:
        assert entry.parent_id >= 0 and fold(gaz.entry(entry.parent_id).name) == fold(parent_name)
    if admin1 is not None:
        assert entry.admin1 == admin1


def test_same_name_supplement_entries_in_two_countries(gaz: Gazetteer) -> None:
    squares = {c.country for c in gaz.candidates("Tahrir Square")}
    assert squares == {"IRQ", "EGY"}


def test_continents_and_regions(gaz: Gazetteer) -> None:
    assert _only(gaz, "Africa", "continent")
    assert _only(gaz, "Middle East", "region")


def test_unknown_names(gaz: Gazetteer) -> None:
    assert gaz.candidates("Qwertyville Heights") == []
    assert gaz.candidates("") == []
    assert gaz.lookup("Qwertyville") is None

"""Recognition cues for names the parser misses or mislabels, and the gazetteer additions
they rely on (needs the spaCy pipeline)."""

from __future__ import annotations

import pytest

from dyad.resolve.places import Gazetteer

pytestmark = pytest.mark.slow


def _recs(places_of, *texts: str) -> dict[str, dict]:  # type: ignore[no-untyped-def]
    return {rec["text"]: rec for seg in places_of(*texts) for rec, _ in seg}


@pytest.mark.parametrize("text, name, iso3", [
    ("Gunmen raided the village of Tal Afar overnight.", "Tal Afar", "IRQ"),
    ("Clashes were reported in the Tal Afar area on Monday.", "Tal Afar", "IRQ"),
    ("Residents of Tikrit marched to the governor's office.", "Tikrit", "IRQ"),
    ("Militants were killed near Samarra by army units.", "Samarra", "IRQ"),
])
def test_a_place_cue_makes_a_name_a_place(places_of, text: str, name: str, iso3: str) -> None:  # type: ignore[no-untyped-def]
    recs = _recs(places_of, text)
    assert name in recs and recs[name]["country"] == iso3


def test_a_name_coordinated_with_a_place_is_a_place(places_of) -> None:  # type: ignore[no-untyped-def]
    recs = _recs(places_of, "Teachers went on strike in Mosul, Kirkuk and Samarra on Sunday.")
    assert {"Mosul", "Kirkuk", "Samarra"} <= set(recs)


def test_a_list_closed_by_a_division_word_reads_as_divisions(places_of) -> None:  # type: ignore[no-untyped-def]
    recs = _recs(places_of, "Flood warnings cover Travis, Hays and Williamson counties in Texas.")
    for name in ("Travis", "Hays", "Williamson"):
        assert recs[name]["feature"] == "admin2" and recs[name]["admin1"] == "Texas"


def test_names_inside_hyphenated_words_and_natural_features_are_no_towns(places_of) -> None:  # type: ignore[no-untyped-def]
    recs = _recs(places_of, "Anti-Balaka fighters crossed between the Williams and Cranberry rivers.")
    assert "Balaka" not in recs and "Williams" not in recs


def test_a_country_before_the_place_noun_restricts_the_readings(places_of) -> None:  # type: ignore[no-untyped-def]
    recs = _recs(places_of, "A tsunami hit the Indonesian island of Java on Monday.")
    assert "Java" not in recs or recs["Java"]["country"] == "IDN"


def test_parenthesised_containment(places_of) -> None:  # type: ignore[no-untyped-def]
    recs = _recs(places_of, "Fighting was reported in Beni (Nord-Kivu) on Monday.")
    assert recs["Beni"]["country"] == "COD" and recs["Beni"]["admin1"] == "Nord-Kivu"
    assert recs["Nord-Kivu"]["feature"] == "admin1"


def test_a_list_of_countries_is_no_containment(places_of) -> None:  # type: ignore[no-untyped-def]
    recs = _recs(places_of, "The warning named Armenia, Azerbaijan, Georgia, Iraq, Iran and Syria.")
    assert recs["Iraq"]["feature"] == "country" and recs["Iraq"]["country"] == "IRQ"


def test_capital_phrases(places_of) -> None:  # type: ignore[no-untyped-def]
    recs = _recs(places_of, "Protesters gathered in the Kenyan capital on Monday.")
    assert recs["capital"]["name"] == "Nairobi" and recs["Kenyan"]["country"] == "KEN"
    # the city named right after: no extra reading of "capital"
    assert "capital" not in _recs(places_of, "Cholera spread in Kenya's capital Nairobi.")
    # "in the capital" is the capital of the article's country
    second = places_of("Police and protesters clashed across Kenya.", "Shops were looted in the capital.")[1]
    assert [rec["name"] for rec, _ in second] == ["Nairobi"]


def test_a_dateline_town(places_of) -> None:  # type: ignore[no-untyped-def]
    seg = places_of("AMMAN — Ministers met on Monday.")[0]
    assert seg and seg[0][0]["name"] == "Amman" and seg.dateline is seg[0][0]


def test_a_short_form_of_a_curated_name_keeps_its_reading(places_of) -> None:  # type: ignore[no-untyped-def]
    seg = places_of("Ships gathered near Scarborough Shoal. A second incident followed off Scarborough.")[0]
    names = [rec["name"] for rec, _ in seg]
    assert names == ["Scarborough Shoal", "Scarborough Shoal"]


def test_known_groups_give_the_country_context(nlp) -> None:  # type: ignore[no-untyped-def]
    from dyad.resolve.places.recognize import actor_countries

    assert "COD" in actor_countries(nlp("FARDC soldiers clashed with militiamen on Monday."))


def test_towns_without_a_population_are_kept(gaz: Gazetteer) -> None:
    # GeoNames lists seats of divisions without a population; the index keeps every town it ships
    assert any(gaz.index.population[i] == 0 for i in range(len(gaz.index)) if gaz.index.feature[i] == 5)


def test_divisions_without_towns_are_coarse(gaz: Gazetteer) -> None:
    idx = gaz.index
    assert len(idx.coarse) > 1000
    for i in list(idx.coarse)[:50]:
        a1 = idx.admin1[i]
        assert a1 >= 0 and (idx.lat[i], idx.lon[i]) == (idx.lat[a1], idx.lon[a1])
        c = gaz.entry(i)
        assert c.coarse and c.feature == "admin2"


def test_coarse_divisions_report_first_level_precision(gaz: Gazetteer) -> None:
    from dyad.resolve.places import record_for

    c = gaz.entry(next(iter(gaz.index.coarse)))
    assert record_for(c, "a", c.name, 0, 1)["precision"] == "admin1"


def test_provinces_placed_from_our_points(gaz: Gazetteer) -> None:
    # a province no package gives towns or a GeoNames code for (data/places/admin1.yaml)
    assert [c.country for c in gaz.candidates("Karuzi") if c.feature == "admin1"] == ["BDI"]


def test_capitals(gaz: Gazetteer) -> None:
    cap = gaz.capital("NER")
    assert cap is not None and cap.name == "Niamey"

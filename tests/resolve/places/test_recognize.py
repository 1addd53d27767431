"""Toponym recognition on parsed sentences (needs the spaCy pipeline)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


def _by_text(segments: list) -> dict[str, dict]:
    return {rec["text"]: rec for seg in segments for rec, _ in seg}


def test_records_have_the_public_keys_and_true_offsets(places_of) -> None:  # type: ignore[no-untyped-def]
    texts = ("Gunmen attacked a checkpoint near Mosul.", "Later, clashes spread to Kirkuk and Erbil.")
    segments = places_of(*texts)
    article = "\n\n".join(texts)
    keys = {"article_id", "text", "start", "end", "name", "geonameid", "lat", "lon", "country", "admin1",
            "feature", "precision", "is_actor"}
    recs = [rec for seg in segments for rec, _ in seg]
    assert [r["text"] for r in recs] == ["Mosul", "Kirkuk", "Erbil"]
    for rec in recs:
        assert set(rec) == keys
        assert article[rec["start"]:rec["end"]] == rec["text"]
        assert rec["country"] == "IRQ" and rec["precision"] == "city" and rec["geonameid"]


def test_demonyms_are_their_country_at_country_precision(places_of) -> None:  # type: ignore[no-untyped-def]
    rec = _by_text(places_of("Militants planted bombs on Iraqi roads."))["Iraqi"]
    assert rec["name"] == "Iraq" and rec["country"] == "IRQ" and rec["precision"] == "country"
    assert not rec["is_actor"]


@pytest.mark.parametrize("text, place", [
    ("Tehran said it would respond.", "Tehran"),
    ("Washington imposed new sanctions on the bank.", "Washington"),
    ("Moscow has rejected the proposal.", "Moscow"),
])
def test_metonymy_a_place_that_speaks_or_decides_is_an_actor(places_of, text: str, place: str) -> None:  # type: ignore[no-untyped-def]
    rec = _by_text(places_of(text))[place]
    assert rec["is_actor"] and rec["lat"] is not None  # still geocoded, but not a location


def test_a_place_in_a_locative_phrase_is_not_an_actor(places_of) -> None:  # type: ignore[no-untyped-def]
    assert not _by_text(places_of("Protesters gathered in Tehran on Friday."))["Tehran"]["is_actor"]


def test_a_place_inside_an_organisation_name_is_part_of_an_actor(places_of) -> None:  # type: ignore[no-untyped-def]
    recs = _by_text(places_of("The University of Texas announced a new program."))
    assert set(recs) == {"Texas"} and recs["Texas"]["is_actor"]


def test_supplement_names_the_parser_misses(places_of) -> None:  # type: ignore[no-untyped-def]
    recs = _by_text(places_of("Rockets hit Ain al-Asad air base in Anbar province.",
                              "A car bomb exploded in Sadr City."))
    assert recs["Ain al-Asad air base"]["precision"] == "facility"
    assert recs["Anbar province"]["precision"] == "admin1"
    assert recs["Sadr City"]["country"] == "IRQ"


def test_containment_and_state_abbreviations(places_of) -> None:  # type: ignore[no-untyped-def]
    recs = _by_text(places_of("Police arrested 20 protesters in Springfield, Ill., on Monday."))
    assert recs["Springfield"]["admin1"] == "Illinois"
    assert recs["Ill."]["precision"] == "admin1"


def test_possessive_containment_and_neighbourhoods(places_of) -> None:  # type: ignore[no-untyped-def]
    recs = _by_text(places_of("Two people died in a blast in Baghdad's Karrada district."))
    assert recs["Baghdad"]["precision"] == "city"
    karrada = next(r for t, r in recs.items() if t.startswith("Karrada"))
    assert karrada["precision"] == "neighbourhood" and karrada["admin1"] == recs["Baghdad"]["admin1"]


def test_direction_words_keep_the_place(places_of) -> None:  # type: ignore[no-untyped-def]
    recs = _by_text(places_of("Schools in Northeast Georgia are reviewing policies, officials in Atlanta said."))
    georgia = next(r for t, r in recs.items() if t.endswith("Georgia"))
    assert georgia["country"] == "USA"


def test_common_words_are_not_places(places_of) -> None:  # type: ignore[no-untyped-def]
    recs = _by_text(places_of("The Police Center of the University said the Union would meet in March."))
    assert not recs


def test_article_consistency_and_focus(places_of) -> None:  # type: ignore[no-untyped-def]
    first, second = places_of("Storms hit Paris, Texas, on Monday.", "In Paris, crews cleared roads.")
    paris = [rec for rec, _ in second if rec["text"] == "Paris"][0]
    assert paris["admin1"] == "Texas"
    assert second.focus is not None and second.focus["country"] == "USA"

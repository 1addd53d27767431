"""Where an event happened, on parsed sentences (needs the spaCy pipeline)."""

from __future__ import annotations

import pytest

from dyad.resolve.places import locate_event

pytestmark = pytest.mark.slow


def _locate(places_of, text: str, trigger: str, exclude: list[str] | None = None, *more: str):  # type: ignore[no-untyped-def]
    segments = places_of(text, *more)
    places = segments[0]
    doc = places[0][1].doc if places else None
    if doc is None:
        from dyad.nlp import load_nlp

        doc = load_nlp()(text)
    tok = next(t for t in doc if t.text == trigger)
    spans = [(rec["start"], rec["end"]) for rec, _ in places if rec["text"] in (exclude or [])]
    return locate_event(tok, places, spans)


@pytest.mark.parametrize("text, trigger, name, precision", [
    ("Protesters rallied at the U.S. embassy in Baghdad on Friday.", "rallied", "Baghdad", "city"),
    ("Militants planted bombs on Iraqi roads.", "planted", "Iraq", "country"),
    ("Two people were killed in a drone strike in Baghdad's Sadr City.", "killed", "Sadr City", "neighbourhood"),
    ("Rockets hit Ain al-Asad air base in Anbar province.", "hit", "Ain al-Asad", "facility"),
    ("Russian forces shelled Kharkiv on Sunday.", "shelled", "Kharkiv", "city"),
    ("Hundreds marched through Tahrir Square in Cairo.", "marched", "Tahrir Square", "facility"),
    ("Gunmen attacked a checkpoint near Mosul on Tuesday.", "attacked", "Mosul", "city"),
])
def test_the_governed_place(places_of, text: str, trigger: str, name: str, precision: str) -> None:  # type: ignore[no-untyped-def]
    loc = _locate(places_of, text, trigger)
    assert loc is not None and loc.name == name and loc.precision == precision
    assert loc.source == "governing"
    assert text[loc.start:loc.end] == loc.text


def test_same_name_square_follows_the_article(places_of) -> None:  # type: ignore[no-untyped-def]
    loc = _locate(places_of, "Thousands protested in Tahrir Square, near the Green Zone.", "protested")
    assert loc is not None and loc.country == "IRQ"


def test_actors_and_participants_are_not_the_scene(places_of) -> None:  # type: ignore[no-untyped-def]
    loc = _locate(places_of, "Tehran accused Washington of plotting a coup in Caracas.", "accused", ["Washington"])
    assert loc is not None and loc.name == "Caracas" and loc.source == "sentence"
    # the speaking capital is no scene; the article's country is the best left
    loc = _locate(places_of, "Tehran condemned the decision.", "condemned")
    assert loc is not None and loc.source == "article" and loc.precision == "country" and loc.country == "IRN"


def _trigger(text: str, word: str):  # type: ignore[no-untyped-def]
    from dyad.nlp import load_nlp

    return next(t for t in load_nlp()(text) if t.text == word)


def test_falls_back_to_the_article_main_town(places_of) -> None:  # type: ignore[no-untyped-def]
    segments = places_of("Fighting continued across Syria and in Aleppo.", "The ceasefire collapsed on Monday.")
    loc = locate_event(_trigger("The ceasefire collapsed on Monday.", "collapsed"), segments[1])
    assert loc is not None and loc.source == "article" and loc.name == "Aleppo" and loc.precision == "city"
    assert loc.start is None and loc.text is None


def test_falls_back_to_the_article_focus_country(places_of) -> None:  # type: ignore[no-untyped-def]
    segments = places_of("Fighting continued across Syria.", "The ceasefire collapsed on Monday.")
    loc = locate_event(_trigger("The ceasefire collapsed on Monday.", "collapsed"), segments[1])
    assert loc is not None and loc.source == "article" and loc.precision == "country" and loc.country == "SYR"


def test_an_empty_segment_keeps_the_article_fallbacks(places_of) -> None:  # type: ignore[no-untyped-def]
    segments = places_of("Gunmen attacked a checkpoint near Kirkuk.", "Nobody claimed the attack.")
    assert segments[1] == [] and segments[1].anchor is not None and segments[1].anchor["name"] == "Kirkuk"


@pytest.mark.parametrize("text, trigger, name", [
    # "of" after a place noun or a direction keeps the scene
    ("Gunmen stormed an army post on the outskirts of the town of Kirkuk.", "stormed", "Kirkuk"),
    ("Troops were killed in the province of Anbar on Sunday.", "killed", "Anbar"),
    ("Soldiers pulled back from positions north of Mosul.", "pulled", "Mosul"),
    # a country adjective places nothing but a place noun
    ("Gunmen attacked a military post near the Syrian border north of Mosul.", "attacked", "Mosul"),
    ("Delegations will meet in the Jordanian capital, Amman, next week.", "meet", "Amman"),
])
def test_scene_phrases(places_of, text: str, trigger: str, name: str) -> None:  # type: ignore[no-untyped-def]
    loc = _locate(places_of, text, trigger)
    assert loc is not None and name in (loc.name, loc.text)


def test_a_border_or_an_embassy_adjective_is_no_scene(places_of) -> None:  # type: ignore[no-untyped-def]
    loc = _locate(places_of, "Hundreds gathered outside the Syrian embassy on Tuesday, waving Iraqi flags.", "gathered")
    assert loc is None or loc.source == "article"  # nothing in the sentence: the article's fallback


def test_the_capital_phrase_is_the_capital_city(places_of) -> None:  # type: ignore[no-untyped-def]
    loc = _locate(places_of, "Thousands protested in the Kenyan capital on Saturday.", "protested")
    assert loc is not None and loc.name == "Nairobi" and loc.precision == "city"


def test_a_recipient_in_a_locative_phrase_is_still_the_scene(places_of) -> None:  # type: ignore[no-untyped-def]
    loc = _locate(places_of, "The two ministers met in Amman on Monday.", "met", ["Amman"])
    assert loc is not None and loc.name == "Amman"


def test_a_place_in_the_actors_phrase(places_of) -> None:  # type: ignore[no-untyped-def]
    # the event stage marks places inside actor phrases as actors; where they live is the scene
    places = places_of("Residents of Kirkuk protested over power cuts.")[0]
    for rec, _span in places:
        rec["is_actor"] = True
    loc = locate_event(places[0][1].doc[3], places)
    assert loc is not None and loc.name == "Kirkuk" and loc.source == "sentence"


def test_the_dateline_places_a_diplomatic_event(places_of) -> None:  # type: ignore[no-untyped-def]
    places = places_of("AMMAN — Iraq and Syria agreed on Monday to reopen their border.")[0]
    assert places.dateline is not None and places.dateline["name"] == "Amman"
    tok = next(t for t in places[0][1].doc if t.text == "agreed")
    loc = locate_event(tok, places)
    assert loc is not None and loc.name == "Amman"


def test_the_place_of_an_earlier_sentence(places_of) -> None:  # type: ignore[no-untyped-def]
    places = places_of("Police fired tear gas at protesters in Basra. Eleven people were detained there.")[0]
    tok = next(t for t in places[0][1].doc if t.text == "detained")
    loc = locate_event(tok, places)
    assert loc is not None and loc.text == "Basra" and loc.source == "sentence"


def test_nothing_known_nothing_located(places_of) -> None:  # type: ignore[no-untyped-def]
    assert _locate(places_of, "The minister met his counterpart.", "met") is None

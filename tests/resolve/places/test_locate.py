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


def test_falls_back_to_the_article_focus(places_of) -> None:  # type: ignore[no-untyped-def]
    segments = places_of("Fighting continued across Syria and in Aleppo.", "The ceasefire collapsed on Monday.")
    from dyad.nlp import load_nlp

    doc = load_nlp()("The ceasefire collapsed on Monday.")
    tok = next(t for t in doc if t.text == "collapsed")
    loc = locate_event(tok, segments[1])
    assert loc is not None and loc.source == "article" and loc.precision == "country" and loc.country == "SYR"
    assert loc.start is None and loc.text is None


def test_nothing_known_nothing_located(places_of) -> None:  # type: ignore[no-untyped-def]
    assert _locate(places_of, "The minister met his counterpart.", "met") is None

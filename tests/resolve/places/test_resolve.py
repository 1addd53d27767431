"""Choosing among same-name places: priors, focus, containment, consistency, distance.

Mentions are built by hand over a tokenised (unparsed) text, so these run without
a trained pipeline.
"""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from dyad.resolve.places import Gazetteer
from dyad.resolve.places.names import fold
from dyad.resolve.places.recognize import Mention
from dyad.resolve.places.resolve import ArticleState, prior, resolve_segment

_NLP = spacy.blank("en")


def _mentions(gaz: Gazetteer, text: str, names: list[str],
              containers: dict[int, int] | None = None) -> list[Mention]:
    """Mentions of ``names`` (in text order) in ``text``; ``containers`` maps mention -> its container."""
    doc: Doc = _NLP(text)
    out, pos = [], 0
    for name in names:
        start = text.index(name, pos)
        pos = start + len(name)
        span = doc.char_span(start, pos)
        assert span is not None, name
        out.append(Mention(span, fold(name), gaz.candidates(name), "ner"))
    for n, k in (containers or {}).items():
        out[n].container = k
    return out


def _resolve(gaz: Gazetteer, text: str, names: list[str], containers: dict[int, int] | None = None,
             state: ArticleState | None = None) -> list:
    return resolve_segment(_mentions(gaz, text, names, containers), state or ArticleState(), gaz)


def test_population_prior_alone(gaz: Gazetteer) -> None:
    paris = _resolve(gaz, "They met in Paris.", ["Paris"])[0]
    assert paris.country == "FRA" and paris.feature == "city"


def test_countries_beat_towns_of_the_same_name(gaz: Gazetteer) -> None:
    assert _resolve(gaz, "Troops left Lebanon.", ["Lebanon"])[0].feature == "country"
    # a country's own name beats a town reached through an alternate name
    assert _resolve(gaz, "Mexico closed its border.", ["Mexico"])[0].feature == "country"


def test_a_national_capital_beats_a_division_of_its_name(gaz: Gazetteer) -> None:
    assert _resolve(gaz, "talks in Washington", ["Washington"])[0].admin1 == "District of Columbia"


def test_a_division_named_after_its_town_means_the_town(gaz: Gazetteer) -> None:
    tehran = _resolve(gaz, "a rally in Tehran", ["Tehran"])[0]
    assert tehran.feature == "city"


def test_containment_after_a_comma(gaz: Gazetteer) -> None:
    paris, texas = _resolve(gaz, "Paris, Texas", ["Paris", "Texas"], {0: 1})
    assert texas.feature == "admin1" and paris.admin1 == "Texas"
    alexandria, la = _resolve(gaz, "Alexandria, La.", ["Alexandria", "La."], {0: 1})
    assert la.admin1 == "Louisiana" and alexandria.admin1 == "Louisiana"


def test_container_choice_follows_the_contained_place(gaz: Gazetteer) -> None:
    # "Georgia" alone would be the country; Athens inside it makes it the US state
    athens, georgia = _resolve(gaz, "Athens, Georgia", ["Athens", "Georgia"], {0: 1})
    assert georgia.country == "USA" and athens.admin1 == "Georgia"


def test_possessive_containment(gaz: Gazetteer) -> None:
    baghdad, karrada = _resolve(gaz, "Baghdad's Karrada", ["Baghdad", "Karrada"], {1: 0})
    assert karrada.parent_id == baghdad.id


def test_country_focus_of_the_article(gaz: Gazetteer) -> None:
    text = "Georgia lawmakers met in Atlanta, Savannah and Macon."
    georgia = _resolve(gaz, text, ["Georgia", "Atlanta", "Savannah", "Macon"])[0]
    assert georgia.country == "USA"
    text = "Georgia and Russia fought over South Ossetia and Abkhazia near Tbilisi."
    georgia = _resolve(gaz, text, ["Georgia", "Russia", "South Ossetia", "Abkhazia", "Tbilisi"])[0]
    assert georgia.country == "GEO"


def test_nearby_places_choose_among_namesakes(gaz: Gazetteer) -> None:
    text = "Flooding hit Springfield, Decatur and Peoria."
    springfield = _resolve(gaz, text, ["Springfield", "Decatur", "Peoria"])[0]
    assert springfield.admin1 == "Illinois"
    text = "Police in Lebanon, Hershey and Palmyra searched homes."
    lebanon = _resolve(gaz, text, ["Lebanon", "Hershey", "Palmyra"])[0]
    assert lebanon.feature == "city" and lebanon.admin1 == "Pennsylvania"


def test_same_name_keeps_its_reading_across_the_article(gaz: Gazetteer) -> None:
    state = ArticleState()
    first = _resolve(gaz, "Alexandria, La.", ["Alexandria", "La."], {0: 1}, state)[0]
    later = _resolve(gaz, "Back in Alexandria, police said.", ["Alexandria"], state=state)[0]
    assert later.id == first.id and later.admin1 == "Louisiana"
    assert state.focus == "USA"


def test_repeated_names_are_one_clue(gaz: Gazetteer) -> None:
    # three Gainesvilles must not outvote the county and the state
    text = "Gainesville and Gainesville and Gainesville, in Hall County, Georgia."
    picks = _resolve(gaz, text, ["Gainesville", "Gainesville", "Gainesville", "Hall County", "Georgia"])
    assert {p.admin1 for p in picks[:3]} == {"Georgia"}


def test_prior_orders_kinds_of_place(gaz: Gazetteer) -> None:
    iraq = gaz.country("IRQ")
    mosul = max((c for c in gaz.candidates("Mosul") if c.feature == "city"), key=lambda c: c.population)
    karrada = gaz.candidates("Karrada")[0]
    assert iraq is not None and prior(iraq) > prior(mosul) > prior(karrada) > 0

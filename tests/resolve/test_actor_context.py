"""Actor coding from around the span: plural role words, place phrases, ethnic demonyms,
peoples named by their demonym, coordinated national modifiers, names several office
holders share, places named as targets. Sentences written for these tests."""

from __future__ import annotations

import pytest

from importlib import resources

from dyad.pipeline import extract
from dyad.resolve.actors import knowledge as kn
from dyad.resolve.actors.knowledge import load_knowledge

KNOWLEDGE = resources.files("dyad") / "data" / "knowledge"


def _event(text: str, etype: str, published: str | None = None):
    events = [e for e in extract(text, published=published) if e.event_type == etype]
    assert events, f"no {etype} event in {text!r}: {extract(text, published=published)}"
    return events[0]


def _coded(refs) -> set[tuple[str | None, str | None]]:
    return {(r.country, r.sector) for r in refs}


def test_plural_role_word_gives_the_sector() -> None:
    ev = _event("Nigerian authorities arrested the editor of a weekly newspaper.", "COERCE")
    assert ("NGA", "GOV") in _coded(ev.actors)


def test_place_phrase_on_the_argument_gives_the_country() -> None:
    ev = _event("Opposition groups in Malawi demanded that the cabinet resign.", "REQUEST")
    assert ("MWI", "OPP") in _coded(ev.actors)


def test_ethnic_demonym_names_the_group_not_its_state() -> None:
    ev = _event("Ethnic Serbs in northern Kosovo staged a protest against the new customs rules.", "PROTEST")
    assert ("XKX", "CVL") in _coded(ev.actors)


def test_people_named_by_their_demonym_are_civilians() -> None:
    ev = _event("Thousands of Zambians protested in Lusaka against fuel prices.", "PROTEST")
    assert ("ZMB", "CVL") in _coded(ev.actors)


def test_coordinated_national_modifiers_are_two_parties() -> None:
    ev = _event("Senior Polish and Czech diplomats agreed on Friday to share air patrols.", "AGREE")
    coded = _coded(ev.actors)
    assert ("POL", "GOV") in coded and ("CZE", "GOV") in coded


@pytest.mark.parametrize(("published", "name"), [("1990-05-01", "George H. W. Bush"),
                                                 ("2005-05-01", "George W. Bush")])
def test_a_shared_name_is_the_office_holder_on_the_date(published: str, name: str) -> None:
    ev = _event("President Bush met the Israeli prime minister at the White House.", "CONSULT", published)
    assert [a.name for a in ev.actors] == [name]
    assert ("USA", "GOV") in _coded(ev.actors)


def test_historical_leader_is_known() -> None:
    ev = _event("Yasser Arafat rejected the proposal.", "REJECT")
    assert ("PSE", "GOV") in _coded(ev.actors)


def test_a_city_named_as_a_target_is_a_place_not_its_government() -> None:
    ev = _event("The interior ministry extended the curfew in Mogadishu after the bombing.", "COERCE")
    assert [(r.text, r.country, r.sector) for r in ev.recipients] == [("Mogadishu", "SOM", None)]


def test_historical_people_file_is_loaded_and_dated() -> None:
    kb = load_knowledge()
    bushes = {p["id"] for p in kb.people_by_alias["bush"]}
    assert bushes == {"george-h-w-bush", "george-w-bush"}
    assert kb.people_by_alias["kofi annan"][0]["country"] == "IGO"
    historical = kn._read_text(KNOWLEDGE / "people_historical.yaml", "people_historical.yaml")["people"]
    assert len(historical) >= 500
    for person in historical:
        assert person["roles"], person["id"]
        for role in person["roles"]:
            assert role.get("start") and role.get("sector"), person["id"]

"""Anaphoric and short actor mentions linked to what they stand for: relative pronouns,
appositive names, short names and acronyms, definite descriptions, office holders by
title, institutions named by function and country. Sentences written for these tests;
the people and groups named in them that are not in the knowledge files are made up."""

from __future__ import annotations

import pytest

from dyad.pipeline import extract
from dyad.resolve.actors.coder import MentionMemory, _Coding, _initials, _name_head


def _events(text: str, published: str):
    return extract(text, published=published)


def _event(text: str, etype: str, published: str, trigger: str | None = None):
    events = [e for e in _events(text, published)
              if e.event_type == etype and (trigger is None or e.trigger.text == trigger)]
    assert events, f"no {etype} event in {text!r}: {_events(text, published)}"
    return events[-1]


def _named(refs) -> list[tuple[str | None, str | None]]:
    return [(r.name, r.actor_id) for r in refs]


# -- the memory on its own ----------------------------------------------------------------
def test_short_name_is_the_last_word_or_another_word_of_a_full_name() -> None:
    memory = MentionMemory()
    memory.remember("Amina Wekesa", _Coding("Amina Wekesa", "KEN", "OPP", "person"))
    memory.remember("Wang Yi", _Coding("Wang Yi", "CHN", "GOV", "person", "wang-yi"))
    assert memory.surname("Wekesa").name == "Amina Wekesa"
    assert memory.surname("Wang").actor_id == "wang-yi"  # family name first
    assert memory.surname("Yi") is None  # too short to be trusted
    assert memory.surname("Kenya") is None


def test_acronym_and_name_head_of_an_organisation() -> None:
    assert _initials("Movement for the Salvation of Liptako") == "MSL"
    assert _name_head("Communications Authority of Kenya") == "authority"
    assert _name_head("International Monetary Fund") == "fund"
    memory = MentionMemory()
    memory.describe(10, {"union"}, _Coding("Union for Northern Farmers", kind="organization"))
    assert memory.acronym("UNF").name == "Union for Northern Farmers"
    assert memory.acronym("UN") is None


def test_a_description_finds_only_an_earlier_mention_of_its_kind() -> None:
    memory = MentionMemory()
    harouna = _Coding("Ali Garba", "NER", "GOV", "person")
    memory.describe(10, {"prefect"}, harouna)
    memory.describe(50, {"group"}, _Coding("Union for Northern Farmers", kind="organization"))
    assert memory.antecedent(100, ["prefect"], person=True, country=None) is harouna
    assert memory.antecedent(5, ["prefect"], person=True, country=None) is None  # not yet mentioned
    assert memory.antecedent(100, ["prefect"], person=False, country=None) is None
    assert memory.antecedent(100, ["prefect"], person=True, country="MLI") is None


# -- through the pipeline -----------------------------------------------------------------
def test_relative_pronoun_is_the_noun_its_clause_modifies() -> None:
    ev = _event("Opposition MP Amina Wekesa, who was arrested on Wednesday, left the court to cheers.",
                "COERCE", "2025-02-20")
    assert [r.name for r in ev.recipients] == ["Amina Wekesa"]
    assert ev.recipients[0].via is not None


def test_appositive_name_identifies_the_role_noun() -> None:
    ev = _event("Togo's foreign minister, Robert Dussey, met President Mohamed Bazoum in Niamey on Tuesday.",
                "CONSULT", "2023-04-05")
    assert _named(ev.actors) == [("Robert Dussey", "robert-dussey")]
    assert (ev.actors[0].country, ev.actors[0].sector) == ("TGO", "GOV")


def test_family_name_first_short_name_in_the_same_paragraph() -> None:
    ev = _event("Chinese Foreign Minister Wang Yi spoke to reporters in Beijing on Monday. "
                "Wang accused Manila of provocation.", "ACCUSE", "2024-06-01")
    assert _named(ev.actors) == [("Wang Yi", "wang-yi")]


def test_acronym_is_the_organisation_named_before() -> None:
    ev = _event("The Union for Northern Farmers (UNF) staged a protest in Kano on Monday. "
                "The UNF accused the state governor of neglect.", "ACCUSE", "2024-06-01")
    assert [r.name for r in ev.actors] == ["Union for Northern Farmers"]


def test_definite_title_is_the_person_described_so_before() -> None:
    ev = _event("The prefect of Dosso, Ali Garba, met protesters on Monday. "
                "On Tuesday the prefect accused the army of abuses.", "ACCUSE", "2023-03-20")
    assert [r.name for r in ev.actors] == ["Ali Garba"]


def test_the_group_is_the_latest_named_group() -> None:
    ev = _event("The Union for Northern Farmers accused the governor of neglect. "
                "The group also demanded compensation for the flooded farms.", "REQUEST", "2024-06-01")
    assert [r.name for r in ev.actors] == ["Union for Northern Farmers"]


def test_short_form_of_an_organisation_name() -> None:
    ev = _event("The International Monetary Fund urged Kenya to cut spending. "
                "The Fund also warned against new taxes.", "THREATEN", "2025-03-01")
    assert _named(ev.actors) == [("International Monetary Fund", "igo-imf")]


@pytest.mark.parametrize(("text", "published", "name"), [
    # the article's country and the date pick the one office holder
    ("Niger's army said twelve soldiers were killed near the border. The president condemned the attack.",
     "2023-03-06", "Mohamed Bazoum"),
    # an organisation named beside the title
    ("The UN Secretary-General urged both governments to exercise restraint.", "2023-03-20", "António Guterres"),
])
def test_definite_title_is_the_office_holder_on_the_date(text: str, published: str, name: str) -> None:
    etype = "ACCUSE" if "condemned" in text else "REQUEST"
    ev = _event(text, etype, published)
    assert [r.name for r in ev.actors] == [name]


def test_no_office_holder_when_the_date_is_outside_the_term() -> None:
    ev = _event("Niger's army said twelve soldiers were killed near the border. The president condemned the attack.",
                "ACCUSE", "2024-03-06")  # after the 2023 coup: Bazoum no longer in office
    assert [r.name for r in ev.actors] != ["Mohamed Bazoum"]


def test_title_words_beside_a_known_name_do_not_make_an_organisation() -> None:
    ev = _event("Interior Cabinet Secretary Kipchumba Murkomen warned protesters against violence.",
                "THREATEN", "2025-02-17")
    assert _named(ev.actors) == [("Kipchumba Murkomen", "kipchumba-murkomen")]


@pytest.mark.parametrize(("text", "actor_id"), [
    ("Mali's army said it killed eleven fighters near Menaka.", "mli-fama"),
    ("Chinese coast guard ships fired water cannon at a Philippine boat.", "chn-coast-guard"),
])
def test_institution_named_by_function_and_country(text: str, actor_id: str) -> None:
    ev = next(e for e in _events(text, "2024-03-06") if e.actors)
    assert [r.actor_id for r in ev.actors] == [actor_id]


def test_object_pronoun_is_not_its_own_verbs_subject() -> None:
    ev = _event("Several hundred people gathered outside the ministry before police dispersed them.",
                "COERCE", "2023-03-20")
    assert [r.name for r in ev.recipients] == ["Several hundred people"]


def test_a_state_untagged_by_the_parser_is_still_a_state() -> None:
    ev = _event("Burkina Faso sided with Bamako.", "SUPPORT", "2023-03-15")
    assert [(r.country, r.kind) for r in ev.actors] == [("BFA", "country")]


def test_demonym_on_a_weapon_is_the_military() -> None:
    ev = _event("A Nigerien drone strike killed nine civilians near Anderamboukane, Mali said.", "ASSAULT",
                "2023-03-11")
    assert [(r.country, r.sector) for r in ev.actors] == [("NER", "MIL")]

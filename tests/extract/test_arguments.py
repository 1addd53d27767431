"""Argument rules of dyad.extract.arguments, end to end on sentences written for these tests:
a pronoun that takes up the reporting subject, the issuer of a statement, the party behind a
demand, a place named as the target, and the knowledge entity ruler."""

from __future__ import annotations

from dyad.nlp import load_nlp
from dyad.nlp.ruler import RULER_NAME, knowledge_patterns
from dyad.pipeline import extract


def _event(text: str, etype: str):
    events = [e for e in extract(text) if e.event_type == etype]
    assert events, f"no {etype} event in {text!r}: {extract(text)}"
    return events[0]


def _texts(refs) -> list[str]:
    return [r.text for r in refs]


def test_pronoun_subject_of_a_reported_clause_is_the_reporting_subject() -> None:
    ev = _event("Russia said it had expelled three diplomats from Estonia.", "SANCTION")
    assert _texts(ev.actors) == ["Russia"]
    assert ev.actors[0].country == "RUS"


def test_statement_speaks_for_its_issuer() -> None:
    ev = _event("The African Union issued a statement urging Sudan to release the detained activists.", "REQUEST")
    assert _texts(ev.actors) == ["The African Union"]
    assert _texts(ev.recipients) == ["Sudan"]


def test_a_demand_is_read_as_the_party_that_made_it() -> None:
    ev = _event("The government rejected demands from the striking teachers' union.", "REJECT")
    assert any("union" in t for t in _texts(ev.recipients))
    assert not any(t == "demands" for t in _texts(ev.recipients))


def test_place_is_the_target_when_no_party_is_named() -> None:
    ev = _event("The interior ministry extended the curfew in Mogadishu after the bombing.", "COERCE")
    assert _texts(ev.recipients) == ["Mogadishu"]


def test_entity_ruler_patterns_are_multiword_known_names() -> None:
    patterns = knowledge_patterns()
    assert all(len(p["pattern"].split()) >= 2 for p in patterns)
    labels = {(p["label"], p["pattern"]) for p in patterns}
    assert ("PERSON", "Mohammad Javad Zarif") in labels
    assert ("ORG", "Kurdistan Regional Government") in labels


def test_entity_ruler_tags_known_names_after_the_ner() -> None:
    nlp = load_nlp()
    assert nlp.pipe_names[-1] == RULER_NAME
    doc = nlp("Mohammad Javad Zarif met officials of the Kurdistan Regional Government in Erbil.")
    ents = {(e.text, e.label_) for e in doc.ents}
    assert ("Mohammad Javad Zarif", "PERSON") in ents
    assert any(text.endswith("Kurdistan Regional Government") and label == "ORG" for text, label in ents)

"""The trigger lexicon's constraints and the matcher's constructions.

Fast tests check the lexicon format (the ``complement`` constraint, ``*`` and ``ent:`` words);
the others parse short invented sentences and check what the matcher and the event
extractor make of them. Whole-sentence expectations live in tests/gold/sentences.yaml.
"""

from __future__ import annotations

import functools
from pathlib import Path

import pytest

from dyad.errors import KnowledgeError
from dyad.extract.lexicon import load_lexicon
from dyad.extract.matching import constructions, match_entry, misparsed_predicate


# --------------------------------------------------------------------------- fast: format


def _user_lexicon(tmp_path: Path, body: str) -> str:
    path = tmp_path / "triggers_user.yaml"
    path.write_text("classes:\n  leave: [leave, depart]\nentries:\n" + body, encoding="utf-8")
    return str(path)


def test_complement_is_a_constraint_and_expands_classes(tmp_path: Path) -> None:
    extra = _user_lexicon(tmp_path, (
        "  - {lemma: shoo, pos: verb, type: SANCTION, cameo: '161', object: [envoy], complement: ['@leave']}\n"))
    entry = next(e for e in load_lexicon((extra,)).entries() if e.lemma == "shoo")
    assert entry.complement == frozenset({"leave", "depart"})
    assert entry.n_constraints == 2


def test_same_entry_with_another_complement_is_not_a_duplicate(tmp_path: Path) -> None:
    extra = _user_lexicon(tmp_path, (
        "  - {lemma: shoo, pos: verb, type: SANCTION, cameo: '161', complement: [leave]}\n"
        "  - {lemma: shoo, pos: verb, type: SANCTION, cameo: '161', complement: [go]}\n"))
    assert len([e for e in load_lexicon((extra,)).entries() if e.lemma == "shoo"]) == 2


def test_duplicate_complement_entries_are_rejected(tmp_path: Path) -> None:
    extra = _user_lexicon(tmp_path, (
        "  - {lemma: shoo, pos: verb, type: SANCTION, cameo: '161', complement: [leave]}\n"
        "  - {lemma: shoo, pos: verb, type: COERCE, cameo: '174', complement: [leave]}\n"))
    with pytest.raises(KnowledgeError):
        load_lexicon((extra,))


def test_new_construction_lists_are_loaded() -> None:
    cx = constructions()
    assert "resume" in cx.aspectual_verbs and "resume" not in cx.light_verbs
    assert "place" in cx.under_verbs
    assert "retaliate" in cx.retaliation_verbs


# --------------------------------------------------------------------------- parsed sentences


@functools.lru_cache(maxsize=1)
def _nlp():  # type: ignore[no-untyped-def]
    from dyad.nlp.loader import load_nlp

    return load_nlp()


def _token(text: str, word: str):  # type: ignore[no-untyped-def]
    doc = _nlp()(text)
    return next(t for t in doc if t.text == word)


def _entry(text: str, word: str):  # type: ignore[no-untyped-def]
    return match_entry(_token(text, word), load_lexicon())


def _events(text: str):  # type: ignore[no-untyped-def]
    from dyad.pipeline import extract

    return extract(text, published="2024-03-01")


@pytest.mark.parametrize("text, word, etype", [
    ("Quito ordered the Mexican ambassador to leave within 48 hours.", "ordered", "SANCTION"),
    ("Quito ordered the army to leave the border area.", "ordered", "REQUEST"),
    ("The rebels freed Carlos Mendez on Sunday.", "freed", "RETREAT"),
    ("The rebels released Carlos Mendez on Sunday.", "released", "RETREAT"),
    ("The minister vowed that the killings would not go unpunished.", "vowed", "THREATEN"),
    ("Prosecutors charged the mayor with bribery.", "charged", "ACCUSE"),
    ("Police fired tear gas at the marchers.", "fired", "COERCE"),
    ("Patrol boats fired water cannon at the trawler.", "fired", "ASSAULT"),
    ("Israel reopened the crossing on Sunday.", "reopened", "CONCEDE"),
])
def test_most_specific_entry_gives_the_type(text: str, word: str, etype: str) -> None:
    entry = _entry(text, word)
    assert entry is not None and entry.type == etype


def test_named_person_object_satisfies_a_person_class() -> None:
    # "Carlos Mendez" is in no word list: its entity label admits it
    entry = _entry("The rebels released Carlos Mendez on Sunday.", "released")
    assert entry is not None and entry.object is not None and "ent:person" in entry.object


def test_a_complement_constraint_needs_the_complement() -> None:
    assert _entry("Both sides undertake to free their prisoners.", "undertake").type == "AGREE"
    undertook = _entry("The envoy undertook a long journey.", "undertook")
    assert undertook is None or undertook.type != "AGREE"


def test_finite_verb_parsed_as_adjective_is_a_predicate() -> None:
    tok = _token("WASHINGTON — The United States on Thursday imposed sanctions on two militia leaders.", "imposed")
    if tok.dep_ != "amod":
        pytest.skip("this model version parses the sentence correctly")
    assert misparsed_predicate(tok)
    assert not misparsed_predicate(_token("The assassinated commander was buried on Friday.", "assassinated"))


def test_retaliation_is_reported_at_the_verb_of_retaliation() -> None:
    events = _events("Moscow retaliated on Friday by expelling ten Estonian diplomats.")
    assert [(e.event_type, e.trigger.text) for e in events] == [("SANCTION", "retaliated")]
    assert [a.text for a in events[0].actors] == ["Moscow"]


def test_aspectual_verb_gives_arguments_but_not_the_trigger() -> None:
    events = [e for e in _events("The two governments will resume intelligence sharing.")
              if e.event_type == "COOPERATE"]
    assert [e.trigger.text for e in events] == ["sharing"]
    assert events[0].status == "future" and "governments" in events[0].actors[0].text


def test_toll_in_the_attack_sentence_is_not_another_mention() -> None:
    text = "A drone strike near the border killed nine herders."
    events = [e for e in _events(text) if e.event_type == "ASSAULT"]
    assert len(events) == 1
    assert [text[m.start:m.end] for m in events[0].mentions] == ["strike"]
    assert events[0].size.dead == 9


def test_toll_told_in_its_own_sentence_mentions_the_attack() -> None:
    text = "Gunmen stormed an army post near the border on Sunday. Seven soldiers were killed."
    events = [e for e in _events(text) if e.event_type == "ASSAULT"]
    assert len(events) == 1
    assert {text[m.start:m.end] for m in events[0].mentions} == {"stormed", "killed"}


def test_unrealised_verbs_inside_an_agreement_are_not_events() -> None:
    triggers = {e.trigger.text for e in _events(
        "The two sides agreed to restore relations, reopen the border and set up a panel to investigate the raid.")}
    assert "agreed" in triggers
    assert not triggers & {"restore", "reopen", "investigate"}

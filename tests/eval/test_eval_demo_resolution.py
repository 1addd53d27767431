"""The demo suite's actor-resolution metrics on hand-made gold and predictions."""

from __future__ import annotations

import pytest

from dyad.eval import demo
from dyad.model import ActorRef

ARTICLE = ("Police dispersed a rally in Niamey. President Mohamed Bazoum met the minister of defence. "
           "He said the government would act. Later the police arrested Amina Wekesa, and "
           "Wekesa denied the charges. Transporters welcomed the move.")


def _ref(text: str, *, name: str | None = None, country: str | None = None, sector: str | None = None,
         actor_id: str | None = None, kind: str | None = None) -> ActorRef:
    start = max(ARTICLE.find(text), 0)
    return ActorRef(text=text, start=start, end=start + len(text), name=name, country=country, sector=sector,
                    actor_id=actor_id, kind=kind)


@pytest.mark.parametrize(("text", "kind"), [
    ("President Mohamed Bazoum", "named"),
    ("Wekesa", "named"),
    ("Niger", "named"),
    ("he", "pronoun"),
    ("his deputy", "pronoun"),
    ("the government", "title"),
    ("The armed group", "title"),
    ("Police", None),          # the article also writes "police": a common word
    ("Transporters", None),    # capitalised only where its sentence starts
    ("troops", None),
])
def test_mention_kind(text: str, kind: str | None) -> None:
    assert demo.mention_kind(text, ARTICLE) == kind


def test_same_entity_by_knowledge_alias_id_or_normalised_name() -> None:
    bazoum = {"text": "President Mohamed Bazoum", "name": "Mohamed Bazoum", "country": "NER", "sector": "GOV"}
    assert demo.same_entity(bazoum, _ref("Bazoum", name="Bazoum", kind="person"), ARTICLE)  # alias
    assert demo.same_entity(bazoum, _ref("He", name="x", actor_id="mohamed-bazoum", kind="person"), ARTICLE)
    assert not demo.same_entity(bazoum, _ref("He", name="Mahamadou Issoufou", country="NER", sector="GOV",
                                             kind="person"), ARTICLE)
    # a known person is never right by country and sector alone
    assert not demo.same_entity(bazoum, _ref("the president", name="president", country="NER", sector="GOV",
                                             kind="person"), ARTICLE)
    wekesa = {"text": "Wekesa", "name": "Amina Wekesa", "country": "KEN", "sector": "OPP"}
    assert demo.same_entity(wekesa, _ref("Wekesa", name="AMINA  Wekesa", kind="person"), ARTICLE)
    # named in the article: the name must be found, the country and sector are not enough
    assert not demo.same_entity(wekesa, _ref("Wekesa", name="Wekesa", country="KEN", sector="OPP"), ARTICLE)


def test_same_entity_for_an_entity_the_article_only_describes() -> None:
    gov = {"text": "Niger", "name": "Government of Niger", "country": "NER", "sector": "GOV"}
    assert demo.same_entity(gov, _ref("the government", name="Government of Niger", actor_id="ner-gov"), ARTICLE)
    # "Niger" as an actor: a state coded as a country stands for its government
    assert demo.same_entity(gov, _ref("Niger", name="Niger", country="NER", kind="country"), ARTICLE)
    assert not demo.same_entity(gov, _ref("Niger", name="Niger", country="NER", sector="MIL"), ARTICLE)
    assert not demo.same_entity(gov, _ref("Mali", name="Mali", country="MLI", kind="country"), ARTICLE)
    # a named individual is not the institution
    assert not demo.same_entity(gov, _ref("x", name="Amina Wekesa", country="NER", sector="GOV", kind="person"),
                                ARTICLE)
    # no gold name: the gold country and sector decide
    crowd = {"text": "them", "name": None, "country": "NER", "sector": "CVL"}
    assert demo.same_entity(crowd, _ref("them", name="protesters", country="NER", sector="CVL"), ARTICLE)
    assert not demo.same_entity(crowd, _ref("them", name="police", country="NER", sector="COP"), ARTICLE)


def test_scores_and_argument_found_shares(build) -> None:
    i_met, i_said, i_denied = ARTICLE.index("met"), ARTICLE.index("said"), ARTICLE.index("denied")
    doc = demo.DemoArticle("a1", ARTICLE, events=[
        {"type": "CONSULT", "trigger": "met",
         "actors": [{"text": "President Mohamed Bazoum", "name": "Mohamed Bazoum", "country": "NER", "sector": "GOV"}],
         "recipients": [{"text": "the minister of defence", "name": None, "country": "NER", "sector": "GOV"}]},
        {"type": "THREATEN", "trigger": "said",
         "actors": [{"text": "He", "name": "Mohamed Bazoum", "country": "NER", "sector": "GOV"}],
         "recipients": [{"text": "the government", "name": "Government of Niger", "country": "NER", "sector": "GOV"}]},
        {"type": "REJECT", "trigger": "denied",
         "actors": [{"text": "Wekesa", "name": "Amina Wekesa", "country": "KEN", "sector": "OPP"}]},
    ], spans=[(i_met, i_met + 3), (i_said, i_said + 4), (i_denied, i_denied + 6)])
    met = build.event(ARTICLE, "CONSULT", trigger=(i_met, i_met + 3), eid="e1",
                      actors=[_ref("President Mohamed Bazoum", name="Mohamed Bazoum", actor_id="mohamed-bazoum")],
                      recipients=[_ref("minister", name="minister", country="NER", sector="GOV")])
    said = build.event(ARTICLE, "THREATEN", trigger=(i_said, i_said + 4), eid="e2",
                       actors=[_ref("He", name="Amina Wekesa", kind="person")],    # wrong antecedent
                       recipients=[])                                              # argument missed
    denied = build.event(ARTICLE, "REJECT", trigger=(i_denied, i_denied + 6), eid="e3",
                         actors=[_ref("Wekesa", name="Amina Wekesa", kind="person")])
    rep = demo.score_articles([(doc, [met, said, denied])])

    def value(name: str):
        m = rep.metric(name)
        assert m is not None, name
        return m.value, m.n

    # named: Bazoum (right), Wekesa (right)
    assert value("named entity resolution") == (1.0, 2)
    # pronoun/title: "the minister of defence" (right by country+sector), "He" (wrong),
    # "the government" (missed)
    assert value("pronoun/title actor resolution") == (pytest.approx(1 / 3), 3)
    assert value("pronoun/title actor resolution | argument found") == (0.5, 2)
    assert value("named entity resolution | argument found") == (1.0, 2)
    assert any("named entity resolution" in note for note in rep.notes)
    # the metrics that were there before keep their names
    assert rep.metric("actor text match") is not None and rep.metric("country accuracy") is not None

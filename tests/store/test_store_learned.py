"""Actors learned from text (issue 4): the evidence rule, conflicts, aliases, reuse as
lowest-priority knowledge, the migration of older databases, and `why`."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from store_fakes import make_event, result_a
from dyad.model import ActorRef, Article, Segment
from dyad.pipeline import ArticleResult
from dyad.resolve.actors.knowledge import load_knowledge
from dyad.store import MIGRATIONS, Store
from dyad.store.learned import learned_id, name_key, proper_name, surname_forms

TAMAKET = "learned-almahdi-ag-tamaket"


def actor(text: str, article: str, *, at: str | None = None, **kw) -> ActorRef:
    start = article.index(at or text)
    return ActorRef(text=text, start=start, end=start + len(text), **kw)


def article_result(article_id: str, text: str, trigger: str, actors: list[ActorRef],
                   recipients: list[ActorRef] = (), places: list[dict] = (),
                   published: dt.date = dt.date(2024, 3, 4)) -> ArticleResult:
    art = Article(id=article_id, text=text, published=published, segments=[Segment(0, len(text))])
    ev = make_event(article_id, text, trigger, "ASSAULT", actors=actors, recipients=list(recipients))
    return ArticleResult(article=art, events=[ev], places=list(places))


def tamaket_article(article_id: str = "l1", country: str = "MLI", sector: str = "REB",
                    published: dt.date = dt.date(2024, 3, 4), tail: str = "") -> ArticleResult:
    """The coder resolved the man through the apposition; "Malian troops" names Mali."""
    text = ("Almahdi Ag Tamaket, the leader of the Movement for the Salvation of Liptako, "
            "attacked Malian troops near Menaka." + tail)
    return article_result(
        article_id, text, "attacked",
        [actor("Almahdi Ag Tamaket", text, name="Almahdi Ag Tamaket", country=country, sector=sector,
               kind="person")],
        [actor("Malian troops", text, name="Malian troops", country="MLI", sector="MIL", kind="group")],
        published=published)


def reused_article(article_id: str = "l2") -> ArticleResult:
    """A later article as the coder codes it with the learned actor: only "Ag Tamaket"."""
    text = "Ag Tamaket attacked a convoy near Gao."
    return article_result(
        article_id, text, "attacked",
        [actor("Ag Tamaket", text, name="Almahdi Ag Tamaket", country="MLI", sector="REB", kind="person",
               actor_id=TAMAKET)], published=dt.date(2024, 4, 1))


# -- names -----------------------------------------------------------------------------


@pytest.mark.parametrize("name, expected", [
    ("Almahdi Ag Tamaket", True),
    ("Movement for the Salvation of Liptako", True),
    ("Sidi ag Waliyen", True),
    ("Robert Dussey", True),
    ("Tamaket", False),                 # one word
    ("Niger's ambassador", False),      # possessive, lowercase
    ("14 soldiers", False),
    ("Ayorou military post", False),
    ("the Movement", False),
    ("Movement for", False),            # a connector cannot end a name
])
def test_proper_name(name, expected):
    assert proper_name(name) is expected


def test_ids_and_short_forms():
    assert learned_id("Almahdi Ag Tamaket") == TAMAKET
    assert name_key("The Movement for the Salvation of Liptako") == name_key("Movement for Salvation of Liptako")
    assert learned_id("Assimi Goïta") == learned_id("Assimi Goita")
    assert surname_forms("Almahdi Ag Tamaket") == ["Ag Tamaket", "Tamaket"]
    assert surname_forms("Wang Yi") == []  # "Yi": under 4 letters


# -- learning --------------------------------------------------------------------------


def test_learned_from_one_article(store):
    store.add(tamaket_article())
    [rec] = store.learned_actors()
    assert rec["id"] == TAMAKET
    assert rec["status"] == "learned"
    assert (rec["name"], rec["kind"], rec["country"], rec["sector"]) == ("Almahdi Ag Tamaket", "person", "MLI", "REB")
    assert rec["aliases"] == ["Almahdi Ag Tamaket", "Ag Tamaket", "Tamaket"]
    assert (rec["n_articles"], rec["first_seen"], rec["last_seen"]) == (1, "2024-03-04", "2024-03-04")
    [ev] = rec["evidence"]
    assert (ev["article_id"], ev["text"], ev["country"], ev["sector"], ev["strong"]) == \
        ("l1", "Almahdi Ag Tamaket", "MLI", "REB", True)
    assert rec["why"] == "learned from 1 article: l1 'Almahdi Ag Tamaket' (MLI, REB)"


def test_learned_actor_is_given_in_the_knowledge_format(store, tmp_path):
    store.add(tamaket_article())
    data = store.learned_knowledge()
    assert data["organizations"] == []
    [person] = data["people"]
    assert person["id"] == TAMAKET and person["country"] == "MLI"
    assert person["roles"][0]["sector"] == "REB"
    path = tmp_path / "learned.json"
    path.write_text(json.dumps(data))
    kb = load_knowledge(learned=path)
    for alias in ("almahdi ag tamaket", "ag tamaket", "tamaket"):
        assert kb.people_by_alias[alias][0]["id"] == TAMAKET
    assert "tamaket" not in load_knowledge().people_by_alias


def test_reused_mentions_count_with_the_learned_actor(store):
    store.add(tamaket_article())
    store.add(reused_article())
    [row] = store.actors(query="tamaket", explain=True)
    assert row["name"] == "Almahdi Ag Tamaket"
    assert row["events"] == 2
    assert sorted(row["aliases"]) == ["Ag Tamaket", "Almahdi Ag Tamaket"]
    assert row["why"].startswith("learned from 1 article: l1 'Almahdi Ag Tamaket' (MLI, REB)")
    assert "also mentioned as 'Ag Tamaket'" in row["why"]


def test_more_articles_more_evidence(store):
    store.add(tamaket_article("l1", published=dt.date(2024, 3, 4)))
    store.add(tamaket_article("l3", published=dt.date(2024, 5, 9), tail=" Again."))
    [rec] = store.learned_actors()
    assert rec["n_articles"] == 2
    assert (rec["first_seen"], rec["last_seen"]) == ("2024-03-04", "2024-05-09")
    assert rec["why"].startswith("learned from 2 articles: l1 ")


def test_conflicting_codes_are_not_learned(store):
    store.add(tamaket_article("l1", country="MLI"))
    text = "Almahdi Ag Tamaket, a Burkinabe commander, attacked a market in Djibo."
    store.add(article_result("c2", text, "attacked", [
        actor("Almahdi Ag Tamaket", text, name="Almahdi Ag Tamaket", country="BFA", sector="REB", kind="person")],
        places=[{"name": "Djibo", "text": "Djibo", "start": text.index("Djibo"), "end": text.index("Djibo") + 5,
                 "country": "BFA"}]))
    assert store.learned_knowledge() == {"people": [], "organizations": []}
    [rec] = store.learned_actors()
    assert rec["status"] == "conflict"
    assert rec["country"] is None and rec["sector"] is None
    assert "(MLI, REB) in l1" in rec["why"] and "(BFA, REB) in c2" in rec["why"]
    assert store.learned_actors(conflicts=False) == []


def test_uncorroborated_country_is_not_learned(store):
    """The country came from a place inside the name itself ("Anyang", a city in China)."""
    text = "Governor Anyang Nyongo condemned the killing."
    store.add(article_result("w1", text, "condemned", [
        actor(text[:21], text, name="Governor Anyang Nyongo", country="CHN", sector="GOV", kind="person")],
        places=[{"name": "Anyang", "text": "Anyang", "start": 9, "end": 15, "country": "CHN"}]))
    assert store.learned_actors() == []
    assert store.learned_knowledge()["people"] == []


def test_corroborated_by_a_place_elsewhere(store):
    text = "Governor Anyang Nyongo condemned the killing in Kisumu."
    at = text.index("Kisumu")
    store.add(article_result("w2", text, "condemned", [
        actor(text[:22], text, name="Governor Anyang Nyongo", country="KEN", sector="GOV", kind="person")],
        places=[{"name": "Kisumu", "text": "Kisumu", "start": at, "end": at + 6, "country": "KEN"}]))
    [rec] = store.learned_actors()
    assert rec["name"] == "Anyang Nyongo"  # the title is not part of the name
    assert "Governor Anyang Nyongo" in rec["aliases"] and "Nyongo" in rec["aliases"]


@pytest.mark.parametrize("name, text, kind, learned", [
    ("Seydou Bagayoko", "Seydou Bagayoko", "person", True),        # the control: same setting, learned
    ("Niger's ambassador", "Niger's ambassador", "person", False),  # not a proper name
    ("Barack Obama", "Barack Obama", "person", False),              # the knowledge base knows him
    ("Kenya Union of Journalists", "The Kenya Union of Journalists", "organization", False),  # only country/role words
    ("Seydou Bagayoko", "he", "person", False),                     # a pronoun, not a naming mention
])
def test_what_is_a_name_to_learn(store, name, text, kind, learned):
    full = f"Malian troops and {text} attacked a convoy."
    store.add(article_result("n1", full, "attacked", [
        actor(text, full, name=name, country="MLI", sector="MIL", kind=kind)],
        [actor("Malian troops", full, name="Malian troops", country="MLI", sector="MIL", kind="group")]))
    assert [r["name"] for r in store.learned_actors()] == ([name] if learned else [])


def test_surname_shared_by_two_learned_people_is_nobodys(store):
    store.add(tamaket_article())
    text = "Sidi Ag Tamaket, a Malian rebel commander, attacked a convoy."
    store.add(article_result("s2", text, "attacked", [
        actor("Sidi Ag Tamaket, a Malian rebel commander", text, name="Sidi Ag Tamaket", country="MLI",
              sector="REB", kind="person")]))
    by_id = {r["id"]: r for r in store.learned_actors()}
    assert by_id[TAMAKET]["aliases"] == ["Almahdi Ag Tamaket"]
    assert by_id["learned-sidi-ag-tamaket"]["aliases"] == ["Sidi Ag Tamaket"]


def test_surname_of_a_known_person_is_not_an_alias(store):
    text = "Hassan Bazoum, a Nigerien militia leader, attacked a convoy."
    store.add(article_result("b1", text, "attacked", [
        actor("Hassan Bazoum, a Nigerien militia leader", text, name="Hassan Bazoum", country="NER", sector="REB",
              kind="person")]))
    [rec] = store.learned_actors()
    assert rec["aliases"] == ["Hassan Bazoum"]  # "Bazoum" is Mohamed Bazoum's


def test_learned_knowledge_has_the_lowest_priority(tmp_path):
    learned = tmp_path / "learned.json"
    learned.write_text(json.dumps({"people": [
        {"id": "barack-obama", "name": "Someone Else", "aliases": [], "country": "MLI",
         "roles": [{"sector": "REB"}]},
        {"id": "learned-x-obama", "name": "X Obama", "aliases": ["Obama", "Tamaket"], "country": "MLI",
         "roles": [{"sector": "REB"}]},
        {"id": "learned-bad", "name": "Bad Code", "aliases": [], "country": "XXX", "roles": [{"sector": "REB"}]},
    ]}))
    user = tmp_path / "mine.yaml"
    user.write_text("people:\n- {id: jane-tamaket, name: Jane Tamaket, aliases: [Tamaket], country: NER}\n")
    kb = load_knowledge(str(user), learned=learned)
    assert kb.people["barack-obama"]["country"] == "USA"        # our id wins
    assert kb.people_by_alias["obama"][0]["id"] == "barack-obama"  # our alias wins
    assert kb.people_by_alias["tamaket"][0]["id"] == "jane-tamaket"  # the user's alias wins
    assert kb.people_by_alias["x obama"][0]["id"] == "learned-x-obama"  # what is free is added
    assert "learned-bad" not in kb.people  # an invalid generated entry is skipped, no error


def test_relearn_gives_the_same(store):
    store.add(tamaket_article())
    before = store.learned_actors()
    assert store.relearn() >= 1
    after = store.learned_actors()
    assert [(r["id"], r["aliases"], r["evidence"]) for r in after] == \
        [(r["id"], r["aliases"], r["evidence"]) for r in before]


# -- explanations ------------------------------------------------------------------------


def test_why_for_knowledge_base_and_same_name(store):
    text = "The China Coast Guard rammed a supply boat. Fishermen fled."
    store.add(article_result("k1", text, "rammed", [
        actor("The China Coast Guard", text, name="China Coast Guard", country="CHN", sector="COP",
              kind="organization", actor_id="chn-coast-guard")],
        [actor("Fishermen", text, name="fishermen", sector="AGR", kind="person")]))
    rows = {r["name"]: r for r in store.actors(explain=True)}
    assert rows["China Coast Guard"]["why"] == "knowledge base: chn-coast-guard (alias 'China Coast Guard' matched)"
    assert rows["fishermen"]["why"] == "same name and country: 'fishermen', no country"
    assert "why" not in store.actors()[0]


# -- migration ---------------------------------------------------------------------------


def test_database_of_the_previous_version_is_migrated_and_learns_from_its_events(tmp_path):
    path = tmp_path / "v4.duckdb"
    with Store(path, migrations=MIGRATIONS[:4]) as db:
        assert db.schema_version == 4
        db.add(result_a())
        db.add(tamaket_article())
    with Store(path, read_only=True) as db:
        assert db.schema_version == 5
        assert [r["id"] for r in db.learned_actors()] == [TAMAKET]
        assert db.counts()["articles"] == 2
    with Store(path) as db:  # and it keeps learning
        db.add(reused_article())
        assert db.actors(query="tamaket")[0]["events"] == 2

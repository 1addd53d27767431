"""add -> events() gives back exactly Event.to_dict(); adding is idempotent."""

from __future__ import annotations

import json

from store_fakes import TEXT_A, result_a, result_b


def test_events_round_trip_exactly(store):
    res = result_a()
    assert store.add(res) is True
    assert store.events() == [e.to_dict() for e in res.events]


def test_round_trip_through_json_text(store):
    # What a client reading JSONL sees equals what the pipeline produced.
    res = result_a()
    store.add(res)
    assert [json.loads(json.dumps(r)) for r in store.events()] == [e.to_dict() for e in res.events]


def test_same_article_twice_adds_nothing(store):
    assert store.add(result_a()) is True
    assert store.add(result_a()) is False
    assert store.counts()["articles"] == 1
    assert store.counts()["events"] == 2


def test_same_content_under_another_id_is_skipped(store):
    store.add(result_a("a1"))
    assert store.add(result_a("other-id")) is False
    assert [a["id"] for a in store.articles()] == ["a1"]


def test_same_id_other_content_is_skipped(store):
    store.add(result_a("a1"))
    assert store.add(result_a("a1", text=TEXT_A + " More text.")) is False


def test_add_many_counts_and_dedups_within_batch(store):
    added, skipped = store.add_many([result_a("a1"), result_b("b1"), result_a("a2")])
    assert (added, skipped) == (2, 1)
    added, skipped = store.add_many([result_a("a1"), result_b("b1")])
    assert (added, skipped) == (0, 2)
    assert store.add_many([]) == (0, 0)


def test_add_batch_returns_added_results(store):
    a, b = result_a(), result_b()
    store.add(a)
    assert store.add_batch([a, b]) == [b]


def test_known(store):
    a = result_a()
    store.add(a)
    ids, hashes = store.known(["a1", "zz"], [a.article.content_hash, "nope"])
    assert ids == {"a1"} and hashes == {a.article.content_hash}


def test_article_with_annotations(store):
    res = result_a()
    store.add(res)
    doc = store.article("a1")
    assert doc["text"] == res.article.text
    assert doc["title"] == "Clashes in Nairobi"
    assert doc["published"] == "2024-03-02"
    assert doc["metadata"] == {"section": "world", "tags": ["kenya"]}
    assert doc["events"] == [e.to_dict() for e in res.events]
    assert doc["times"] == [t.to_dict() for t in res.times]
    assert doc["quotes"] == [q.to_dict() for q in res.quotes]
    assert doc["places"] == res.places
    assert doc["actor_mentions"] == res.actor_mentions
    assert doc["segments"] == [{"start": 0, "end": len(res.article.text), "kind": "paragraph"}]
    assert doc["content_hash"] == res.article.content_hash
    assert store.article("missing") is None


def test_articles_listing(store):
    store.add_many([result_a(), result_b()])
    rows = store.articles()
    assert [r["id"] for r in rows] == ["a1", "b1"]
    assert rows[0]["n_events"] == 2 and "text" not in rows[0]
    assert [r["id"] for r in store.articles(limit=1, offset=1)] == ["b1"]


def test_counts(store):
    store.add_many([result_a(), result_b()])
    c = store.counts()
    assert c["articles"] == 2 and c["events"] == 3
    assert c["by_type"] == {"ACCUSE": 1, "ASSAULT": 1, "CONSULT": 1}
    assert c["by_status"] == {"asserted": 2, "speculative": 1}
    assert c["event_actors"] == 6 and c["times"] == 1 and c["quotes"] == 1 and c["places"] == 1
    assert c["schema_version"] >= 1


def test_event_id_collision_keeps_first(store):
    a = result_a("a1")
    b = result_b("b1")
    b.events[0].id = a.events[0].id  # a pathological pipeline: same id in two articles
    store.add_many([a, b])
    assert store.count_events() == 2
    assert store.events(article_id="b1") == []


def test_persists_across_reopen(tmp_path):
    from dyad.store import Store

    path = tmp_path / "sub" / "x.duckdb"
    with Store(path) as db:
        db.add(result_a())
    with Store(path, read_only=True) as db:
        assert db.events() == [e.to_dict() for e in result_a().events]


def test_quotes_are_queryable_by_article_speaker_and_kind(store):
    res = result_a()
    store.add(res)
    store.add(result_b())
    expected = [q.to_dict() for q in res.quotes]
    assert store.quotes() == expected
    assert store.quotes(article_id="a1") == expected
    assert store.quotes(article_id="b1") == []
    assert store.quotes(speaker="MINISTER") == expected  # any case, text or name
    assert store.quotes(speaker="envoy") == []
    assert store.quotes(kind="indirect") == expected and store.quotes(kind="direct") == []

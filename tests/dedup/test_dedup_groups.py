"""Grouping an article's mentions before matching across articles; kinds and names."""

from __future__ import annotations

from dedup_fakes import AYOROU, actor, ev, result

from dyad.dedup.across import Clusterer, cluster_results
from dyad.dedup.compat import kinds_evidence, same_name
from dyad.dedup.within import group_article


def test_same_name_accepts_a_more_specific_form_only():
    assert same_name("armed group", "little-known armed group")
    assert same_name("gunmen", "heavily armed gunmen")
    assert same_name("the army", "army")
    assert not same_name("army post", "military post")
    assert not same_name("armed group", "armed group leaders")
    assert not same_name(None, "army")


def test_kinds_decide_only_where_wording_is_stable():
    assert kinds_evidence("RETREAT", {"084"}, {"084"}) == 1
    assert kinds_evidence("RETREAT", {"084"}, {"083"}) is None  # a release is not a resignation
    assert kinds_evidence("ASSAULT", {"190"}, {"180"}) == 0  # "stormed" / "killed": wording varies
    assert kinds_evidence("RETREAT", set(), {"083"}) == 0


def test_release_and_resignation_on_one_day_stay_apart_within_an_article():
    niger = [actor("Niger", "NER", "GOV")]
    freed = ev("a", 10, "freed", "RETREAT", actors=niger, day="2023-04-17", cameo="0841")
    resigned = ev("a", 200, "resigned", "RETREAT", actors=niger, day="2023-04-17", cameo="0832")
    again = ev("a", 400, "released", "RETREAT", actors=niger, day="2023-04-17", cameo="0841")
    groups = group_article([resigned, again, freed])
    assert [[e.trigger.text for e in g] for g in groups] == [["freed", "released"], ["resigned"]]


def test_release_and_resignation_stay_apart_across_articles():
    niger = [actor("Niger", "NER", "GOV")]
    a = result("a", [ev("a", 10, "freed", "RETREAT", actors=niger, day="2023-04-17", cameo="0841")], "2023-04-18")
    b = result("b", [ev("b", 10, "resigned", "RETREAT", actors=niger, day="2023-04-17", cameo="0832")], "2023-04-18")
    c = cluster_results([a, b])
    assert c[a.events[0].id] != c[b.events[0].id]


def test_vague_mention_joins_through_its_article_mate():
    """Article b names the attack richly once and vaguely once ("the raid", no actors,
    no date): the vague mention is matched with the evidence of the whole group."""
    gunmen, post = [actor("gunmen", sector="REB")], [actor("army post", "NER", "MIL")]
    a = result("a", [ev("a", 10, "stormed", actors=gunmen, recipients=post, place=AYOROU, cameo="190")])
    rich = ev("b", 10, "attacked", actors=gunmen, recipients=post, place=AYOROU, cameo="190")
    vague = ev("b", 300, "raid", day=None, stated=False, sentence="the raid", cameo="190")
    b = result("b", [rich, vague], published="2023-03-07")
    clusters = cluster_results([a, b])
    assert clusters[vague.id] == clusters[rich.id] == clusters[a.events[0].id]


def test_actor_names_accumulate_on_the_cluster():
    post = [actor("army post", "NER", "MIL")]
    a = ev("a", 10, "stormed", actors=[actor("gunmen", sector="REB")], recipients=post, place=AYOROU)
    b = ev("b", 10, "attacked", actors=[actor("Liptako movement", None, "REB")], recipients=post, place=AYOROU)
    cl = Clusterer()
    c1 = cl.add(a)
    c2 = cl.add(b)
    assert c1 is c2
    assert {k[0] for k in c1.actors} == {"gunmen", "liptako movement"}


def _bridging_corpus():
    """Two reports of one attack that share nothing two-of-which-suffice (one names the
    attackers, the other the town), then a third naming both: it bridges them."""
    gunmen, post = [actor("gunmen", sector="REB")], [actor("army post", "NER", "MIL")]
    a = result("a", [ev("a", 10, "attacked", actors=gunmen, day=None, stated=False, cameo="190")],
               published="2023-03-06", source="AFP")
    b = result("b", [ev("b", 10, "raid", recipients=post, place=AYOROU, cameo="190")],
               published="2023-03-06", source="RFI")
    c = result("c", [ev("c", 10, "attack", actors=gunmen, recipients=post, place=AYOROU, cameo="190")],
               published="2023-03-07", source="AP")
    return [a, b, c]


def test_a_bridging_report_merges_two_clusters_in_memory():
    a, b, c = _bridging_corpus()
    two = cluster_results([a, b])
    assert two[a.events[0].id] != two[b.events[0].id]
    three = cluster_results([a, b, c])
    assert len(set(three.values())) == 1
    assert len(set(cluster_results([c, b, a]).values())) == 1  # the other order: no bridge needed


def test_a_bridging_report_merges_stored_clusters(tmp_path):
    from dyad.store import Store
    from dyad.store import clusters as store_clusters

    a, b, c = _bridging_corpus()
    with Store(str(tmp_path / "b.duckdb")) as store:
        store.add_many([a])
        store.add_many([b])
        assert len(store_clusters.clusters(store._con)) == 2
        store.add_many([c])
        rows = store_clusters.clusters(store._con)
        assert len(rows) == 1
        assert sorted(rows[0]["event_ids"]) == sorted(r.events[0].id for r in (a, b, c))
        assert (rows[0]["n_mentions"], rows[0]["n_articles"], rows[0]["n_sources"]) == (3, 3, 3)

"""Clustering across articles: index, incrementality, order."""

from __future__ import annotations

import random

from dedup_fakes import attack, corpus

from dyad.dedup.across import Clusterer, cluster_results, one_a_day
from dyad.eval.metrics import bcubed


def _partition(mapping: dict[str, str]) -> set[frozenset[str]]:
    groups: dict[str, set[str]] = {}
    for e, c in mapping.items():
        groups.setdefault(c, set()).add(e)
    return {frozenset(g) for g in groups.values()}


def test_same_happening_clustered_others_apart():
    results = corpus()
    m = cluster_results(results)
    ids = {r.article.id: [e.id for e in r.events] for r in results}
    attack_ids = [ids["a1"][0], ids["a2"][0], ids["a3"][1]]
    assert len({m[i] for i in attack_ids}) == 1
    assert m[ids["a3"][0]] == m[ids["a4"][0]]  # the strike, twice
    assert m[ids["a1"][1]] != m[ids["a5"][0]]  # two visits two months apart
    assert m[ids["a6"][0]] != m[attack_ids[0]]  # other attackers
    assert len(set(m.values())) == 5


def test_cluster_ids_are_deterministic_from_first_mention():
    a, b = cluster_results(corpus()), cluster_results(corpus())
    assert a == b


def test_index_blocks_far_dates_and_other_types():
    cl = Clusterer()
    cl.add(attack("x1", day="2023-01-05"), published=None)
    cl.add(attack("x2", day="2023-06-05"), published=None)
    cl.comparisons = 0
    cl.add(attack("x3", day="2023-06-06"), published=None)
    assert cl.comparisons == 1  # the January cluster is never compared


def test_incremental_touches_only_joined_clusters():
    results = corpus()
    cl = Clusterer()
    cluster_results(results[:-1], cl)
    before = {k: (c.n_mentions, c.rep_event_id) for k, c in cl.clusters.items()}
    cl.touched.clear()
    cluster_results(results[-1:], cl)
    assert len(cl.touched) == 1
    after = {k: (c.n_mentions, c.rep_event_id) for k, c in cl.clusters.items() if k not in cl.touched}
    assert after == {k: v for k, v in before.items() if k not in cl.touched}


def test_order_independent_partition():
    results = corpus()
    base = _partition(cluster_results(results))
    for seed in range(5):
        shuffled = results[:]
        random.Random(seed).shuffle(shuffled)
        assert _partition(cluster_results(shuffled)) == base


def test_one_a_day_baseline():
    m = one_a_day(corpus())
    assert len(set(m.values())) < len(m)  # a1's and a3's identical attack reports collapse
    gold = {e: "x" for e in m}
    assert bcubed(gold, m)[0] == 1.0

"""Batched and single writes store the same thing. (Store throughput is measured by
benchmarks/bench_dedup.py, whose run without clustering is the store on its own.)"""

from __future__ import annotations

from store_fakes import result_a


def _results(n: int):
    # Offsets no longer match the text, which the store does not check.
    return [result_a(f"a{i}", text=f"Article {i}. " + result_a().article.text) for i in range(n)]


def test_add_many_in_batches_stores_every_article_once(store):
    results = _results(120)
    for i in range(0, len(results), 50):
        store.add_many(results[i:i + 50])
    store.add_many(results[:30])  # again: idempotent
    counts = store.counts()
    assert counts["articles"] == 120
    assert counts["events"] == 120 * len(results[0].events)


def test_single_adds_match_a_batch(store, tmp_path):
    from dyad.store import Store

    results = _results(10)
    for r in results:
        store.add(r)
    with Store(str(tmp_path / "b.duckdb")) as other:
        other.add_many(results)
        assert other.counts() == store.counts()

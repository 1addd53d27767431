"""Store writes must keep up with ingest (> 50 articles/s, with margin)."""

from __future__ import annotations

import time

from store_fakes import result_a


def test_add_many_throughput(store):
    results = [result_a(f"a{i}", text=f"Article {i}. " + result_a().article.text) for i in range(600)]
    # Offsets no longer match the text, which the store does not check.
    t0 = time.perf_counter()
    for i in range(0, len(results), 200):
        store.add_many(results[i:i + 200])
    rate = len(results) / (time.perf_counter() - t0)
    assert store.counts()["articles"] == 600
    assert rate > 200, f"{rate:.0f} articles/s"


def test_single_add_throughput(store):
    # One transaction per article costs ~a dozen statements; ingest uses add_many instead.
    results = [result_a(f"a{i}", text=f"Article {i}. " + result_a().article.text) for i in range(50)]
    t0 = time.perf_counter()
    for r in results:
        store.add(r)
    assert len(results) / (time.perf_counter() - t0) > 15

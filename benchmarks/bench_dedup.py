"""Ingestion throughput with and without cross-article clustering (issue 8).

    .venv/bin/python benchmarks/bench_dedup.py [--articles 10000] [--batch 64]

The demo corpus goes through the real pipeline once (spaCy, a few seconds); its
results are then repeated with shifted dates, ids and texts to make a synthetic
corpus of ``--articles`` articles, so the figures measure the store and the
clustering, not spaCy (a fake pipeline of pre-extracted events). Each copy is
shifted by 60 days, so every copy's clusters are distinct happenings, as in a
real stream. Prints articles/s for both runs and their ratio (target >= 0.90).
"""

from __future__ import annotations

import argparse
import copy
import datetime as dt
import time
from typing import Any

from dyad.model import Article, stable_id


def demo_results() -> list[Any]:
    from dyad.eval import demo
    from dyad.eval.common import parse_date, run_pipeline
    from dyad.dedup.within import merge_article

    docs = demo.load().records
    arts = [Article(id=d.id, text=d.text, title=d.title, published=parse_date(d.published)) for d in docs]
    results = run_pipeline(arts)
    out = [results[d.id] for d in docs if d.id in results]
    for r in out:
        r.events = merge_article(r.events)  # idempotent if the pipeline already merges
    return out


def _shift(value: str | None, days: int) -> str | None:
    if not value or len(value) < 10:
        return value
    try:
        return (dt.date.fromisoformat(value[:10]) + dt.timedelta(days=days)).isoformat() + value[10:]
    except ValueError:
        return value


def synthetic(base: list[Any], n: int) -> list[Any]:
    out = []
    for i in range(n):
        k, src = divmod(i, len(base))
        r = copy.deepcopy(base[src])
        days = 60 * k
        aid = f"{r.article.id}-{k}"
        r.article.id, r.article.text = aid, f"[{k}] " + r.article.text
        r.article.source = f"outlet-{i % 7}"
        if r.article.published:
            r.article.published += dt.timedelta(days=days)
        for ev in r.events:
            ev.id, ev.article_id = stable_id(aid, ev.id), aid
            ev.date.start, ev.date.end = _shift(ev.date.start, days), _shift(ev.date.end, days)
            for m in ev.mentions:
                m.article_id = aid
        r.times, r.places, r.quotes, r.actor_mentions = [], [], [], []
        out.append(r)
    return out


def run(results: list[Any], batch: int, *, clusters: bool) -> float:
    from dyad.store import Store, clusters as store_clusters

    original = store_clusters.assign
    if not clusters:
        store_clusters.assign = lambda *a, **k: 0  # type: ignore[assignment]
    try:
        with Store(":memory:") as store:
            t0 = time.perf_counter()
            for i in range(0, len(results), batch):
                store.add_many(results[i:i + batch])
            secs = time.perf_counter() - t0
            n_clusters = store._con.execute("SELECT count(*) FROM event_clusters").fetchone()[0]
            n_events = store.counts()["events"]
    finally:
        store_clusters.assign = original
    rate = len(results) / secs
    print(f"{'with' if clusters else 'without'} clustering: {len(results)} articles, {n_events} events, "
          f"{n_clusters} clusters, {secs:.1f} s, {rate:.0f} articles/s")
    return rate


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=10_000)
    ap.add_argument("--batch", type=int, default=64)
    args = ap.parse_args()
    corpus = synthetic(demo_results(), args.articles)
    without = run(corpus, args.batch, clusters=False)
    with_ = run(corpus, args.batch, clusters=True)
    print(f"ratio with/without: {with_ / without:.2f} (target >= 0.90)")


if __name__ == "__main__":
    main()

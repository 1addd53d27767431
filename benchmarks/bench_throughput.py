"""Throughput and peak memory of `extract` and `ingest`, written to BENCHMARKS.md.

    .venv/bin/python benchmarks/bench_throughput.py [--articles 500] [--no-write]

The corpus is the bundled demo corpus, whose articles are joined into ~700-word
articles (the target's article size) and repeated to ``--articles`` items, each
with its own id and a distinct closing line so that ingestion stores every one.
Each configuration runs in a fresh subprocess so peak memory is its own; memory
is the peak of the summed RSS (and PSS, which counts shared pages once) of the
process and its workers, sampled every 50 ms. The spaCy-only figure (``nlp.pipe``
with the same batch size and processes, no dyad stages) is the ceiling the
target compares against.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from _report import git_commit, write_section



# -- corpus -------------------------------------------------------------------
def build_corpus(n: int, words: int = 700) -> list[dict]:
    from importlib import resources

    path = resources.files("dyad") / "data" / "demo" / "articles.jsonl"
    demo = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    out: list[dict] = []
    i = 0
    while len(out) < n:
        parts, count, j = [], 0, i
        while count < words:
            art = demo[j % len(demo)]
            parts.append(art["text"])
            count += len(art["text"].split())
            j += 1
        base = demo[i % len(demo)]
        text = "\n\n".join(parts) + f"\n\n(Bench copy {len(out)}.)"
        out.append({"id": f"bench-{len(out):05d}", "title": base["title"], "text": text,
                    "published": base["published"], "source": base["source"]})
        i += 1
    return out


# -- memory sampling -------------------------------------------------------------
def _tree(pid: int) -> list[int]:
    pids, stack = [], [pid]
    while stack:
        p = stack.pop()
        pids.append(p)
        try:
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as fh:
                    stack.extend(int(c) for c in fh.read().split())
        except OSError:
            continue
    return pids


def _kb(path: str, key: str) -> int:
    try:
        with open(path) as fh:
            for line in fh:
                if line.startswith(key):
                    return int(line.split()[1])
    except OSError:
        return 0
    return 0


class PeakMemory(threading.Thread):
    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.rss = self.pss = 0
        self._halt = threading.Event()

    def run(self) -> None:
        while not self._halt.is_set():
            pids = _tree(os.getpid())
            self.rss = max(self.rss, sum(_kb(f"/proc/{p}/status", "VmRSS:") for p in pids))
            self.pss = max(self.pss, sum(_kb(f"/proc/{p}/smaps_rollup", "Pss:") for p in pids))
            time.sleep(0.05)

    def stop(self) -> None:
        self._halt.set()
        self.join()


# -- one configuration (runs in its own process) ----------------------------------
def run_one(mode: str, n_process: int, corpus_path: str) -> dict:
    from dyad.model import Article
    from dyad.ingest import parse_published

    rows = [json.loads(line) for line in open(corpus_path, encoding="utf-8")]
    articles = [Article(id=r["id"], text=r["text"], title=r["title"], source=r["source"],
                        published=parse_published(r["published"])) for r in rows]
    words = sum(len(a.text.split()) for a in articles)
    mem = PeakMemory()
    mem.start()
    t0 = time.perf_counter()
    n_events = 0
    if mode == "spacy":
        from dyad.ingest import segment
        from dyad.nlp import load_nlp

        nlp = load_nlp()
        texts = [a.text[s.start:s.end] for a in articles for s in segment(a)]
        for _ in nlp.pipe(texts, batch_size=64, n_process=n_process):
            pass
    else:
        from dyad.pipeline import pipe

        results = pipe(articles, n_process=n_process)
        if mode == "ingest":
            from dyad.store import Store

            with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "bench.duckdb") as store:
                batch = []
                for res in results:
                    n_events += len(res.events)
                    batch.append(res)
                    if len(batch) >= 64:
                        store.add_many(batch)
                        batch = []
                store.add_many(batch)
        else:
            n_events = sum(len(r.events) for r in results)
    elapsed = time.perf_counter() - t0
    mem.stop()
    return {"mode": mode, "n_process": n_process, "articles": len(articles), "words": words,
            "events": n_events, "seconds": round(elapsed, 2),
            "articles_per_s": round(len(articles) / elapsed, 2), "words_per_s": round(words / elapsed),
            "peak_rss_mb": round(mem.rss / 1024), "peak_pss_mb": round(mem.pss / 1024)}


# -- driver ---------------------------------------------------------------------
def _table(results: list[dict], n: int) -> str:
    ceiling = {r["n_process"]: r["articles_per_s"] for r in results if r["mode"] == "spacy"}
    lines = [
        f"Measured {dt.date.today().isoformat()} at commit `{git_commit()}` on {os.cpu_count()} cores with "
        f"`python benchmarks/bench_throughput.py --articles {n}` ({n} articles of "
        f"{results[0]['words'] / max(results[0]['articles'], 1):.0f} words on average).",
        "",
        "| stage | processes | articles/s | words/s | 700-word articles/s | share of spaCy-only | peak RSS MB | peak PSS MB | events |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        share = r["articles_per_s"] / ceiling[r["n_process"]] if ceiling.get(r["n_process"]) else None
        share_s = "—" if r["mode"] == "spacy" or share is None else f"{share:.0%}"
        lines.append(f"| {r['mode']} | {r['n_process']} | {r['articles_per_s']} | {r['words_per_s']} "
                     f"| {r['words_per_s'] / 700:.1f} | {share_s} "
                     f"| {r['peak_rss_mb']} | {r['peak_pss_mb']} | {r['events']} |")
    lines += ["", "Targets (issue 2): ingest ≥ 10 articles/s of ~700 words with 2 processes, ≥ 75% of the "
              "spaCy-only ceiling, peak memory ≤ 1.5 GB. The stages after parsing are what dyad controls, so "
              "the share of the spaCy-only rate on the same machine is the figure to compare across machines. "
              "Times include loading the pipeline in every process. RSS counts pages shared between worker "
              "processes once per process; PSS counts them once."]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=500)
    parser.add_argument("--processes", default="1,2")
    parser.add_argument("--modes", default="spacy,extract,ingest")
    parser.add_argument("--no-write", action="store_true")
    parser.add_argument("--one", nargs=3, metavar=("MODE", "N_PROCESS", "CORPUS"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run_one(args.one[0], int(args.one[1]), args.one[2])))
        return
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as fh:
        for row in build_corpus(args.articles):
            fh.write(json.dumps(row) + "\n")
        corpus = fh.name
    results = []
    for mode in args.modes.split(","):
        for n in (int(x) for x in args.processes.split(",")):
            out = subprocess.run([sys.executable, __file__, "--one", mode, str(n), corpus],
                                 capture_output=True, text=True)
            if out.returncode != 0:
                sys.exit(f"{mode} n_process={n} failed:\n{out.stderr[-2000:]}")
            res = json.loads(out.stdout.strip().splitlines()[-1])
            print(f"{mode:8s} n_process={n}  {res['articles_per_s']:7.2f} articles/s  "
                  f"{res['words_per_s']:7d} words/s  peak RSS {res['peak_rss_mb']} MB  PSS {res['peak_pss_mb']} MB")
            results.append(res)
    os.unlink(corpus)
    if not args.no_write:
        write_section("bench", "Throughput and memory", _table(results, args.articles))
        print("wrote BENCHMARKS.md")


if __name__ == "__main__":
    main()

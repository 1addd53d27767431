"""Cost of actor resolution: knowledge loading, resolving, the entity ruler; written to BENCHMARKS.md.

    .venv/bin/python benchmarks/bench_actors.py [--repeat 3] [--runs 3] [--no-write]

Three figures, each measured in a fresh subprocess so that nothing is cached:

* **knowledge load**: ``load_knowledge()`` on our files, cold (modules imported first, so
  the figure is reading, validating and indexing the YAML), median of ``--runs``
  processes; plus the coder's title and institution indexes, built on first use.
* **resolution on/off**: the demo corpus, repeated ``--repeat`` times, is parsed once; the
  stages after parsing (events, quotes, times, places) then run over the same parsed
  documents with the actor coder as shipped and with ``ActorCoder.code`` replaced by a stub
  that returns the bare mention (the switch exists only in this script). The two are
  timed alternately, ``--runs`` times each, and the medians compared; the overhead is
  given on the stages alone and on the whole extraction (parse + stages).
* **entity ruler on/off**: the same, in one process with ``DYAD_ENTITY_RULER=1`` and one
  with ``=0`` (the setting is read when the pipeline is loaded); the ruler's cost is in
  the parse.

Targets (issue 4): the knowledge files load in < 1 s; resolving adds < 15% to
extraction time.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from _report import git_commit, write_section

ROOT = Path(__file__).resolve().parent.parent


# -- measurements (each in its own process) ---------------------------------------
def measure_load() -> dict:
    import dyad.resolve.actors.coder as coder_mod  # noqa: F401  (imports are not the figure)
    from dyad.resolve.actors.knowledge import load_knowledge

    t0 = time.perf_counter()
    kb = load_knowledge()
    load = time.perf_counter() - t0
    coder = coder_mod.ActorCoder(kb)
    t0 = time.perf_counter()
    coder._offices()
    coder._institutions()
    indexes = time.perf_counter() - t0
    return {"load_s": load, "indexes_s": indexes, "people": len(kb.people), "orgs": len(kb.orgs),
            "aliases": len(kb.org_by_alias) + len(kb.people_by_alias)}


def _corpus(repeat: int) -> list:
    from importlib import resources

    from dyad.ingest import parse_published
    from dyad.model import Article

    path = resources.files("dyad") / "data" / "demo" / "articles.jsonl"
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [Article(id=f"{r['id']}-{k}", text=r["text"], title=r.get("title"),
                    published=parse_published(r.get("published")))
            for k in range(repeat) for r in rows]


def _stub_code(self, span, head, offset, when, memory):  # type: ignore[no-untyped-def]
    """Resolution off: the mention as written, with no name, country or sector."""
    from dyad.model import ActorRef

    start = offset + span.start_char
    return ActorRef(text=span.text, start=start, end=start + len(span.text))


def measure_extract(repeat: int, runs: int) -> dict:
    from dyad.pipeline import Pipeline
    from dyad.resolve.actors.coder import ActorCoder

    pipeline = Pipeline()
    articles = _corpus(repeat)
    items = pipeline.parse_inputs(articles)
    list(pipeline.nlp.pipe(items[:50], as_tuples=True, batch_size=pipeline.batch_size))  # warm up
    t0 = time.perf_counter()
    grouped: dict[int, list] = {i: [] for i in range(len(articles))}
    for doc, (i, seg) in pipeline.nlp.pipe(items, as_tuples=True, batch_size=pipeline.batch_size):
        grouped[i].append((doc, seg))
    parse = time.perf_counter() - t0

    real = ActorCoder.code

    def stages() -> tuple[float, int]:
        t = time.perf_counter()
        n = sum(len(pipeline._article(art, grouped[i]).events) for i, art in enumerate(articles))
        return time.perf_counter() - t, n

    stages()  # warm up: the coder's indexes, the gazetteer, lexicon caches
    on, off = [], []
    events_on = events_off = 0
    for _ in range(runs):
        ActorCoder.code = real
        seconds, events_on = stages()
        on.append(seconds)
        ActorCoder.code = _stub_code
        seconds, events_off = stages()
        off.append(seconds)
    ActorCoder.code = real
    words = sum(len(a.text.split()) for a in articles)
    return {"articles": len(articles), "words": words, "parse_s": parse,
            "stages_on_s": statistics.median(on), "stages_off_s": statistics.median(off),
            "events_on": events_on, "events_off": events_off}


# -- driver -------------------------------------------------------------------------
def _child(args: list[str], env: dict[str, str] | None = None) -> dict:
    out = subprocess.run([sys.executable, __file__, *args], capture_output=True, text=True,
                         env={**os.environ, **(env or {})}, cwd=ROOT)
    if out.returncode != 0:
        sys.exit(f"{' '.join(args)} failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def _pct(a: float, b: float) -> str:
    return f"{(a - b) / b:+.1%}" if b else "n/a"


def report(loads: list[dict], ruler_on: dict, ruler_off: dict, repeat: int, runs: int) -> str:
    load = statistics.median(r["load_s"] for r in loads)
    indexes = statistics.median(r["indexes_s"] for r in loads)
    on, off = ruler_on, ruler_off
    total_on = on["parse_s"] + on["stages_on_s"]
    total_off = on["parse_s"] + on["stages_off_s"]
    lines = [
        f"Measured {dt.date.today().isoformat()} at commit `{git_commit()}` (uncommitted changes included) on "
        f"{os.cpu_count()} cores with `python benchmarks/bench_actors.py --repeat {repeat} --runs {runs}`: "
        f"the demo corpus {repeat}× ({on['articles']} articles, {on['words']} words), one process.",
        "",
        "| figure | value | target |",
        "|---|---:|---|",
        f"| knowledge load, cold (median of {len(loads)} processes; {loads[0]['people']} people, "
        f"{loads[0]['orgs']} organisations, {loads[0]['aliases']} name keys) | {load:.3f} s | < 1 s |",
        f"| coder indexes built on first use (office titles, institutions) | {indexes:.3f} s | |",
        f"| parse (spaCy + entity ruler) | {on['parse_s']:.2f} s | |",
        f"| stages after parsing, resolution on | {on['stages_on_s']:.2f} s | |",
        f"| stages after parsing, resolution off (stub coder) | {on['stages_off_s']:.2f} s | |",
        f"| resolution overhead on the stages after parsing | {_pct(on['stages_on_s'], on['stages_off_s'])} | |",
        f"| resolution overhead on extraction (parse + stages) | {_pct(total_on, total_off)} | < 15% |",
        f"| parse with the entity ruler off | {off['parse_s']:.2f} s | |",
        f"| entity ruler overhead on the parse | {_pct(on['parse_s'], off['parse_s'])} | |",
        f"| entity ruler overhead on extraction (resolution on) | "
        f"{_pct(total_on, off['parse_s'] + off['stages_on_s'])} | |",
        "",
        f"Events found: {on['events_on']} with resolution, {on['events_off']} with the stub (an uncoded "
        "argument can change which candidate events are kept, so the two runs may do slightly different "
        "work). Stage times are medians of alternating runs over the same parsed documents; each parse is "
        "timed once per process, so a difference of a few percent between the ruler settings is noise.",
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="copies of the demo corpus (64 articles each)")
    parser.add_argument("--runs", type=int, default=3, help="load processes; timed runs of each stage setting")
    parser.add_argument("--no-write", action="store_true")
    parser.add_argument("--load", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--extract", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.load:
        print(json.dumps(measure_load()))
        return
    if args.extract:
        print(json.dumps(measure_extract(args.repeat, args.runs)))
        return
    loads = [_child(["--load"]) for _ in range(args.runs)]
    for r in loads:
        print(f"knowledge load {r['load_s']:.3f} s   coder indexes {r['indexes_s']:.3f} s")
    common = ["--extract", "--repeat", str(args.repeat), "--runs", str(args.runs)]
    ruler_on = _child(common, {"DYAD_ENTITY_RULER": "1"})
    ruler_off = _child(common, {"DYAD_ENTITY_RULER": "0"})
    for name, r in (("ruler on ", ruler_on), ("ruler off", ruler_off)):
        print(f"{name}: parse {r['parse_s']:.2f} s   stages: resolution on {r['stages_on_s']:.2f} s, "
              f"off {r['stages_off_s']:.2f} s ({_pct(r['stages_on_s'], r['stages_off_s'])})")
    text = report(loads, ruler_on, ruler_off, args.repeat, args.runs)
    print(text)
    if not args.no_write:
        write_section("actors", "Actor resolution", text, before="Dashboard")
        print("wrote BENCHMARKS.md")


if __name__ == "__main__":
    main()

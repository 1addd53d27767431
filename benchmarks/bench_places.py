"""Gazetteer load time and memory (issue 6: load < 2 s, < 400 MB RSS).

    .venv/bin/python benchmarks/bench_places.py [--runs 3]

Each run is a fresh Python process that loads the cached gazetteer index (built
first, once, if missing) and reports the seconds to load it and the process's
peak RSS, with and without the actor knowledge the place resolver also reads.
Prints the median of the runs.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys

PROBE = r"""
import json, resource, sys, time
t0 = time.perf_counter()
from dyad.resolve.places.gazetteer import gazetteer
g = gazetteer()
t1 = time.perf_counter()
if sys.argv[1] == "with-knowledge":
    from dyad.resolve.actors.knowledge import load_knowledge
    load_knowledge()
t2 = time.perf_counter()
print(json.dumps({"index_s": t1 - t0, "total_s": t2 - t0,
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def probe(mode: str) -> dict[str, float]:
    out = subprocess.run([sys.executable, "-c", PROBE, mode], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    probe("index-only")  # builds the cache if it is missing; not timed
    for mode in ("index-only", "with-knowledge"):
        runs = [probe(mode) for _ in range(args.runs)]
        med = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
        print(f"{mode}: gazetteer index {med['index_s']:.2f} s, ready {med['total_s']:.2f} s, "
              f"peak RSS {med['rss_mb']:.0f} MB (median of {args.runs})")
    print("targets: load < 2 s, < 400 MB RSS")


if __name__ == "__main__":
    main()

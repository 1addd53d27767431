"""Gazetteer load time and memory (issue 6: load < 2 s, < 400 MB RSS).

    .venv/bin/python benchmarks/bench_places.py [--runs 3]

Each run is a fresh Python process that loads the cached gazetteer index (built
first, once, if missing) and reports the seconds to load it and the process's
peak RSS. Prints the median of the runs and writes it to BENCHMARKS.md.
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
g = gazetteer()  # reads the actor knowledge's country names too
t1 = t2 = time.perf_counter()
print(json.dumps({"index_s": t1 - t0, "total_s": t2 - t0,
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def probe(mode: str) -> dict[str, float]:
    out = subprocess.run([sys.executable, "-c", PROBE, mode], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--no-write", action="store_true", help="print only; leave BENCHMARKS.md alone")
    args = ap.parse_args()
    probe("index-only")  # builds the cache if it is missing; not timed
    runs = [probe("index-only") for _ in range(args.runs)]
    med = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
    line = (f"Gazetteer ready in {med['total_s']:.2f} s in a fresh process (cached index), peak RSS "
            f"{med['rss_mb']:.0f} MB (median of {args.runs}); targets (issue 6): load < 2 s, < 400 MB RSS.")
    print(line)
    if not args.no_write:
        from _report import provenance, write_section

        write_section("places", "Gazetteer", provenance(f"python benchmarks/bench_places.py --runs {args.runs}")
                      + " " + line, before="Dashboard")
        print("wrote BENCHMARKS.md")


if __name__ == "__main__":
    main()

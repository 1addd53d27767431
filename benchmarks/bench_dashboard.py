"""How long the dashboard's first view (the timeline) takes to render on the demo store.

    .venv/bin/python benchmarks/bench_dashboard.py                 # builds the demo store first
    .venv/bin/python benchmarks/bench_dashboard.py --db demo.duckdb --runs 10
    .venv/bin/python benchmarks/bench_dashboard.py --screenshots docs/img

Measures, in headless Chromium (Debian's, through Playwright), the time from
navigation to the moment every request of the view has been answered and drawn
(``body[data-ready=true]``), over fresh browser contexts (cold cache).
"""

from __future__ import annotations

import argparse
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
VIEWS = {"timeline": "view=timeline", "map": "view=map", "network": "view=network", "events": "view=events",
         "article": "view=article&article=demo-001"}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(db: str) -> tuple[object, str]:
    import uvicorn

    from dyad.api import create_app

    port = free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning"))
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    return server, f"http://127.0.0.1:{port}"


def demo_store(where: Path) -> str:
    db = where / "demo.duckdb"
    subprocess.run([sys.executable, "-c", "from dyad.cli import main; main()", "demo", "--db", str(db)], check=True,
                   stdout=subprocess.DEVNULL)
    return str(db)


def render_time(browser: object, url: str) -> float:
    context = browser.new_context(viewport={"width": 1280, "height": 860})
    page = context.new_page()
    start = time.perf_counter()
    page.goto(url)
    page.wait_for_selector("body[data-ready=true]", timeout=30000)
    elapsed = time.perf_counter() - start
    context.close()
    return elapsed


def screenshots(browser: object, base: str, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": 1280, "height": 860})
    page = context.new_page()
    for name, query in VIEWS.items():
        page.goto(f"{base}/?{query}")
        page.wait_for_selector("body[data-ready=true]", timeout=30000)
        page.wait_for_timeout(300)
        page.screenshot(path=str(out / f"dashboard-{name}.png"))
        print(f"wrote {out / f'dashboard-{name}.png'}")
    context.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="store to serve (default: build the demo store in a temporary directory)")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    parser.add_argument("--screenshots", metavar="DIR", help="also save a PNG of every view here")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or demo_store(Path(tmp))
        server, base = start_server(db)
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=args.chromium, args=CHROMIUM_ARGS)
            times = [render_time(browser, f"{base}/?view=timeline") for _ in range(args.runs)]
            print(f"first view (timeline) render: median {statistics.median(times) * 1000:.0f} ms, "
                  f"min {min(times) * 1000:.0f} ms, max {max(times) * 1000:.0f} ms over {args.runs} runs")
            if args.screenshots:
                screenshots(browser, base, Path(args.screenshots))
            browser.close()
        server.should_exit = True


if __name__ == "__main__":
    main()

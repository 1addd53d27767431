"""Shared by the benchmark scripts: write a section of BENCHMARKS.md between markers."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def git_commit() -> str:
    try:
        return subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                              text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def provenance(command: str) -> str:
    """ "Measured <date> at commit `<sha>` on <n> cores with `<command>`." """
    return (f"Measured {dt.date.today().isoformat()} at commit `{git_commit()}` on {os.cpu_count()} cores "
            f"with `{command}`.")


def write_section(name: str, heading: str, body: str, *, before: str | None = None) -> None:
    """Replace the block between ``<!-- name:start -->`` and ``<!-- name:end -->`` in
    BENCHMARKS.md; without the markers, add ``## heading`` and the block (before the
    section headed ``before`` when given, else at the end)."""
    path = ROOT / "BENCHMARKS.md"
    start, end = f"<!-- {name}:start -->", f"<!-- {name}:end -->"
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    block = f"{start}\n{body}\n{end}"
    if start in text and end in text:
        head, rest = text.split(start, 1)
        text = head + block + rest.split(end, 1)[1]
    else:
        section = f"## {heading}\n\n{block}\n\n"
        marker = f"## {before}" if before else None
        if marker and marker in text:
            text = text.replace(marker, section + marker, 1)
        else:
            text = text.rstrip() + "\n\n" + section
    path.write_text(text, encoding="utf-8")

"""A suite's result: metrics with their published anchors, worst cases, JSON, a rich
table, and the results section of BENCHMARKS.md."""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.table import Table

__all__ = [
    "Metric", "Case", "SuiteReport", "git_commit", "write_json", "render_table",
    "render_errors", "update_benchmarks", "START_MARK", "END_MARK",
]

START_MARK = "<!-- eval:start -->"
END_MARK = "<!-- eval:end -->"


@dataclass(slots=True)
class Metric:
    name: str
    value: float | int | str | None
    #: the published figure to compare with, with where it comes from
    anchor: str | None = None
    #: how many items the figure is computed over
    n: int | None = None

    def formatted(self) -> str:
        if self.value is None:
            return "n/a"
        if isinstance(self.value, float):
            return f"{self.value:.3f}" if abs(self.value) < 100 else f"{self.value:.1f}"
        return str(self.value)


@dataclass(slots=True)
class Case:
    """One scored record for error analysis; ``loss`` orders the worst first."""

    text: str
    expected: Any
    predicted: Any
    loss: float = 1.0
    id: str | None = None


@dataclass(slots=True)
class SuiteReport:
    suite: str
    records: int = 0
    skipped: int = 0
    skip_reasons: dict[str, int] = field(default_factory=dict)
    metrics: list[Metric] = field(default_factory=list)
    details: dict[str, Any] = field(default_factory=dict)
    cases: list[Case] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    # filled by the runner
    date: str = ""
    commit: str = ""
    command: str = ""
    data: str = ""
    limit: int | None = None
    seconds: float = 0.0

    def add(self, name: str, value: float | int | str | None, anchor: str | None = None,
            n: int | None = None) -> None:
        self.metrics.append(Metric(name, value, anchor, n))

    def metric(self, name: str) -> Metric | None:
        return next((m for m in self.metrics if m.name == name), None)

    def worst(self, n: int) -> list[Case]:
        return sorted(self.cases, key=lambda c: -c.loss)[:n]

    def to_dict(self, max_cases: int = 50) -> dict[str, Any]:
        d = {k: v for k, v in asdict(self).items() if k != "cases"}
        d["metrics"] = [asdict(m) for m in self.metrics]
        d["worst_cases"] = [asdict(c) for c in self.worst(max_cases)]
        return d


def git_commit(root: Path) -> str:
    """Short commit of the checkout (read-only git call), or "unknown"."""
    try:
        out = subprocess.run(["git", "-C", str(root), "rev-parse", "--short", "HEAD"],
                             capture_output=True, text=True, timeout=10, check=False)
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    return out.stdout.strip() or "unknown"


def write_json(report: SuiteReport, path: Path, max_cases: int = 50) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(report.to_dict(max_cases), indent=2, ensure_ascii=False, default=str) + "\n",
                    encoding="utf-8")


def render_table(report: SuiteReport, console: Console) -> None:
    title = f"dyad eval {report.suite} — {report.records} records"
    if report.skipped:
        title += f", {report.skipped} skipped"
    table = Table(title=title, title_justify="left")
    table.add_column("metric")
    table.add_column("value", justify="right")
    table.add_column("n", justify="right", style="dim")
    table.add_column("anchor", style="dim")
    for m in report.metrics:
        table.add_row(escape(m.name), m.formatted(), "" if m.n is None else str(m.n), escape(m.anchor or ""))
    console.print(table)
    for note in report.notes:
        console.print(f"[dim]note: {escape(note)}[/dim]")


def _short(value: Any, width: int = 160) -> str:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def render_errors(report: SuiteReport, n: int, console: Console) -> None:
    cases = report.worst(n)
    if not cases:
        console.print("no error cases recorded")
        return
    console.rule(f"{len(cases)} worst cases")
    for c in cases:
        console.print(f"[bold]{escape(c.id or '')}[/bold] {escape(_short(c.text, 300))}", highlight=False)
        console.print(f"  expected:  {_short(c.expected)}", markup=False, highlight=False)
        console.print(f"  predicted: {_short(c.predicted)}", markup=False, highlight=False)


def _cell(text: str) -> str:
    """A markdown table cell: a literal "|" would split the cell."""
    return text.replace("|", "\\|")


def _markdown_section(reports: list[SuiteReport], skipped: dict[str, str]) -> str:
    lines = [START_MARK, "", f"_Written by `dyad eval all` on {dt.date.today().isoformat()}; "
             "everything between the markers is regenerated._", ""]
    for r in reports:
        lines += [f"### {r.suite}", "",
                  f"- date: {r.date} · commit: `{r.commit}` · records: {r.records}"
                  + (f" ({r.skipped} skipped)" if r.skipped else ""),
                  f"- command: `{r.command}`", "",
                  "| metric | value | n | published anchor |", "|---|---:|---:|---|"]
        for m in r.metrics:
            lines.append(f"| {_cell(m.name)} | {_cell(m.formatted())} | {'' if m.n is None else m.n} "
                         f"| {_cell(m.anchor or '')} |")
        for note in r.notes:
            lines.append(f"\n_{note}_")
        lines.append("")
    if skipped:
        lines += ["### not run", ""] + [f"- {s}: {why}" for s, why in skipped.items()] + [""]
    lines.append(END_MARK)
    return "\n".join(lines)


def update_benchmarks(path: Path, reports: list[SuiteReport], skipped: dict[str, str]) -> None:
    """Rewrite the text between the eval markers of ``path``; the rest is untouched.

    Creates the file (a heading and the markers) when absent; appends the markers
    when the file exists without them.
    """
    section = _markdown_section(reports, skipped)
    if path.exists():
        text = path.read_text(encoding="utf-8")
    else:
        text = "# Benchmarks\n\n## Evaluation results\n\n"
    pattern = re.compile(re.escape(START_MARK) + r".*?" + re.escape(END_MARK), re.S)
    if pattern.search(text):
        text = pattern.sub(lambda _m: section, text, count=1)
    else:
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    path.write_text(text if text.endswith("\n") else text + "\n", encoding="utf-8")

"""``dyad eval SUITE``: score dyad on a reference data set and write a JSON report.

Registered lazily by the CLI group as ``eval``. ``dyad eval all`` runs every suite
that has data (capped per suite, see :mod:`dyad.eval.registry`) and rewrites the
results section of BENCHMARKS.md.
"""

from __future__ import annotations

import shlex
from collections.abc import Callable
from pathlib import Path

import click
from rich.console import Console
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
)

from ..errors import DyadError, EvalError
from ..settings import checkout_root

__all__ = ["eval_command"]


def _command_line(suite: str, data: str | None, limit: int | None, errors: int) -> str:
    parts = ["dyad", "eval", suite]
    if data:
        parts += ["--data", data]
    if limit is not None:
        parts += ["--limit", str(limit)]
    if errors:
        parts += ["--errors", str(errors)]
    return shlex.join(parts)


@click.command("eval")
@click.argument("suite", metavar="SUITE")
@click.option("--data", "data", type=click.Path(file_okay=False), default=None,
              help="Evaluation data directory (default: $DYAD_EVAL_DATA, else ../shared/data beside the checkout).")
@click.option("--limit", type=click.IntRange(min=0), default=None,
              help="Records per suite (0 = all). Default: all for one suite; a per-suite cap for 'all'.")
@click.option("--out", type=click.Path(dir_okay=True), default=None,
              help="JSON report file (default eval-reports/SUITE.json); a directory for 'all'.")
@click.option("--errors", "n_errors", type=click.IntRange(min=0), default=0,
              help="Print the N worst cases (text, expected, predicted).")
@click.option("--benchmarks", type=click.Path(dir_okay=False), default=None, hidden=True,
              help="BENCHMARKS.md to update for 'all' (default: the checkout's).")
def eval_command(suite: str, data: str | None, limit: int | None, out: str | None, n_errors: int,
                 benchmarks: str | None) -> None:
    """Score dyad on SUITE (plover-gsr, plv, acled, gtd, geo-lgl, geo-geovirus, factuality, quotes,
    timex-tbaq, cameo-ner, demo) or on 'all' suites that have data."""
    from ..eval import common, registry, report

    console = Console()
    err_console = Console(stderr=True)
    root = common.data_dir(data)
    commit = report.git_commit(checkout_root())

    def run(name: str, lim: int | None, out_path: Path) -> report.SuiteReport:
        with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                      TimeElapsedColumn(), console=err_console, transient=True,
                      disable=not err_console.is_terminal) as bar:
            def on_start(suite_name: str, total: int) -> Callable[[int], None]:
                task = bar.add_task(suite_name, total=total)
                return lambda n: bar.advance(task, n)

            rep = registry.run_suite(name, root, lim, on_start)
        rep.commit = commit
        rep.command = _command_line(name, data, lim, 0)
        report.write_json(rep, out_path, max_cases=max(50, n_errors))
        report.render_table(rep, console)
        if n_errors:
            report.render_errors(rep, n_errors, console)
        console.print(f"[dim]report: {escape(str(out_path))}[/dim]")
        return rep

    try:
        if suite != "all":
            registry.get_suite(suite)
            run(suite, limit, Path(out) if out else Path("eval-reports") / f"{suite}.json")
            return
        out_dir = Path(out) if out else Path("eval-reports")
        done: list[report.SuiteReport] = []
        skipped: dict[str, str] = {}
        for name, spec in registry.SUITES.items():
            if registry.data_for(spec, root) is None:
                console.print(f"[yellow]skip {name}: no data[/yellow]")
                skipped[name] = "no data"
                continue
            lim = spec.cap if limit is None else limit
            try:
                done.append(run(name, lim or None, out_dir / f"{name}.json"))
            except EvalError as exc:
                console.print(f"[yellow]skip {name}: {escape(str(exc))}[/yellow]")
                skipped[name] = str(exc)
        bench = Path(benchmarks) if benchmarks else checkout_root() / "BENCHMARKS.md"
        report.update_benchmarks(bench, done, skipped)
        console.print(f"[dim]results written to {escape(str(bench))}[/dim]")
    except DyadError as exc:
        # same one-line form and exit code as the dyad group, also when run on its own
        click.echo(f"dyad: error: {exc}", err=True)
        raise SystemExit(2) from None

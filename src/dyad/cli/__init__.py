"""The `dyad` command line. One module per command; each is a thin wrapper over
importable functions (``dyad.ingest``, ``dyad.pipeline``, ``dyad.store``).

Commands are imported only when used, so `dyad --help` and shell completion stay
fast (no spaCy, DuckDB or pandas import until a command needs them).

Edges live here: every :class:`~dyad.errors.DyadError` becomes one line on
stderr ("dyad: error: [E###] ...") and exit code 2; Ctrl-C exits 130 quietly.
"""

from __future__ import annotations

import importlib
import importlib.util
import os
import sys

import click

from dyad import __version__
from dyad.errors import DyadError

__all__ = ["main", "COMMANDS", "EXIT_ERROR", "EXIT_NOTHING_READ", "EXIT_INTERRUPTED"]

EXIT_NOTHING_READ = 1
EXIT_ERROR = 2
EXIT_INTERRUPTED = 130

#: command name -> "module:attribute" of its click command
COMMANDS: dict[str, str] = {
    "extract": "dyad.cli.extract_cmd:extract",
    "ingest": "dyad.cli.ingest_cmd:ingest",
    "events": "dyad.cli.events_cmd:events",
    "export": "dyad.cli.export_cmd:export",
    "show": "dyad.cli.show_cmd:show",
    "demo": "dyad.cli.demo_cmd:demo",
    "settings": "dyad.cli.settings_cmd:settings_command",
    "actors": "dyad.cli.actors_cmd:actors_command",
}

# Written separately; registered only when its module is present.
_OPTIONAL: dict[str, str] = {
    "eval": "dyad.cli.eval_cmd:eval_command",
    "times": "dyad.cli.times_cmd:times_command",
    "places": "dyad.cli.places_cmd:places_command",
    "quotes": "dyad.cli.quotes_cmd:quotes_command",
    "serve": "dyad.cli.serve_cmd:serve_command",
}


def _module_exists(target: str) -> bool:
    module = target.split(":", 1)[0]
    try:
        return importlib.util.find_spec(module) is not None
    except ImportError:
        return False


class DyadGroup(click.Group):
    """A group that loads its commands lazily and turns dyad errors into one line."""

    def _targets(self) -> dict[str, str]:
        targets = dict(COMMANDS)
        targets.update({name: t for name, t in _OPTIONAL.items() if _module_exists(t)})
        return targets

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(self._targets()) | set(self.commands))

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in self.commands:
            return self.commands[cmd_name]
        target = self._targets().get(cmd_name)
        if target is None:
            return None
        module, attr = target.split(":", 1)
        if cmd_name in COMMANDS:
            return getattr(importlib.import_module(module), attr)
        try:
            return getattr(importlib.import_module(module), attr)
        except (ImportError, AttributeError) as err:
            # A broken optional command must not take `dyad --help` or the others down.
            click.echo(f"dyad: warning: `dyad {cmd_name}` is unavailable: {err}", err=True)
            return None

    def invoke(self, ctx: click.Context) -> object:
        import warnings

        warnings.showwarning = _one_line_warning
        try:
            return super().invoke(ctx)
        except DyadError as err:
            click.echo(f"dyad: error: {err}", err=True)
            ctx.exit(EXIT_ERROR)
        except KeyboardInterrupt:
            click.echo("", err=True)
            ctx.exit(EXIT_INTERRUPTED)
        except BrokenPipeError:
            # `dyad events --format jsonl | head`: the reader left; stop quietly.
            _silence_stdout()
            ctx.exit(0)
        return None


def _one_line_warning(message: Warning | str, category: type[Warning], filename: str, lineno: int,
                      file: object = None, line: str | None = None) -> None:
    """Warnings (a stage that failed on one article) as one line on stderr, never a traceback."""
    click.echo(f"dyad: warning: {message}", err=True)


def _silence_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass  # not a real file descriptor (e.g. under a test runner)


@click.group(cls=DyadGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="dyad")
def main() -> None:
    """dyad: English news in, coded political events out (who did what to whom, when, where).

    Start with `dyad demo`, then `dyad events --type ASSAULT` and `dyad show ID`.
    """

"""`dyad settings`: every setting, where it comes from, its value."""

from __future__ import annotations

import click

from ._common import stdout_console


@click.command("settings", short_help="Print every setting and its value.")
def settings_command() -> None:
    """Print every setting: name, environment variable, current value and help.

    \b
    DYAD_DB=news.duckdb dyad settings
    """
    from rich.table import Table

    from dyad import settings

    table = Table(title="dyad settings (environment variable overrides the default)", header_style="bold")
    for name in ("name", "env", "value", "help"):
        table.add_column(name, overflow="fold")
    for setting in settings.SETTINGS.values():
        value = settings.get(setting.name)
        table.add_row(setting.name, setting.env, "(unset)" if value is None else value, setting.help)
    stdout_console().print(table)

"""docs/CLI.md documents every command and every option (docs by example)."""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest

from dyad.cli import COMMANDS, _OPTIONAL, main

DOC = Path(__file__).resolve().parents[2] / "docs" / "CLI.md"


def sections() -> dict[str, str]:
    """'## dyad NAME' heading -> its text."""
    text = DOC.read_text(encoding="utf-8")
    parts = re.split(r"^## `?dyad (\w+)`?.*$", text, flags=re.M)
    return {parts[i]: parts[i + 1] for i in range(1, len(parts) - 1, 2)}


@pytest.mark.parametrize("name", sorted(set(COMMANDS) | set(_OPTIONAL)))
def test_command_and_options_documented(name):
    doc = sections()
    assert name in doc, f"docs/CLI.md has no '## dyad {name}' section"
    section = doc[name]
    assert f"dyad {name}" in section, "each section shows a runnable example"
    ctx = click.Context(main)
    command = main.get_command(ctx, name)
    for param in command.params:
        if isinstance(param, click.Option):
            for opt in param.opts:
                if opt.startswith("--") and opt != "--help":
                    assert opt in section, f"{opt} of `dyad {name}` is not in docs/CLI.md"


def test_exit_codes_documented():
    text = DOC.read_text(encoding="utf-8")
    for code in ("130", "dyad: error:", "dyad: skipped"):
        assert code in text

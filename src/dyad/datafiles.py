"""dyad's own data files (``dyad/data/``): where they are and how YAML is read.

Every lexicon and knowledge loader reads through here, so all of them use the
fast C YAML loader when libyaml is present and find files the same way in a
checkout and in an installed package.
"""

from __future__ import annotations

from importlib import resources
from typing import Any

import yaml

__all__ = ["YAML_LOADER", "data_path", "parse_yaml", "read_yaml"]

try:  # the C loader is several times faster; fall back when libyaml is absent
    YAML_LOADER: Any = yaml.CSafeLoader
except AttributeError:  # pragma: no cover
    YAML_LOADER = yaml.SafeLoader


def data_path(*parts: str) -> Any:
    """A file or folder under ``dyad/data/`` (an importlib Traversable)."""
    path = resources.files("dyad") / "data"
    for part in parts:
        path = path / part
    return path


def parse_yaml(text: str) -> Any:
    return yaml.load(text, Loader=YAML_LOADER)


def read_yaml(*parts: str) -> Any:
    """The parsed YAML file ``dyad/data/<parts>``."""
    return parse_yaml(data_path(*parts).read_text(encoding="utf-8"))

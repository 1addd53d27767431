"""Every setting dyad reads, declared once: name, environment variable, default, help.

Precedence: explicit argument (CLI option / function argument) > environment
variable > default. ``dyad settings`` prints them all.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Setting", "SETTINGS", "get", "checkout_root", "cache_dir", "package_versions"]


@dataclass(frozen=True, slots=True)
class Setting:
    name: str
    env: str
    default: str | None
    help: str


SETTINGS: dict[str, Setting] = {
    s.name: s
    for s in (
        Setting("spacy_model", "DYAD_SPACY_MODEL", "en_core_web_md",
                "Installed spaCy pipeline (package name or path), e.g. en_core_web_lg, en_core_web_trf."),
        Setting("db", "DYAD_DB", "dyad.duckdb", "DuckDB database file used by ingest/events/export/show."),
        Setting("batch_size", "DYAD_BATCH_SIZE", "64", "Texts per spaCy nlp.pipe batch."),
        Setting("n_process", "DYAD_N_PROCESS", "1", "Worker processes for extraction (each loads the pipeline once)."),
        Setting("actors", "DYAD_ACTORS", None, "A user actor file (YAML/JSON) that adds to or overrides dyad's knowledge."),
        Setting("eval_data", "DYAD_EVAL_DATA", None, "Directory of evaluation data (default: ../shared/data beside the checkout)."),
        Setting("cache_dir", "DYAD_CACHE_DIR", None, "Where compiled indexes are cached (default: ~/.cache/dyad)."),
        Setting("max_chars", "DYAD_MAX_CHARS", "2000000", "Articles longer than this (characters) are skipped with a reason."),
        Setting("api_token", "DYAD_API_TOKEN", None, "Token that enables POST /articles on the API (off when unset)."),
        Setting("entity_ruler", "DYAD_ENTITY_RULER", "1",
                "1: tag the multi-word names of known actors after spaCy's NER (nlp/ruler.py); 0: NER only."),
    )
}


def get(name: str, override: object | None = None) -> str | None:
    """The value of a setting: ``override`` if given, else its environment variable, else its default."""
    if override is not None:
        return str(override)
    setting = SETTINGS[name]
    value = os.environ.get(setting.env)
    return value if value not in (None, "") else setting.default


def checkout_root() -> Path:
    """The repository root when running from a checkout (src layout), else the CWD."""
    here = Path(__file__).resolve()
    for parent in here.parents:
        if (parent / "pyproject.toml").is_file():
            return parent
    return Path.cwd()


def cache_dir() -> Path:
    """Where compiled indexes are cached: DYAD_CACHE_DIR, else ~/.cache/dyad."""
    return Path(get("cache_dir") or Path.home() / ".cache" / "dyad").expanduser()


def package_versions(*dists: str) -> str:
    """ "name=version;..." of installed distributions ("?" when missing): part of a
    cache key, so a cache built from another version of its inputs is rebuilt."""
    import importlib.metadata

    out = []
    for dist in dists:
        try:
            out.append(f"{dist}={importlib.metadata.version(dist)}")
        except importlib.metadata.PackageNotFoundError:
            out.append(f"{dist}=?")
    return ";".join(out)

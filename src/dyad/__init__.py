"""dyad: English news articles in, coded political events out.

    >>> import dyad
    >>> events = dyad.extract("Rebels attacked an army base near Goma on Sunday.", published="2023-03-14")
    >>> events[0].event_type
    'ASSAULT'

The public API is what ``__all__`` lists; everything else is internal.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = [
    "__version__",
    "extract", "pipe", "ArticleResult", "Store",
    "Article", "Event", "ActorRef", "EventDate", "Location", "Size", "Mention", "TimeValue", "Quote", "Skip",
    "DyadError", "read_inputs",
]

from .errors import DyadError
from .model import (
    ActorRef,
    Article,
    Event,
    EventDate,
    Location,
    Mention,
    Quote,
    Size,
    Skip,
    TimeValue,
)

if TYPE_CHECKING:  # pragma: no cover
    from .ingest import read_inputs
    from .pipeline import ArticleResult, extract, pipe
    from .store import Store

_LAZY = {
    "extract": ("pipeline", "extract"),
    "pipe": ("pipeline", "pipe"),
    "ArticleResult": ("pipeline", "ArticleResult"),
    "Store": ("store", "Store"),
    "read_inputs": ("ingest", "read_inputs"),
}


def __getattr__(name: str) -> Any:
    """Heavy modules (spaCy, DuckDB) load on first use, so `import dyad` stays fast."""
    if name in _LAZY:
        import importlib

        module, attr = _LAZY[name]
        return getattr(importlib.import_module(f".{module}", __name__), attr)
    raise AttributeError(f"module 'dyad' has no attribute {name!r}")

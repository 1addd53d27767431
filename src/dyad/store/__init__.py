"""Embedded DuckDB store of articles, events and their annotations.

    from dyad.store import Store
    with Store("dyad.duckdb") as db:
        db.add_many(results)
        db.events(actor="police", event_type="ASSAULT", since="2024-01-01")
"""

from __future__ import annotations

from .core import EXPORT_FORMATS, Store
from .flat import FLAT_COLUMNS, flatten
from .loader import LoadStats, load
from .migrations import LATEST, MIGRATIONS

__all__ = ["Store", "EXPORT_FORMATS", "FLAT_COLUMNS", "flatten", "load", "LoadStats", "MIGRATIONS", "LATEST"]

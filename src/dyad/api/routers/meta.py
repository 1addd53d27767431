"""GET /-/version and GET /health."""

from __future__ import annotations

from typing import Annotated, Any

import duckdb
import fastapi
from fastapi import APIRouter, Depends

from ... import __version__
from ...model import SCHEMA_VERSION
from ..deps import AppState, StoreDep, app_state

router = APIRouter(tags=["meta"])


@router.get("/-/version", summary="Versions of dyad, the record schema, the store and its libraries")
def version(store: StoreDep, state: Annotated[AppState, Depends(app_state)]) -> dict[str, Any]:
    return {"dyad": __version__, "record_schema": SCHEMA_VERSION, "store_schema": store.schema_version,
            "duckdb": duckdb.__version__, "fastapi": fastapi.__version__,
            "writable": bool(state.token)}


@router.get("/health", summary="Is the store readable? Counts of articles and events")
def health(store: StoreDep) -> dict[str, Any]:
    counts = store.counts()
    return {"status": "ok", "articles": counts["articles"], "events": counts["events"],
            "by_type": counts["by_type"]}

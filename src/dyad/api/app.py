"""The app factory: routers, error handlers, the store, and the dashboard."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI

from .. import __version__, settings
from ..store import Store
from .deps import AppState
from .errors import install_handlers
from .routers import actors, articles, events, meta, stats

__all__ = ["create_app"]

DESCRIPTION = """Political events coded from English news (PLOVER), read from a dyad DuckDB store.

Every error answers `{"error": {"code", "message", "status"}}`. Listings share the
event filters (actor, country, type, quad, status, since, until, bbox, q).
`POST /articles` needs `Authorization: Bearer $DYAD_API_TOKEN`.
"""


def create_app(db_path: str | Path | None = None, *, token: str | None = None,
               store: Store | None = None, dashboard: bool = True) -> FastAPI:
    """A FastAPI app over the store at ``db_path`` (default: the ``db`` setting).

    ``token`` (default: the ``api_token`` setting) enables ``POST /articles``; without
    one the store is opened read-only and writes are refused. ``store`` serves an
    already open store instead (tests).
    """
    token = settings.get("api_token", token)
    own = store is None
    if store is None:
        store = Store(db_path, read_only=not token)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        if own:
            store.close()

    app = FastAPI(title="dyad", version=__version__, description=DESCRIPTION, lifespan=lifespan,
                  docs_url="/docs", redoc_url=None)
    app.state.dyad = AppState(store=store, token=token or None)
    install_handlers(app)
    for module in (events, actors, articles, stats, meta):
        app.include_router(module.router)
    if dashboard:
        from ..web import mount

        mount(app)
    return app

"""dyad's REST API and dashboard (FastAPI).

    from dyad.api import create_app, serve
    app = create_app("dyad.duckdb")          # for uvicorn / TestClient
    serve(db="dyad.duckdb", port=8000)       # blocking; the dashboard is at /

Resources: /events, /events/{id}, /actors, /actors/{id}, /articles, /articles/{id},
/stats/timeline, /stats/dyads, /stats/locations, /-/version, /health; POST /articles
with the API token. See docs/API.md.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

__all__ = ["create_app", "serve"]


def create_app(db_path: str | Path | None = None, *, token: str | None = None, **kwargs: Any) -> Any:
    from .app import create_app as _create

    return _create(db_path, token=token, **kwargs)


def serve(db: str | Path | None = None, host: str = "127.0.0.1", port: int = 8000, *,
          token: str | None = None, log_level: str = "info") -> None:
    """Serve the API and dashboard until interrupted."""
    import uvicorn

    app = create_app(db, token=token)
    print(f"dyad: dashboard at http://{host}:{port}/  (API docs at /docs)", flush=True)
    uvicorn.run(app, host=host, port=port, log_level=log_level)

"""Serve the dashboard and the libraries it uses, from installed packages only.

Vendor assets come from XStatic packages (Leaflet, Leaflet.markercluster) and
from a package that ships Natural Earth country outlines, when installed. A
missing one is answered 404 in the API's error shape and the dashboard shows
the view without it.
"""

from __future__ import annotations

import importlib
from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles

from ..api.errors import ApiError

__all__ = ["VENDOR", "STATIC", "vendor_dir", "mount"]

STATIC = Path(__file__).parent / "static"

#: URL name -> module whose BASE_DIR holds the files (XStatic convention)
VENDOR: dict[str, str] = {
    "leaflet": "xstatic.pkg.leaflet",
    "markercluster": "xstatic.pkg.leaflet_markercluster",
}


def vendor_dir(name: str) -> Path | None:
    """Where an installed package keeps the files of ``name``; None when not installed."""
    try:
        module = importlib.import_module(VENDOR[name])
    except ImportError:
        return None
    base = getattr(module, "BASE_DIR", None)
    return Path(base) if base and Path(base).is_dir() else None


def _index() -> FileResponse:
    return FileResponse(STATIC / "index.html", media_type="text/html; charset=utf-8",
                        headers={"Cache-Control": "no-cache"})


def _missing(name: str):  # type: ignore[no-untyped-def]
    def handler(path: str) -> None:
        raise ApiError(404, f"{name} is not installed (pip install the package that provides it)",
                       code="asset_missing")
    return handler


def mount(app: FastAPI) -> None:
    """Add ``/`` (the dashboard), ``/static`` (ours) and ``/vendor/<lib>`` (installed packages)."""
    app.add_api_route("/", _index, include_in_schema=False, methods=["GET"])
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    for name in VENDOR:
        where = vendor_dir(name)
        if where is not None:
            app.mount(f"/vendor/{name}", StaticFiles(directory=where), name=f"vendor-{name}")
        else:
            app.add_api_route(f"/vendor/{name}/{{path:path}}", _missing(name), include_in_schema=False,
                              methods=["GET"])

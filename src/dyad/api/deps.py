"""Resources shared by the routers: the store (one read cursor per request), the
ingest token, and the event filters every listing accepts."""

from __future__ import annotations

import copy
import hmac
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Annotated, Any

from fastapi import Depends, Header, Query, Request

from ..store import Store
from .errors import ApiError

__all__ = ["AppState", "StoreDep", "FiltersDep", "EventFilters", "app_state", "read_store",
           "require_token", "split_values"]

QUADS = ("verbal_cooperation", "material_cooperation", "verbal_conflict", "material_conflict")


@dataclass
class AppState:
    """What one app serves: its store, its ingest token, and the lock that keeps
    ingests one at a time (reads never wait for it)."""

    store: Store
    token: str | None = None
    ingest_lock: threading.Lock = field(default_factory=threading.Lock)

    def view(self) -> Store:
        """The store on a cursor of its own: safe to use in this thread while
        another request reads or an ingest writes."""
        view = copy.copy(self.store)
        view._con = self.store._con.cursor()  # noqa: SLF001 - a per-request connection
        return view


def app_state(request: Request) -> AppState:
    return request.app.state.dyad


def read_store(state: Annotated[AppState, Depends(app_state)]) -> Iterator[Store]:
    view = state.view()
    try:
        yield view
    finally:
        view._con.close()  # noqa: SLF001


StoreDep = Annotated[Store, Depends(read_store)]


def require_token(state: Annotated[AppState, Depends(app_state)],
                  authorization: Annotated[str | None, Header()] = None) -> None:
    """Writes need ``Authorization: Bearer <DYAD_API_TOKEN>``; with no token
    configured they are switched off (403)."""
    if not state.token:
        raise ApiError(403, "writing is disabled: set DYAD_API_TOKEN (or api_token) to enable POST /articles",
                       code="writes_disabled")
    scheme, _, given = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not given:
        raise ApiError(401, "missing bearer token (Authorization: Bearer TOKEN)",
                       headers={"WWW-Authenticate": "Bearer"})
    if not hmac.compare_digest(given.strip().encode(), state.token.encode()):
        raise ApiError(401, "wrong token", headers={"WWW-Authenticate": "Bearer"})


def split_values(values: list[str] | None) -> list[str] | None:
    """Repeated and comma-separated query values, flattened: ?type=A,B&type=C."""
    if not values:
        return None
    out = [v.strip() for raw in values for v in raw.split(",") if v.strip()]
    return out or None


@dataclass(frozen=True)
class EventFilters:
    actor: str | None = None
    country: list[str] | None = None
    event_type: list[str] | None = None
    quad: list[str] | None = None
    status: list[str] | None = None
    since: str | None = None
    until: str | None = None
    bbox: tuple[float, float, float, float] | None = None
    q: str | None = None

    def store_filters(self) -> dict[str, Any]:
        """The filters :func:`dyad.store.core._where` understands."""
        return {"actor": self.actor, "country": self.country, "event_type": self.event_type,
                "status": self.status, "since": self.since, "until": self.until}


def _bbox(value: str | None) -> tuple[float, float, float, float] | None:
    if not value:
        return None
    parts = value.split(",")
    try:
        numbers = tuple(float(p) for p in parts)
    except ValueError:
        numbers = ()
    if len(numbers) != 4:
        raise ApiError(422, f"bbox: expected minlon,minlat,maxlon,maxlat, got {value!r}")
    minlon, minlat, maxlon, maxlat = numbers
    if not (-180 <= minlon <= 180 and -180 <= maxlon <= 180 and -90 <= minlat <= maxlat <= 90):
        raise ApiError(422, f"bbox: out of range or min > max: {value!r}")
    return minlon, minlat, maxlon, maxlat


def _quads(values: list[str] | None) -> list[str] | None:
    quads = split_values(values)
    for quad in quads or ():
        if quad.lower() not in QUADS:
            raise ApiError(422, f"quad: expected one of {', '.join(QUADS)}, got {quad!r}")
    return [q.lower() for q in quads] if quads else None


def event_filters(
    actor: Annotated[str | None, Query(description="Actor or recipient text/name contains this (any case)")] = None,
    country: Annotated[list[str] | None, Query(description="Actor or recipient country, ISO-3 (repeat or comma-separate)")] = None,
    type: Annotated[list[str] | None, Query(description="PLOVER event type(s), e.g. ASSAULT")] = None,  # noqa: A002
    quad: Annotated[list[str] | None, Query(description="Quad class(es): " + ", ".join(QUADS))] = None,
    status: Annotated[list[str] | None, Query(description="asserted, negated, conditional, speculative, future")] = None,
    since: Annotated[str | None, Query(description="Events ending on or after (YYYY[-MM[-DD]])")] = None,
    until: Annotated[str | None, Query(description="Events starting on or before (YYYY[-MM[-DD]])")] = None,
    bbox: Annotated[str | None, Query(description="minlon,minlat,maxlon,maxlat")] = None,
    q: Annotated[str | None, Query(description="Text contained in the event's sentence (any case)")] = None,
) -> EventFilters:
    return EventFilters(actor=actor or None, country=split_values(country), event_type=split_values(type),
                        quad=_quads(quad), status=split_values(status), since=since or None,
                        until=until or None, bbox=_bbox(bbox), q=q or None)


FiltersDep = Annotated[EventFilters, Depends(event_filters)]

"""GET /actors and GET /actors/{id}: actors aggregated from the events' actors and
recipients (the store keeps no actor table; an actor is its knowledge-base id,
else its name and country)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Query

from ...store import Store
from ..deps import EventFilters, FiltersDep, StoreDep, split_values
from ..errors import ApiError
from ..queries import ACTOR_ID, ACTOR_KEY, ACTOR_LABEL, FROM, query, where

router = APIRouter(tags=["actors"])

_COLUMNS = ("id", "name", "country", "sector", "kind", "aliases", "events", "as_actor", "as_recipient",
            "first", "last")


def _iso(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


def _aggregate(store: Store, filters: EventFilters, having: str = "", having_params: list[Any] | None = None,
               tail: str = "", tail_params: list[Any] | None = None) -> list[dict[str, Any]]:
    """One row per actor over the events that match ``filters``."""
    ev_where, params = where(filters)
    sql = (
        f"WITH ev AS (SELECT e.id, e.date_start {FROM} {ev_where}) "
        f"SELECT {ACTOR_ID} AS id, mode({ACTOR_LABEL}) AS name, mode(x.country) AS country, "
        "mode(x.sector) AS sector, mode(x.kind) AS kind, list_sort(list(DISTINCT x.text)) AS aliases, "
        "count(DISTINCT x.event_id) AS events, "
        "count(DISTINCT x.event_id) FILTER (WHERE x.role = 'actor') AS as_actor, "
        "count(DISTINCT x.event_id) FILTER (WHERE x.role = 'recipient') AS as_recipient, "
        "min(ev.date_start) AS first, max(ev.date_start) AS last "
        f"FROM event_actors x JOIN ev ON ev.id = x.event_id GROUP BY {ACTOR_KEY} {having} {tail}"
    )
    rows = query(store, sql, params + (having_params or []) + (tail_params or []))
    return [{k: _iso(v) for k, v in zip(_COLUMNS, row)} for row in rows]


@router.get("/actors", summary="Actors and recipients of the matching events, most active first")
def list_actors(
    store: StoreDep, filters: FiltersDep,
    name: Annotated[str | None, Query(description="Name or any alias contains this (any case)")] = None,
    sector: Annotated[list[str] | None, Query(description="Sector code(s), e.g. GOV, MIL")] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> dict[str, Any]:
    conds: list[str] = []
    params: list[Any] = []
    if name:
        conds.append("bool_or(strpos(lower(coalesce(x.name, '') || ' ' || x.text), lower(?)) > 0)")
        params.append(name)
    sectors = split_values(sector)
    if sectors:
        conds.append("list_has_any(list(DISTINCT x.sector), ?::VARCHAR[])")
        params.append([s.upper() for s in sectors])
    having = ("HAVING " + " AND ".join(conds)) if conds else ""
    rows = _aggregate(store, filters, having, params, "ORDER BY events DESC, name LIMIT ? OFFSET ?",
                      [limit + 1, offset])
    more = len(rows) > limit
    return {"data": rows[:limit], "next_offset": offset + limit if more else None, "limit": limit,
            "offset": offset}


def _timeline(store: Store, actor_id: str, ev_where: str, params: list[Any]) -> list[dict[str, Any]]:
    rows = query(store, (
        f"WITH ev AS (SELECT e.id, e.date_start, e.event_type {FROM} {ev_where}) "
        "SELECT CAST(date_trunc('month', ev.date_start) AS DATE) AS period, count(DISTINCT ev.id) "
        f"FROM event_actors x JOIN ev ON ev.id = x.event_id WHERE {ACTOR_ID} = ? AND ev.date_start IS NOT NULL "
        "GROUP BY 1 ORDER BY 1"), params + [actor_id])
    return [{"period": _iso(p), "count": n} for p, n in rows]


def _by_type(store: Store, actor_id: str, ev_where: str, params: list[Any]) -> dict[str, int]:
    rows = query(store, (
        f"WITH ev AS (SELECT e.id, e.event_type {FROM} {ev_where}) "
        "SELECT ev.event_type, count(DISTINCT ev.id) AS n "
        f"FROM event_actors x JOIN ev ON ev.id = x.event_id WHERE {ACTOR_ID} = ? GROUP BY 1 ORDER BY n DESC, 1"),
        params + [actor_id])
    return dict(rows)


def _partners(store: Store, actor_id: str, ev_where: str, params: list[Any]) -> list[dict[str, Any]]:
    other = ACTOR_ID.replace("x.", "y.")
    rows = query(store, (
        f"WITH ev AS (SELECT e.id {FROM} {ev_where}) "
        f"SELECT {other} AS id, mode(coalesce(y.name, y.text)) AS name, mode(y.country), "
        "count(DISTINCT ev.id) AS n "
        "FROM event_actors x JOIN ev ON ev.id = x.event_id "
        "JOIN event_actors y ON y.event_id = x.event_id AND y.role <> x.role "
        f"WHERE {ACTOR_ID} = ? GROUP BY 1 ORDER BY n DESC, name LIMIT 20"), params + [actor_id])
    return [{"id": i, "name": n, "country": c, "events": k} for i, n, c, k in rows]


@router.get("/actors/{actor_id}", summary="One actor: names seen, counts, events over time, partners")
def get_actor(actor_id: str, store: StoreDep, filters: FiltersDep) -> dict[str, Any]:
    rows = _aggregate(store, filters, f"HAVING any_value({ACTOR_ID}) = ?", [actor_id])
    if not rows:
        raise ApiError(404, f"no actor {actor_id!r}")
    actor = rows[0]
    ev_where, params = where(filters)
    actor["timeline"] = _timeline(store, actor_id, ev_where, params)
    actor["by_type"] = _by_type(store, actor_id, ev_where, params)
    actor["partners"] = _partners(store, actor_id, ev_where, params)
    return actor

"""GET /stats/timeline (counts per period and type or quad), GET /stats/dyads
(actor-pair counts), GET /stats/locations (event counts per place, for the map)."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query

from ..deps import FiltersDep, StoreDep
from ..queries import ACTOR_ID, FROM, query, where

router = APIRouter(prefix="/stats", tags=["stats"])

_BY = {"type": "e.event_type", "quad": "e.quad", "status": "e.status"}


@router.get("/timeline", summary="Event counts per day, week or month, by type or quad")
def timeline(store: StoreDep, filters: FiltersDep,
             interval: Annotated[Literal["day", "week", "month", "year"], Query()] = "month",
             by: Annotated[Literal["type", "quad", "status"], Query()] = "type") -> dict[str, Any]:
    ev_where, params = where(filters)
    cond = f"{ev_where} AND e.date_start IS NOT NULL" if ev_where else "WHERE e.date_start IS NOT NULL"
    rows = query(store, (
        f"SELECT CAST(date_trunc('{interval}', e.date_start) AS DATE) AS period, coalesce({_BY[by]}, 'unknown') AS k, "
        f"count(*) {FROM} {cond} GROUP BY 1, 2 ORDER BY 1, 2"), params)
    periods: dict[str, dict[str, int]] = {}
    totals: dict[str, int] = {}
    for period, key, n in rows:
        periods.setdefault(period.isoformat(), {})[key] = n
        totals[key] = totals.get(key, 0) + n
    undated = query(store, f"SELECT count(*) {FROM} {ev_where}{' AND' if ev_where else ' WHERE'} "
                           "e.date_start IS NULL", params)[0][0]
    keys = sorted(totals, key=lambda k: (-totals[k], k))
    return {"interval": interval, "by": by, "keys": keys, "totals": totals, "undated": undated,
            "series": [{"period": p, "counts": c, "total": sum(c.values())} for p, c in periods.items()]}


@router.get("/dyads", summary="Actor -> recipient pairs with the number of events between them")
def dyads(store: StoreDep, filters: FiltersDep,
          limit: Annotated[int, Query(ge=1, le=5000)] = 200,
          min_count: Annotated[int, Query(ge=1)] = 1) -> dict[str, Any]:
    ev_where, params = where(filters)
    target = ACTOR_ID.replace("x.", "y.")
    rows = query(store, (
        f"WITH ev AS (SELECT e.id, e.event_type {FROM} {ev_where}) "
        f"SELECT {ACTOR_ID} AS source, mode(coalesce(x.name, x.text)) AS source_name, mode(x.country), "
        f"{target} AS target, mode(coalesce(y.name, y.text)) AS target_name, mode(y.country), "
        "count(DISTINCT ev.id) AS n, histogram(ev.event_type) AS types "
        "FROM ev JOIN event_actors x ON x.event_id = ev.id AND x.role = 'actor' "
        "JOIN event_actors y ON y.event_id = ev.id AND y.role = 'recipient' "
        "GROUP BY 1, 4 HAVING count(DISTINCT ev.id) >= ? ORDER BY n DESC, source_name, target_name LIMIT ?"),
        params + [min_count, limit])
    data = [{"source": {"id": s, "name": sn, "country": sc}, "target": {"id": t, "name": tn, "country": tc},
             "count": n, "types": dict(types) if types else {}}
            for s, sn, sc, t, tn, tc, n, types in rows]
    return {"data": data}


@router.get("/locations", summary="Event counts per geocoded place (for maps)")
def locations(store: StoreDep, filters: FiltersDep,
              limit: Annotated[int, Query(ge=1, le=20000)] = 5000) -> dict[str, Any]:
    ev_where, params = where(filters)
    cond = f"{ev_where} AND e.lat IS NOT NULL" if ev_where else "WHERE e.lat IS NOT NULL"
    rows = query(store, (
        "SELECT e.location_name, e.lat, e.lon, e.location_country, count(*) AS n, "
        "histogram(e.quad) AS quads, list(e.id ORDER BY a.seq, e.position)[1:20] AS ids "
        f"{FROM} {cond} GROUP BY 1, 2, 3, 4 ORDER BY n DESC, 1 LIMIT ?"), params + [limit])
    return {"data": [{"name": name, "lat": lat, "lon": lon, "country": c, "count": n,
                      "quads": dict(q) if q else {}, "event_ids": ids}
                     for name, lat, lon, c, n, q, ids in rows]}

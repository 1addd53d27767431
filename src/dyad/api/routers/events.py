"""GET /events (filters, sort, cursor pages, JSON or CSV) and GET /events/{id}."""

from __future__ import annotations

import csv
import io
import json
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request, Response

from ...store.flat import FLAT_COLUMNS, FLAT_SELECT
from ..deps import FiltersDep, StoreDep
from ..errors import ApiError
from ..queries import (
    FROM,
    SORTS,
    Sort,
    decode_cursor,
    encode_cursor,
    keyset,
    query,
    where,
)

router = APIRouter(tags=["events"])

MAX_LIMIT = 1000


def _page_sql(filters: Any, sort: Sort, cursor: str | None, select: str, limit: int) -> tuple[str, list[Any]]:
    sql, params = where(filters)
    if cursor:
        cond, more = keyset(sort, decode_cursor(cursor, sort))
        sql = f"{sql} AND {cond}" if sql else f"WHERE {cond}"
        params += more
    keys = ", ".join(f"{k} AS _k{i}" for i, k in enumerate(sort.keys))
    return f"SELECT {select}, {keys} {FROM} {sql} {sort.order_by} LIMIT ?", params + [limit + 1]


def _split(rows: list[tuple[Any, ...]], sort: Sort, limit: int) -> tuple[list[tuple[Any, ...]], str | None]:
    """Rows of this page (key columns dropped) and the cursor of the next one."""
    n = len(sort.keys)
    more = len(rows) > limit
    rows = rows[:limit]
    nxt = encode_cursor(sort, rows[-1][-n:]) if more and rows else None
    return [r[:-n] for r in rows], nxt


def _next_url(request: Request, cursor: str | None) -> str | None:
    return str(request.url.include_query_params(cursor=cursor)) if cursor else None


def _csv(rows: list[tuple[Any, ...]]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(FLAT_COLUMNS)
    for row in rows:
        writer.writerow(["" if v is None else v for v in row])
    return buf.getvalue()


@router.get("/events", summary="Events matching the filters, a page at a time")
def list_events(
    request: Request, store: StoreDep, filters: FiltersDep,
    sort: Annotated[Literal[tuple(SORTS)], Query(description="ingest (default), date or confidence; '-' for descending")] = "ingest",  # type: ignore[valid-type]
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 100,
    cursor: Annotated[str | None, Query(description="The `next` value of the previous page")] = None,
    format: Annotated[Literal["json", "csv"], Query()] = "json",  # noqa: A002
) -> Any:
    order = SORTS[sort]
    if format == "csv":
        sql, params = _page_sql(filters, order, cursor, FLAT_SELECT, limit)
        rows, nxt = _split(query(store, sql, params), order, limit)
        headers = {"X-Next-Cursor": nxt} if nxt else {}
        if nxt:
            headers["Link"] = f'<{_next_url(request, nxt)}>; rel="next"'
        return Response(_csv(rows), media_type="text/csv; charset=utf-8", headers=headers)
    sql, params = _page_sql(filters, order, cursor, "e.record", limit)
    rows, nxt = _split(query(store, sql, params), order, limit)
    count_sql, count_params = where(filters)
    total = query(store, f"SELECT count(*) {FROM} {count_sql}", count_params)[0][0]
    return {"data": [json.loads(r[0]) for r in rows], "next": nxt, "next_url": _next_url(request, nxt),
            "total": total, "limit": limit, "sort": sort}


def _spans(rec: dict[str, Any]) -> list[dict[str, Any]]:
    """Every located piece of the event, with its kind: trigger, actor, recipient, date, place, source."""
    spans = [{"kind": "trigger", "start": rec["trigger"]["start"], "end": rec["trigger"]["end"],
              "text": rec["trigger"]["text"]}]
    for kind, refs in (("actor", rec.get("actors") or []), ("recipient", rec.get("recipients") or [])):
        spans += [{"kind": kind, "start": r["start"], "end": r["end"], "text": r["text"], "name": r.get("name")}
                  for r in refs]
    date = rec.get("date") or {}
    if date.get("text_start") is not None:
        spans.append({"kind": "date", "start": date["text_start"], "end": date["text_end"], "text": date["text"]})
    loc = rec.get("location") or {}
    if loc.get("start") is not None:
        spans.append({"kind": "place", "start": loc["start"], "end": loc["end"], "text": loc.get("text"),
                      "name": loc.get("name")})
    src = rec.get("attributed_to") or {}
    if src.get("start") is not None:
        spans.append({"kind": "source", "start": src["start"], "end": src["end"], "text": src.get("text")})
    return sorted(spans, key=lambda s: (s["start"], s["end"]))


@router.get("/events/{event_id}", summary="One event with its mentions, sentence and spans")
def get_event(event_id: str, store: StoreDep) -> dict[str, Any]:
    rows = query(store, "SELECT e.record, a.title, a.published, a.source, a.url "
                        f"{FROM} WHERE e.id = ?", [event_id])
    if not rows:
        raise ApiError(404, f"no event {event_id!r}")
    raw, title, published, source, url = rows[0]
    rec = json.loads(raw)
    rec["spans"] = _spans(rec)
    rec["article"] = {"id": rec["article_id"], "title": title,
                      "published": published.isoformat() if published else None, "source": source, "url": url}
    rec["happening"] = _happening(store, event_id)
    return rec


#: At most this many other mentions of a happening are listed with an event.
MAX_MENTIONS = 200


def _happening(store: Any, event_id: str) -> dict[str, Any] | None:
    """The real-world happening (dedup cluster) the event is a mention of: its counts and
    its other mentions, in this and other articles. None for events stored before
    clustering existed."""
    row = query(store, "SELECT k.id, k.n_mentions, k.n_articles, k.n_sources, k.first_seen, k.last_seen, "
                       "k.rep_event_id FROM event_cluster_map m JOIN event_clusters k ON k.id = m.cluster_id "
                       "WHERE m.event_id = ?", [event_id])
    if not row:
        return None
    cid, n_mentions, n_articles, n_sources, first, last, rep = row[0]
    others = query(store, "SELECT e.id, e.article_id, a.title, a.source, a.published, e.event_type, e.status, "
                          "e.record->>'$.trigger.text', e.sentence "
                          f"{FROM} JOIN event_cluster_map m ON m.event_id = e.id WHERE m.cluster_id = ? "
                          "ORDER BY a.published NULLS LAST, e.article_id, e.id LIMIT ?", [cid, MAX_MENTIONS])
    return {
        "cluster_id": cid, "n_mentions": n_mentions, "n_articles": n_articles, "n_sources": n_sources,
        "first_seen": first.isoformat() if first else None, "last_seen": last.isoformat() if last else None,
        "representative_event_id": rep,
        "mentions": [{"event_id": i, "article_id": aid, "title": t, "source": src,
                      "published": pub.isoformat() if pub else None, "event_type": et, "status": st,
                      "trigger": trig, "sentence": sent}
                     for i, aid, t, src, pub, et, st, trig, sent in others],
    }

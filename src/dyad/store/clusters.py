"""Event clusters in the store: one row per real-world happening (issue 8).

``event_clusters`` holds each cluster's representative fields and counts (and,
in ``state``, what matching needs to resume); ``event_cluster_map`` maps every
stored event to its cluster. :func:`assign` runs inside the ingest transaction:
it loads only the clusters the index could match (same type family and reality,
overlapping date buckets), clusters the new events, and rewrites only the
clusters they joined (and, when new mentions bridge two stored clusters of one
happening, moves the mentions of the younger to the older), so ingesting an
article never touches unrelated clusters.

Reading: :func:`cluster_records` (one record per cluster: the representative
event's record plus ``cluster_id``, ``n_mentions``, ``n_articles``,
``n_sources``), :func:`one_a_day_records` (the field's crude baseline).
Events stored before clustering existed (no map row) read as singletons.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator, Sequence
from typing import Any

import duckdb

from ..dedup.across import Cluster, Clusterer, _buckets
from ..dedup.compat import DateWindow
from ..model import Location

__all__ = ["assign", "records", "cluster_records", "cluster_flat_rows", "count_clusters", "one_a_day_records",
           "clusters", "DEDUP_MODES"]

#: Values of ``Store.events(dedup=...)``: None (every stored event), "clusters", "one-a-day".
DEDUP_MODES: tuple[str, ...] = ("clusters", "one-a-day")

_COLUMNS = ("id", "family", "reality", "rep_event_id", "seq", "date_start", "date_end", "dated",
            "date_precision", "location_name", "location_country", "lat", "lon", "n_mentions",
            "n_articles", "n_sources", "first_seen", "last_seen", "bucket_lo", "bucket_hi", "state")


# -- (de)serialising clusters ------------------------------------------------------------


def _day(value: Any) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def _state(c: Cluster) -> str:
    w = c.window
    return json.dumps({
        "rep_rank": list(c.rep_rank),
        "window": [w.lo.isoformat() if w.lo else None, w.hi.isoformat() if w.hi else None, w.dated, w.precision],
        "location": c.location.to_dict() if c.location else None,
        "actors": c.actors, "recipients": c.recipients, "triggers": sorted(c.triggers), "kinds": sorted(c.kinds),
        "articles": sorted(c.articles), "sources": sorted(c.sources),
    }, ensure_ascii=False, separators=(",", ":"))


def _row(c: Cluster) -> tuple[Any, ...]:
    buckets = [b for b in _buckets(c.window) if b is not None]
    loc = c.location
    return (c.id, c.family, c.reality, c.rep_event_id, c.seq, c.window.lo, c.window.hi, c.window.dated,
            c.window.precision, loc.name if loc else None, loc.country if loc else None,
            loc.lat if loc else None, loc.lon if loc else None, c.n_mentions, c.n_articles, c.n_sources,
            c.first_seen, c.last_seen, min(buckets) if buckets else None, max(buckets) if buckets else None,
            _state(c))


def _cluster(row: tuple[Any, ...]) -> Cluster:
    rec = dict(zip(_COLUMNS, row))
    st = json.loads(rec["state"])
    lo, hi, dated, precision = st["window"]
    return Cluster(
        id=rec["id"], family=rec["family"], reality=rec["reality"], rep_event_id=rec["rep_event_id"],
        rep_rank=tuple(st["rep_rank"]), window=DateWindow(_day(lo), _day(hi), bool(dated), precision),
        location=Location(**st["location"]) if st["location"] else None,
        actors=[tuple(k) for k in st["actors"]], recipients=[tuple(k) for k in st["recipients"]],
        triggers=set(st["triggers"]), kinds=set(st.get("kinds") or ()), n_mentions=rec["n_mentions"], articles=set(st["articles"]),
        sources=set(st["sources"]), first_seen=_day(rec["first_seen"]), last_seen=_day(rec["last_seen"]),
        seq=rec["seq"],
    )


def _arrow_types() -> dict[str, Any]:
    import pyarrow as pa

    return {"VARCHAR": pa.string(), "JSON": pa.string(), "BIGINT": pa.int64(), "INTEGER": pa.int32(),
            "DATE": pa.date32(), "BOOLEAN": pa.bool_(), "DOUBLE": pa.float64()}


_ARROW = _arrow_types()

# -- writing ---------------------------------------------------------------------------


def _candidates(con: duckdb.DuckDBPyConnection, events: list[tuple[Any, Any, int]]) -> list[Cluster]:
    """Stored clusters the index could match for these events: same (family, reality)
    and a date bucket one of the events touches (one query per batch, not per event)."""
    from ..dedup.compat import date_window, family, status_class

    probes: set[tuple[str, str, int | None]] = set()
    for ev, art, _ in events:
        fam, reality = family(ev.event_type), status_class(ev.status)
        probes.update((fam, reality, b) for b in _buckets(date_window(ev, art.published)))
    dated = sorted(p for p in probes if p[2] is not None)
    undated = sorted({(f, r) for f, r, b in probes if b is None})
    rows = con.execute(
        f"SELECT DISTINCT {', '.join('k.' + c for c in _COLUMNS)} FROM event_clusters k "
        "JOIN (SELECT unnest(?::VARCHAR[]) AS f, unnest(?::VARCHAR[]) AS r, unnest(?::INTEGER[]) AS b) q "
        "ON k.family = q.f AND k.reality = q.r AND k.bucket_lo <= q.b AND k.bucket_hi >= q.b",
        [[p[0] for p in dated], [p[1] for p in dated], [p[2] for p in dated]]).fetchall() if dated else []
    if undated:
        rows += con.execute(
            f"SELECT {', '.join(_COLUMNS)} FROM event_clusters WHERE bucket_lo IS NULL AND family || '|' || reality "
            "IN (SELECT unnest(?::VARCHAR[]))", [[f"{f}|{r}" for f, r in undated]]).fetchall()
    return [_cluster(row) for row in rows]


def assign(con: duckdb.DuckDBPyConnection, results: Sequence[Any], event_ids: Sequence[str],
           seqs: dict[str, int]) -> int:
    """Cluster the newly stored events (``event_ids``) of ``results``; returns how many
    clusters were created or updated. Runs inside the caller's transaction."""
    keep = set(event_ids)
    todo = []
    for r in results:
        for pos, ev in enumerate(r.events):
            if ev.id in keep:  # stored; an id seen twice keeps its first event, as the store does
                keep.discard(ev.id)
                todo.append((ev, r.article, seqs[r.article.id] * 10_000 + pos))
    if not todo:
        return 0
    clusterer = Clusterer(_candidates(con, todo))
    known = set(clusterer.clusters)
    mapping: list[tuple[str, str, str]] = []
    by_article: dict[str, list[tuple[Any, Any, int]]] = {}
    for item in todo:
        by_article.setdefault(item[1].id, []).append(item)
    for items in by_article.values():
        art = items[0][1]
        found = clusterer.add_article([ev for ev, _, _ in items], published=art.published, source=art.source,
                                      seq=items[0][2])
        mapping += [(ev.id, found[ev.id].id, ev.article_id) for ev, _, _ in items]
    mapping = [(eid, clusterer.resolve(cid), aid) for eid, cid, aid in mapping]
    touched = sorted(clusterer.touched)
    stale = [i for i in touched if i in known] + sorted(i for i in clusterer.merged if i in known)
    if stale:
        con.execute("DELETE FROM event_clusters WHERE id IN (SELECT unnest(?::VARCHAR[]))", [stale])
    merged = sorted(i for i in clusterer.merged if i in known)
    if merged:  # events stored earlier under a cluster now merged into another
        con.execute("UPDATE event_cluster_map SET cluster_id = m.new FROM (SELECT unnest(?::VARCHAR[]) AS old, "
                    "unnest(?::VARCHAR[]) AS new) m WHERE event_cluster_map.cluster_id = m.old",
                    [merged, [clusterer.resolve(i) for i in merged]])
    _insert(con, "event_clusters", _COLUMNS, [_row(clusterer.clusters[i]) for i in touched])
    _insert(con, "event_cluster_map", ("event_id", "cluster_id", "article_id"), mapping)
    return len(touched)


def _insert(con: duckdb.DuckDBPyConnection, table: str, columns: Sequence[str], rows: list[tuple[Any, ...]]) -> None:
    """One INSERT per table per batch through Arrow (executemany goes row by row: ~10x slower)."""
    import pyarrow as pa

    target = dict((name, typ) for name, typ in con.execute(
        "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = ?", [table]).fetchall())
    arrays = {c: pa.array([r[i] for r in rows], type=_ARROW.get(target[c], pa.string()))
              for i, c in enumerate(columns)}
    con.register("_dyad_cluster_rows", pa.table(arrays))
    try:
        cols = ", ".join(columns)
        con.execute(f"INSERT INTO {table} ({cols}) SELECT {cols} FROM _dyad_cluster_rows")
    finally:
        con.unregister("_dyad_cluster_rows")


# -- reading ---------------------------------------------------------------------------

_HITS = """
WITH hit AS (
    SELECT coalesce(m.cluster_id, e.id) AS cid, min(a.seq * 10000 + e.position) AS first_pos
    FROM events e JOIN articles a ON a.id = e.article_id
    LEFT JOIN event_cluster_map m ON m.event_id = e.id
    {where}
    GROUP BY 1
), rep AS (
    SELECT hit.cid, coalesce(k.rep_event_id, hit.cid) AS rep_id, coalesce(k.seq, hit.first_pos) AS ord,
           coalesce(k.n_mentions, 1) AS n_mentions, coalesce(k.n_articles, 1) AS n_articles,
           coalesce(k.n_sources, 1) AS n_sources
    FROM hit LEFT JOIN event_clusters k ON k.id = hit.cid
)
"""


def _query(con: duckdb.DuckDBPyConnection, select: str, filters: dict[str, Any], limit: int | None,
           offset: int) -> duckdb.DuckDBPyConnection:
    from .core import _page, _where

    where, params = _where(**filters)
    page, page_params = _page(limit, offset)
    cur = con.cursor()
    cur.execute(_HITS.format(where=where) + select + f" ORDER BY rep.ord, rep.cid{page}", params + page_params)
    return cur


def cluster_records(con: duckdb.DuckDBPyConnection, *, limit: int | None = None, offset: int = 0,
                    chunk: int = 2048, **filters: Any) -> Iterator[dict[str, Any]]:
    """One record per cluster with at least one event matching the filters, in order of
    first mention: the representative event's record plus the cluster's counts."""
    cur = _query(con, "SELECT e.record, rep.cid, rep.n_mentions, rep.n_articles, rep.n_sources "
                      "FROM rep JOIN events e ON e.id = rep.rep_id", filters, limit, offset)
    try:
        while rows := cur.fetchmany(chunk):
            for raw, cid, n_m, n_a, n_s in rows:
                rec = json.loads(raw)
                rec.update(cluster_id=cid, n_mentions=n_m, n_articles=n_a, n_sources=n_s)
                yield rec
    finally:
        cur.close()


def cluster_flat_rows(con: duckdb.DuckDBPyConnection, *, limit: int | None = None, offset: int = 0,
                      chunk: int = 2048, **filters: Any) -> Iterator[dict[str, Any]]:
    """Flat columns (FLAT_COLUMNS, unchanged: a public contract) of each cluster's representative."""
    from .flat import FLAT_COLUMNS, FLAT_SELECT

    cur = _query(con, f"SELECT {FLAT_SELECT} FROM rep JOIN events e ON e.id = rep.rep_id "
                      "JOIN articles a ON a.id = e.article_id", filters, limit, offset)
    try:
        while rows := cur.fetchmany(chunk):
            for row in rows:
                yield dict(zip(FLAT_COLUMNS, row))
    finally:
        cur.close()


def count_clusters(con: duckdb.DuckDBPyConnection, **filters: Any) -> int:
    from .core import _where

    where, params = _where(**filters)
    return con.execute(_HITS.format(where=where) + "SELECT count(*) FROM rep", params).fetchone()[0]


def one_a_day_records(con: duckdb.DuckDBPyConnection, *, limit: int | None = None, offset: int = 0,
                      **filters: Any) -> Iterator[dict[str, Any]]:
    """The first event (in ingest order) of each (day, source actor, target actor, type)."""
    from ..dedup.across import one_a_day_record_key
    from .core import _ORDER, _where

    where, params = _where(**filters)
    cur = con.cursor()
    seen: set[tuple[str, ...]] = set()
    skipped = 0
    yielded = 0
    try:
        cur.execute(f"SELECT e.record, a.published FROM events e JOIN articles a ON a.id = e.article_id "
                    f"{where} {_ORDER}", params)
        while rows := cur.fetchmany(2048):
            for raw, published in rows:
                rec = json.loads(raw)
                key = one_a_day_record_key(rec, published)
                if key in seen:
                    continue
                seen.add(key)
                if skipped < offset:
                    skipped += 1
                    continue
                if limit is not None and yielded >= limit:
                    return
                yielded += 1
                yield rec
    finally:
        cur.close()


def clusters(con: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    """Every stored cluster (representative fields and counts), in order of first mention."""
    cols = [c for c in _COLUMNS if c != "state"]
    rows = con.execute(f"SELECT {', '.join(cols)} FROM event_clusters ORDER BY seq, id").fetchall()
    out = []
    for row in rows:
        rec = dict(zip(cols, row))
        rec["event_ids"] = [r[0] for r in con.execute(
            "SELECT event_id FROM event_cluster_map WHERE cluster_id = ? ORDER BY event_id", [rec["id"]]).fetchall()]
        out.append(rec)
    return out


def records(con: duckdb.DuckDBPyConnection, dedup: str, **kwargs: Any) -> list[dict[str, Any]]:
    """``Store.events(dedup=...)``: cluster or one-a-day records."""
    from ..errors import InputError

    if dedup == "clusters":
        return list(cluster_records(con, **kwargs))
    if dedup == "one-a-day":
        return list(one_a_day_records(con, **kwargs))
    raise InputError(f"dedup must be one of {', '.join(DEDUP_MODES)}, not {dedup!r}")

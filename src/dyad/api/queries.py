"""SQL the routers share: the event WHERE clause (the store's filters plus quad,
bbox and text), keyset sorting with opaque cursors, and the actor key."""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

import duckdb

from ..errors import StoreError
from ..store import Store
from ..store.core import _where as store_where
from .deps import EventFilters
from .errors import ApiError

__all__ = ["FROM", "SORTS", "Sort", "where", "keyset", "encode_cursor", "decode_cursor", "query",
           "ACTOR_KEY", "ACTOR_ID", "ACTOR_LABEL"]

FROM = "FROM events e JOIN articles a ON a.id = e.article_id"

#: an actor is its knowledge-base id when it has one, else its name (or text) and country
ACTOR_KEY = ("coalesce(x.actor_id, lower(coalesce(x.name, x.text, '')) || '|' || coalesce(x.country, ''))")
ACTOR_ID = f"substr(md5({ACTOR_KEY}), 1, 16)"
ACTOR_LABEL = "coalesce(x.name, x.text)"


def where(filters: EventFilters) -> tuple[str, list[Any]]:
    """WHERE clause over ``events e`` (may be empty) and its parameters."""
    sql, params = store_where(**filters.store_filters())
    clauses = [sql.removeprefix("WHERE ")] if sql else []
    if filters.quad:
        clauses.append("e.quad IN (SELECT unnest(?::VARCHAR[]))")
        params.append(filters.quad)
    if filters.bbox:
        minlon, minlat, maxlon, maxlat = filters.bbox
        if minlon <= maxlon:
            clauses.append("e.lon BETWEEN ? AND ? AND e.lat BETWEEN ? AND ?")
            params += [minlon, maxlon, minlat, maxlat]
        else:  # crosses the antimeridian
            clauses.append("(e.lon >= ? OR e.lon <= ?) AND e.lat BETWEEN ? AND ?")
            params += [minlon, maxlon, minlat, maxlat]
    if filters.q:
        clauses.append("strpos(lower(e.sentence), lower(?)) > 0")
        params.append(filters.q)
    return ("WHERE " + " AND ".join(clauses)) if clauses else "", params


@dataclass(frozen=True)
class Sort:
    name: str
    keys: tuple[str, ...]
    descending: bool
    #: how to turn a cursor value back into a SQL parameter, per key
    kinds: tuple[str, ...]

    @property
    def order_by(self) -> str:
        way = " DESC" if self.descending else ""
        return "ORDER BY " + ", ".join(k + way for k in self.keys)


_TIE = ("a.seq", "e.position")
_BASE = {
    "ingest": ((), ()),
    "date": (("coalesce(e.date_start, DATE '0001-01-01')",), ("date",)),
    "confidence": (("coalesce(e.confidence, -1.0)",), ("float",)),
}
SORTS: dict[str, Sort] = {}
for _name, (_keys, _kinds) in _BASE.items():
    for _desc in (False, True):
        _label = ("-" if _desc else "") + _name
        SORTS[_label] = Sort(_label, _keys + _TIE, _desc, _kinds + ("int", "int"))


def keyset(sort: Sort, values: list[Any]) -> tuple[str, list[Any]]:
    """The condition "after this row" in ``sort`` order."""
    op = "<" if sort.descending else ">"
    ors: list[str] = []
    params: list[Any] = []
    for i, key in enumerate(sort.keys):
        parts = [f"{k} = ?" for k in sort.keys[:i]] + [f"{key} {op} ?"]
        params += values[: i + 1]
        ors.append("(" + " AND ".join(parts) + ")")
    return "(" + " OR ".join(ors) + ")", params


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, (dt.date, dt.datetime)) else value


def encode_cursor(sort: Sort, values: tuple[Any, ...]) -> str:
    raw = json.dumps({"s": sort.name, "k": [_plain(v) for v in values]}, separators=(",", ":"))
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def _typed(kind: str, value: Any) -> Any:
    if kind == "date":
        return dt.date.fromisoformat(value)
    if kind == "float":
        return float(value)
    return int(value)


def decode_cursor(cursor: str, sort: Sort) -> list[Any]:
    """The key values in a cursor made by :func:`encode_cursor` for the same sort."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        data = json.loads(raw)
        name, keys = data["s"], data["k"]
    except (binascii.Error, ValueError, KeyError, TypeError, UnicodeDecodeError):
        raise _bad_cursor() from None
    if name != sort.name:
        raise ApiError(422, f"cursor: made for sort={name}, not sort={sort.name}")
    try:
        return [_typed(kind, v) for kind, v in zip(sort.kinds, keys, strict=True)]
    except (ValueError, TypeError):
        raise _bad_cursor() from None


def _bad_cursor() -> ApiError:
    return ApiError(422, "cursor: not a cursor from this API (use the `next` value as given)")


def query(store: Store, sql: str, params: list[Any] | None = None) -> list[tuple[Any, ...]]:
    """Run SQL on the request's store cursor; DuckDB errors become StoreError."""
    try:
        return store._con.execute(sql, params or []).fetchall()  # noqa: SLF001
    except duckdb.Error as err:
        raise StoreError(f"query failed: {str(err).splitlines()[0]}") from err

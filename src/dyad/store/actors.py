"""Actors of the stored events, grouped, counted and explained (`dyad actors`).

A stored event actor belongs to

1. its knowledge-base id (``actor_id``) when the coder knew it — a learned actor's
   id too, when the coder found it among the learned actors of the database;
2. else the learned actor one of whose aliases is its name, when it has the learned
   actor's country (the mentions a learned actor was learned from, and others like them);
3. else its name (or text) and country.

Ids are the API's (``GET /actors/{id}``): the first 16 hex digits of the md5 of that key.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import Any

import duckdb

from . import learned as _learned
from .rows import page_sql

__all__ = ["COLUMNS", "actors", "explain"]

COLUMNS = ("id", "name", "country", "sector", "kind", "aliases", "events", "as_actor", "as_recipient",
           "first", "last")

_LEARNED_ALIASES = (
    "SELECT lower(alias) AS alias, country, min(id) AS lid FROM "
    "(SELECT id, country, unnest(aliases) AS alias FROM learned_actors WHERE status = 'learned') "
    "GROUP BY 1, 2"
)
_SHOWN = 3
_KEY = ("coalesce(x.actor_id, la.lid, lower(coalesce(x.name, x.text, '')) || '|' || coalesce(x.country, ''))")


def _iso(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


def actors(con: duckdb.DuckDBPyConnection, ev_where: str, ev_params: list[Any], *, query: str | None = None,
           sectors: Sequence[str] | None = None, limit: int | None = 50, offset: int = 0) -> list[dict[str, Any]]:
    """One row per actor over the events that match ``ev_where`` (a WHERE clause over
    ``events e JOIN articles a``), most active first; each row also has ``key``, what
    its mentions were grouped by."""
    conds: list[str] = []
    params: list[Any] = []
    if query:
        conds.append("bool_or(strpos(lower(coalesce(x.name, '') || ' ' || x.text), lower(?)) > 0)")
        params.append(query)
    if sectors:
        conds.append("list_has_any(list(DISTINCT x.sector), ?::VARCHAR[])")
        params.append([s.upper() for s in sectors])
    having = ("HAVING " + " AND ".join(conds)) if conds else ""
    page, page_params = page_sql(limit, offset)
    params += page_params
    sql = (
        f"WITH ev AS (SELECT e.id, e.date_start FROM events e JOIN articles a ON a.id = e.article_id {ev_where}), "
        f"la AS ({_LEARNED_ALIASES}), "
        f"x AS (SELECT x.*, {_KEY} AS akey FROM event_actors x "
        "LEFT JOIN la ON x.actor_id IS NULL AND la.alias = lower(x.name) AND la.country = x.country) "
        "SELECT substr(md5(x.akey), 1, 16) AS id, mode(coalesce(x.name, x.text)) AS name, "
        "mode(x.country) AS country, mode(x.sector) AS sector, mode(x.kind) AS kind, "
        "list_sort(list(DISTINCT x.text)) AS aliases, count(DISTINCT x.event_id) AS events, "
        "count(DISTINCT x.event_id) FILTER (WHERE x.role = 'actor') AS as_actor, "
        "count(DISTINCT x.event_id) FILTER (WHERE x.role = 'recipient') AS as_recipient, "
        "min(ev.date_start) AS first, max(ev.date_start) AS last, x.akey AS key "
        f"FROM x JOIN ev ON ev.id = x.event_id GROUP BY x.akey {having} "
        f"ORDER BY events DESC, name, key{page}"
    )
    rows = con.execute(sql, ev_params + params).fetchall()
    out = []
    for row in rows:
        rec = {k: _iso(v) for k, v in zip((*COLUMNS, "key"), row)}
        rec["aliases"] = list(rec["aliases"] or [])
        out.append(rec)
    # A learned actor is shown under its canonical name.
    names = dict(con.execute("SELECT id, name FROM learned_actors WHERE id IN (SELECT unnest(?::VARCHAR[]))",
                             [[r["key"] for r in out]]).fetchall()) if out else {}
    for rec in out:
        rec["name"] = names.get(rec["key"], rec["name"])
    return out


def _matched_alias(entry: dict[str, Any], texts: Sequence[str]) -> str | None:
    """The alias of a knowledge entry a mention text names (the whole text first, then the longest)."""
    aliases = [str(a) for a in [entry.get("name"), *(entry.get("aliases") or [])] if a]
    texts = [t for t in texts if t]
    cleaned = {_learned.name_key(t): t for t in texts}
    for alias in aliases:
        if _learned.name_key(alias) in cleaned:
            return alias
    for alias in sorted(aliases, key=len, reverse=True):
        pattern = re.compile(rf"(?<!\w){re.escape(alias)}(?!\w)", re.I)
        if any(pattern.search(t) for t in texts):
            return alias
    return None


def explain(con: duckdb.DuckDBPyConnection, rows: list[dict[str, Any]]) -> None:
    """Add ``why`` to each actor row: how its mentions were grouped."""
    keys = [r["key"] for r in rows]
    stored = {r[0]: dict(zip(("id", "name", "status", "country", "sector"), r)) for r in con.execute(
        "SELECT id, name, status, country, sector FROM learned_actors WHERE id IN (SELECT unnest(?::VARCHAR[]))",
        [keys]).fetchall()} if keys else {}
    evidence = _learned.evidence(con, list(stored))
    kb = None
    for rec in rows:
        key = rec["key"]
        if key in stored:
            actor = stored[key]
            rows_ev = evidence.get(key, [])
            why = _learned.describe(actor, rows_ev)
            taught = {r["text"] for r in rows_ev}
            later = [t for t in rec["aliases"] if t and t not in taught]
            if later and actor["status"] == _learned.LEARNED:
                why += "; also mentioned as " + ", ".join(f"'{t}'" for t in later[:_SHOWN])
                why += f" and {len(later) - _SHOWN} more" if len(later) > _SHOWN else ""
            if actor["status"] != _learned.LEARNED:
                why = f"learned actor {key}, since withdrawn ({why})"
            rec["why"] = why
        elif "|" not in key:  # a knowledge-base id
            if kb is None:
                kb = _knowledge()
            entry = kb.people.get(key) or kb.orgs.get(key)
            alias = _matched_alias(entry, rec["aliases"]) if entry else None
            rec["why"] = (f"knowledge base: {key} (alias '{alias}' matched)" if alias
                          else f"knowledge base: {key}" + (" (through an earlier mention)" if entry else ""))
        else:
            country = key.rpartition("|")[2]
            rec["why"] = f"same name and country: '{rec['name']}', {country or 'no country'}"


def _knowledge() -> Any:
    from .. import settings
    from ..resolve.actors.knowledge import load_knowledge

    extra = settings.get("actors")
    return load_knowledge(*([extra] if extra else []))

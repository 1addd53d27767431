"""Turn pipeline results into column batches (Arrow tables), one per store table.

Inserting whole Arrow tables is what makes ingest fast: one INSERT per table per
batch instead of one per row.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from calendar import monthrange
from collections.abc import Iterable
from typing import Any

import pyarrow as pa

from ..model import Event
from .flat import actor_label

__all__ = ["TABLES", "Batch", "to_json", "parse_day"]

_S, _I, _F, _B, _D, _T = pa.string(), pa.int32(), pa.float64(), pa.bool_(), pa.date32(), pa.timestamp("us")

#: Arrow schema of every table, in the column order of the SQL schema.
TABLES: dict[str, list[tuple[str, pa.DataType]]] = {
    "articles": [
        ("id", _S), ("content_hash", _S), ("seq", pa.int64()), ("title", _S), ("text", _S),
        ("published", _D), ("source", _S), ("url", _S), ("language", _S), ("metadata", _S),
        ("origin", _S), ("segments", _S), ("ingested_at", _T),
    ],
    "events": [
        ("id", _S), ("article_id", _S), ("position", _I), ("event_type", _S), ("mode", _S),
        ("cameo", _S), ("quad", _S), ("status", _S), ("date_start", _D), ("date_end", _D),
        ("date_precision", _S), ("date_stated", _B), ("location_name", _S), ("lat", _F),
        ("lon", _F), ("location_country", _S), ("geonameid", pa.int64()), ("attributed_to", _S),
        ("dead", _I), ("injured", _I), ("arrested", _I), ("trigger_text", _S),
        ("trigger_start", _I), ("trigger_end", _I), ("sentence", _S), ("confidence", _F),
        ("version", _S), ("record", _S),
    ],
    "event_actors": [
        ("event_id", _S), ("article_id", _S), ("role", _S), ("position", _I), ("text", _S),
        ("name", _S), ("country", _S), ("sector", _S), ("actor_id", _S), ("kind", _S),
        ("start", _I), ("end", _I),
    ],
    "mentions": [("event_id", _S), ("article_id", _S), ("start", _I), ("end", _I)],
    "times": [
        ("article_id", _S), ("position", _I), ("text", _S), ("start", _I), ("end", _I),
        ("type", _S), ("value", _S), ("precision", _S), ("start_date", _S), ("end_date", _S),
        ("record", _S),
    ],
    "places": [
        ("article_id", _S), ("position", _I), ("name", _S), ("text", _S), ("start", _I),
        ("end", _I), ("lat", _F), ("lon", _F), ("country", _S), ("geonameid", pa.int64()),
        ("record", _S),
    ],
    "quotes": [
        ("article_id", _S), ("position", _I), ("kind", _S), ("text", _S), ("start", _I),
        ("end", _I), ("speaker_text", _S), ("speaker_name", _S), ("speaker_country", _S),
        ("cue", _S), ("record", _S),
    ],
    "actor_mentions": [
        ("article_id", _S), ("position", _I), ("text", _S), ("start", _I), ("end", _I),
        ("name", _S), ("country", _S), ("record", _S),
    ],
}


def _json_default(value: Any) -> Any:
    # Places and actor mentions are free-form dicts; dates or sets must not break a batch.
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, (set, frozenset, tuple)):
        return list(value)
    if hasattr(value, "to_dict"):
        return value.to_dict()
    return str(value)


def to_json(value: Any) -> str:
    """Compact, single-line JSON (so a stored record is also a JSONL line)."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=_json_default)


_DAY = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")


def parse_day(value: Any, *, end: bool = False) -> dt.date | None:
    """A date from "YYYY-MM-DD", "YYYY-MM" or "YYYY"; a partial one becomes the first
    (or with ``end``, the last) day of its period. Anything else is None."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    match = _DAY.match(str(value).strip())
    if not match:
        return None
    year, month, day = match.group(1), match.group(2), match.group(3)
    try:
        y = int(year)
        if month is None:
            return dt.date(y, 12, 31) if end else dt.date(y, 1, 1)
        m = int(month)
        if day is None:
            return dt.date(y, m, monthrange(y, m)[1] if end else 1)
        return dt.date(y, m, int(day))
    except ValueError:
        return None


def _int(value: Any) -> int | None:
    try:
        return None if value is None else int(value)
    except (TypeError, ValueError):
        return None


def _float(value: Any) -> float | None:
    try:
        return None if value is None else float(value)
    except (TypeError, ValueError):
        return None


def _str(value: Any) -> str | None:
    return None if value is None else str(value)


class Batch:
    """Rows for every table, accumulated column-wise, then handed out as Arrow tables."""

    def __init__(self) -> None:
        self.rows: dict[str, list[dict[str, Any]]] = {name: [] for name in TABLES}
        self._event_ids: set[str] = set()

    def add_result(self, result: Any, seq: int, now: dt.datetime) -> None:
        """Add one ArticleResult (its article, events and annotations)."""
        art = result.article
        self.rows["articles"].append({
            "id": art.id, "content_hash": art.content_hash, "seq": seq, "title": art.title,
            "text": art.text, "published": parse_day(art.published), "source": art.source,
            "url": art.url, "language": art.language, "metadata": to_json(art.metadata or {}),
            "origin": art.origin, "segments": to_json([_seg(s) for s in art.segments]),
            "ingested_at": now,
        })
        for pos, event in enumerate(result.events):
            self._add_event(event, pos)
        self._add_annotations(art.id, result)

    def _add_event(self, event: Event, pos: int) -> None:
        rec = event.to_dict()
        if rec["id"] in self._event_ids:
            return  # the same event twice in one batch: the first one wins
        self._event_ids.add(rec["id"])
        date, loc, size, trig = rec["date"] or {}, rec["location"] or {}, rec["size"] or {}, rec["trigger"]
        self.rows["events"].append({
            "id": rec["id"], "article_id": rec["article_id"], "position": pos,
            "event_type": rec["event_type"], "mode": rec["mode"], "cameo": rec["cameo"],
            "quad": rec["quad"], "status": rec["status"],
            "date_start": parse_day(date.get("start")),
            "date_end": parse_day(date.get("end") or date.get("start"), end=True),
            "date_precision": date.get("precision"), "date_stated": bool(date.get("stated")),
            "location_name": loc.get("name"), "lat": _float(loc.get("lat")), "lon": _float(loc.get("lon")),
            "location_country": loc.get("country"), "geonameid": _int(loc.get("geonameid")),
            "attributed_to": actor_label(rec["attributed_to"]),
            "dead": _int(size.get("dead")), "injured": _int(size.get("injured")),
            "arrested": _int(size.get("arrested")),
            "trigger_text": trig["text"], "trigger_start": trig["start"], "trigger_end": trig["end"],
            "sentence": rec["sentence"], "confidence": _float(rec["confidence"]),
            "version": rec["version"], "record": to_json(rec),
        })
        for role, refs in (("actor", rec["actors"]), ("recipient", rec["recipients"])):
            for i, ref in enumerate(refs):
                self.rows["event_actors"].append({
                    "event_id": rec["id"], "article_id": rec["article_id"], "role": role,
                    "position": i, "text": ref.get("text"), "name": ref.get("name"),
                    "country": ref.get("country"), "sector": ref.get("sector"),
                    "actor_id": ref.get("actor_id"), "kind": ref.get("kind"),
                    "start": _int(ref.get("start")), "end": _int(ref.get("end")),
                })
        for m in rec["mentions"]:
            self.rows["mentions"].append({
                "event_id": rec["id"], "article_id": m.get("article_id") or rec["article_id"],
                "start": _int(m.get("start")), "end": _int(m.get("end")),
            })

    def _add_annotations(self, article_id: str, result: Any) -> None:
        for pos, tv in enumerate(result.times):
            rec = tv.to_dict()
            self.rows["times"].append({
                "article_id": article_id, "position": pos, "text": rec.get("text"),
                "start": _int(rec.get("start")), "end": _int(rec.get("end")), "type": rec.get("type"),
                "value": _str(rec.get("value")), "precision": rec.get("precision"),
                "start_date": _str(rec.get("start_date")), "end_date": _str(rec.get("end_date")),
                "record": to_json(rec),
            })
        for pos, place in enumerate(result.places):
            rec = place.to_dict() if hasattr(place, "to_dict") else dict(place)
            self.rows["places"].append({
                "article_id": article_id, "position": pos, "name": _str(rec.get("name")),
                "text": _str(rec.get("text")), "start": _int(rec.get("start")), "end": _int(rec.get("end")),
                "lat": _float(rec.get("lat")), "lon": _float(rec.get("lon")),
                "country": _str(rec.get("country")), "geonameid": _int(rec.get("geonameid")),
                "record": to_json(rec),
            })
        for pos, quote in enumerate(result.quotes):
            rec = quote.to_dict()
            speaker = rec.get("speaker") or {}
            self.rows["quotes"].append({
                "article_id": article_id, "position": pos, "kind": rec.get("kind"),
                "text": rec.get("text"), "start": _int(rec.get("start")), "end": _int(rec.get("end")),
                "speaker_text": speaker.get("text"), "speaker_name": speaker.get("name"),
                "speaker_country": speaker.get("country"), "cue": rec.get("cue"), "record": to_json(rec),
            })
        for pos, mention in enumerate(result.actor_mentions):
            rec = mention.to_dict() if hasattr(mention, "to_dict") else dict(mention)
            self.rows["actor_mentions"].append({
                "article_id": article_id, "position": pos, "text": _str(rec.get("text")),
                "start": _int(rec.get("start")), "end": _int(rec.get("end")),
                "name": _str(rec.get("name")), "country": _str(rec.get("country")),
                "record": to_json(rec),
            })

    def drop_events(self, ids: set[str]) -> None:
        """Forget events (and their actors and mentions) whose ids are already taken."""
        if not ids:
            return
        for table in ("events",):
            self.rows[table] = [r for r in self.rows[table] if r["id"] not in ids]
        for table in ("event_actors", "mentions"):
            self.rows[table] = [r for r in self.rows[table] if r["event_id"] not in ids]

    def arrow(self, table: str) -> pa.Table:
        schema = pa.schema(TABLES[table])
        rows = self.rows[table]
        return pa.Table.from_pydict({name: [r[name] for r in rows] for name in schema.names}, schema=schema)

    def event_ids(self) -> list[str]:
        return [r["id"] for r in self.rows["events"]]

    def tables(self) -> Iterable[str]:
        return (name for name in TABLES if self.rows[name])


def _seg(seg: Any) -> dict[str, Any]:
    return seg.to_dict() if hasattr(seg, "to_dict") else {"start": seg.start, "end": seg.end, "kind": seg.kind}


def page_sql(limit: int | None, offset: int = 0) -> tuple[str, list[Any]]:
    """" LIMIT ? OFFSET ?" (each only when wanted) and its parameters."""
    sql, params = "", []
    if limit is not None:
        sql += " LIMIT ?"
        params.append(int(limit))
    if offset:
        sql += " OFFSET ?"
        params.append(int(offset))
    return sql, params

"""One flat row per event, for CSV, Parquet and DataFrames.

The same columns are produced two ways: :func:`flatten` from an event record in
Python (``dyad extract --format csv``, no database) and :data:`FLAT_SELECT` in
SQL (store exports and DataFrames). ``tests/store`` checks that they agree.
Lists (actors, recipients, their countries and sectors) are joined with "; ".
"""

from __future__ import annotations

from typing import Any

__all__ = ["FLAT_COLUMNS", "FLAT_SELECT", "SEP", "flatten", "actor_label"]

SEP = "; "

FLAT_COLUMNS: tuple[str, ...] = (
    "id", "article_id", "event_type", "mode", "cameo", "quad", "status",
    "date_start", "date_end", "date_precision", "date_stated",
    "actors", "actor_countries", "actor_sectors",
    "recipients", "recipient_countries", "recipient_sectors",
    "location_name", "location_country", "lat", "lon", "geonameid",
    "attributed_to", "dead", "injured", "arrested",
    "trigger_text", "trigger_start", "trigger_end", "sentence",
    "confidence", "version", "published", "source",
)


def actor_label(actor: dict[str, Any] | None) -> str | None:
    """How an actor is shown in flat outputs: its canonical name, else its text."""
    if not actor:
        return None
    return actor.get("name") or actor.get("text")


def _joined(values: list[Any]) -> str | None:
    # Mirrors SQL string_agg: NULLs are skipped, and nothing at all gives NULL.
    kept = [str(v) for v in values if v is not None]
    return SEP.join(kept) if kept else None


def flatten(record: dict[str, Any], article: dict[str, Any] | None = None) -> dict[str, Any]:
    """The flat row of one event record (``Event.to_dict()``); ``article`` adds published/source."""
    actors = record.get("actors") or []
    recipients = record.get("recipients") or []
    date = record.get("date") or {}
    loc = record.get("location") or {}
    size = record.get("size") or {}
    trigger = record.get("trigger") or {}
    article = article or {}
    row = {
        "id": record.get("id"),
        "article_id": record.get("article_id"),
        "event_type": record.get("event_type"),
        "mode": record.get("mode"),
        "cameo": record.get("cameo"),
        "quad": record.get("quad"),
        "status": record.get("status"),
        "date_start": date.get("start"),
        "date_end": date.get("end"),
        "date_precision": date.get("precision"),
        "date_stated": date.get("stated"),
        "actors": _joined([actor_label(a) for a in actors]),
        "actor_countries": _joined([a.get("country") for a in actors]),
        "actor_sectors": _joined([a.get("sector") for a in actors]),
        "recipients": _joined([actor_label(a) for a in recipients]),
        "recipient_countries": _joined([a.get("country") for a in recipients]),
        "recipient_sectors": _joined([a.get("sector") for a in recipients]),
        "location_name": loc.get("name"),
        "location_country": loc.get("country"),
        "lat": loc.get("lat"),
        "lon": loc.get("lon"),
        "geonameid": loc.get("geonameid"),
        "attributed_to": actor_label(record.get("attributed_to")),
        "dead": size.get("dead"),
        "injured": size.get("injured"),
        "arrested": size.get("arrested"),
        "trigger_text": trigger.get("text"),
        "trigger_start": trigger.get("start"),
        "trigger_end": trigger.get("end"),
        "sentence": record.get("sentence"),
        "confidence": record.get("confidence"),
        "version": record.get("version"),
        "published": article.get("published"),
        "source": article.get("source"),
    }
    return row


def _agg(role: str, expr: str) -> str:
    return (f"(SELECT string_agg({expr}, '{SEP}' ORDER BY ea.position) FROM event_actors ea "
            f"WHERE ea.event_id = e.id AND ea.role = '{role}')")


#: SELECT list over ``events e JOIN articles a``, in FLAT_COLUMNS order.
FLAT_SELECT = ",\n".join([
    "e.id", "e.article_id", "e.event_type", "e.mode", "e.cameo", "e.quad", "e.status",
    "e.date_start", "e.date_end", "e.date_precision", "e.date_stated",
    _agg("actor", "coalesce(ea.name, ea.text)") + " AS actors",
    _agg("actor", "ea.country") + " AS actor_countries",
    _agg("actor", "ea.sector") + " AS actor_sectors",
    _agg("recipient", "coalesce(ea.name, ea.text)") + " AS recipients",
    _agg("recipient", "ea.country") + " AS recipient_countries",
    _agg("recipient", "ea.sector") + " AS recipient_sectors",
    "e.location_name", "e.location_country", "e.lat", "e.lon", "e.geonameid",
    "e.attributed_to", "e.dead", "e.injured", "e.arrested",
    "e.trigger_text", "e.trigger_start", "e.trigger_end", "e.sentence",
    "e.confidence", "e.version", "a.published", "a.source",
])

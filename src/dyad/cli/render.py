"""Rich renderings: the events table and an article with its evidence highlighted."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from dyad.store.flat import actor_label

#: One colour per kind of evidence (used in `dyad show` and its legend).
STYLES: dict[str, str] = {
    "trigger": "bold white on red",
    "actor": "bold cyan",
    "recipient": "bold magenta",
    "date": "green",
    "place": "yellow",
}


def actors_text(refs: Iterable[dict[str, Any]] | None) -> str:
    return "; ".join(filter(None, (actor_label(r) for r in refs or [])))


def date_text(record: dict[str, Any]) -> str:
    date = record.get("date") or {}
    start, end = date.get("start"), date.get("end")
    if not start:
        return ""
    shown = start if not end or end == start else f"{start}..{end}"
    # An unstated date fell back to the article's: mark it so nobody reads it as evidence.
    return shown if date.get("stated") else f"{shown} (article)"


def place_text(record: dict[str, Any]) -> str:
    loc = record.get("location") or {}
    name = loc.get("name") or ""
    return f"{name}, {loc['country']}" if name and loc.get("country") else name


def event_cells(rec: dict[str, Any]) -> list[Text]:
    """The cells of one event row: type, trigger, actors, recipients, date, place, status."""
    return [
        Text(rec.get("event_type") or "", style="bold"),
        Text((rec.get("trigger") or {}).get("text") or "", style="bold red"),
        Text(actors_text(rec.get("actors")), style=STYLES["actor"]),
        Text(actors_text(rec.get("recipients")), style=STYLES["recipient"]),
        Text(date_text(rec), style=STYLES["date"]),
        Text(place_text(rec), style=STYLES["place"]),
        Text(rec.get("status") or ""),
    ]


def events_table(records: Iterable[dict[str, Any]], *, title: str | None = None,
                 show_article: bool = True) -> Table:
    """type, trigger, actors, recipients, date, place, status (and the article id)."""
    table = Table(title=title, show_lines=False, header_style="bold")
    if show_article:
        table.add_column("article", overflow="fold")
    for name in ("type", "trigger", "actors", "recipients", "date", "place", "status"):
        table.add_column(name, overflow="fold")
    for rec in records:
        cells = event_cells(rec)
        if show_article:
            cells.insert(0, Text(str(rec.get("article_id") or ""), style="dim"))
        table.add_row(*cells)
    return table


def counts_table(by_type: dict[str, int], *, title: str = "events by type") -> Table:
    table = Table(title=title, header_style="bold")
    table.add_column("type")
    table.add_column("events", justify="right")
    for name, n in by_type.items():
        table.add_row(name, str(n))
    return table


def _spans(doc: dict[str, Any]) -> list[tuple[int, int, str]]:
    """(start, end, kind) of every highlighted span, lowest priority first."""
    spans: list[tuple[int, int, str]] = []
    for tv in doc.get("times") or []:
        spans.append((tv.get("start"), tv.get("end"), "date"))
    for place in doc.get("places") or []:
        spans.append((place.get("start"), place.get("end"), "place"))
    for ev in doc.get("events") or []:
        date = ev.get("date") or {}
        spans.append((date.get("text_start"), date.get("text_end"), "date"))
        loc = ev.get("location") or {}
        spans.append((loc.get("start"), loc.get("end"), "place"))
    for ev in doc.get("events") or []:
        spans.extend((r.get("start"), r.get("end"), "recipient") for r in ev.get("recipients") or [])
        spans.extend((a.get("start"), a.get("end"), "actor") for a in ev.get("actors") or [])
    for ev in doc.get("events") or []:
        trig = ev.get("trigger") or {}
        spans.append((trig.get("start"), trig.get("end"), "trigger"))
    return spans


def highlighted_text(doc: dict[str, Any]) -> Text:
    """The article text with triggers, actors, recipients, dates and places styled."""
    text = doc.get("text") or ""
    out = Text(text)
    for start, end, kind in _spans(doc):
        # Offsets from a pipeline bug must not crash the viewer: skip what does not fit.
        if isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text):
            out.stylize(STYLES[kind], start, end)
    return out


def legend() -> Text:
    out = Text()
    for i, (kind, style) in enumerate(STYLES.items()):
        if i:
            out.append("  ")
        out.append(f" {kind} ", style=style)
    return out


def event_line(i: int, rec: dict[str, Any]) -> Text:
    line = Text(f"{i:>2}. ")
    line.append(f"{rec.get('event_type')}", style="bold")
    line.append("  ")
    line.append((rec.get("trigger") or {}).get("text") or "", style=STYLES["trigger"])
    actors, recipients = actors_text(rec.get("actors")), actors_text(rec.get("recipients"))
    if actors or recipients:
        line.append("  ")
        line.append(actors or "?", style=STYLES["actor"])
        line.append(" -> ")
        line.append(recipients or "?", style=STYLES["recipient"])
    for value, style in ((date_text(rec), STYLES["date"]), (place_text(rec), STYLES["place"])):
        if value:
            line.append("  ")
            line.append(value, style=style)
    status = rec.get("status")
    line.append(f"  [{status}]" if status and status != "asserted" else "", style="italic")
    line.append(f"  {rec.get('confidence')}", style="dim")
    return line


def article_view(doc: dict[str, Any]) -> RenderableType:
    parts: list[RenderableType] = []
    parts.append(Text(doc.get("title") or doc["id"], style="bold underline"))
    meta = [f"id {doc['id']}"] + [str(doc[k]) for k in ("published", "source", "url") if doc.get(k)]
    parts.append(Text(" | ".join(meta), style="dim"))
    parts.append(legend())
    parts.append(Text(""))
    parts.append(highlighted_text(doc))
    parts.append(Text(""))
    events = doc.get("events") or []
    parts.append(Text(f"{len(events)} event{'s' if len(events) != 1 else ''}", style="bold"))
    parts.extend(event_line(i, rec) for i, rec in enumerate(events, start=1))
    return Group(*parts)

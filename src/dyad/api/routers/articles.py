"""GET /articles, GET /articles/{id} (text with every span), POST /articles (ingest)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query
from pydantic import BaseModel, Field

from ...model import Article, Skip, stable_id
from ..deps import AppState, StoreDep, app_state, require_token
from ..errors import ApiError

router = APIRouter(tags=["articles"])

MAX_POST = 1000


@router.get("/articles", summary="Article summaries (no text), in ingest order")
def list_articles(store: StoreDep, limit: Annotated[int, Query(ge=1, le=1000)] = 100,
                  offset: Annotated[int, Query(ge=0)] = 0) -> dict[str, Any]:
    rows = store.articles(limit=limit + 1, offset=offset)
    more = len(rows) > limit
    return {"data": rows[:limit], "next_offset": offset + limit if more else None, "limit": limit,
            "offset": offset}


def _span(kind: str, start: Any, end: Any, text: Any, **extra: Any) -> dict[str, Any] | None:
    if start is None or end is None:
        return None
    return {"kind": kind, "start": int(start), "end": int(end), "text": text, **extra}


def _event_spans(ev: dict[str, Any]) -> Iterator[dict[str, Any] | None]:
    tag = {"event_id": ev["id"], "event_type": ev["event_type"]}
    trig = ev["trigger"]
    yield _span("trigger", trig["start"], trig["end"], trig["text"], **tag)
    for role in ("actors", "recipients"):
        for ref in ev.get(role) or []:
            yield _span("actor", ref.get("start"), ref.get("end"), ref.get("text"), name=ref.get("name"),
                        country=ref.get("country"), role=role[:-1], **tag)
    date = ev.get("date") or {}
    yield _span("date", date.get("text_start"), date.get("text_end"), date.get("text"),
                value=date.get("start"), **tag)
    loc = ev.get("location") or {}
    yield _span("place", loc.get("start"), loc.get("end"), loc.get("text"), name=loc.get("name"), **tag)


def _annotation_spans(doc: dict[str, Any]) -> Iterator[dict[str, Any] | None]:
    for t in doc.get("times") or []:
        yield _span("date", t.get("start"), t.get("end"), t.get("text"), value=t.get("value"))
    for p in doc.get("places") or []:
        yield _span("place", p.get("start"), p.get("end"), p.get("text") or p.get("name"), name=p.get("name"))
    for q in doc.get("quotes") or []:
        speaker = q.get("speaker") or {}
        yield _span("quote", q.get("start"), q.get("end"), q.get("text"),
                    speaker=speaker.get("name") or speaker.get("text"), quote_kind=q.get("kind"))
    for m in doc.get("actor_mentions") or []:
        yield _span("actor", m.get("start"), m.get("end"), m.get("text"), name=m.get("name"),
                    country=m.get("country"))


def article_spans(doc: dict[str, Any]) -> list[dict[str, Any]]:
    """Every span of the article, one per (kind, start, end), with the events it belongs to."""
    merged: dict[tuple[str, int, int], dict[str, Any]] = {}
    spans = [s for ev in doc["events"] for s in _event_spans(ev)] + list(_annotation_spans(doc))
    for span in spans:
        if span is None:
            continue
        key = (span["kind"], span["start"], span["end"])
        event_id = span.pop("event_id", None)
        span.pop("event_type", None)
        kept = merged.setdefault(key, {**span, "events": []})
        for k, v in span.items():
            if kept.get(k) is None and v is not None:
                kept[k] = v
        if event_id and event_id not in kept["events"]:
            kept["events"].append(event_id)
    return sorted(merged.values(), key=lambda s: (s["start"], -s["end"], s["kind"]))


@router.get("/articles/{article_id}", summary="One article: text, events and the spans of actors, "
                                              "triggers, dates, places and quotes")
def get_article(article_id: str, store: StoreDep) -> dict[str, Any]:
    doc = store.article(article_id)
    if doc is None:
        raise ApiError(404, f"no article {article_id!r}")
    doc["spans"] = article_spans(doc)
    return doc


class ArticleIn(BaseModel):
    text: str = Field(min_length=1, description="The article text; every offset indexes it")
    id: str | None = Field(None, description="Default: derived from title and text")
    title: str | None = None
    published: str | None = Field(None, description="Publication date, YYYY-MM-DD")
    source: str | None = None
    url: str | None = None


class ArticlesIn(BaseModel):
    articles: list[ArticleIn] = Field(min_length=1, max_length=MAX_POST)


def _items(posted: list[ArticleIn]) -> list[Article | Skip]:
    from ...ingest.build import record_article
    from ...ingest.checks import Rejected
    from ...ingest.options import Options, max_chars_setting

    opts = Options(max_chars=max_chars_setting())
    items: list[Article | Skip] = []
    for i, art in enumerate(posted):
        origin = f"POST /articles[{i}]"
        default_id = "api-" + stable_id(art.title or "", art.text, length=12)
        try:
            items.append(record_article(art.model_dump(exclude_none=True), default_id=default_id,
                                        origin=origin, opts=opts))
        except Rejected as rejected:
            items.append(Skip(origin, rejected.reason))
    return items


@router.post("/articles", summary="Ingest articles (needs the API token)",
             dependencies=[Depends(require_token)])
def post_articles(body: ArticlesIn | ArticleIn,
                  state: Annotated[AppState, Depends(app_state)]) -> dict[str, Any]:
    from ...store import load

    posted = body.articles if isinstance(body, ArticlesIn) else [body]
    items = _items(posted)
    skipped: list[dict[str, str]] = []
    # One ingest at a time, on a connection of its own: reads go on meanwhile.
    with state.ingest_lock:
        writer = state.view()
        try:
            stats = load(items, writer, n_process=1,
                         on_skip=lambda s: skipped.append({"origin": s.origin, "reason": s.reason}))
        finally:
            writer._con.close()  # noqa: SLF001
    ids = [a.id for a in items if isinstance(a, Article)]
    return {"added": stats.added, "events": stats.events, "already": stats.already,
            "unreadable": stats.unreadable, "skipped": skipped, "ids": ids}

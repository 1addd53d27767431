"""Hand-made events for dedup tests (no spaCy)."""

from __future__ import annotations

import datetime as dt

from dyad.model import ActorRef, Article, Event, EventDate, Location, Mention, Span, stable_id
from dyad.pipeline import ArticleResult

AYOROU = dict(name="Ayorou", lat=14.73, lon=0.92, country="NER", precision="city", source="governing")
NIAMEY = dict(name="Niamey", lat=13.51, lon=2.11, country="NER", precision="city", source="governing")


def actor(text: str, country: str | None = None, sector: str | None = None, name: str | None = None) -> ActorRef:
    return ActorRef(text=text, start=0, end=len(text), name=name or text, country=country, sector=sector)


def ev(article_id: str, at: int, trigger: str, etype: str = "ASSAULT", *, actors=(), recipients=(),
       day: str | None = "2023-03-05", precision: str = "day", stated: bool = True, place: dict | None = None,
       status: str = "asserted", sentence: str | None = None, cameo: str | None = None) -> Event:
    sentence = sentence or trigger
    return Event(
        id=stable_id(article_id, at, etype), article_id=article_id, event_type=etype, cameo=cameo,
        trigger=Span(trigger, at, at + len(trigger)), sentence=sentence,
        actors=list(actors), recipients=list(recipients),
        date=EventDate(start=day, end=day, precision=precision if day else None, stated=stated,
                       source="governing" if stated else "article"),
        location=Location(**place) if place else None, status=status,
        mentions=[Mention(article_id, at, at + len(trigger))],
        sentence_start=at - (len(sentence) - len(trigger)), sentence_end=at + len(trigger),
    )


def result(article_id: str, events: list[Event], published: str = "2023-03-06",
           source: str | None = None) -> ArticleResult:
    art = Article(id=article_id, text=article_id + " " + "x" * 1000, published=dt.date.fromisoformat(published), source=source)
    return ArticleResult(article=art, events=events)


def attack(article_id: str, at: int = 10, **kw) -> Event:
    return ev(article_id, at, "attacked", actors=[actor("gunmen", sector="REB")],
              recipients=[actor("army post", "NER", "MIL")], place=AYOROU, **kw)


def corpus() -> list[ArticleResult]:
    """Six articles: one attack reported thrice, a strike twice, a visit in two months."""
    strike = dict(actors=[actor("Nigerien drones", "NER", "MIL")], recipients=[actor("MSL camp", None, "REB")],
                  day="2023-03-10")
    return [
        result("a1", [attack("a1"), ev("a1", 200, "visited", "CONSULT", actors=[actor("Dussey", "TGO", "GOV")],
                                       recipients=[actor("Goita", "MLI", "GOV")], day="2023-03-01")], source="AFP"),
        result("a2", [attack("a2", 30, day="2023-03-06")], published="2023-03-07", source="Reuters"),
        result("a3", [ev("a3", 5, "strike", **strike), attack("a3", 90)], published="2023-03-11", source="AFP"),
        result("a4", [ev("a4", 7, "strike", **strike)], published="2023-03-12", source="RFI"),
        result("a5", [ev("a5", 9, "visited", "CONSULT", actors=[actor("Dussey", "TGO", "GOV")],
                         recipients=[actor("Goita", "MLI", "GOV")], day="2023-05-02")], published="2023-05-03"),
        result("a6", [ev("a6", 3, "attacked", actors=[actor("Malian troops", "MLI", "MIL")],
                         recipients=[actor("MSL", None, "REB")], day="2023-03-05")], published="2023-03-06"),
    ]

"""CLI tests run against a fake pipeline (no spaCy): events come from keywords."""

from __future__ import annotations


from dyad.model import ActorRef, Event, EventDate, Location, Mention, Span, TimeValue, stable_id
from dyad.pipeline import ArticleResult

#: keyword -> (type, actor text, actor country, recipient text, recipient country)
RULES = {
    "clashed": ("ASSAULT", "police", "KEN", "protesters", None),
    "accused": ("ACCUSE", "Israel", "ISR", "Iran", "IRN"),
    "met": ("CONSULT", "minister", "KEN", "envoy", "USA"),
}


def _ref(text: str, needle: str, country: str | None) -> ActorRef | None:
    at = text.find(needle)
    if at < 0:
        return None
    return ActorRef(text=needle, start=at, end=at + len(needle), name=needle.title(), country=country)


def fake_events(article) -> list[Event]:
    text = article.text
    out = []
    for word, (etype, actor, a_cc, recipient, r_cc) in RULES.items():
        at = text.find(word)
        if at < 0:
            continue
        day = article.published.isoformat() if article.published else None
        place = text.find("Nairobi")
        out.append(Event(
            id=stable_id(article.id, at, etype), article_id=article.id, event_type=etype,
            trigger=Span(word, at, at + len(word)), sentence=text,
            actors=[r for r in [_ref(text, actor, a_cc)] if r],
            recipients=[r for r in [_ref(text, recipient, r_cc)] if r],
            date=EventDate(start=day, end=day, precision="day" if day else None, stated=False,
                           source="article" if day else "unresolved"),
            location=Location(name="Nairobi", country="KEN", lat=-1.28, lon=36.82, start=place, end=place + 7)
            if place >= 0 else None,
            status="negated" if "did not" in text else "asserted",
            mentions=[Mention(article.id, at, at + len(word))], confidence=0.7, version="fake",
            sentence_end=len(text),
        ))
    return out


def fake_pipe(articles, *, n_process=None, batch_size=None, **_):
    for art in articles:
        times = []
        at = art.text.find("Monday")
        if at >= 0:
            times.append(TimeValue(text="Monday", start=at, end=at + 6, value="2024-03-04"))
        yield ArticleResult(article=art, events=fake_events(art), times=times)


ARTICLES = [
    {"id": "k1", "title": "Clashes", "text": "Kenyan police clashed with protesters in Nairobi on Monday.",
     "published": "2024-03-05", "source": "Example"},
    {"id": "i1", "title": "Accusation", "text": "Israel accused Iran of supplying drones.",
     "published": "2023-05-06", "source": "Wire"},
    {"id": "m1", "title": "Talks", "text": "The minister met the envoy in Nairobi.", "published": "2024-03-06"},
    {"id": "n1", "title": "Nothing", "text": "The weather was fine all week.", "published": "2024-03-06"},
]

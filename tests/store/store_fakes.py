"""Hand-made pipeline results for store tests (no spaCy)."""

from __future__ import annotations

import datetime as dt

from dyad.model import (ActorRef, Article, Event, EventDate, Location, Mention, Quote, Segment, Size,
                        Span, TimeValue, stable_id)
from dyad.pipeline import ArticleResult


def ref(text: str, article: str, **kw) -> ActorRef:
    start = article.index(text)
    return ActorRef(text=text, start=start, end=start + len(text), **kw)


def make_event(article_id: str, text: str, trigger: str, event_type: str, *, actors=(), recipients=(),
               date: tuple[str | None, str | None] = ("2024-03-01", "2024-03-01"), status: str = "asserted",
               location: Location | None = None, confidence: float = 0.8123, size: Size | None = None,
               attributed_to: ActorRef | None = None) -> Event:
    start = text.index(trigger)
    return Event(
        id=stable_id(article_id, start, event_type),
        article_id=article_id,
        event_type=event_type,
        trigger=Span(trigger, start, start + len(trigger)),
        sentence=text,
        cameo="190" if event_type == "ASSAULT" else "040",
        mode="clash" if event_type == "ASSAULT" else None,
        quad="material_conflict" if event_type == "ASSAULT" else "verbal_cooperation",
        actors=list(actors),
        recipients=list(recipients),
        date=EventDate(start=date[0], end=date[1], precision="day" if date[0] else None,
                       text="on 1 March" if date[0] else None, stated=bool(date[0]), source="governing"),
        location=location,
        status=status,
        attributed_to=attributed_to,
        size=size or Size(),
        mentions=[Mention(article_id, start, start + len(trigger))],
        confidence=confidence,
        version="test-1",
        sentence_start=0,
        sentence_end=len(text),
        rule=f"{event_type.lower()}.{trigger}",
    )


TEXT_A = "Kenyan police clashed with protesters in Nairobi on 1 March, killing two. The minister met the envoy."
TEXT_B = "Israel accused Iran of attacks on 5 May 2023. Talks were held in Geneva."


def result_a(article_id: str = "a1", text: str = TEXT_A) -> ArticleResult:
    art = Article(id=article_id, text=text, title="Clashes in Nairobi", published=dt.date(2024, 3, 2),
                  source="Example News", url="https://example.org/a1", language="en",
                  metadata={"section": "world", "tags": ["kenya"]}, origin="corpus.jsonl:1",
                  segments=[Segment(0, len(text))])
    police = ref("Kenyan police", text, name="Kenya Police Service", country="KEN", sector="COP")
    protesters = ref("protesters", text, name="protesters", sector="OPP")
    minister = ref("minister", text, country="KEN", sector="GOV")
    envoy = ref("envoy", text, country="USA", sector="GOV")
    nairobi = Location(name="Nairobi", lat=-1.28333, lon=36.81667, country="KEN", geonameid=184745,
                       precision="city", text="Nairobi", start=text.index("Nairobi"),
                       end=text.index("Nairobi") + 7, source="governing")
    ev1 = make_event(article_id, text, "clashed", "ASSAULT", actors=[police], recipients=[protesters],
                     location=nairobi, size=Size(dead=2))
    ev2 = make_event(article_id, text, "met", "CONSULT", actors=[minister], recipients=[envoy],
                     date=(None, None), status="speculative", confidence=0.5)
    tv = TimeValue(text="1 March", start=text.index("1 March"), end=text.index("1 March") + 7,
                   value="2024-03-01", precision="day", start_date="2024-03-01", end_date="2024-03-01",
                   anchor="published")
    quote = Quote(article_id=article_id, text="killing two", start=text.index("killing"),
                  end=text.index("killing") + 11, kind="indirect", speaker=minister, cue="said")
    places = [{"name": "Nairobi", "start": nairobi.start, "end": nairobi.end, "lat": -1.28333,
               "lon": 36.81667, "country": "KEN", "geonameid": 184745}]
    return ArticleResult(article=art, events=[ev1, ev2], times=[tv], places=places, quotes=[quote],
                         actor_mentions=[{"text": "Kenyan police", "start": police.start, "end": police.end,
                                          "name": "Kenya Police Service", "country": "KEN"}])


def result_b(article_id: str = "b1") -> ArticleResult:
    text = TEXT_B
    art = Article(id=article_id, text=text, title=None, published=dt.date(2023, 5, 6), source="Wire")
    isr = ref("Israel", text, name="Israel", country="ISR", sector="GOV", kind="country")
    irn = ref("Iran", text, name="Iran", country="IRN", sector="GOV", kind="country")
    ev = make_event(article_id, text, "accused", "ACCUSE", actors=[isr], recipients=[irn],
                    date=("2023-05-01", "2023-05-07"), status="asserted")
    return ArticleResult(article=art, events=[ev])

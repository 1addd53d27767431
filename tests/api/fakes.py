"""A small hand-made store for the API and dashboard tests (no spaCy)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator

from dyad.model import (ActorRef, Article, Event, EventDate, Location, Mention, Quote, Segment, Size, Span,
                        TimeValue, stable_id)
from dyad.pipeline import ArticleResult

QUAD = {"ASSAULT": ("190", "material_conflict"), "CONSULT": ("040", "verbal_cooperation"),
        "ACCUSE": ("112", "verbal_conflict"), "AID": ("070", "material_cooperation"),
        "PROTEST": ("140", "material_conflict")}

PLACES = {
    "Nairobi": (-1.28333, 36.81667, "KEN"), "Geneva": (46.20222, 6.14569, "CHE"),
    "Niamey": (13.51366, 2.1098, "NER"), "Kyiv": (50.45466, 30.5238, "UKR"),
}


def ref(text: str, article: str, after: int = 0, **kw: object) -> ActorRef:
    start = article.index(text, after)
    return ActorRef(text=text, start=start, end=start + len(text), **kw)  # type: ignore[arg-type]


def event(article_id: str, text: str, trigger: str, event_type: str, *, actors: Iterable[ActorRef] = (),
          recipients: Iterable[ActorRef] = (), day: str | None = "2024-03-01", place: str | None = None,
          status: str = "asserted", confidence: float = 0.8, date_text: str | None = None) -> Event:
    start = text.index(trigger)
    cameo, quad = QUAD[event_type]
    loc = None
    if place:
        lat, lon, country = PLACES[place]
        pstart = text.index(place)
        loc = Location(name=place, lat=lat, lon=lon, country=country, precision="city", text=place,
                       start=pstart, end=pstart + len(place), source="sentence")
    dstart = text.index(date_text) if date_text else None
    return Event(
        id=stable_id(article_id, start, event_type), article_id=article_id, event_type=event_type,
        trigger=Span(trigger, start, start + len(trigger)), sentence=text, cameo=cameo, quad=quad,
        actors=list(actors), recipients=list(recipients),
        date=EventDate(start=day, end=day, precision="day" if day else None, text=date_text,
                       text_start=dstart, text_end=dstart + len(date_text) if date_text else None,
                       stated=bool(date_text), source="governing" if date_text else "article"),
        location=loc, status=status, size=Size(), confidence=confidence, version="test",
        mentions=[Mention(article_id, start, start + len(trigger))], sentence_start=0, sentence_end=len(text),
        rule=f"{trigger}:{event_type}")


TEXT_A = ("Kenyan police clashed with protesters in Nairobi on 1 March. "
          "\"We will not back down,\" the protesters said.")
TEXT_B = "Israel accused Iran of attacks on 5 May 2023. Israel and Iran held talks in Geneva."


def article_a() -> ArticleResult:
    text = TEXT_A
    art = Article(id="a1", text=text, title="Clashes in Nairobi", published=dt.date(2024, 3, 2),
                  source="Example News", segments=[Segment(0, len(text))])
    police = ref("Kenyan police", text, name="Kenya Police Service", country="KEN", sector="COP",
                 kind="organization")
    protesters = ref("protesters", text, name="protesters", country="KEN", sector="OPP", kind="group")
    ev = event("a1", text, "clashed", "ASSAULT", actors=[police], recipients=[protesters], place="Nairobi",
               date_text="1 March", confidence=0.95)
    qstart = text.index("\"We")
    quote_end = text.index("down,\"") + 6
    quote = Quote(article_id="a1", text=text[qstart:quote_end], start=qstart, end=quote_end, kind="direct",
                  speaker=ref("protesters", text, after=quote_end, name="protesters"), cue="said")
    tv = TimeValue(text="1 March", start=text.index("1 March"), end=text.index("1 March") + 7,
                   value="2024-03-01", precision="day", start_date="2024-03-01", end_date="2024-03-01")
    places = [{"name": "Nairobi", "text": "Nairobi", "start": text.index("Nairobi"),
               "end": text.index("Nairobi") + 7, "lat": -1.28333, "lon": 36.81667, "country": "KEN"}]
    return ArticleResult(article=art, events=[ev], times=[tv], places=places, quotes=[quote])


def article_b() -> ArticleResult:
    text = TEXT_B
    art = Article(id="b1", text=text, title="Accusations and talks", published=dt.date(2023, 5, 6),
                  source="Wire", segments=[Segment(0, len(text))])
    isr = ref("Israel", text, name="Israel", country="ISR", sector="GOV", kind="country")
    irn = ref("Iran", text, name="Iran", country="IRN", sector="GOV", kind="country")
    talks_at = text.index("Israel and")
    isr2 = ref("Israel", text, after=talks_at, name="Israel", country="ISR", sector="GOV", kind="country")
    irn2 = ref("Iran", text, after=talks_at, name="Iran", country="IRN", sector="GOV", kind="country")
    ev1 = event("b1", text, "accused", "ACCUSE", actors=[isr], recipients=[irn], day="2023-05-05",
                date_text="5 May 2023", confidence=0.9)
    ev2 = event("b1", text, "held talks", "CONSULT", actors=[isr2], recipients=[irn2], day="2023-05-06",
                place="Geneva", status="speculative", confidence=0.6)
    return ArticleResult(article=art, events=[ev1, ev2])


def filler(n: int) -> Iterator[ArticleResult]:
    """``n`` more articles, one event each, over several months, types and places."""
    types = ("ASSAULT", "AID", "PROTEST")
    places = ("Niamey", "Kyiv", "Nairobi")
    for i in range(n):
        text = f"Soldiers attacked rebels near {places[i % 3]} in report {i}."
        kind = types[i % 3]
        art = Article(id=f"f{i:02d}", text=text, title=f"Report {i}", published=dt.date(2024, 1 + i % 6, 10),
                      source="Filler", segments=[Segment(0, len(text))])
        soldiers = ref("Soldiers", text, name="soldiers", country="NER", sector="MIL", kind="group")
        rebels = ref("rebels", text, name="rebels", sector="REB", kind="group")
        ev = event(art.id, text, "attacked", kind, actors=[soldiers], recipients=[rebels],
                   day=f"2024-{1 + i % 6:02d}-{1 + i % 27:02d}", place=places[i % 3],
                   confidence=round(0.5 + (i % 5) / 10, 2))
        yield ArticleResult(article=art, events=[ev])


def all_results(n_filler: int = 25) -> list[ArticleResult]:
    return [article_a(), article_b(), *filler(n_filler)]


def posted_result(article: Article) -> ArticleResult:
    """What the stub pipeline makes of a posted article: one PROTEST event on its first word."""
    first = article.text.split()[0]
    ev = event(article.id, article.text, first, "PROTEST", day="2024-06-01")
    return ArticleResult(article=article, events=[ev])


def fake_pipe(articles: Iterable[Article], **_: object) -> Iterator[ArticleResult]:
    for art in articles:
        yield posted_result(art)

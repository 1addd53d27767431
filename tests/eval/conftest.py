"""Fixtures for the eval tests: a fake pipeline (no spaCy) and event builders."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from types import SimpleNamespace

import pytest

from dyad import pipeline
from dyad.eval.common import data_dir
from dyad.model import ActorRef, Article, Event, EventDate, Location, Size, Span
from dyad.pipeline import ArticleResult


def make_event(text: str = "x", etype: str = "ASSAULT", *, trigger: tuple[int, int] = (0, 1),
               actors: list[ActorRef] | None = None, recipients: list[ActorRef] | None = None,
               mode: str | None = None, cameo: str | None = None, confidence: float = 0.5,
               location: Location | None = None, dead: int | None = None, injured: int | None = None,
               date: EventDate | None = None, eid: str = "e1", article_id: str = "a1",
               status: str = "asserted") -> Event:
    s, e = trigger
    return Event(id=eid, article_id=article_id, event_type=etype, trigger=Span(text[s:e], s, e),
                 sentence=text, mode=mode, cameo=cameo, actors=actors or [], recipients=recipients or [],
                 location=location, size=Size(dead=dead, injured=injured), date=date or EventDate(),
                 confidence=confidence, status=status)


def actor(text: str, start: int = 0, *, country: str | None = None, sector: str | None = None,
          name: str | None = None) -> ActorRef:
    return ActorRef(text=text, start=start, end=start + len(text), country=country, sector=sector, name=name)


@pytest.fixture
def fake_pipe(monkeypatch: pytest.MonkeyPatch) -> Callable[[Callable[[Article], ArticleResult] | None], None]:
    """Replace ``dyad.pipeline.pipe`` and ``extract``; call with a function article -> ArticleResult
    (default: no findings)."""

    def install(fn: Callable[[Article], ArticleResult] | None = None) -> None:
        make = fn or (lambda a: ArticleResult(article=a))

        def pipe(articles: Iterable[Article], **_: object) -> Iterator[ArticleResult]:
            for a in articles:
                yield make(a)

        def extract(text: str, *, published: str | None = None, **_: object) -> list:
            return list(make(Article(id="extract", text=text)).events)

        monkeypatch.setattr(pipeline, "pipe", pipe)
        # dyad.extract.classify goes through pipeline.extract: fake it the same way
        monkeypatch.setattr(pipeline, "extract", extract)

    install()
    return install


@pytest.fixture
def shared_data() -> Path:
    root = data_dir()
    if not root.is_dir():
        pytest.skip("shared evaluation data not available")
    return root


@pytest.fixture
def build() -> SimpleNamespace:
    """``build.event(...)`` and ``build.actor(...)``: hand-made predictions."""
    return SimpleNamespace(event=make_event, actor=actor)

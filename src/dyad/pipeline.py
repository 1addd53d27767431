"""The stages in order: segment -> parse (spaCy) -> extract -> resolve -> (dedup) -> out.

``pipe()`` streams articles through every stage in batches and yields one
:class:`ArticleResult` per article, in input order. ``extract()`` is the one-text
convenience used from notebooks.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from .model import Article, Event, Quote, TimeValue

__all__ = ["ArticleResult", "pipe", "extract"]


@dataclass(slots=True)
class ArticleResult:
    """Everything dyad found in one article."""

    article: Article
    events: list[Event] = field(default_factory=list)
    times: list[TimeValue] = field(default_factory=list)
    places: list[dict] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    #: every actor mention found (not only event participants)
    actor_mentions: list[dict] = field(default_factory=list)


def pipe(articles: Iterable[Article], *, n_process: int | None = None,
         batch_size: int | None = None) -> Iterator[ArticleResult]:
    """Run every stage over ``articles``; yields results in input order."""
    raise NotImplementedError  # implemented in the spine (issue 2)


def extract(text: str, *, published: str | None = None, title: str | None = None,
            article_id: str | None = None) -> list[Event]:
    """Events in one text. ``published`` (YYYY-MM-DD) anchors relative dates."""
    raise NotImplementedError

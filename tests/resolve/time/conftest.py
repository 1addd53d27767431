"""Shared fixtures for the time tests: a fixed publication date and a parsed-sentence helper."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

#: Thursday, 24 December 2020 -- the publication date of every case
PUBLISHED = dt.date(2020, 12, 24)


@pytest.fixture(scope="session")
def nlp():
    from dyad.nlp import load_nlp

    return load_nlp()


@pytest.fixture(scope="session")
def find(nlp) -> Callable:
    """``find(text, published=PUBLISHED)`` -> (doc, [(TimeValue, Span)]) for one paragraph."""
    from dyad.resolve.time import ParagraphClock, TimeFinder

    def run(text: str, published: dt.date | None = PUBLISHED):
        doc = nlp(text)
        return doc, TimeFinder(published).find(doc, 0, ParagraphClock(published))

    return run

"""Helpers for the ingest tests: fixture paths and splitting results."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pytest

from dyad.model import Article, Skip

FIXTURES = Path(__file__).parent / "fixtures"

#: A paragraph of plain English, long enough for the language check to judge it.
ENGLISH = (
    "The government said on Monday that it would open talks with the opposition after "
    "weeks of protests in the capital. Officials from both sides have met twice this "
    "month, and the mediators said they were hopeful that an agreement could be reached "
    "before the elections, which are due to be held in the spring."
)


def articles(items: Iterable[Article | Skip]) -> list[Article]:
    return [i for i in items if isinstance(i, Article)]


def skips(items: Iterable[Article | Skip]) -> list[Skip]:
    return [i for i in items if isinstance(i, Skip)]


def seg_texts(article: Article) -> list[tuple[str, str]]:
    return [(s.kind, article.text[s.start : s.end]) for s in article.segments]


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES

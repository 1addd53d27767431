"""Shared fixtures for the place-stage tests: the real gazetteer and a parser."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from spacy.tokens import Doc

from dyad.resolve.places import Gazetteer, PlaceFinder, gazetteer


@pytest.fixture(scope="session")
def gaz() -> Gazetteer:
    """The installed gazetteer (compiled into the cache on the first run, ~30 s once)."""
    return gazetteer()


@pytest.fixture(scope="session")
def nlp():  # type: ignore[no-untyped-def]
    from dyad.nlp import load_nlp

    return load_nlp()


@pytest.fixture()
def places_of(nlp, gaz: Gazetteer) -> Callable[..., list]:  # type: ignore[no-untyped-def]
    """Parse each text as one segment of one article; return [(record, span)] per segment."""

    def run(*texts: str) -> list[list]:
        finder = PlaceFinder(gaz)
        out, offset = [], 0
        for text in texts:
            doc: Doc = nlp(text)
            out.append(finder.find(doc, offset, "a1"))
            offset += len(text) + 2
        return out

    return run

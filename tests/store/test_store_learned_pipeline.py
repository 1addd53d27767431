"""Learned actors through the real pipeline: a later article that names the man only by
his surname gets his codes and canonical name, unless reuse is switched off."""

from __future__ import annotations

import datetime as dt

import pytest

from test_store_learned import TAMAKET, tamaket_article
from dyad.model import Article
from dyad.store import Store, load


@pytest.fixture(scope="module")
def real_pipeline():
    from dyad.errors import DyadError
    from dyad.nlp import load_nlp

    try:
        load_nlp()
    except (DyadError, OSError) as err:  # no spaCy model here
        pytest.skip(f"spaCy model not available: {err}")


def later() -> Article:
    return Article(id="p2", text="Ag Tamaket attacked Malian soldiers near Menaka on Monday, the army said.",
                   published=dt.date(2024, 3, 5))


def coded(store: Store, name: str) -> list[tuple]:
    return [(a["text"], a["name"], a["country"], a["sector"], a["actor_id"])
            for e in store.events(article_id="p2") for a in e["actors"] if name in a["text"]]


def test_later_article_gets_the_learned_codes(real_pipeline):
    with Store(":memory:") as store:
        store.add(tamaket_article())
        load([later()], store)
        assert coded(store, "Tamaket") == [("Ag Tamaket", "Almahdi Ag Tamaket", "MLI", "REB", TAMAKET)]


def test_reuse_switched_off(real_pipeline):
    with Store(":memory:") as store:
        store.add(tamaket_article())
        load([later()], store, learned_actors=False)
        [(text, name, country, sector, actor_id)] = coded(store, "Tamaket")
        assert (country, actor_id) == (None, None)

"""An API over a small in-memory store of hand-made events (no spaCy)."""

from __future__ import annotations

import warnings

import pytest

from dyad.api import create_app
from dyad.store import Store

from .fakes import all_results, fake_pipe

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

TOKEN = "s3cret-token"


@pytest.fixture(autouse=True)
def _no_env(monkeypatch):
    monkeypatch.delenv("DYAD_API_TOKEN", raising=False)


@pytest.fixture
def store():
    with Store(":memory:") as db:
        db.add_many(all_results())
        yield db


@pytest.fixture
def client(store):
    with TestClient(create_app(store=store)) as c:
        yield c


@pytest.fixture
def writer(store, monkeypatch):
    monkeypatch.setattr("dyad.pipeline.pipe", fake_pipe)
    with TestClient(create_app(store=store, token=TOKEN)) as c:
        yield c

"""Fixtures for store tests; the fake results live in store_fakes.py."""

from __future__ import annotations

import pytest

from dyad.store import Store


@pytest.fixture
def store():
    with Store(":memory:") as db:
        yield db

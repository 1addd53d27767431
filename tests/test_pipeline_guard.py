"""A stage that fails on one article costs that stage's output, not the batch."""

from __future__ import annotations

import warnings

import pytest

from dyad.errors import StageWarning
from dyad.model import Article

pytestmark = pytest.mark.slow


def test_a_failing_stage_warns_and_keeps_the_other_stages(monkeypatch: pytest.MonkeyPatch) -> None:
    from dyad.pipeline import get_pipeline
    from dyad.resolve.time import TimeFinder

    def broken(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        raise IndexError("boom")

    monkeypatch.setattr(TimeFinder, "find", broken)
    article = Article(id="g1", text="Rebels attacked an army base near Gao on Monday.")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = get_pipeline().process([article])[0]
    assert [e.event_type for e in result.events] == ["ASSAULT"]
    assert result.times == []
    messages = [str(w.message) for w in caught if issubclass(w.category, StageWarning)]
    assert len(messages) == 1 and "g1" in messages[0] and "time stage" in messages[0]

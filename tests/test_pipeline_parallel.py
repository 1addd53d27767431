"""Worker processes forked from a parent that loaded the stages give the same events."""

from __future__ import annotations

import datetime as dt

from dyad import pipeline
from dyad.model import Article

TEXTS = [
    "Gunmen attacked an army post near Ayorou on Sunday, killing nine soldiers.",
    "Police in Nairobi arrested three journalists on Monday, a rights group said.",
    "Togo's foreign minister met Mali's interim president in Bamako on Tuesday.",
]


def _events(n_process: int) -> list[tuple]:
    arts = [Article(id=f"p{i}", text=t, published=dt.date(2023, 3, 8)) for i, t in enumerate(TEXTS)]
    return [(e.article_id, e.event_type, e.trigger.start, e.date.start, e.location.name if e.location else None,
             tuple(a.text for a in e.actors)) for r in pipeline.pipe(arts, n_process=n_process, batch_size=4)
            for e in r.events]


def test_two_processes_match_one():
    one = _events(1)
    assert one and _events(2) == one

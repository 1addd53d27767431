"""Events from parsed text: triggers, arguments, status, attribution, size.

``classify`` answers a narrower question used in evaluation and by analysts who
already know the dyad: which PLOVER type links *this* source to *this* target
in a sentence?
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["classify"]

SpanLike = tuple[int, int] | str


def _bounds(sentence: str, span: SpanLike | None) -> tuple[int, int] | None:
    if span is None:
        return None
    if isinstance(span, str):
        start = sentence.find(span)
        return (start, start + len(span)) if start >= 0 else None
    return int(span[0]), int(span[1])


def _overlaps(refs: Sequence, bounds: tuple[int, int] | None) -> bool:
    if bounds is None:
        return False
    return any(r.start < bounds[1] and bounds[0] < r.end for r in refs)


def _score(event, src: tuple[int, int] | None, tgt: tuple[int, int] | None) -> tuple[int, bool, float]:  # type: ignore[no-untyped-def]
    score = 0
    score += 2 if _overlaps(event.actors, src) else 0
    score += 2 if _overlaps(event.recipients, tgt) else 0
    score += 1 if _overlaps(event.recipients, src) or _overlaps(event.actors, tgt) else 0
    if src and tgt:
        lo, hi = min(src[0], tgt[0]), max(src[1], tgt[1])
        score += 1 if lo <= event.trigger.start <= hi else 0
    # what was done (asserted) over what was not: "failed to reach agreement" is the REJECT
    return score, event.status == "asserted", event.confidence


def classify(sentence: str, source: SpanLike | None = None, target: SpanLike | None = None,
             *, published: str | None = None) -> str | None:
    """The PLOVER type of the event linking ``source`` to ``target`` (None when no event).

    Spans are (start, end) offsets into ``sentence`` or substrings of it. Among the
    events found, the one whose actor overlaps the source and recipient the
    target wins; then one with either; then the trigger between the two; then
    the most confident.
    """
    from ..pipeline import extract

    events = extract(sentence, published=published)
    if not events:
        return None
    src, tgt = _bounds(sentence, source), _bounds(sentence, target)
    best = max(events, key=lambda e: _score(e, src, tgt))
    return best.event_type

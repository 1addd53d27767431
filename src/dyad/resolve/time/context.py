"""What a normaliser knows besides the words: anchor, reference time and tense."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .periods import Normalized

__all__ = ["Context", "UNRESOLVED", "unresolved", "pick"]

#: ``Normalized.anchor`` of a relative expression that had nothing to resolve against
UNRESOLVED = "unresolved"


@dataclass(frozen=True, slots=True)
class Context:
    """``anchor`` is the publication date; ``reference`` the narrative reference day
    (defaults to the anchor); ``tense`` of the governing verb: past, present, future
    or None; ``period`` the last period stated before the expression."""

    anchor: dt.date | None
    reference: dt.date | None = None
    tense: str | None = None
    period: Normalized | None = None
    #: the tense comes from a verb that governs the expression directly
    firm: bool = False
    #: the date or period stated last, whatever its precision ("On May 22, 1995, ... the
    #: following year"): what "that year" and "the following month" count from
    latest: Normalized | None = None

    @property
    def ref(self) -> dt.date | None:
        return self.reference or self.anchor

    @property
    def ref_kind(self) -> str:
        return "reference" if self.reference else "published"


def unresolved(value: str | None = None, type_: str = "DATE") -> Normalized:
    """A relative expression with no anchor: an underspecified value at most."""
    return Normalized(type_, value or "", None, None, None, UNRESOLVED)


def pick(words: list[str], cls: str, letters: str, nth: int = 0) -> str | None:
    """The ``nth`` word whose class is one of ``letters``."""
    found = [w for w, c in zip(words, cls) if c in letters]
    return found[nth] if -len(found) <= nth < len(found) else None

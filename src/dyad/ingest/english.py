"""A cheap "is this English?" check, so foreign-language articles are skipped, not miscoded."""

from __future__ import annotations

import re

__all__ = ["is_probably_english", "non_english_reason"]

# Function words that are frequent in English and rare elsewhere. Words shared
# with other languages ("a", "in", "on", "to", "at", "do", "is", "was", "i", "an")
# are left out, so foreign text scores near zero while English scores ~15-25%.
_FUNCTION_WORDS = frozenset("""
    the of and that for with from by this which have has had been were would will
    said his her they their them he she we it its be not are but who what when
    after about than into over also could should there these those our you
""".split())

_MIN_SHARE = 0.03  # below this share of function words, the text is not English
_MIN_WORDS = 40  # shorter texts are never flagged: too little evidence
_MIN_LETTERS = 120  # same, for scripts without spaces
_SAMPLE = 20_000  # characters looked at: enough to decide, cheap on long articles
_WORD = re.compile(r"[^\W\d_]+")


def _latin_share(sample: str) -> tuple[int, float]:
    """(letters, share of them in Latin scripts)."""
    letters = [c for c in sample if c.isalpha()]
    if not letters:
        return 0, 1.0
    latin = sum(1 for c in letters if c < "\u0250")
    return len(letters), latin / len(letters)


def non_english_reason(text: str) -> str | None:
    """Why ``text`` is probably not English (one line), or None when it may be."""
    sample = text[:_SAMPLE]
    letters, latin = _latin_share(sample)
    if letters >= _MIN_LETTERS and latin < 0.5:
        return f"not English (mostly non-Latin script: {latin:.0%} Latin letters)"
    words = _WORD.findall(sample.lower())
    if len(words) <= _MIN_WORDS:
        return None
    share = sum(1 for w in words if w in _FUNCTION_WORDS) / len(words)
    if share < _MIN_SHARE:
        return f"not English ({share:.1%} common English words in {len(words)} words)"
    return None


def is_probably_english(text: str) -> bool:
    """False only when there is enough text and it does not look English."""
    return non_english_reason(text) is None

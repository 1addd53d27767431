"""Title-Case headlines parse badly ("Trump Threatens Retaliation" is read as one name).

Before parsing, :func:`sentence_case` lowercases the words of a Title-Case
headline that are ordinary vocabulary (function words, trigger words and role
nouns the lexicons know, in any inflection) and keeps the rest (names) as
written. The change keeps every character offset, so spans still index the
original text; callers restore surface text from the article.
"""

from __future__ import annotations

import re

from spacy.lang.en.stop_words import STOP_WORDS

__all__ = ["is_title_case", "sentence_case"]

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_SUFFIXES = (("ies", "y"), ("es", ""), ("s", ""), ("ed", ""), ("ed", "e"), ("ing", ""), ("ing", "e"), ("d", ""))


def is_title_case(text: str) -> bool:
    """Most longer words capitalised: a Title-Case headline, not a sentence."""
    words = [w for w in _WORD.findall(text) if len(w) > 3]
    if len(words) < 3:
        return False
    return sum(w[0].isupper() for w in words) / len(words) > 0.6


def _known(word: str, vocab: frozenset[str]) -> bool:
    low = word.lower().replace("’", "'")
    if low in STOP_WORDS or low in vocab:
        return True
    for suffix, repl in _SUFFIXES:
        if low.endswith(suffix) and len(low) - len(suffix) >= 3 and low[: -len(suffix)] + repl in vocab:
            return True
    return False


def sentence_case(text: str, vocab: frozenset[str]) -> str:
    """``text`` with ordinary Title-Case words lowercased (same length, same offsets)."""
    if not is_title_case(text):
        return text
    out = list(text)
    first = True
    for m in _WORD.finditer(text):
        word = m.group()
        if not first and word[0].isupper() and not word.isupper() and _known(word, vocab):
            out[m.start()] = word[0].lower()
        first = False
    return "".join(out)

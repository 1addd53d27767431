"""Casualty and arrest counts stated in the trigger's sentence.

"killed 12", "three soldiers were wounded", "at least 40 people were arrested",
"left five dead", "the death toll rose to 15". Counts attach to the violent or
coercive event of the same sentence; "no one was hurt" gives 0.
"""

from __future__ import annotations

from spacy.tokens import Token

from ..model import Size
from .matching import Constructions, constructions

__all__ = ["size_of", "number_of"]

_SIZE_TYPES = {"ASSAULT", "COERCE", "PROTEST", "MOBILIZE"}
_NO_ONE = {"no", "none", "nobody"}


def number_of(tok: Token) -> int | None:
    """The integer a counting token or its numeric modifier states."""
    if tok.like_num or tok.pos_ == "NUM":
        text = tok.text.replace(",", "")
        if text.isdigit():
            return int(text)
        return constructions().numbers.get(text.lower())
    for child in tok.children:
        if child.dep_ == "nummod":
            return number_of(child)
    if tok.lower_ in _NO_ONE or any(c.lower_ in _NO_ONE and c.dep_ == "det" for c in tok.children):
        return 0
    return None


def _count_for(verb: Token) -> int | None:
    """The count of people a casualty verb or adjective applies to."""
    deps = ("dobj", "nsubjpass", "nsubj", "attr") if verb.pos_ in ("VERB", "AUX") else ("nsubj",)
    for child in verb.children:
        if child.dep_ in deps:
            n = number_of(child)
            if n is not None:
                return n
    if verb.dep_ in ("amod", "acl", "relcl") and verb.head.pos_ in ("NOUN", "NUM", "PRON"):
        return number_of(verb.head)  # "12 people killed", "five wounded soldiers"
    if verb.pos_ == "NOUN":
        for prep in verb.children:  # "the death toll rose to 15"
            if prep.dep_ == "prep":
                for pobj in prep.children:
                    if pobj.dep_ == "pobj":
                        n = number_of(pobj)
                        if n is not None:
                            return n
    if verb.pos_ == "ADJ" and verb.head.pos_ in ("NOUN", "NUM"):
        return number_of(verb.head)
    return None


def size_of(trigger: Token, event_type: str, cx: Constructions) -> Size | None:
    """Counts from the trigger's sentence, for event types that have casualties."""
    if event_type not in _SIZE_TYPES:
        return None
    size = Size()
    for tok in trigger.sent:
        lemma = tok.lemma_.lower()
        field = None
        if lemma in cx.casualty_dead or tok.lower_ in cx.casualty_dead:
            field = "dead"
        elif lemma in cx.casualty_injured or tok.lower_ in cx.casualty_injured:
            field = "injured"
        elif lemma in cx.casualty_arrested or tok.lower_ in cx.casualty_arrested:
            field = "arrested"
        if field is None or getattr(size, field) is not None:
            continue
        n = _count_for(tok)
        if n is None and lemma == "toll":
            n = _count_for(tok.head)
        if n is not None:
            setattr(size, field, n)
    return size

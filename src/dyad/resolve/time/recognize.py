"""Find temporal expressions in a parsed segment.

Each token gets its class letter (:mod:`.words`), corrected by context where a
word is ambiguous ("May", "fall", a bare "1997"); one compiled pattern then scans
the segment's class string, so recognition is a single regex pass per segment.
The NER's DATE/TIME entities add what the patterns miss, trimmed to TimeML
extent (no leading prepositions, approximators or possessive 's).
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from .lexicon import lexicon
from .words import clean, holiday_at, word_class

__all__ = ["token_classes", "find_spans", "find_candidates", "PATTERN"]

_CNT = r"(?:a?[NnDK](?:-?[NnDK]){0,3}|a)O?"
_CLOCK = r"(?:Cm?|[nD]m|k)Z?"
_PRE = r"(?:t?E-?(?:Ot?)?)"
_DAYREF = r"(?:[LHX]?WP?|TP?|MD|DO?M)"
_SPOKEN = r"(?:N(?:-?N){1,3}(?![NUu-]))"

#: alternatives, most specific first (a regex alternation takes the first that matches)
_ALTERNATIVES = [
    ("age", rf"t?{_CNT}-?[Uu]-?z"),
    ("clock", rf"{_CLOCK}(?:c?{_DAYREF})?"),
    ("date", r"(?:[LX]|Wc?)?MD(?:c?Y)?|(?:Wc?)?DO?M(?:c?Y)?|Y-D-D|i"),
    ("month", rf"{_PRE}?(?:[LHX]M|M(?:O?c?Y|O?{_SPOKEN}|[LHX]U)?)"),
    ("holiday", r"[LHX]?hj*(?:c?Y)?"),
    ("same_period", r"t[Vx]?[Ue](?:Ot?)?(?:[LHX]U|[aNn]U-?A)"),
    ("possessive_period", r"[LHX]Us(?:o-?)?[Ue]"),
    ("unit_of_date", r"tUOt?(?:MD|DO?M)(?:c?Y)?"),
    ("quarter", r"t?Y?y?o-?U(?:Ot?(?:Y|[LHX]U))?|tLUOt?(?:Y|[LHX]U)"),
    ("season", rf"{_PRE}?(?:tSO?(?:Y|{_SPOKEN})|[LHX]?S(?:c?Y)?)"),
    ("offset", rf"t?x?U-A(?:o-?)?[Ue]|tx?U-A|(?:{_CNT})?b?-?[Uu](?:px)?-?A"),
    ("year_end", r"t?Us?-?E"),
    ("and_a_half", r"(?:a|[NnD])pax[Uu]|a[Uu]pax"),
    ("duration", rf"t?[LX]{_CNT}b?-?[Uu]|{_CNT}b?-?[Uu]|t?[LX]u|r[Uu]|Xu|t?o(?:{_CNT}[Uu]|u)"),
    ("relative", rf"(?:A|{_PRE})?H?[LHX]U|{_PRE}?t?[LHX]yU|t[LXV][UP]|V[UP]|t?[UP]A"),
    ("set", rf"q[oN]?[UWMSPh]P?|q{_CNT}b?[Uu]|(?:[nN]?f)a[Uu]|wP?|Q"),
    ("weekday", rf"{_PRE}?(?:t[LX]|[LHX])?WP?"),
    ("deictic", rf"{_PRE}?(?:TP?|PT)|[HLV]P"),
    ("reference", r"t?g?F|R"),
    ("century", rf"{_PRE}?t?[oD]-?U"),
    ("year", rf"t[Yy]+[Ue]|{_PRE}?(?:y?U?Y|d)"),
    ("spoken", rf"t?U?{_SPOKEN}"),
    ("period", r"t[LH]e"),
    ("fiscal", r"t?[LHX]?yU"),
    ("part_of_unit", r"t?E-?Ot?[LHX]?[yb]?U"),
    ("the_unit", r"t[yb]?U"),
    ("bare_plural", r"u"),
]
PATTERN = re.compile("|".join(f"(?P<{name}>{alt})" for name, alt in _ALTERNATIVES))

_OBJECT_POS = frozenset({"DET", "NOUN", "PROPN", "NUM", "PRON", "ADJ", "VERB", "AUX"})
_TEMPORAL_CLASSES = frozenset("MWwSTPkCUuYdRFQhi")


def _capitalised(tok: Token) -> bool:
    return tok.text[:1].isupper()


def _month_ok(tok: Token, classes: list[str]) -> bool:
    lex = lexicon()
    if not _capitalised(tok):
        return False
    if clean(tok.text).rstrip(".") not in lex.ambiguous_months:
        return True
    i = tok.i
    near = classes[i + 1] if i + 1 < len(classes) else ""
    prev = tok.doc[i - 1].lower_ if i > 0 else ""
    return near in ("D", "Y") or prev in lex.month_context_words or (i > 0 and classes[i - 1] == "D") or tok.ent_type_ == "DATE"


def _weekday_ok(tok: Token) -> bool:
    if not _capitalised(tok):
        return False
    word = clean(tok.text)
    return word.rstrip(".") not in lexicon().ambiguous_weekdays or word.endswith(".") or tok.ent_type_ == "DATE"


def _season_ok(tok: Token) -> bool:
    if clean(tok.text) not in lexicon().ambiguous_seasons:
        return True
    prev = tok.doc[tok.i - 1].lower_ if tok.i > 0 else ""
    context = lexicon().month_context_words
    return tok.pos_ in ("NOUN", "PROPN") and (prev in context or prev in ("the", "that") or tok.ent_type_ == "DATE")


def _year_ok(tok: Token) -> bool:
    lex = lexicon()
    doc = tok.doc
    nxt = doc[tok.i + 1].lower_ if tok.i + 1 < len(doc) else ""
    prev = doc[tok.i - 1] if tok.i > 0 else None
    if nxt in lex.count_nouns_after_year or (prev is not None and prev.text in ("$", "#", "No.", "no.")):
        return False
    if tok.ent_type_ == "DATE":
        return True
    return prev is not None and (prev.lower_ in lex.year_prepositions or prev.text in (",", "(")) and tok.ent_type_ in ("", "DATE")


def _reference_word(tok: Token, classes: list[str]) -> bool:
    """"the past" as a noun; "current" before a noun that is not a period ("current talks")."""
    if tok.pos_ == "NOUN":
        return True
    nxt = classes[tok.i + 1] if tok.i + 1 < len(classes) else ""
    return tok.lower_ == "current" and tok.dep_ == "amod" and nxt not in ("U", "u", "y", "e", "S", "M")


def _before_after(tok: Token, c: str, classes: list[str]) -> str:
    """"two days before" ends an expression; "before the war" is a preposition."""
    if tok.lower_ not in ("before", "after"):
        return c
    nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    if nxt is not None and _demonstrative_pronoun(nxt):
        return c  # "the day after that": after the time just told
    return "p" if nxt is not None and nxt.pos_ in _OBJECT_POS else c


def _demonstrative_pronoun(tok: Token) -> bool:
    """"that" / "this" standing alone for a time already told (no noun after it)."""
    nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    return tok.lower_ in ("that", "this") and (nxt is None or nxt.pos_ not in ("NOUN", "PROPN", "ADJ", "NUM"))


def _set_adverb(tok: Token, c: str, classes: list[str]) -> str:
    if tok.dep_ == "amod" and tok.lower_ not in lexicon().set_adjectives:
        return "x"  # "quarterly dividend" names a kind of payment; "a daily rally" recurs
    return c


def _modifier(tok: Token, c: str, classes: list[str]) -> str:
    if tok.lower_ in lexicon().reference_nouns and _reference_word(tok, classes):
        return "F"
    return c


def _reference_noun(tok: Token, c: str, classes: list[str]) -> str:
    return "x" if tok.tag_ == "NNS" or tok.dep_ == "amod" else c  # "futures"; "future disasters"


def _decade(tok: Token, c: str, classes: list[str]) -> str:
    prev = tok.doc[tok.i - 1] if tok.i > 0 else None
    return "x" if prev is not None and prev.tag_ == "PRP$" else c  # "in his 30s" is an age


def _unit_word(tok: Token, c: str, classes: list[str]) -> str:
    if tok.lower_ != "half":
        return c
    return c if tok.i > 0 and classes[tok.i - 1] in "oLHX-" else "x"  # "the first half", not "a half"


#: class letter -> check of a word of that class in its context
_CONTEXT_CHECKS = {
    "M": lambda tok, c, cl: c if _month_ok(tok, cl) else "x",
    "W": lambda tok, c, cl: c if _weekday_ok(tok) else "x",
    "w": lambda tok, c, cl: c if _weekday_ok(tok) else "x",
    "S": lambda tok, c, cl: c if _season_ok(tok) else "x",
    "Y": lambda tok, c, cl: c if _year_ok(tok) else "n",
    "A": _before_after, "Q": _set_adverb, "L": _modifier, "H": _modifier, "F": _reference_noun,
    "U": _unit_word, "d": _decade,
}


def _clock_word(tok: Token, c: str, prev: str) -> str:
    if c == "m" and tok.lower_ in ("am", "pm") and prev not in ("n", "D", "C"):
        return "x"
    if c == "Z" and prev != "m" and prev not in ("C",):
        return "x"
    return c


def token_classes(doc: Doc) -> str:
    """The class string of a parsed segment, one letter per token."""
    classes = [word_class(t.text) if not t.is_space else "x" for t in doc]
    _mark_holidays(doc, classes)
    for tok in doc:
        c = classes[tok.i]
        check = _CONTEXT_CHECKS.get(c)
        if check is not None:
            classes[tok.i] = check(tok, c, classes)
        elif c in "mZ":
            classes[tok.i] = _clock_word(tok, c, classes[tok.i - 1] if tok.i else "")
    return "".join(classes)


def _mark_holidays(doc: Doc, classes: list[str]) -> None:
    words = [t.lower_ for t in doc]
    for tok in doc:
        if _capitalised(tok) and classes[tok.i] != "j":
            n = holiday_at(words, tok.i)
            if n:
                classes[tok.i:tok.i + n] = ["h"] + ["j"] * (n - 1)


def _accept(kind: str, doc: Doc, start: int, end: int, matched: str = "") -> bool:
    """Patterns that need outside evidence: a bare plural unit after "for/in/within",
    "the quarter"-style phrases only where the NER also saw a date."""
    if kind == "age":
        return False
    if kind == "and_a_half":  # "two and a half years", "a minute and a half"
        words = [t.lower_ for t in doc[start:end]]
        return "and" in words and "half" in words
    if kind == "offset" and "px" in matched:  # only "a week or so ago"
        return any(t.lower_ == "or" for t in doc[start:end])
    if kind == "bare_plural":
        return start > 0 and doc[start - 1].lower_ in lexicon().bare_plural_after
    if kind == "the_unit":
        return doc[end - 1].ent_type_ in ("DATE", "TIME") and doc[end - 1].lower_ not in ("day", "night")
    if kind == "duration" and matched in ("aU",) and start > 0 and _rate(doc[start - 1]):
        return False
    if kind == "spoken":
        return _spoken_year_start(doc[start:end])
    if kind == "century":
        unit = lexicon().units.get(clean(doc[end - 1].text))
        return unit is not None and unit.factor >= 100
    return True


def _rate(prev: Token) -> bool:
    """"$1 billion a year", "5% a year", "200 shares a day": a rate, not a time."""
    return prev.like_num or prev.tag_ in ("CD", "NNS") or prev.text in ("%", "percent")


def _spoken_year_start(span: Span) -> bool:
    """"nineteen ninety-six", "two thousand": a teen then tens and units, or two thousand
    ("ten thousand" and "twelve hundred" are counts)."""
    table = lexicon().number_words
    words = [p for t in span if t.lower_ not in ("the", "year", "-") for p in t.lower_.split("-") if p]
    if words[:2] == ["two", "thousand"]:
        return True
    values = [table.get(w, 0) for w in words]
    return len(values) > 1 and 10 <= values[0] <= 19 and all(0 < v < 100 for v in values[1:])


def _rule_spans(doc: Doc, classes: str) -> list[tuple[int, int]]:
    out = []
    for m in PATTERN.finditer(classes):
        if m.end() > m.start() and _accept(m.lastgroup or "", doc, m.start(), m.end(), m.group()):
            out.append((m.start(), m.end()))
    return out


_NER_LEAD = frozenset("pxcs-qgbt")
_NER_TRAIL = frozenset("pcs-xO")


def _trim_entity(ent: Span, classes: str) -> tuple[int, int] | None:
    """An NER span without leading prepositions/approximators and trailing punctuation;
    None when what remains names no time (ages, bare counts)."""
    start, end = ent.start, ent.end
    while start < end and classes[start] in _NER_LEAD and not _keeps_the(classes, start, end):
        start += 1
    while end > start and classes[end - 1] in _NER_TRAIL:
        end -= 1
    inner = classes[start:end]
    if inner == "u" and not _accept("bare_plural", ent.doc, start, end):
        return None
    if inner == "tU" and ent.doc[end - 1].lower_ in ("day", "night"):
        return None  # "the day" is too often not a date
    if not inner or not (set(inner) & _TEMPORAL_CLASSES) or "z" in classes[ent.start:min(ent.end + 1, len(classes))]:
        return None
    return start, end


def _keeps_the(classes: str, start: int, end: int) -> bool:
    """TimeML keeps "the" before a unit noun ("the quarter", "the past year")."""
    return classes[start] == "t" and any(c in "UuF" for c in classes[start + 1:end])


def find_candidates(doc: Doc) -> list[tuple[Span, bool]]:
    """Temporal expressions in ``doc`` in text order, each with whether the patterns found
    it (True) or only the NER (False: kept only if it normalises)."""
    classes = token_classes(doc)
    found = [(s, e, True) for s, e in _rule_spans(doc, classes)]
    taken = [False] * len(doc)
    for s, e, _ in found:
        for i in range(s, e):
            taken[i] = True
    for ent in doc.ents:
        if ent.label_ in ("DATE", "TIME") and not any(taken[ent.start:ent.end]):
            trimmed = _trim_entity(ent, classes)
            if trimmed:
                found.append((trimmed[0], trimmed[1], False))
    found.sort()
    return [(doc[s:e], by_rule) for s, e, by_rule in found]


def find_spans(doc: Doc) -> list[Span]:
    """Temporal expressions in ``doc``, as spans in text order."""
    return [span for span, _ in find_candidates(doc)]

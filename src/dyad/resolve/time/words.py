"""Words of temporal expressions and their classes.

Every word gets a one-letter class, so that a run of words becomes a short string
("last summer" -> "LS", "Oct. 26, 1998" -> "MDcY") that compiled patterns match in
one pass: recognition scans a segment's class string, normalisation dispatches on
an expression's. Word lists come from :mod:`.lexicon`.

====  =====================================  ====  ==================================
M     month name                             L     last / past / previous
W     weekday                                H     this / current
w     weekday plural (SET)                   X     next / coming / following
S     season                                 V     that / same
T     today / yesterday / tomorrow / tonight E     early / mid / late / end ...
P     part of day (morning, night)           A     ago / earlier / later / before
k     noon / midnight                        R     now / recently / currently
C     clock digits (10:35)                   F     the past / future; current (adj.)
m     a.m. / p.m.                            Q     daily / weekly ... (SET)
Z     time zone                              q     each / every / per
U     unit (day, week, year, quarter)        f     once / twice / times
u     unit plural                            t     the
Y     year number (4 digits)                 O     of
D     day number (1-31, 26th)                c     comma
n     other number                           -     hyphen
N     number word (two, couple)              s     possessive 's
K     few / several / many                   h, j  holiday (first, further words)
o     ordinal word (first, third)            y     fiscal
d     decade (1980s, nineties)               r     recent
i     numeric date (12/20/2020)              b     more / additional (after a count)
g     near / distant (before future)         z     old (ages)
p     preposition or approximator            x     anything else
a     a / an (one, starting a count)         e     period ("the year-ago period")
====  =====================================  ====  ==================================
"""

from __future__ import annotations

import functools
import re

from .lexicon import lexicon

__all__ = ["word_class", "classify", "split_text", "count_value", "clean", "holiday_at"]

_YEAR = re.compile(r"^\d{4}$")
_DAYNUM = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?$")
_ORDNUM = re.compile(r"^\d+(?:st|nd|rd|th)$")
_NUMBER = re.compile(r"^\d+(?:[.,]\d+)*$|^\d+/\d+$")
_CLOCK = re.compile(r"^\d{1,2}:\d\d(?::\d\d)?$")
_CLOCK_AMPM = re.compile(r"^\d{1,2}(?:[:.]\d\d)?(?:am|pm|a\.m\.?|p\.m\.?)$")
_DECADE = re.compile(r"^'?(\d{1,3})0'?s$")
_NUMDATE = re.compile(r"^\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}$")
_TEXT_TOKEN = re.compile(
    r"[ap]\.m\.?|\d{1,4}(?:[/.-]\d{1,2}[/.-]\d{1,4})|\d+(?:[:/.]\d+)*(?:st|nd|rd|th|s|am|pm)?"
    r"|'\d\ds|['’]s\b|[^\W\d_]+\.?|[,\-–—]|\S")
_DASHES = str.maketrans({"–": "-", "—": "-", "’": "'"})


def clean(word: str) -> str:
    """Lowercase, typographic dashes and apostrophes made plain."""
    return word.lower().translate(_DASHES)


def split_text(text: str) -> list[str]:
    """Words of an expression given as text, split the way spaCy splits them."""
    return [clean(w) for w in _TEXT_TOKEN.findall(text)]


def _lookup(word: str) -> str:
    return word[:-1] if word.endswith(".") and len(word) > 2 and "." not in word[:-1] else word


@functools.lru_cache(maxsize=8192)
def word_class(word: str) -> str:
    """The class letter of one lowercase word, without context."""
    w = clean(word)
    if not w:
        return "x"
    if w in (",", "-", "s", "'s"):
        return {"'s": "s", "s": "x"}.get(w, "c" if w == "," else "-")
    if w[0].isdigit() or w[0] == "'":
        return _number_class(w)
    if "-" in w and len(w) > 2:
        return _hyphenated_class(w)
    return _word_class(_lookup(w)) if w not in lexicon().am_pm else "m"


def _number_class(w: str) -> str:
    if _NUMDATE.match(w) and not _NUMBER.match(w):
        return "i"
    if _YEAR.match(w):
        return "Y" if 1000 <= int(w) <= 2199 else "n"
    m = _DAYNUM.match(w)
    if m:
        return "D" if 1 <= int(m.group(1)) <= 31 else ("o" if _ORDNUM.match(w) else "n")
    if _ORDNUM.match(w):
        return "o"
    if _DECADE.match(w):
        return "d"
    if _CLOCK.match(w):
        return "C"
    if _CLOCK_AMPM.match(w):
        return "C"
    return "n" if _NUMBER.match(w) else "x"


def _hyphenated_class(w: str) -> str:
    """'mid-1990s' is a decade, 'twenty-five' a number word, 'year-ago' an offset."""
    lex = lexicon()
    pieces = [p for p in w.split("-") if p]
    if not pieces:
        return "-"
    if all(p in lex.number_words for p in pieces):
        return "N"
    if pieces[0] in lex.parts and len(pieces) == 2:
        return word_class(pieces[1])
    if w in lex.ordinals:
        return "o"
    return _word_class(w)


def _word_class(w: str) -> str:
    lex = lexicon()
    if w in lex.fixed_classes:
        return lex.fixed_classes[w]
    for table, letter in _TABLES:
        if w in getattr(lex, table):
            return letter(w) if callable(letter) else letter
    if len(w) > 4 and w.endswith("s") and w[:-1] in lex.weekdays:
        return "w"
    return "x"


def _modifier(w: str) -> str:
    return {"past": "L", "present": "H", "future": "X", "same": "V"}[lexicon().modifiers[w]]


def _unit(w: str) -> str:
    return "u" if lexicon().units[w].plural else "U"


# Order matters: "second" is an ordinal before it is a unit; "a" a number word.
_TABLES: list[tuple[str, object]] = [
    ("am_pm", "m"), ("months", "M"), ("weekdays", "W"), ("seasons", "S"), ("parts_of_day", "P"),
    ("clock_words", "k"), ("deictic_days", "T"), ("ordinals", "o"), ("units", _unit),
    ("modifiers", _modifier), ("parts", "E"), ("offsets", "A"), ("period_sides", "A"),
    ("references", "R"), ("reference_nouns", "F"), ("set_adverbs", "Q"), ("set_cues", "q"),
    ("frequency_words", "f"), ("number_words", "N"), ("fuzzy_numbers", "K"), ("decade_words", "d"),
    ("fiscal_words", "y"), ("count_adjectives", "b"), ("reference_adjectives", "g"),
    ("time_zones", "Z"), ("period_nouns", "e"), ("approximators", "p"), ("prepositions", "p"),
]


def holiday_at(words: list[str], i: int) -> int:
    """How many words starting at ``i`` name a holiday (0 when none)."""
    holidays = lexicon().holidays
    for n in (4, 3, 2, 1):
        if i + n <= len(words) and _phrase(words[i:i + n]) in holidays:
            return n
    return 0


def _phrase(words: list[str]) -> str:
    out = ""
    for w in words:
        w = clean(w)
        out += w if w in ("'s",) or not out else " " + w
    return out


def classify(words: list[str]) -> str:
    """The class string of a list of words (holiday names marked ``h``/``j``)."""
    classes = [word_class(w) for w in words]
    i = 0
    while i < len(words):
        n = holiday_at(words, i) if classes[i] in "xNWSs" or words[i][:1].isalpha() else 0
        if n:
            classes[i:i + n] = ["h"] + ["j"] * (n - 1)
            i += n
        else:
            i += 1
    return "".join(classes)


def count_value(words: list[str]) -> float | None:
    """The number a count phrase states ("three", "2 1/2", "twenty five"); None for
    fuzzy counts ("a few", "several")."""
    lex = lexicon()
    total, current, seen = 0.0, 0.0, False
    words = [clean(w) for w in words]
    if len(words) > 1 and words[0] in ("a", "an") and words[1] not in lex.multipliers:
        words = words[1:]
    for w in words:
        if w in lex.fuzzy_numbers:
            return None
        value = _number_word_value(w)
        if value is None:
            continue
        seen = True
        if w in lex.multipliers and current:
            current *= value
        elif value >= 1000:
            total, current = total + (current or 1) * value, 0.0
        else:
            current += value
    return total + current if seen else None


def _number_word_value(w: str) -> float | None:
    lex = lexicon()
    if w in lex.number_words:
        return float(lex.number_words[w])
    if "-" in w and all(p in lex.number_words for p in w.split("-") if p):
        return float(sum(lex.number_words[p] for p in w.split("-") if p))
    if "/" in w:
        num, _, den = w.partition("/")
        return int(num) / int(den) if num.isdigit() and den.isdigit() and int(den) else None
    try:
        return float(w.replace(",", ""))
    except ValueError:
        return None

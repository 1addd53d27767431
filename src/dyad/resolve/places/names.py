"""How place names are normalised and which words are never places on their own.

Everything here is pure string work shared by the gazetteer build (index keys)
and recognition (lookup keys): the two must fold names identically.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = [
    "fold", "is_latin", "strip_article", "split_division", "DIVISION_WORDS", "ADMIN_WORDS",
    "US_STATE_ABBREVIATIONS", "ADMIN1_ABBREVIATIONS", "STOP_NAMES", "FEATURES", "PRECISION", "FEATURE_RANK",
    "PLACE_NOUNS", "DWELLER_NOUNS", "EDGE_NOUNS",
]

# Feature types of gazetteer entries, most general first. The index stores the
# position in this tuple; records and Locations carry the string.
FEATURES: tuple[str, ...] = (
    "continent", "region", "country", "admin1", "admin2", "city", "district",
    "neighbourhood", "facility",
)

#: Location.precision for each feature: what a consumer can rely on.
PRECISION: dict[str, str] = {
    "continent": "region", "region": "region", "country": "country", "admin1": "admin1",
    "admin2": "admin2", "city": "city", "district": "neighbourhood",
    "neighbourhood": "neighbourhood", "facility": "facility",
}

#: Smaller is more specific; used to prefer the most specific place in a sentence.
FEATURE_RANK: dict[str, int] = {
    "facility": 0, "neighbourhood": 1, "district": 1, "city": 2, "admin2": 3, "admin1": 4,
    "country": 5, "region": 6, "continent": 7,
}

# Words that name the kind of a division ("Anbar province", "Laurel County"):
# when a name ends with one, only divisions may match.
ADMIN_WORDS: frozenset[str] = frozenset({
    "province", "governorate", "state", "region", "district", "county", "parish", "oblast",
    "prefecture", "department", "municipality", "canton", "emirate", "territory", "krai",
    "republic", "division", "borough", "township", "wilaya", "vilayet", "voivodeship",
})
DIVISION_WORDS = ADMIN_WORDS

#: common nouns for a kind of place: "the town of X", "X village", "the Lubero area"
PLACE_NOUNS: frozenset[str] = ADMIN_WORDS | frozenset({
    "village", "town", "city", "locality", "commune", "area", "zone", "sector", "subdivision",
    "sub-prefecture", "subprefecture", "chiefdom", "neighbourhood", "neighborhood", "quarter", "suburb",
    "outskirts", "vicinity", "settlement", "hamlet", "capital", "camp", "island", "localities",
    "villages", "towns", "cities", "provinces", "districts", "regions", "areas", "communes",
    "governorates", "neighbourhoods", "neighborhoods", "suburbs", "states", "counties", "territories",
})

#: people named after where they live: "residents of X", "the people of X" (X is a place)
DWELLER_NOUNS: frozenset[str] = frozenset({
    "resident", "residents", "inhabitant", "inhabitants", "people", "citizens", "villagers",
    "population", "youths", "youth", "natives", "townspeople", "dwellers", "mayor", "prefect",
    "governor", "sub-prefect", "chief", "elders", "notables", "authorities", "officials",
})

#: nouns whose country adjective places nothing: "near the Malian border", "the Malian embassy"
#: (a border is at the country's edge, an embassy in another country)
EDGE_NOUNS: frozenset[str] = frozenset({
    "border", "borders", "frontier", "frontiers", "embassy", "consulate", "border-crossing",
})

# AP style abbreviations of US states ("Gainesville, Ga."): unambiguous with the
# dot, so they are indexed; two-letter postal codes are only read after a comma.
US_STATE_ABBREVIATIONS: dict[str, tuple[str, ...]] = {
    "AL": ("Ala.",), "AZ": ("Ariz.",), "AR": ("Ark.",), "CA": ("Calif.", "Cal."), "CO": ("Colo.",),
    "CT": ("Conn.",), "DE": ("Del.",), "FL": ("Fla.",), "GA": ("Ga.",), "IL": ("Ill.",),
    "IN": ("Ind.",), "KS": ("Kan.", "Kans."), "KY": ("Ky.",), "LA": ("La.",), "MD": ("Md.",),
    "MA": ("Mass.",), "MI": ("Mich.",), "MN": ("Minn.",), "MS": ("Miss.",), "MO": ("Mo.",),
    "MT": ("Mont.",), "NE": ("Neb.", "Nebr."), "NV": ("Nev.",), "NH": ("N.H.",), "NJ": ("N.J.",),
    "NM": ("N.M.", "N.Mex."), "NY": ("N.Y.",), "NC": ("N.C.",), "ND": ("N.D.", "N.Dak."),
    "OK": ("Okla.",), "OR": ("Ore.", "Oreg."), "PA": ("Pa.", "Penn."), "RI": ("R.I.",),
    "SC": ("S.C.",), "SD": ("S.D.", "S.Dak."), "TN": ("Tenn.",), "TX": ("Tex.",), "VT": ("Vt.",),
    "VA": ("Va.",), "WA": ("Wash.",), "WV": ("W.Va.", "W. Va."), "WI": ("Wis.", "Wisc."),
    "WY": ("Wyo.",), "DC": ("D.C.",),
}

#: Short forms of first-level divisions that news uses (ISO 3166-2 code -> forms):
#: AP abbreviations of US states, and the usual ones of Australian states and
#: Canadian provinces. Indexed as alternate names.
ADMIN1_ABBREVIATIONS: dict[str, tuple[str, ...]] = {
    **{f"US-{code}": forms for code, forms in US_STATE_ABBREVIATIONS.items()},
    "AU-NSW": ("NSW", "N.S.W."), "AU-QLD": ("Qld", "QLD"), "AU-VIC": ("Vic.",), "AU-TAS": ("Tas.",),
    "AU-ACT": ("ACT",), "AU-NT": ("NT",), "AU-WA": ("W.A.",), "AU-SA": ("S.A.",),
    "CA-BC": ("B.C.",), "CA-ON": ("Ont.",), "CA-QC": ("Que.",), "CA-AB": ("Alta.",),
    "CA-MB": ("Man.",), "CA-SK": ("Sask.",), "CA-NS": ("N.S.",), "CA-NB": ("N.B.",),
    "CA-NL": ("Nfld.",), "CA-PE": ("P.E.I.",),
}

# Capitalised words that are gazetteer names somewhere but, alone, almost always
# mean something else in news text. Only the gazetteer-matching path consults this;
# a span the parser labels as a place is still looked up.
_STOP_WORDS: tuple[str, ...] = (
    "a", "an", "the", "of", "and", "or", "in", "on", "at", "by", "for", "to", "from", "with",
    "he", "she", "it", "we", "they", "i", "you", "his", "her", "its", "our", "their", "this",
    "that", "these", "those", "there", "here", "mr", "mrs", "ms", "dr", "sir", "st", "mt",
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "monday", "tuesday", "wednesday", "thursday",
    "friday", "saturday", "sunday", "today", "president", "minister", "governor", "mayor",
    "police", "army", "government", "city", "county", "state", "province", "district",
    "north", "south", "east", "west", "central", "northern", "southern", "eastern",
    "western", "northeast", "northwest", "southeast", "southwest", "north-east", "north-west",
    "south-east", "south-west", "midwest", "islands", "isles", "coast", "downtown", "uptown", "new", "old", "great", "little", "big", "long", "university", "college",
    "school", "church", "hospital", "center", "centre", "park", "street", "road", "avenue",
    "bridge", "lake", "river", "island", "beach", "valley", "mountain", "hill", "hills",
    "god", "christmas", "easter", "union", "republic", "kingdom", "national", "federal",
    "democratic", "independence", "liberty", "victory", "unity", "hope", "faith", "grace",
    "justice", "freedom", "page", "post", "news", "times", "star", "sun", "mail", "chase",
    "bank", "market", "trade", "media", "energy", "health", "power", "court", "congress",
    "senate", "house", "white", "black", "green", "red", "blue", "brown", "young", "king",
    "queen", "prince", "lord", "man", "home", "best", "gay", "lucky", "eagle", "fort",
    "port", "bay", "gulf", "sea", "ocean", "world", "earth", "internet", "web", "online",
    "said", "says", "also", "but", "if", "as", "so", "all", "one", "two", "more", "most",
    "after", "before", "over", "under", "about", "during", "while", "since", "until",
    "reuters", "ap", "afp", "cnn", "bbc", "associated press",
    # Arabic articles and the like, capitalised inside names ("Al-Qaeda", "El Oued")
    "al", "el", "ad", "ash", "as", "ar", "an", "az",
)

_ARTICLE = re.compile(r"^(?:the)\s+", re.IGNORECASE)
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
_SPACES = re.compile(r"\s+")


_MARKS = re.compile(r"['’‘ʿʾʻʼ`´]")
_DASHES = re.compile(r"\s*[-‐‑–—]\s*")


def fold(text: str) -> str:
    """Lower-case, accents off, spaces squeezed; apostrophes dropped and hyphens made spaces.

    Transliterations differ in exactly those marks: "’Aïn Benian" is written "Ain
    Benian", "Ra’s al ‘Ayn" "Ras al-Ayn", "Ouham-Pendé" "Ouham Pende", "N'Djamena"
    "Ndjamena"; keys and lookups fold alike, so each spelling finds the other.
    """
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = _DASHES.sub(" ", _MARKS.sub("", text))
    return _SPACES.sub(" ", text).strip().lower()


def is_latin(folded: str) -> bool:
    """A folded name written in plain Latin letters (the only ones English news uses)."""
    return folded.isascii() and any(c.isalpha() for c in folded)


def strip_article(text: str) -> str:
    """'the Green Zone' -> 'Green Zone'; 'Iraq's' -> 'Iraq'."""
    return _POSSESSIVE.sub("", _ARTICLE.sub("", text.strip())).strip()


def split_division(folded: str) -> tuple[str, str | None]:
    """'anbar province' -> ('anbar', 'province'); names without such a word unchanged."""
    head, _, last = folded.rpartition(" ")
    if head and last in ADMIN_WORDS:
        return head, last
    return folded, None


#: the stop words as folded keys ("north-east" -> "north east")
STOP_NAMES: frozenset[str] = frozenset(fold(w) for w in _STOP_WORDS)

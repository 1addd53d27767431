"""Comparing gold actor strings and codes with predicted :class:`ActorRef` s.

Gold data names actors in its own house style ("Military Forces of Somalia
(2012-)", "Protesters (Tunisia)", "Taliban") while dyad returns the mention text
("Somali troops") plus a resolved name and ISO-3 country. The match is therefore
token-overlap based, with three normalisations, all documented here:

1. *Tokens*: lowercased alphanumeric words; a few function words and generic
   words ("forces", "group", "of", "the") are dropped; simple plurals are folded.
2. *Role synonyms*: words for the same kind of actor share one token
   ("troops", "soldiers", "army" -> ``military``; "demonstrators" -> ``protesters``;
   "gunmen", "militants" -> ``armed``; "ISIS"/"Daesh" -> ``islamic state``).
3. *Country qualifier*: a country named in the gold string ("(Somalia)", "of
   Egypt") is taken out of the core tokens and compared with the predicted actor's
   ``country`` instead; when either side has no country the qualifier is not
   checked (lenient: the text evidence alone decides).

A gold actor matches a predicted one when their core tokens share at least one
token and the country qualifier does not contradict. A gold string that is only a
country ("Somalia") matches a predicted actor with that country code.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import pycountry

__all__ = [
    "tokens", "GoldActor", "parse_gold_actor", "actor_matches", "any_actor_matches",
    "country_code", "norm_code", "norm_sector", "pred_sectors", "norm_place",
]

_WORD = re.compile(r"[a-z0-9]+")
_PAREN = re.compile(r"\(([^()]*)\)")
_YEARS = re.compile(r"^\s*\d{4}\s*-\s*(\d{4})?\s*$")

_STOP = frozenset({
    "the", "a", "an", "of", "and", "or", "in", "on", "for", "to", "at", "from", "by", "with",
    "al", "el", "forces", "force", "group", "groups", "members", "member", "some", "other",
    "its", "their", "his", "her", "s", "local", "suspected", "alleged", "several", "two", "three",
})

#: role synonyms: each word -> the token(s) it stands for
_ALIASES: dict[str, tuple[str, ...]] = {}
for canon, words in {
    "military": ("military", "army", "armies", "troops", "troop", "soldiers", "soldier",
                 "servicemen", "defence", "defense", "armed forces"),
    "police": ("police", "policemen", "policeman", "policemen", "cops", "gendarmes", "gendarmerie"),
    "protesters": ("protesters", "protester", "protestors", "protestor", "demonstrators",
                   "demonstrator", "marchers"),
    "rioters": ("rioters", "rioter", "mob", "mobs"),
    "civilians": ("civilians", "civilian", "villagers", "villager", "residents", "resident",
                  "people", "locals"),
    "armed": ("armed", "gunmen", "gunman", "militants", "militant", "attackers", "attacker",
              "assailants", "assailant", "fighters", "fighter"),
    "rebels": ("rebels", "rebel", "insurgents", "insurgent"),
    "militia": ("militia", "militias", "militiamen", "militiaman"),
    "government": ("government", "governments", "authorities", "administration", "regime"),
    "shabaab": ("shabaab", "shabab", "shebab", "shabaab"),
}.items():
    for w in words:
        _ALIASES[w] = (canon,)
for w in ("isis", "isil", "daesh", "daish"):
    _ALIASES[w] = ("islamic", "state")

#: country names pycountry does not look up by itself (common news spellings)
_COUNTRY_ALIASES = {
    "democratic republic of congo": "COD", "democratic republic of the congo": "COD",
    "dr congo": "COD", "drc": "COD", "republic of congo": "COG", "congo": "COG",
    "ivory coast": "CIV", "cote d'ivoire": "CIV", "swaziland": "SWZ", "russia": "RUS",
    "britain": "GBR", "great britain": "GBR", "uk": "GBR", "us": "USA", "usa": "USA",
    "united states": "USA", "america": "USA", "the gambia": "GMB", "syria": "SYR",
    "iran": "IRN", "tanzania": "TZA", "palestine": "PSE", "south korea": "KOR",
    "north korea": "PRK", "vietnam": "VNM", "laos": "LAO", "bolivia": "BOL", "venezuela": "VEN",
}

#: legacy CAMEO country codes that differ from ISO 3166 alpha-3
_LEGACY_CODES = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM", "GMY": "DEU", "UKG": "GBR", "ROM": "ROU"}
#: transnational CAMEO codes: compared by their three-letter family only
_TRANSNATIONAL = ("IGO", "NGO", "IMG", "ISM", "MNC", "UNO")


def _fold(word: str) -> str:
    # plural folding by rule, identical on both sides, so "Somalis"/"Somali" agree
    if len(word) > 4 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def tokens(text: str | None) -> set[str]:
    """Normalised content tokens of an actor string (see module docstring)."""
    if not text:
        return set()
    low = text.lower().replace("’", "'")
    out: set[str] = set()
    for multi in ("armed forces",):  # multi-word synonyms first
        if multi in low:
            out.update(_ALIASES[multi])
            low = low.replace(multi, " ")
    for w in _WORD.findall(low):
        if w in _STOP:
            continue
        if w in _ALIASES:
            out.update(_ALIASES[w])
        else:
            out.add(_fold(w))
    return out


@functools.lru_cache(maxsize=4096)
def country_code(name: str | None) -> str | None:
    """ISO-3 code for a country name, or None (exact look-up plus a small alias list)."""
    if not name:
        return None
    key = name.strip().lower().replace("’", "'")
    if key in _COUNTRY_ALIASES:
        return _COUNTRY_ALIASES[key]
    if len(key) < 4:  # "us", "eu": too short to look up safely
        return None
    try:
        return pycountry.countries.lookup(name.strip()).alpha_3
    except LookupError:
        return None


@dataclass(frozen=True, slots=True)
class GoldActor:
    text: str
    core: frozenset[str]
    country: str | None


def parse_gold_actor(text: str) -> GoldActor:
    """Split a gold actor string into core tokens and a country qualifier."""
    country: str | None = None
    body = text
    for inner in _PAREN.findall(text):
        if _YEARS.match(inner):
            body = body.replace(f"({inner})", " ")
            continue
        code = country_code(inner)
        if code:
            country = country or code
            body = body.replace(f"({inner})", " ")
    m = re.search(r"\bof\s+(?:the\s+)?([A-Z][\w'’ -]+?)\s*(?:\(|$|-)", body)
    if m and country_code(m.group(1)):
        country = country or country_code(m.group(1))
        body = body.replace(m.group(1), " ")
    if country is None and country_code(body):
        return GoldActor(text, frozenset(), country_code(body))
    return GoldActor(text, frozenset(tokens(body)), country)


def _get(obj: Any, key: str) -> Any:
    return obj.get(key) if isinstance(obj, dict) else getattr(obj, key, None)


def actor_matches(gold: str | GoldActor, pred: Any) -> bool:
    """True when a predicted actor (ActorRef or dict with text/name/country) matches."""
    g = parse_gold_actor(gold) if isinstance(gold, str) else gold
    p_country = norm_code(_get(pred, "country"))
    if not g.core:
        return g.country is not None and p_country == g.country
    p_tokens = tokens(_get(pred, "text")) | tokens(_get(pred, "name"))
    if not g.core & p_tokens:
        return False
    return not (g.country and p_country and p_country != g.country)


def any_actor_matches(gold: str | GoldActor, preds: Iterable[Any]) -> bool:
    g = parse_gold_actor(gold) if isinstance(gold, str) else gold
    return any(actor_matches(g, p) for p in preds)


def norm_code(code: str | None) -> str | None:
    """Country code for comparison: uppercase, legacy CAMEO codes mapped to ISO,
    transnational codes (IGO..., NGO...) reduced to their family."""
    if not code:
        return None
    c = str(code).strip().upper()
    c = _LEGACY_CODES.get(c, c)
    for fam in _TRANSNATIONAL:
        if c.startswith(fam):
            return "IGO" if fam == "UNO" else fam
    return c or None


def norm_sector(sector: str | None) -> str | None:
    """Primary sector: the first three letters, uppercased ("CVLalb" -> CVL);
    the placeholder "***" and empty values mean unknown (None)."""
    if not sector:
        return None
    s = str(sector).strip()[:3].upper()
    return s if s.isalpha() else None


def pred_sectors(actor: Any) -> set[str]:
    out = {norm_sector(_get(actor, "sector"))}
    out.update(norm_sector(s) for s in (_get(actor, "sectors") or []))
    out.discard(None)
    return out  # type: ignore[return-value]


_PLACE_WORDS = re.compile(
    r"\b(district|city|province|provincial|state|region|governorate|county|village|town|"
    r"municipality|prefecture|department|division|area|capital)\b")


def norm_place(name: str | None) -> str:
    """A place name for equality tests: lowercase, accents and admin words removed."""
    if not name:
        return ""
    s = unicodedata.normalize("NFKD", str(name)).encode("ascii", "ignore").decode().lower()
    s = _PLACE_WORDS.sub(" ", s)
    return " ".join(_WORD.findall(s))

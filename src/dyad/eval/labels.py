"""Label mappings between dyad's PLOVER output and each data set's taxonomy.

* older PLOVER names in the GSR file -> the current 16 types;
* PLV's merged class (CONCEDE and RETREAT -> one class);
* a PLOVER event (type, mode, CAMEO code, trigger, participants) -> an ACLED 2016
  event type, and -> a GTD ``attacktype1_txt``.

The event mappings read the event's *type and mode first*, then its CAMEO code,
then cue words in the trigger (and, for violence, the sentence), because the
lexicon does not give every violent trigger a mode. All cue lists are general
vocabulary, not tuned to single records.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

from .actors import norm_sector, tokens

__all__ = [
    "LEGACY_PLOVER", "plover_type", "PLV_MERGED", "plv_label", "PLV_LABELS",
    "ACLED_TYPES", "acled_type", "acled_record_type",
    "GTD_HIERARCHY", "gtd_attack_type", "gtd_record_type",
]

#: 18-type PLOVER draft names used by the GSR file -> current names
LEGACY_PLOVER = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE",
                 "FIGHT": "ASSAULT", "YIELD": "CONCEDE"}


def plover_type(name: str | None) -> str | None:
    if not name:
        return None
    n = str(name).strip().upper()
    return LEGACY_PLOVER.get(n, n)


PLV_MERGED = "CONCEDE/RETREAT"
PLV_LABELS: tuple[str, ...] = (
    "AGREE", "CONSULT", "SUPPORT", PLV_MERGED, "COOPERATE", "AID", "REQUEST", "ACCUSE",
    "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)


def plv_label(name: str | None) -> str | None:
    """PLV's 15 classes: CONCEDE and RETREAT (PLV writes YIELD) are one class."""
    if not name:
        return None
    n = str(name).strip().upper()
    if n in ("CONCEDE", "RETREAT", "YIELD", PLV_MERGED):
        return PLV_MERGED
    return plover_type(n)


# --- helpers -----------------------------------------------------------------

def _get(obj: Any, key: str, default: Any = None) -> Any:
    if isinstance(obj, dict):
        return obj.get(key, default)
    return getattr(obj, key, default)


def _trigger_text(event: Any) -> str:
    trig = _get(event, "trigger")
    text = _get(trig, "text") if trig is not None else None
    return (text or "").lower()


def _words(text: str) -> set[str]:
    return set(re.findall(r"[a-z]+", text.lower()))


def _has(text_words: set[str], cues: Iterable[str]) -> bool:
    return any(c in text_words for c in cues)


def _mode(event: Any) -> str:
    return (_get(event, "mode") or "").lower()


def _cameo(event: Any) -> str:
    return str(_get(event, "cameo") or "")


def _sectors(actors: Sequence[Any]) -> set[str]:
    out: set[str] = set()
    for a in actors or ():
        s = norm_sector(_get(a, "sector"))
        if s:
            out.add(s)
        out.update(x for x in (norm_sector(v) for v in (_get(a, "sectors") or [])) if x)
    return out


def _actor_tokens(actors: Sequence[Any]) -> set[str]:
    out: set[str] = set()
    for a in actors or ():
        out |= tokens(_get(a, "text")) | tokens(_get(a, "name"))
    return out


# --- ACLED 2016 ----------------------------------------------------------------

ACLED_TYPES: tuple[str, ...] = (
    "Battle-No change of territory", "Battle-Government regains territory",
    "Battle-Non-state actor overtakes territory", "Violence against civilians",
    "Riots/Protests", "Remote violence", "Strategic development",
    "Non-violent transfer of territory", "Headquarters or base established",
)
#: when one text yields several events, the record's type is the first in this order
#: (territorial change and remote violence are the most specific ACLED codings)
_ACLED_PRECEDENCE = (
    "Battle-Non-state actor overtakes territory", "Battle-Government regains territory",
    "Remote violence", "Battle-No change of territory", "Violence against civilians",
    "Riots/Protests", "Non-violent transfer of territory", "Headquarters or base established",
    "Strategic development",
)

_REMOTE_MODES = {"explosives", "aerial", "drone", "suicide-attack", "suicide-bombing", "shelling",
                 "artillery", "missile", "ied", "bombing", "airstrike", "air-strike", "cbrn"}
#: CAMEO 183x unconventional mass violence (bombings), 195x aerial weapons
_REMOTE_CAMEO = ("183", "195")
_REMOTE_WORDS = {"bomb", "bombs", "bombing", "bombings", "bombed", "bomber", "bombers",
                 "explosion", "explosions", "exploded", "explosive", "explosives", "blast",
                 "ied", "ieds", "landmine", "landmines", "mine", "mines", "shelling", "shelled",
                 "shells", "mortar", "mortars", "rocket", "rockets", "missile", "missiles",
                 "airstrike", "airstrikes", "drone", "drones", "grenade", "grenades", "airstrikes"}
_TAKE_WORDS = {"capture", "captured", "captures", "seize", "seized", "seizes", "overrun",
               "overran", "occupy", "occupied", "control", "took", "take", "takes", "taken"}
_RETAKE_WORDS = {"recapture", "recaptured", "retake", "retook", "retaken", "regain",
                 "regained", "liberate", "liberated", "reclaim", "reclaimed"}
#: a capture is a change of territory only when ground is what was taken
_TERRITORY_WORDS = {"town", "towns", "village", "villages", "city", "area", "areas", "territory",
                    "base", "bases", "district", "region", "control", "positions", "position",
                    "province", "locality", "stronghold", "outpost", "camp", "headquarters", "border"}
_WITHDRAW_WORDS = {"withdraw", "withdrew", "withdrawn", "pull", "pulled", "evacuate",
                   "evacuated", "abandon", "abandoned", "vacate", "vacated", "handover", "hand",
                   "handed"}
_BASE_WORDS = {"base", "bases", "headquarters", "camp", "camps", "hq"}
_STATE_SECTORS = {"GOV", "MIL", "COP", "SPY", "JUD", "LEG"}
_ARMED_SECTORS = {"MIL", "COP", "REB", "UAF", "INS", "SPY", "IMG"}
_CIVILIAN_SECTORS = {"CVL", "CIV", "REF", "EDU", "MED", "HLH", "JRN", "LAB", "BUS", "AGR", "REL", "ELI"}
_CIVILIAN_WORDS = {"civilians", "woman", "women", "man", "men", "child", "children", "farmer",
                   "student", "worker", "journalist", "family", "families", "girl", "boy",
                   "passenger", "herder", "trader", "person", "persons", "teacher", "villager",
                   "refugee", "pupil", "chief", "elder", "pastor", "priest", "imam"}
_ARMED_WORDS = {"military", "police", "armed", "rebels", "militia", "shabaab", "soldier",
                "jihadist", "terrorist", "guard", "guards", "base", "convoy", "patrol",
                "checkpoint", "forces", "force", "army", "troops"}
_CROWD_WORDS = {"protesters", "rioters", "student", "youth", "crowd", "supporter", "striker",
                "worker"}
_VIOLENT_COERCE_MODES = {"torture", "repression", "violence", "destroy", "beat", "abduct"}
_VIOLENT_COERCE_CAMEO = ("175", "1712", "181")


def _is_remote(event: Any) -> bool:
    if _mode(event) in _REMOTE_MODES or _cameo(event).startswith(_REMOTE_CAMEO):
        return True
    words = _words(_trigger_text(event)) | _words(_get(event, "sentence") or "")
    return _has(words, _REMOTE_WORDS)


def _targets_civilians(event: Any) -> bool:
    recips = _get(event, "recipients") or []
    sectors = _sectors(recips)
    if sectors & _ARMED_SECTORS:
        return False
    if sectors & _CIVILIAN_SECTORS:
        return True
    toks = _actor_tokens(recips)
    if toks & _ARMED_WORDS:
        return False
    return bool(toks & _CIVILIAN_WORDS)


def acled_type(event: Any) -> str:
    """ACLED 2016 event type for one PLOVER event (see module docstring)."""
    etype = plover_type(_get(event, "event_type")) or ""
    trig = _words(_trigger_text(event))
    actors = _get(event, "actors") or []
    actor_toks = _actor_tokens(actors)
    recip_toks = _actor_tokens(_get(event, "recipients") or [])
    if etype == "PROTEST" or (etype in ("ASSAULT", "COERCE") and actor_toks & {"protesters", "rioters"}):
        return "Riots/Protests"
    territorial = etype in ("ASSAULT", "COERCE") and _has(_words(_get(event, "sentence") or ""), _TERRITORY_WORDS)
    if territorial and _has(trig, _RETAKE_WORDS):
        return "Battle-Government regains territory"
    if territorial and _has(trig, _TAKE_WORDS) and not recip_toks & _CIVILIAN_WORDS:
        # who takes the ground decides between the two ACLED territorial battles
        if _sectors(actors) & _STATE_SECTORS or actor_toks & {"military", "police", "government"}:
            return "Battle-Government regains territory"
        return "Battle-Non-state actor overtakes territory"
    if etype == "ASSAULT":
        if _is_remote(event):
            return "Remote violence"
        if _mode(event) in {"abduct", "sexual", "torture"} or _targets_civilians(event):
            return "Violence against civilians"
        return "Battle-No change of territory"
    if etype == "COERCE":
        if recip_toks & {"protesters", "rioters"}:
            return "Riots/Protests"  # ACLED codes the policing of a protest with the protest
        if (_mode(event) in _VIOLENT_COERCE_MODES or _cameo(event).startswith(_VIOLENT_COERCE_CAMEO)) \
                and not _sectors(_get(event, "recipients") or []) & _ARMED_SECTORS:
            return "Violence against civilians"
        return "Strategic development"
    if etype == "RETREAT" and (_has(trig, _WITHDRAW_WORDS) or _cameo(event).startswith("087")):
        return "Non-violent transfer of territory"
    if etype == "MOBILIZE" and _has(_words(_get(event, "sentence") or ""), _BASE_WORDS) \
            and _has(trig, {"establish", "established", "set", "build", "built", "open", "opened"}):
        return "Headquarters or base established"
    return "Strategic development"


def acled_record_type(events: Sequence[Any]) -> str | None:
    """One ACLED type for a record's events (by ``_ACLED_PRECEDENCE``); None if no event."""
    if not events:
        return None
    found = {acled_type(e) for e in events}
    return next(t for t in _ACLED_PRECEDENCE if t in found)


# --- GTD -----------------------------------------------------------------------

#: GTD's own attack-type hierarchy (codebook): when several apply, the first wins
GTD_HIERARCHY: tuple[str, ...] = (
    "Assassination", "Hijacking", "Hostage Taking (Kidnapping)",
    "Hostage Taking (Barricade Incident)", "Bombing/Explosion", "Armed Assault",
    "Unarmed Assault", "Facility/Infrastructure Attack",
)
_ASSASSINATE_WORDS = {"assassinate", "assassinated", "assassination", "assassinating"}
_HIJACK_WORDS = {"hijack", "hijacked", "hijacking", "hijackers", "hijacker"}
_KIDNAP_WORDS = {"kidnap", "kidnapped", "kidnapping", "kidnappers", "abduct", "abducted",
                 "abduction", "abducting", "kidnaps", "abducts"}
_BARRICADE_WORDS = {"barricade", "barricaded", "siege", "besieged"}
_UNARMED_MODES = {"beat", "primitive", "unarmed"}
_FACILITY_WORDS = {"burn", "burned", "burnt", "torch", "torched", "arson", "fire", "destroy",
                   "destroyed", "demolish", "demolished", "sabotage", "sabotaged", "set"}


def gtd_attack_type(event: Any) -> str | None:
    """GTD ``attacktype1_txt`` for one PLOVER event, or None (not an attack)."""
    etype = plover_type(_get(event, "event_type")) or ""
    trig = _words(_trigger_text(event))
    mode = _mode(event)
    cameo = _cameo(event)
    if etype not in ("ASSAULT", "COERCE"):
        return None
    if mode == "abduct" or cameo.startswith("181") or _has(trig, _KIDNAP_WORDS):
        return "Hostage Taking (Kidnapping)"
    if _has(trig, _HIJACK_WORDS):
        return "Hijacking"
    if etype == "COERCE":
        if mode == "destroy" or cameo.startswith("1712") or _has(trig, _FACILITY_WORDS):
            return "Facility/Infrastructure Attack"
        return None
    if mode == "assassinate" or cameo.startswith("186") or _has(trig, _ASSASSINATE_WORDS):
        return "Assassination"
    if _has(trig, _BARRICADE_WORDS):
        return "Hostage Taking (Barricade Incident)"
    if _is_remote(event):
        return "Bombing/Explosion"
    if mode in _UNARMED_MODES:
        return "Unarmed Assault"
    return "Armed Assault"


def gtd_record_type(events: Sequence[Any]) -> str | None:
    found = {t for t in (gtd_attack_type(e) for e in events) if t}
    return next((t for t in GTD_HIERARCHY if t in found), None)

"""ACLED Africa 2016: event ``NOTES`` -> event type, actors, location, fatalities.

Scoring choices:

* Type: every predicted event is mapped to an ACLED 2016 type
  (:func:`dyad.eval.labels.acled_type`); the record's type is the most specific
  one found (:func:`~dyad.eval.labels.acled_record_type`). No event = wrong.
* The *primary event* is the most confident event whose mapped type equals the
  record's type; its actors/recipients/location are scored.
* Actors (token overlap with role synonyms and a country check, see
  :mod:`dyad.eval.actors`): ACTOR1 against the primary event's actors, ACTOR2
  (when present) against its recipients, and "any role" against every participant
  of every event (lenient upper bound).
* Location: the primary event's location, else the first event location with
  coordinates; great-circle distance to LATITUDE/LONGITUDE within 25 km and 161 km;
  admin1 by normalised name (the location's ``admin1``, or its ``name`` when it is
  an admin1-level place), also under the division's other names and, for divisions
  split since 2016, its successors (:func:`admin1_matches`). Records without a
  predicted location count as misses; the share that has one is reported as coverage.
* Fatalities: predicted = the largest ``size.dead`` among events, 0 when none;
  exact and within +/-1.
* Notes rarely state dates and no publication date is passed: dates are not scored.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from ..model import Article
from .actors import any_actor_matches, norm_place
from .common import Loaded, Progress, run_pipeline
from .labels import ACLED_TYPES, acled_record_type, acled_type
from .metrics import (
    accuracy,
    confusion,
    haversine_km,
    macro_f1,
    majority_baseline,
    safe_div,
)
from .report import Case, SuiteReport

__all__ = ["AcledRecord", "load", "evaluate", "primary_event", "predicted_location", "predicted_dead", "PATH"]

PATH = "acled_africa_2016/acled_2016.csv"


@dataclass(slots=True)
class AcledRecord:
    id: str
    text: str
    event_type: str
    actor1: str | None
    actor2: str | None
    country: str | None
    admin1: str | None
    location: str | None
    lat: float | None
    lon: float | None
    fatalities: int | None


def _str(v: Any) -> str | None:
    if v is None or (isinstance(v, float) and pd.isna(v)):
        return None
    s = str(v).strip()
    return s or None


def _num(v: Any) -> float | None:
    try:
        f = float(v)
    except (TypeError, ValueError):
        return None
    return None if pd.isna(f) else f


def load(root: Path, limit: int | None = None) -> Loaded[AcledRecord]:
    out: Loaded[AcledRecord] = Loaded()
    df = pd.read_csv(root / PATH, dtype=str, keep_default_na=False, nrows=None)
    for i, row in enumerate(df.to_dict("records")):
        if limit and len(out.records) >= limit:
            break
        text, etype = _str(row.get("NOTES")), _str(row.get("EVENT_TYPE"))
        if not text or etype not in ACLED_TYPES:
            out.skip("no NOTES or unknown EVENT_TYPE")
            continue
        fat = _num(row.get("FATALITIES"))
        out.records.append(AcledRecord(
            id=_str(row.get("EVENT_ID_CNTY")) or f"acled-{i}", text=text, event_type=etype,
            actor1=_str(row.get("ACTOR1")), actor2=_str(row.get("ACTOR2")),
            country=_str(row.get("COUNTRY")), admin1=_str(row.get("ADMIN1")),
            location=_str(row.get("LOCATION")), lat=_num(row.get("LATITUDE")),
            lon=_num(row.get("LONGITUDE")), fatalities=None if fat is None else int(fat)))
    return out


def primary_event(events: list[Any], record_type: str | None) -> Any | None:
    pool = [e for e in events if acled_type(e) == record_type] or events
    return max(pool, key=lambda e: e.confidence) if pool else None


def predicted_location(primary: Any | None, events: list[Any]) -> Any | None:
    if primary is not None and primary.location is not None and primary.location.lat is not None:
        return primary.location
    return next((e.location for e in events if e.location is not None and e.location.lat is not None), None)


def predicted_dead(events: list[Any]) -> int:
    return max((e.size.dead for e in events if e.size is not None and e.size.dead is not None), default=0)


#: First-level divisions the 2016 data still names that have since been split (the 2015
#: provinces of the DR Congo, the 2020 prefectures of the Central African Republic, the
#: states of Sudan's Darfur and Kordofan): old name -> the divisions carved from it.
FORMER_DIVISIONS: dict[str, tuple[str, ...]] = {
    "orientale": ("tshopo", "bas uele", "haut uele", "ituri"),
    "katanga": ("haut katanga", "lualaba", "haut lomami", "tanganyika"),
    "kasai occidental": ("kasai", "kasai central"),
    "kasai oriental": ("kasai oriental", "lomami", "sankuru"),
    "bandundu": ("kwilu", "kwango", "mai ndombe"),
    "equateur": ("equateur", "tshuapa", "mongala", "nord ubangi", "sud ubangi"),
    "ouham": ("ouham", "ouham fafa"),
    "ouham pende": ("ouham pende", "lim pende"),
    "mambere kadei": ("haute sangha mambere kadei", "mambere"),
    "darfur": ("north darfur", "south darfur", "west darfur", "central darfur", "east darfur"),
    "kordofan": ("north kordofan", "south kordofan", "west kordofan"),
}


def admin1_matches(gold_admin1: str | None, loc: Any | None, aliases: Any | None = None) -> bool:
    """Is the predicted place in the gold first-level division?

    Names are compared normalised; a division also matches under another of its names
    ("Extreme-Nord" is Cameroon's "Far North", "Bas-Congo" the DR Congo's "Kongo
    Central": ``aliases(name)`` gives the first-level divisions a name denotes, from the
    gazetteer's alternate names) and a division split since 2016 matches its successors
    (``FORMER_DIVISIONS``).
    """
    if not gold_admin1 or loc is None:
        return False
    g = norm_place(gold_admin1)
    names = [loc.admin1]
    if (loc.precision or "") == "admin1":
        names.append(loc.name)
    pred = {norm_place(n) for n in names if n}
    if g in pred or pred & set(FORMER_DIVISIONS.get(g, ())):
        return True
    if aliases is None:
        return False
    return any(norm_place(c.name) in pred for c in aliases(gold_admin1)
               if c.feature == "admin1" and (c.country == loc.country or not loc.country))


def _division_aliases() -> Any:
    """name -> the gazetteer's first-level divisions of that name (any of their names)."""
    from ..resolve.places import gazetteer

    return gazetteer().candidates


def evaluate(loaded: Loaded[AcledRecord], progress: Progress | None = None) -> SuiteReport:
    recs = loaded.records
    results = run_pipeline([Article(id=r.id, text=r.text) for r in recs], progress)
    rep = SuiteReport("acled", records=len(recs), skipped=loaded.skipped, skip_reasons=loaded.reasons)
    aliases = _division_aliases()
    gold: list[str] = []
    pred: list[str | None] = []
    c = dict.fromkeys(("a1", "a1_n", "a2", "a2_n", "any", "loc", "d25", "d161", "adm", "adm_n",
                       "geo_n", "fat", "fat1", "fat_n"), 0)
    for r in recs:
        res = results.get(r.id)
        events = list(res.events) if res else []
        ptype = acled_record_type(events)
        gold.append(r.event_type)
        pred.append(ptype)
        prim = primary_event(events, ptype)
        if r.actor1:
            c["a1_n"] += 1
            c["a1"] += bool(prim and any_actor_matches(r.actor1, prim.actors))
            every = [a for e in events for a in (*e.actors, *e.recipients)]
            c["any"] += any_actor_matches(r.actor1, every)
        if r.actor2:
            c["a2_n"] += 1
            c["a2"] += bool(prim and any_actor_matches(r.actor2, prim.recipients))
        loc = predicted_location(prim, events)
        dist = None
        if r.lat is not None and r.lon is not None:
            c["geo_n"] += 1
            if loc is not None:
                c["loc"] += 1
                dist = haversine_km(r.lat, r.lon, loc.lat, loc.lon)
                c["d25"] += dist <= 25
                c["d161"] += dist <= 161
        if r.admin1:
            c["adm_n"] += 1
            c["adm"] += admin1_matches(r.admin1, loc, aliases)
        dead = predicted_dead(events)
        if r.fatalities is not None:
            c["fat_n"] += 1
            c["fat"] += dead == r.fatalities
            c["fat1"] += abs(dead - r.fatalities) <= 1
        loss = (ptype != r.event_type) + (dist is None or dist > 161) * 0.5 \
            + (r.fatalities is not None and dead != r.fatalities) * 0.5
        if loss:
            rep.cases.append(Case(r.text, {"type": r.event_type, "actor1": r.actor1, "actor2": r.actor2,
                                           "location": r.location, "admin1": r.admin1,
                                           "fatalities": r.fatalities},
                                  {"type": ptype, "actors": [a.text for a in prim.actors] if prim else [],
                                   "recipients": [a.text for a in prim.recipients] if prim else [],
                                   "location": loc.name if loc else None,
                                   "km": None if dist is None else round(dist), "dead": dead},
                                  loss=loss, id=r.id))
    labels = sorted(set(gold))
    rep.add("event type accuracy", accuracy(gold, pred), majority_baseline(gold), n=len(gold))
    rep.add("event type macro-F1", macro_f1(gold, pred, labels), n=len(labels))
    rep.add("ACTOR1 match (primary event actor)", safe_div(c["a1"], c["a1_n"]), n=c["a1_n"])
    rep.add("ACTOR2 match (primary event recipient)", safe_div(c["a2"], c["a2_n"]), n=c["a2_n"])
    rep.add("ACTOR1 match (any participant)", safe_div(c["any"], c["a1_n"]), n=c["a1_n"])
    rep.add("location coverage", safe_div(c["loc"], c["geo_n"]), n=c["geo_n"])
    rep.add("location within 25 km", safe_div(c["d25"], c["geo_n"]), n=c["geo_n"])
    rep.add("location within 161 km", safe_div(c["d161"], c["geo_n"]), n=c["geo_n"])
    rep.add("admin1 match", safe_div(c["adm"], c["adm_n"]), n=c["adm_n"])
    rep.add("fatalities exact", safe_div(c["fat"], c["fat_n"]), n=c["fat_n"])
    rep.add("fatalities within ±1", safe_div(c["fat1"], c["fat_n"]), n=c["fat_n"])
    rep.details["confusion"] = confusion(gold, pred)
    return rep

"""GTD 2016-2018: incident ``summary`` -> attack type, perpetrator, place, casualties, date.

Scoring choices:

* The summary's leading ``MM/DD/YYYY:`` is the incident date. It is stripped before
  extraction and used only as gold: no publication date is passed, because the
  incident date *is* what is scored and passing it would leak the answer into the
  resolution of "on Sunday"-style dates.
* Attack type: each event maps to a GTD ``attacktype1_txt``
  (:func:`dyad.eval.labels.gtd_attack_type`); the record's type follows GTD's own
  hierarchy. Gold "Unknown" is not scored (count reported).
* Perpetrator: gold ``gname`` against the actors of every event (token overlap,
  :mod:`dyad.eval.actors`); gold "Unknown" is not scored.
* Place: a gold ``city`` (resp. ``provstate``) matches when some event location's
  name (resp. admin1 or name) is the same after normalisation ("Marawara district"
  = "Marawara"); "Unknown" is not scored.
* Killed/wounded: predicted = the largest ``size.dead``/``size.injured`` among
  events, 0 when none; exact and within +/-1 (missing gold not scored).
* Date: only events whose date is stated in the text (``date.stated``) count; the
  record is right when such an event (the primary one first) has
  ``start <= gold <= end``. Reported over all records and over those with a stated
  date (coverage also reported).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from ..model import Article
from .actors import any_actor_matches, norm_place
from .common import Loaded, Progress, parse_date, run_pipeline
from .labels import GTD_HIERARCHY, gtd_attack_type, gtd_record_type
from .metrics import accuracy, confusion, macro_f1, majority_baseline, safe_div
from .report import Case, SuiteReport

__all__ = ["GtdRecord", "split_summary", "load", "evaluate", "date_hit", "place_hit", "PATH"]

PATH = "gtd_2016_2018/gtd_2016_2018.csv"
_PREFIX = re.compile(r"^\s*(\d{1,2})/(\d{1,2})/(\d{4})\s*:\s*")
_UNKNOWN = {"", "unknown", "nan"}


@dataclass(slots=True)
class GtdRecord:
    id: str
    text: str
    date: dt.date | None
    attack_type: str | None
    gname: str | None
    city: str | None
    province: str | None
    nkill: int | None
    nwound: int | None


def split_summary(summary: str) -> tuple[str, dt.date | None]:
    """``"MM/DD/YYYY: text"`` -> (text, date). GTD writes day 00 for an unknown day."""
    m = _PREFIX.match(summary)
    if not m:
        return summary.strip(), None
    month, day, year = (int(x) for x in m.groups())
    try:
        date = dt.date(year, month, day)
    except ValueError:
        date = None
    return summary[m.end():].strip(), date


def _known(v: Any) -> str | None:
    if v is None:
        return None
    s = str(v).strip()
    return None if s.lower() in _UNKNOWN else s


def _count(v: Any) -> int | None:
    try:
        f = float(v)
    except (TypeError, ValueError):
        return None
    return None if pd.isna(f) or f < 0 else int(f)


def load(root: Path, limit: int | None = None) -> Loaded[GtdRecord]:
    out: Loaded[GtdRecord] = Loaded()
    df = pd.read_csv(root / PATH, dtype=str, keep_default_na=False)
    for i, row in enumerate(df.to_dict("records")):
        if limit and len(out.records) >= limit:
            break
        text, date = split_summary(str(row.get("summary") or ""))
        if not text:
            out.skip("empty summary")
            continue
        out.records.append(GtdRecord(
            id=str(row.get("eventid") or f"gtd-{i}"), text=text, date=date,
            attack_type=_known(row.get("attacktype1_txt")), gname=_known(row.get("gname")),
            city=_known(row.get("city")), province=_known(row.get("provstate")),
            nkill=_count(row.get("nkill")), nwound=_count(row.get("nwound"))))
    return out


def date_hit(events: list[Any], gold: dt.date, primary: Any | None = None) -> bool | None:
    """True/False for the first event with a stated date (primary first); None if none."""
    ordered = ([primary] if primary is not None else []) + sorted(events, key=lambda e: -e.confidence)
    for e in ordered:
        d = e.date
        if d is not None and d.stated:
            start, end = parse_date(d.start), parse_date(d.end or d.start)
            if start is None or end is None:
                continue
            return start <= gold <= end
    return None


def place_hit(gold: str, events: list[Any], *, admin: bool) -> bool:
    g = norm_place(gold)
    if not g:
        return False
    for e in events:
        loc = e.location
        if loc is None:
            continue
        names = [loc.name, loc.text] + ([loc.admin1] if admin else [])
        if any(n and norm_place(n) == g for n in names):
            return True
    return False


def _max_size(events: list[Any], attr: str) -> int:
    return max((getattr(e.size, attr) for e in events if getattr(e.size, attr, None) is not None), default=0)


def evaluate(loaded: Loaded[GtdRecord], progress: Progress | None = None) -> SuiteReport:
    recs = loaded.records
    results = run_pipeline([Article(id=r.id, text=r.text) for r in recs], progress)
    rep = SuiteReport("gtd", records=len(recs), skipped=loaded.skipped, skip_reasons=loaded.reasons)
    gold: list[str] = []
    pred: list[str | None] = []
    c = dict.fromkeys(("perp", "perp_n", "city", "city_n", "prov", "prov_n", "k", "k1", "k_n",
                       "w", "w1", "w_n", "date", "date_n", "date_stated"), 0)
    unknown_type = 0
    for r in recs:
        res = results.get(r.id)
        events = list(res.events) if res else []
        ptype = gtd_record_type(events)
        if r.attack_type:
            gold.append(r.attack_type)
            pred.append(ptype)
        else:
            unknown_type += 1
        prim = next((e for e in sorted(events, key=lambda e: -e.confidence) if gtd_attack_type(e) == ptype), None)
        if r.gname:
            c["perp_n"] += 1
            c["perp"] += any_actor_matches(r.gname, [a for e in events for a in e.actors])
        if r.city:
            c["city_n"] += 1
            c["city"] += place_hit(r.city, events, admin=False)
        if r.province:
            c["prov_n"] += 1
            c["prov"] += place_hit(r.province, events, admin=True)
        dead, hurt = _max_size(events, "dead"), _max_size(events, "injured")
        if r.nkill is not None:
            c["k_n"] += 1
            c["k"] += dead == r.nkill
            c["k1"] += abs(dead - r.nkill) <= 1
        if r.nwound is not None:
            c["w_n"] += 1
            c["w"] += hurt == r.nwound
            c["w1"] += abs(hurt - r.nwound) <= 1
        hit = None
        if r.date is not None:
            c["date_n"] += 1
            hit = date_hit(events, r.date, prim)
            c["date_stated"] += hit is not None
            c["date"] += bool(hit)
        loss = (bool(r.attack_type) and ptype != r.attack_type) + (r.nkill is not None and dead != r.nkill) * 0.5
        if loss:
            rep.cases.append(Case(r.text, {"attack": r.attack_type, "gname": r.gname, "city": r.city,
                                           "nkill": r.nkill, "nwound": r.nwound,
                                           "date": r.date.isoformat() if r.date else None},
                                  {"attack": ptype, "events": [(e.event_type, e.mode, e.trigger.text) for e in events],
                                   "dead": dead, "injured": hurt},
                                  loss=loss, id=r.id))
    labels = [t for t in GTD_HIERARCHY if t in set(gold)]
    rep.add("attack type accuracy", accuracy(gold, pred), majority_baseline(gold), n=len(gold))
    rep.add("attack type macro-F1", macro_f1(gold, pred, labels), n=len(labels))
    rep.add("perpetrator match (gname)", safe_div(c["perp"], c["perp_n"]), n=c["perp_n"])
    rep.add("city match", safe_div(c["city"], c["city_n"]), n=c["city_n"])
    rep.add("province match", safe_div(c["prov"], c["prov_n"]), n=c["prov_n"])
    rep.add("killed exact", safe_div(c["k"], c["k_n"]), n=c["k_n"])
    rep.add("killed within ±1", safe_div(c["k1"], c["k_n"]), n=c["k_n"])
    rep.add("wounded exact", safe_div(c["w"], c["w_n"]), n=c["w_n"])
    rep.add("wounded within ±1", safe_div(c["w1"], c["w_n"]), n=c["w_n"])
    rep.add("date stated (coverage)", safe_div(c["date_stated"], c["date_n"]), n=c["date_n"])
    rep.add("date correct | stated", safe_div(c["date"], c["date_stated"]), n=c["date_stated"])
    rep.details["confusion"] = confusion(gold, pred)
    rep.notes.append(f"{unknown_type} records with attack type 'Unknown' not scored for type; "
                     "no publication date is passed (the summary date is the gold)")
    return rep

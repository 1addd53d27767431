"""PLOVER GSR: one sentence per record, gold PLOVER type and source/target actors.

Scoring choices:

* The predicted event for a sentence is one with the gold type when dyad produced
  one (the sentence may legitimately hold several events), else the most confident.
  No event is a wrong prediction, shown as ``(none)`` in the confusion matrix; the
  share of sentences with any event is reported as coverage.
* Older gold names are mapped to current PLOVER (DEMAND->REQUEST,
  DISAPPROVE/INVESTIGATE->ACCUSE, FIGHT->ASSAULT).
* Actor scores are per gold actor (micro): a gold source is correct when some actor
  of the chosen event has its country ``code`` (legacy CAMEO codes mapped to ISO-3,
  IGO/NGO families compared as families); for country+sector it must also have the
  gold primary sector when the gold gives one ("CVLalb" -> CVL; "***" = none).
  Gold targets are scored the same way against the event's recipients.
* Dates in this file are placeholders and are not scored.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..model import Article
from .actors import norm_code, norm_sector, pred_sectors
from .common import Loaded, Progress, json_lines, run_pipeline
from .labels import plover_type
from .metrics import accuracy, confusion, macro_f1, per_label_f1, safe_div
from .report import Case, SuiteReport

__all__ = ["GsrRecord", "load", "evaluate", "pick_event", "score_actors", "PATH"]

PATH = "plover_gsr/plover_gsr.jsonl"


@dataclass(slots=True)
class GsrRecord:
    id: str
    text: str
    event_type: str
    sources: list[dict[str, Any]] = field(default_factory=list)
    targets: list[dict[str, Any]] = field(default_factory=list)
    mode: str | None = None


def _actors(value: Any) -> list[dict[str, Any]]:
    # the file has lists, but also "" and null for "no target"
    if not isinstance(value, list):
        return []
    return [a for a in value if isinstance(a, dict) and a.get("code")]


def load(root: Path, limit: int | None = None) -> Loaded[GsrRecord]:
    out: Loaded[GsrRecord] = Loaded()
    with (root / PATH).open(encoding="utf-8") as fh:
        for raw in json_lines(fh, out, limit):
            if not isinstance(raw, dict) or raw.get("event") == "DOCUMENT":
                continue  # the header record documents the file; it is not data
            etype = plover_type(raw.get("event"))
            text = raw.get("text")
            if not etype or not isinstance(text, str) or not text.strip():
                out.skip("no event type or text")
                continue
            out.records.append(GsrRecord(
                id=str(raw.get("id") or f"gsr-{len(out.records)}"), text=text, event_type=etype,
                sources=_actors(raw.get("source")), targets=_actors(raw.get("target")),
                mode=raw.get("mode") or None))
    return out


def pick_event(events: list[Any], gold_type: str) -> Any | None:
    """The event of the gold type if any, else the most confident; None if no event."""
    if not events:
        return None
    same = [e for e in events if plover_type(e.event_type) == gold_type]
    pool = same or events
    return max(pool, key=lambda e: e.confidence)


def score_actors(gold: list[dict[str, Any]], predicted: list[Any]) -> tuple[int, int]:
    """(country hits, country+sector hits) for ``gold`` actors against ``predicted``."""
    country = both = 0
    for g in gold:
        code = norm_code(g.get("code"))
        sector = norm_sector(g.get("sector"))
        with_code = [p for p in predicted if norm_code(p.country) == code]
        if with_code:
            country += 1
            if sector is None or any(sector in pred_sectors(p) for p in with_code):
                both += 1
    return country, both


def evaluate(loaded: Loaded[GsrRecord], progress: Progress | None = None) -> SuiteReport:
    recs = loaded.records
    results = run_pipeline([Article(id=r.id, text=r.text) for r in recs], progress)
    rep = SuiteReport("plover-gsr", records=len(recs), skipped=loaded.skipped, skip_reasons=loaded.reasons)
    gold: list[str] = []
    pred: list[str | None] = []
    counts = {"src": 0, "src_c": 0, "src_cs": 0, "tgt": 0, "tgt_c": 0, "tgt_cs": 0}
    covered = 0
    for r in recs:
        res = results.get(r.id)
        events = list(res.events) if res else []
        ev = pick_event(events, r.event_type)
        covered += bool(events)
        p_type = plover_type(ev.event_type) if ev else None
        gold.append(r.event_type)
        pred.append(p_type)
        s_c, s_cs = score_actors(r.sources, ev.actors if ev else [])
        t_c, t_cs = score_actors(r.targets, ev.recipients if ev else [])
        counts["src"] += len(r.sources)
        counts["src_c"] += s_c
        counts["src_cs"] += s_cs
        counts["tgt"] += len(r.targets)
        counts["tgt_c"] += t_c
        counts["tgt_cs"] += t_cs
        miss = (p_type != r.event_type) + (len(r.sources) - s_c + len(r.targets) - t_c) * 0.25
        if miss:
            rep.cases.append(Case(r.text, {"type": r.event_type, "source": r.sources, "target": r.targets},
                                  None if ev is None else {
                                      "type": p_type, "trigger": ev.trigger.text,
                                      "actors": [(a.text, a.country, a.sector) for a in ev.actors],
                                      "recipients": [(a.text, a.country, a.sector) for a in ev.recipients]},
                                  loss=miss, id=r.id))
    labels = sorted(set(gold))
    rep.add("event type accuracy", accuracy(gold, pred), n=len(gold))
    rep.add("event type macro-F1", macro_f1(gold, pred, labels), n=len(labels))
    rep.add("coverage (sentences with any event)", safe_div(covered, len(recs)), n=len(recs))
    rep.add("source country accuracy", safe_div(counts["src_c"], counts["src"]), n=counts["src"])
    rep.add("source country+sector accuracy", safe_div(counts["src_cs"], counts["src"]), n=counts["src"])
    rep.add("target country accuracy", safe_div(counts["tgt_c"], counts["tgt"]), n=counts["tgt"])
    rep.add("target country+sector accuracy", safe_div(counts["tgt_cs"], counts["tgt"]), n=counts["tgt"])
    rep.details["per_type"] = {k: v.as_dict() for k, v in per_label_f1(gold, pred, labels).items()}
    rep.details["confusion"] = confusion(gold, pred)
    rep.notes.append("dates in this file are placeholders and are not scored")
    return rep

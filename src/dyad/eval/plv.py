"""PLV (PLOVER sentences with a marked source and target), 15 classes.

CONCEDE and RETREAT form one class (PLV's ``YIELD``; reported as "CONCEDE/RETREAT").

* End-to-end: dyad runs on the plain sentence. A *pair event* is an event whose
  actor span overlaps the ``<s>`` span and whose recipient span overlaps the ``<t>``
  span (when the sentence marks only one side, only that side is required). The
  predicted label is the gold label if some pair event has it, else the type of
  the most confident pair event, else none (wrong). Pair recall = share of
  sentences with any pair event.
* Type-only: ``dyad.extract.classify(sentence, (s_start, s_end), (t_start, t_end))``
  (offsets into the sentence; ``None`` for an unmarked side) when that function
  exists; otherwise reported as not available.

Published anchor (zero-shot NLI, Hu et al. 2022, on the *test* split; this file is
the train split): accuracy 0.838, macro-F1 0.824.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from ..model import Article
from .common import Loaded, Progress, run_pipeline
from .labels import PLV_LABELS, plv_label
from .metrics import Span, accuracy, confusion, macro_f1, overlaps, safe_div
from .report import Case, SuiteReport

__all__ = ["PlvRecord", "parse_marked", "load", "evaluate", "pair_events", "PATH"]

PATH = "plv/PLV_train.tsv"
ANCHOR_ACC = "0.838 (zero-shot NLI, test split)"
ANCHOR_F1 = "0.824 (zero-shot NLI, test split)"
_TAG = re.compile(r"</?([st])>")


@dataclass(slots=True)
class PlvRecord:
    id: str
    sentence: str
    label: str
    source: Span | None
    target: Span | None


def parse_marked(marked: str) -> tuple[str, Span | None, Span | None]:
    """Plain text and the ``<s>``/``<t>`` spans (offsets into the plain text)."""
    plain: list[str] = []
    pos = 0
    opened: dict[str, int] = {}
    spans: dict[str, Span] = {}
    length = 0
    for m in _TAG.finditer(marked):
        chunk = marked[pos:m.start()]
        plain.append(chunk)
        length += len(chunk)
        tag = m.group(1)
        if m.group(0).startswith("</"):
            if tag in opened:
                spans[tag] = (opened.pop(tag), length)
        else:
            opened[tag] = length
        pos = m.end()
    plain.append(marked[pos:])
    return "".join(plain), spans.get("s"), spans.get("t")


def load(root: Path, limit: int | None = None) -> Loaded[PlvRecord]:
    out: Loaded[PlvRecord] = Loaded()
    df = pd.read_csv(root / PATH, sep="\t", dtype=str, keep_default_na=False)
    for col in ("marked_sentence", "gold_root"):
        if col not in df.columns:
            out.skip(f"column {col} missing")
            return out
    for i, row in enumerate(df.itertuples(index=False)):
        if limit and len(out.records) >= limit:
            break
        label = plv_label(row.gold_root)
        text, s, t = parse_marked(row.marked_sentence or "")
        if label not in PLV_LABELS or not text.strip() or (s is None and t is None):
            out.skip("unknown label or no marked span")
            continue
        rid = f"plv-{getattr(row, 'sentence_id', '') or i}"
        out.records.append(PlvRecord(id=rid, sentence=text, label=label, source=s, target=t))
    return out


def pair_events(events: list[Any], source: Span | None, target: Span | None) -> list[Any]:
    """Events whose actor overlaps ``source`` and recipient overlaps ``target``."""
    out = []
    for e in events:
        ok_s = source is None or any(overlaps((a.start, a.end), source) for a in e.actors)
        ok_t = target is None or any(overlaps((r.start, r.end), target) for r in e.recipients)
        if ok_s and ok_t:
            out.append(e)
    return out


def _classify_fn() -> Any | None:
    try:
        from .. import extract as extract_pkg
    except ImportError:
        return None
    return getattr(extract_pkg, "classify", None)


def evaluate(loaded: Loaded[PlvRecord], progress: Progress | None = None) -> SuiteReport:
    recs = loaded.records
    results = run_pipeline([Article(id=r.id, text=r.sentence) for r in recs], progress)
    rep = SuiteReport("plv", records=len(recs), skipped=loaded.skipped, skip_reasons=loaded.reasons)
    gold = [r.label for r in recs]
    pred: list[str | None] = []
    paired = 0
    for r in recs:
        res = results.get(r.id)
        pairs = pair_events(list(res.events) if res else [], r.source, r.target)
        paired += bool(pairs)
        labels = [plv_label(e.event_type) for e in pairs]
        if r.label in labels:
            p = r.label
        elif pairs:
            p = plv_label(max(pairs, key=lambda e: e.confidence).event_type)
        else:
            p = None
        pred.append(p)
        if p != r.label:
            s = r.sentence[r.source[0]:r.source[1]] if r.source else None
            t = r.sentence[r.target[0]:r.target[1]] if r.target else None
            rep.cases.append(Case(r.sentence, {"type": r.label, "source": s, "target": t},
                                  {"type": p, "events": [(e.event_type, e.trigger.text) for e in
                                                         (res.events if res else [])]}, id=r.id))
    rep.add("end-to-end accuracy", accuracy(gold, pred), ANCHOR_ACC, n=len(gold))
    rep.add("end-to-end macro-F1", macro_f1(gold, pred, PLV_LABELS), ANCHOR_F1, n=len(PLV_LABELS))
    rep.add("pair recall (event links <s> and <t>)", safe_div(paired, len(recs)), n=len(recs))
    rep.details["confusion_end_to_end"] = confusion(gold, pred)

    classify = _classify_fn()
    tpred: list[str | None] | None = None
    if classify is not None:
        try:
            tpred = [plv_label(classify(r.sentence, r.source, r.target)) for r in recs]
        except NotImplementedError:
            tpred = None
    if tpred is None:
        rep.add("type-only accuracy", "not available", ANCHOR_ACC)
        rep.notes.append("type-only: dyad.extract.classify is not available")
    else:
        rep.add("type-only accuracy", accuracy(gold, tpred), ANCHOR_ACC, n=len(gold))
        rep.add("type-only macro-F1", macro_f1(gold, tpred, PLV_LABELS), ANCHOR_F1, n=len(PLV_LABELS))
        rep.details["confusion_type_only"] = confusion(gold, tpred)
    rep.notes.append("anchors are on PLV's test split; this is the train split")
    return rep

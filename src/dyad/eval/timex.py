"""TempEval-3 TIMEX3 extraction and normalisation on TBAQ-cleaned (TimeBank + AQUAINT).

The text passed to dyad is the content of the ``<TEXT>`` element with every tag
removed; gold offsets are computed while stripping, so they index that text.
The document creation time (the TIMEX3 with ``functionInDocument="CREATION_TIME"``)
is passed as the publication date. Empty (non-consuming) TIMEX3 tags are skipped.

Metrics follow TempEval-3 (UzZaman et al. 2013): strict match = identical offsets,
relaxed match = any overlap (one-to-one); type and value accuracy are computed over
relaxed matches, and attribute F1 = relaxed F1 x attribute accuracy. Anchor:
HeidelTime value F1 77.61 on the TempEval-3 platinum test set (this is TBAQ, the
training data).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lxml import etree

from ..model import Article
from .common import Loaded, Progress, parse_date, run_pipeline
from .metrics import match_spans, prf, safe_div
from .report import Case, SuiteReport

__all__ = ["Timex", "TimexDoc", "flatten", "parse_timeml", "load", "evaluate", "score_docs", "ROOT"]

ROOT = "tempeval3/TBAQ-cleaned"
ANCHOR_VALUE_F1 = "0.7761 HeidelTime (TempEval-3 test)"


@dataclass(slots=True)
class Timex:
    start: int
    end: int
    text: str
    type: str
    value: str | None
    tid: str | None = None


@dataclass(slots=True)
class TimexDoc:
    id: str
    text: str
    dct: str | None
    timexes: list[Timex] = field(default_factory=list)


def flatten(elem: Any) -> tuple[str, list[tuple[Any, int, int]]]:
    """Text content of ``elem`` with tags removed, and (element, start, end) for every
    descendant element, offsets into that text."""
    parts: list[str] = []
    spans: list[tuple[Any, int, int]] = []
    pos = 0

    def walk(e: Any) -> None:
        nonlocal pos
        if e.text:
            parts.append(e.text)
            pos += len(e.text)
        for child in e:
            if not isinstance(child.tag, str):  # comments, processing instructions
                if child.tail:
                    parts.append(child.tail)
                    pos += len(child.tail)
                continue
            start = pos
            walk(child)
            spans.append((child, start, pos))
            if child.tail:
                parts.append(child.tail)
                pos += len(child.tail)

    walk(elem)
    return "".join(parts), spans


def parse_timeml(data: bytes, doc_id: str) -> TimexDoc | None:
    """One TimeML document, or None when it has no ``TEXT`` element."""
    root = etree.fromstring(data)
    text_el = next(root.iter("TEXT"), None)
    if text_el is None:
        return None
    dct = next((t.get("value") for t in root.iter("TIMEX3")
                if t.get("functionInDocument") == "CREATION_TIME"), None)
    text, spans = flatten(text_el)
    doc = TimexDoc(id=doc_id, text=text, dct=dct)
    for el, s, e in spans:
        if el.tag == "TIMEX3" and e > s:
            doc.timexes.append(Timex(s, e, text[s:e], (el.get("type") or "").upper(), el.get("value"),
                                     el.get("tid")))
    doc.timexes.sort(key=lambda t: t.start)
    return doc


def load(root: Path, limit: int | None = None) -> Loaded[TimexDoc]:
    out: Loaded[TimexDoc] = Loaded()
    for path in sorted((root / ROOT).glob("*/*.tml")):
        if limit and len(out.records) >= limit:
            break
        try:
            doc = parse_timeml(path.read_bytes(), f"{path.parent.name}/{path.stem}")
        except etree.XMLSyntaxError:
            out.skip("invalid XML")
            continue
        if doc is None:
            out.skip("no TEXT element")
            continue
        out.records.append(doc)
    return out


_SHORT_WEEK = re.compile(r"-W(\d)(?!\d)")


def _norm_value(v: str | None) -> str | None:
    """Case and spacing aside, ISO 8601 week numbers have two digits: some gold values
    write "2000-W7" for 2000-W07 (the same week), which must not count as a mismatch."""
    return _SHORT_WEEK.sub(r"-W0\1", v.strip().upper()) if v else None


def score_docs(pairs: list[tuple[TimexDoc, list[Any]]]) -> SuiteReport:
    """Score (gold doc, predicted TimeValues) pairs; separated from the pipeline for tests."""
    rep = SuiteReport("timex-tbaq")
    n_gold = n_pred = strict = relaxed = type_ok = value_ok = 0
    for doc, times in pairs:
        pred = [t for t in times if t.end > t.start]
        g_spans = [(g.start, g.end) for g in doc.timexes]
        p_spans = [(p.start, p.end) for p in pred]
        n_gold += len(g_spans)
        n_pred += len(p_spans)
        strict += len(match_spans(g_spans, p_spans, strict=True))
        matches = match_spans(g_spans, p_spans)
        relaxed += len(matches)
        matched = {i for i, _ in matches}
        for i, j in matches:
            g, p = doc.timexes[i], pred[j]
            t_ok = (p.type or "").upper() == g.type
            v_ok = _norm_value(p.value) == _norm_value(g.value)
            type_ok += t_ok
            value_ok += v_ok
            if not v_ok:
                rep.cases.append(Case(_context(doc.text, g.start, g.end), {"type": g.type, "value": g.value},
                                      {"text": p.text, "type": p.type, "value": p.value}, loss=0.5, id=doc.id))
        for i, g in enumerate(doc.timexes):
            if i not in matched:
                rep.cases.append(Case(_context(doc.text, g.start, g.end), {"type": g.type, "value": g.value},
                                      "not found", loss=1.0, id=doc.id))
    s, r = prf(strict, n_pred, n_gold), prf(relaxed, n_pred, n_gold)
    type_acc, value_acc = safe_div(type_ok, relaxed), safe_div(value_ok, relaxed)
    rep.add("strict precision", s.precision, n=n_pred)
    rep.add("strict recall", s.recall, n=n_gold)
    rep.add("strict F1", s.f1)
    rep.add("relaxed precision", r.precision, n=n_pred)
    rep.add("relaxed recall", r.recall, n=n_gold)
    rep.add("relaxed F1", r.f1)
    rep.add("type accuracy (relaxed matches)", type_acc, n=relaxed)
    rep.add("value accuracy (relaxed matches)", value_acc, n=relaxed)
    rep.add("type F1", r.f1 * type_acc)
    rep.add("value F1", r.f1 * value_acc, ANCHOR_VALUE_F1)
    return rep


def _context(text: str, start: int, end: int, width: int = 60) -> str:
    return text[max(0, start - width):start] + "[[" + text[start:end] + "]]" + text[end:end + width]


def evaluate(loaded: Loaded[TimexDoc], progress: Progress | None = None) -> SuiteReport:
    docs = loaded.records
    articles = [Article(id=d.id, text=d.text, published=parse_date(d.dct)) for d in docs]
    results = run_pipeline(articles, progress)
    rep = score_docs([(d, list(results[d.id].times) if d.id in results else []) for d in docs])
    rep.records, rep.skipped, rep.skip_reasons = len(docs), loaded.skipped, loaded.reasons
    rep.notes.append("the DCT is passed as the publication date; the anchor is on the TempEval-3 test set")
    return rep

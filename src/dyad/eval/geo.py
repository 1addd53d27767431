"""Geoparsing: LGL and GeoVirus (XML from Gritta et al.'s evaluation repository).

Toponym recognition and resolution of dyad's place stage (``ArticleResult.places``:
dicts with ``start``, ``end``, ``name``, ``lat``, ``lon``).

Scoring choices:

* Recognition: gold and predicted spans are matched one-to-one by character
  overlap (largest overlap first), as in Gritta et al.'s "inclusive" matching;
  P/R/F1 from those matches. Exact-offset F1 is reported beside it.
* Resolution, over correctly recognised toponyms whose gold has coordinates: the
  great-circle error; a recognised toponym without predicted coordinates costs the
  maximum error (20039 km). Accuracy within 161 km (100 miles, ``<=``), mean and
  median error in km, and AUC of log error (:func:`dyad.eval.metrics.auc_log_error`).
* LGL toponyms without a gazetteer entry count for recognition only.
* GeoVirus offsets are one character late in the published file: offsets are
  repaired by checking the text against the toponym's name (small shifts, then a
  nearby search); toponyms that cannot be placed are skipped with a count.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lxml import etree

from ..model import Article
from .common import Loaded, Progress, run_pipeline
from .metrics import (
    EARTH_HALF_CIRCUMFERENCE_KM,
    auc_log_error,
    haversine_km,
    match_spans,
    mean,
    median,
    prf,
    safe_div,
    span_prf,
)
from .report import Case, SuiteReport

__all__ = ["Toponym", "GeoArticle", "parse_corpus", "load_lgl", "load_geovirus", "evaluate",
           "score_articles", "LGL_PATH", "GEOVIRUS_PATH", "repair_offsets"]

LGL_PATH = "geoparsing/lgl.xml"
GEOVIRUS_PATH = "geoparsing/GeoVirus.xml"
ANCHORS = {
    "geo-lgl": "0.70 population baseline · 0.76 CamCoder · 0.82 Edinburgh · 0.83 Mordecai 3",
    "geo-geovirus": "0.82 CamCoder · 0.81 Edinburgh",
}


@dataclass(slots=True)
class Toponym:
    start: int
    end: int
    name: str
    lat: float | None = None
    lon: float | None = None


@dataclass(slots=True)
class GeoArticle:
    id: str
    text: str
    toponyms: list[Toponym] = field(default_factory=list)


def repair_offsets(text: str, start: int, end: int, name: str) -> tuple[int, int] | None:
    """Offsets at which ``name`` really is in ``text`` (as given, shifted by up to 3,
    or the nearest occurrence within 50 characters); None if not found."""
    if text[start:end] == name:
        return start, end
    n = len(name)
    for d in (-1, 1, -2, 2, -3, 3):
        s = start + d
        if s >= 0 and text[s:s + n] == name:
            return s, s + n
    lo = max(0, start - 50)
    hits = [lo + i for i in range(len(text[lo:start + 50 + n])) if text.startswith(name, lo + i)]
    if hits:
        s = min(hits, key=lambda h: abs(h - start))
        return s, s + n
    return None


def _float(v: str | None) -> float | None:
    try:
        return float(v) if v not in (None, "") else None
    except ValueError:
        return None


def parse_corpus(path: Path, prefix: str, limit: int | None = None) -> Loaded[GeoArticle]:
    """Both corpora: ``article/text`` with ``toponyms/toponym`` (LGL: phrase + gaztag
    lat/lon) or ``locations/location`` (GeoVirus: name + lat/lon)."""
    out: Loaded[GeoArticle] = Loaded()
    try:
        root = etree.parse(str(path)).getroot()
    except etree.XMLSyntaxError as exc:
        out.skip(f"invalid XML: {exc}")
        return out
    for i, art in enumerate(root.iter("article")):
        if limit and len(out.records) >= limit:
            break
        text = art.findtext("text")
        if not text or not text.strip():
            out.skip("article without text")
            continue
        # position first: LGL docids are not guaranteed unique, GeoVirus has none
        docid = art.get("docid")
        doc = GeoArticle(id=f"{prefix}-{i}" + (f"-{docid}" if docid else ""), text=text)
        for el in (*art.iter("toponym"), *art.iter("location")):
            name = el.findtext("phrase") or el.findtext("name") or ""
            try:
                s, e = int(el.findtext("start") or ""), int(el.findtext("end") or "")
            except ValueError:
                out.skip("toponym without offsets")
                continue
            fixed = repair_offsets(text, s, e, name) if name else (s, e)
            if fixed is None:
                out.skip("toponym offsets do not match its name")
                continue
            lat, lon = _float(el.findtext(".//lat")), _float(el.findtext(".//lon"))
            doc.toponyms.append(Toponym(fixed[0], fixed[1], name, lat, lon))
        out.records.append(doc)
    return out


def load_lgl(root: Path, limit: int | None = None) -> Loaded[GeoArticle]:
    return parse_corpus(root / LGL_PATH, "lgl", limit)


def load_geovirus(root: Path, limit: int | None = None) -> Loaded[GeoArticle]:
    return parse_corpus(root / GEOVIRUS_PATH, "geovirus", limit)


def _place_fields(p: Any) -> tuple[int, int, float | None, float | None, str] | None:
    get = p.get if isinstance(p, dict) else (lambda k, d=None: getattr(p, k, d))
    try:
        start, end = int(get("start")), int(get("end"))
    except (TypeError, ValueError):
        return None  # a place without offsets cannot be matched to a toponym
    return start, end, _float_or_none(get("lat")), _float_or_none(get("lon")), str(get("name") or "")


def _float_or_none(v: Any) -> float | None:
    try:
        return None if v is None else float(v)
    except (TypeError, ValueError):
        return None


def score_articles(pairs: list[tuple[GeoArticle, list[Any]]], suite: str) -> SuiteReport:
    """Score (gold article, predicted places) pairs; separated from the pipeline for tests."""
    rep = SuiteReport(suite)
    tp = n_pred = n_gold = tp_strict = 0
    errors: list[float] = []
    for doc, places in pairs:
        pred = [f for f in (_place_fields(p) for p in places) if f is not None]
        gspans = [(t.start, t.end) for t in doc.toponyms]
        pspans = [(p[0], p[1]) for p in pred]
        matches = match_spans(gspans, pspans)
        tp += len(matches)
        tp_strict += span_prf(gspans, pspans, strict=True).tp
        n_pred += len(pred)
        n_gold += len(gspans)
        matched_g = {i for i, _ in matches}
        for i, j in matches:
            g, p = doc.toponyms[i], pred[j]
            if g.lat is None or g.lon is None:
                continue
            err = EARTH_HALF_CIRCUMFERENCE_KM if p[2] is None or p[3] is None \
                else haversine_km(g.lat, g.lon, p[2], p[3])
            errors.append(err)
            if err > 161:
                rep.cases.append(Case(_context(doc.text, g.start, g.end),
                                      {"name": g.name, "lat": g.lat, "lon": g.lon},
                                      {"name": p[4], "lat": p[2], "lon": p[3], "km": round(err)},
                                      loss=err / EARTH_HALF_CIRCUMFERENCE_KM, id=doc.id))
        for i, g in enumerate(doc.toponyms):
            if i not in matched_g:
                rep.cases.append(Case(_context(doc.text, g.start, g.end), {"name": g.name},
                                      "not recognised", loss=1.0, id=doc.id))
    rec = prf(tp, n_pred, n_gold)
    rep.add("recognition precision (overlap)", rec.precision, n=n_pred)
    rep.add("recognition recall (overlap)", rec.recall, n=n_gold)
    rep.add("recognition F1 (overlap)", rec.f1)
    rep.add("recognition F1 (exact offsets)", prf(tp_strict, n_pred, n_gold).f1)
    anchor = ANCHORS.get(suite)
    rep.add("accuracy within 161 km", safe_div(sum(e <= 161 for e in errors), len(errors)), anchor, n=len(errors))
    rep.add("mean error km", mean(errors), n=len(errors))
    rep.add("median error km", median(errors), n=len(errors))
    rep.add("AUC of log error (lower is better)", auc_log_error(errors) if errors else None, n=len(errors))
    rep.notes.append("A@161 anchors are published on gold toponyms (resolution only); "
                     "here it is over toponyms dyad recognised")
    return rep


def _context(text: str, start: int, end: int, width: int = 80) -> str:
    return text[max(0, start - width):start] + "[[" + text[start:end] + "]]" + text[end:end + width]


def evaluate(loaded: Loaded[GeoArticle], progress: Progress | None = None, *, suite: str = "geo") -> SuiteReport:
    docs = loaded.records
    results = run_pipeline([Article(id=d.id, text=d.text) for d in docs], progress)
    pairs = [(d, list(results[d.id].places) if d.id in results else []) for d in docs]
    rep = score_articles(pairs, suite)
    rep.records, rep.skipped, rep.skip_reasons = len(docs), loaded.skipped, loaded.reasons
    return rep

"""Scoring primitives shared by every suite: P/R/F1, macro-F1, confusion, spans,
distances, the AUC of log error and B-cubed.

Pure functions over plain values (no pipeline, no data files) so that each one is
unit-tested on hand-made examples in ``tests/eval/test_metrics.py``.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass

__all__ = [
    "PRF", "prf", "safe_div", "accuracy", "majority_baseline", "macro_f1", "per_label_f1", "confusion",
    "Span", "overlaps", "match_spans", "span_prf",
    "haversine_km", "EARTH_HALF_CIRCUMFERENCE_KM", "auc_log_error", "mean", "median",
    "bcubed",
]

#: The largest possible great-circle error (half the Earth's circumference), the
#: normaliser of Gritta et al.'s AUC and the error charged for an unresolved toponym.
EARTH_HALF_CIRCUMFERENCE_KM = 20039.0
_EARTH_RADIUS_KM = 6371.0088


def safe_div(num: float, den: float) -> float:
    """``num / den``, or 0.0 when ``den`` is 0 (an empty set scores 0, never NaN)."""
    return num / den if den else 0.0


@dataclass(frozen=True, slots=True)
class PRF:
    tp: int
    n_pred: int
    n_gold: int

    @property
    def precision(self) -> float:
        return safe_div(self.tp, self.n_pred)

    @property
    def recall(self) -> float:
        return safe_div(self.tp, self.n_gold)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return safe_div(2 * p * r, p + r)

    def as_dict(self) -> dict[str, float | int]:
        return {"precision": self.precision, "recall": self.recall, "f1": self.f1,
                "tp": self.tp, "n_pred": self.n_pred, "n_gold": self.n_gold}


def prf(tp: int, n_pred: int, n_gold: int) -> PRF:
    """Precision/recall/F1 from counts. ``tp`` may exceed neither count."""
    if tp < 0 or tp > n_pred or tp > n_gold:
        raise ValueError(f"inconsistent counts: tp={tp}, n_pred={n_pred}, n_gold={n_gold}")
    return PRF(tp, n_pred, n_gold)


def accuracy(gold: Sequence[Hashable], pred: Sequence[Hashable | None]) -> float:
    """Share of positions where ``pred`` equals ``gold`` (None never equals a label)."""
    if len(gold) != len(pred):
        raise ValueError("gold and pred differ in length")
    return safe_div(sum(g == p for g, p in zip(gold, pred)), len(gold))


def per_label_f1(gold: Sequence[Hashable], pred: Sequence[Hashable | None],
                 labels: Iterable[Hashable] | None = None) -> dict[Hashable, PRF]:
    """One-vs-rest P/R/F1 per label. A missing prediction (None) is a false negative
    for the gold label and a false positive for nothing."""
    if len(gold) != len(pred):
        raise ValueError("gold and pred differ in length")
    labels = sorted(set(gold), key=str) if labels is None else list(labels)
    tp: Counter[Hashable] = Counter()
    n_pred: Counter[Hashable] = Counter()
    n_gold: Counter[Hashable] = Counter(gold)
    for g, p in zip(gold, pred):
        if p is not None:
            n_pred[p] += 1
        if p is not None and g == p:
            tp[g] += 1
    return {lab: PRF(tp[lab], n_pred[lab], n_gold[lab]) for lab in labels}


def macro_f1(gold: Sequence[Hashable], pred: Sequence[Hashable | None],
             labels: Iterable[Hashable] | None = None) -> float:
    """Unweighted mean of per-label F1 over ``labels`` (default: the gold labels).

    A prediction outside ``labels`` is simply wrong: it costs the gold label recall
    and adds no class of its own, as in scikit-learn's
    ``f1_score(average="macro", labels=...)``.
    """
    per = per_label_f1(gold, pred, labels)
    return safe_div(sum(s.f1 for s in per.values()), len(per))


def confusion(gold: Sequence[Hashable], pred: Sequence[Hashable | None],
              none_label: str = "(none)") -> dict[str, dict[str, int]]:
    """Confusion counts ``{gold: {pred: n}}``; a missing prediction is ``none_label``."""
    table: dict[str, dict[str, int]] = defaultdict(dict)
    for g, p in zip(gold, pred):
        row = table[str(g)]
        key = none_label if p is None else str(p)
        row[key] = row.get(key, 0) + 1
    return {g: dict(sorted(row.items())) for g, row in sorted(table.items())}


def majority_baseline(gold: Sequence[Hashable]) -> str | None:
    """"0.420 baseline: always <label>" for the most frequent gold label (an anchor
    for data sets without a published figure)."""
    if not gold:
        return None
    label, n = Counter(gold).most_common(1)[0]
    return f"{n / len(gold):.3f} baseline: always {label}"


# --- spans -----------------------------------------------------------------

Span = tuple[int, int]


def overlaps(a: Span, b: Span) -> int:
    """Number of characters two half-open spans share (0 when disjoint)."""
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def match_spans(gold: Sequence[Span], pred: Sequence[Span], *, strict: bool = False) -> list[tuple[int, int]]:
    """One-to-one matching of gold to predicted spans, as index pairs.

    ``strict``: only identical offsets match. Otherwise any character overlap
    matches (TempEval-3 "relaxed"); pairs are taken greedily by largest overlap so
    that one long prediction cannot claim two gold spans.
    """
    if strict:
        free: dict[Span, list[int]] = defaultdict(list)
        for j, p in enumerate(pred):
            free[tuple(p)].append(j)
        pairs = []
        for i, g in enumerate(gold):
            js = free.get(tuple(g))
            if js:
                pairs.append((i, js.pop(0)))
        return pairs
    cands = [(overlaps(g, p), -abs((g[1] - g[0]) - (p[1] - p[0])), i, j)
             for i, g in enumerate(gold) for j, p in enumerate(pred) if overlaps(g, p) > 0]
    cands.sort(key=lambda c: (-c[0], -c[1], c[2], c[3]))
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs = []
    for _, _, i, j in cands:
        if i not in used_g and j not in used_p:
            used_g.add(i)
            used_p.add(j)
            pairs.append((i, j))
    return sorted(pairs)


def span_prf(gold: Sequence[Span], pred: Sequence[Span], *, strict: bool = False) -> PRF:
    return PRF(len(match_spans(gold, pred, strict=strict)), len(pred), len(gold))


# --- geography ---------------------------------------------------------------

def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km on a spherical Earth (mean radius 6371.0088 km)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dphi = p2 - p1
    dlmb = math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dlmb / 2) ** 2
    return 2 * _EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def auc_log_error(errors_km: Sequence[float]) -> float:
    """Area under the curve of normalised log error (Gritta et al. 2018, "What's
    missing in geographical parsing?", Lang. Resources & Evaluation 52; and their
    "Pragmatic Guide to Geoparsing Evaluation", 2019).

    Errors are sorted ascending, each scaled to ``log(1 + e) / log(20039)`` (20039 km
    = the largest possible error), and integrated with the trapezoidal rule over a
    unit-length x axis, i.e. ``trapz(sorted) / (n - 1)`` — essentially the mean
    normalised log error. 0 is perfect, 1 is worst; lower is better.
    """
    if not errors_km:
        return 0.0
    scaled = sorted(math.log1p(max(0.0, e)) / math.log(EARTH_HALF_CIRCUMFERENCE_KM) for e in errors_km)
    if len(scaled) == 1:
        return scaled[0]
    area = sum((a + b) / 2 for a, b in zip(scaled, scaled[1:]))
    return area / (len(scaled) - 1)


def mean(values: Sequence[float]) -> float | None:
    return sum(values) / len(values) if values else None


def median(values: Sequence[float]) -> float | None:
    if not values:
        return None
    s = sorted(values)
    mid = len(s) // 2
    return s[mid] if len(s) % 2 else (s[mid - 1] + s[mid]) / 2


# --- clustering --------------------------------------------------------------

def bcubed(gold: Mapping[Hashable, Hashable], pred: Mapping[Hashable, Hashable]) -> tuple[float, float, float]:
    """B-cubed precision, recall, F1 (Bagga & Baldwin 1998) over the gold items.

    ``gold`` and ``pred`` map item -> cluster id. An item missing from ``pred`` is a
    singleton there (the system did not merge it with anything). Returns
    ``(precision, recall, f1)``.
    """
    items = list(gold)
    if not items:
        return (0.0, 0.0, 0.0)
    pred_full = {it: pred.get(it, ("__singleton__", it)) for it in items}
    g_members: dict[Hashable, set[Hashable]] = defaultdict(set)
    p_members: dict[Hashable, set[Hashable]] = defaultdict(set)
    for it in items:
        g_members[gold[it]].add(it)
        p_members[pred_full[it]].add(it)
    p_sum = r_sum = 0.0
    for it in items:
        g = g_members[gold[it]]
        p = p_members[pred_full[it]]
        both = len(g & p)
        p_sum += both / len(p)
        r_sum += both / len(g)
    precision, recall = p_sum / len(items), r_sum / len(items)
    return (precision, recall, safe_div(2 * precision * recall, precision + recall))

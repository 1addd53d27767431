"""Event status and attribution against dyad's factuality gold (``tests/gold/factuality.yaml``).

Each item names one trigger in a short text (its ``occurrence``-th whole-word
appearance). :func:`dyad.pipeline.extract` runs on the text; the event whose
trigger span is that word is scored on its ``status`` (accuracy, macro-F1 over the
statuses present in the gold, F1 per status) and ``attributed_to`` (accuracy; null
must stay null, otherwise the gold source and the predicted one must name each
other). An item whose trigger yields no event counts as wrong on both. A stated
intention adds a derived event at the same trigger (``intent:`` rule); the item is
about the event itself, so that one is preferred.

The gold file lives in the checkout, not in the package; ``tests/extract/
test_factuality_gold.py`` validates it and holds the targets.
"""

from __future__ import annotations

import collections
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..model import STATUSES
from .common import Loaded, Progress
from .report import Case, SuiteReport

__all__ = [
    "GOLD", "load_items", "load", "trigger_start", "attribution_matches", "FactualityScore",
    "score_item", "score_items", "evaluate",
]

#: the gold file, relative to the checkout root
GOLD = "tests/gold/factuality.yaml"


@functools.lru_cache(maxsize=4)
def load_items(path: Path) -> list[dict[str, Any]]:
    """The raw gold items of ``path`` (a YAML list), unvalidated."""
    return yaml.safe_load(Path(path).read_text(encoding="utf-8")) or []


def trigger_start(item: dict[str, Any]) -> int | None:
    """Offset of the item's trigger (its ``occurrence``-th whole-word match), or None."""
    starts = [m.start() for m in re.finditer(r"(?<!\w)" + re.escape(item["trigger"]) + r"(?!\w)", item["text"])]
    n = int(item.get("occurrence") or 1)
    return starts[n - 1] if 0 < n <= len(starts) else None


def load(path: Path, limit: int | None = None) -> Loaded[dict[str, Any]]:
    """Usable gold items of ``path``; malformed ones are skipped with a reason."""
    out: Loaded[dict[str, Any]] = Loaded()
    for item in load_items(Path(path)):
        if limit and len(out.records) >= limit:
            break
        if not isinstance(item, dict) or not isinstance(item.get("text"), str) \
                or not isinstance(item.get("trigger"), str):
            out.skip("text or trigger missing")
        elif item.get("status") not in STATUSES:
            out.skip("unknown status")
        elif trigger_start(item) is None:
            out.skip("trigger not in text")
        else:
            out.records.append(item)
    return out


def _has_words(haystack: str | None, needle: str | None) -> bool:
    if not haystack or not needle:
        return False
    return re.search(r"(?<!\w)" + re.escape(needle.lower()) + r"(?!\w)", haystack.lower()) is not None


def attribution_matches(gold: str | None, ref: Any) -> bool:
    """Null stays null; otherwise the gold source and the predicted one name each other."""
    if gold is None:
        return ref is None
    if ref is None:
        return False
    fields = (ref.text, ref.name, ref.via)
    return any(_has_words(f, gold) for f in fields) or _has_words(gold, ref.text)


@dataclass
class FactualityScore:
    n: int = 0
    status_ok: int = 0
    attribution_ok: int = 0
    missing: int = 0
    #: confusion[gold][predicted]; "missing" when no event was found
    confusion: dict[str, collections.Counter] = field(
        default_factory=lambda: collections.defaultdict(collections.Counter))
    misses: list[str] = field(default_factory=list)
    #: the same misses as :class:`Case` records (for ``dyad eval --errors``)
    cases: list[Case] = field(default_factory=list)

    @property
    def status_accuracy(self) -> float:
        return self.status_ok / self.n if self.n else 0.0

    @property
    def attribution_accuracy(self) -> float:
        return self.attribution_ok / self.n if self.n else 0.0

    def f1(self, status: str) -> float:
        tp = self.confusion[status][status]
        predicted = sum(row[status] for row in self.confusion.values())
        gold = sum(self.confusion[status].values())
        p = tp / predicted if predicted else 0.0
        r = tp / gold if gold else 0.0
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def macro_f1(self) -> float:
        present = [s for s in STATUSES if sum(self.confusion[s].values())]
        return sum(self.f1(s) for s in present) / len(present) if present else 0.0

    def matrix(self) -> str:
        cols = [*STATUSES, "missing"]
        lines = ["gold \\ predicted".ljust(14) + "".join(c[:9].rjust(10) for c in cols)]
        for s in STATUSES:
            lines.append(s.ljust(14) + "".join(str(self.confusion[s][c]).rjust(10) for c in cols))
        return "\n".join(lines)

    def summary(self) -> str:
        per = ", ".join(f"{s} {self.f1(s):.2f}" for s in STATUSES)
        return (f"items={self.n} missing events={self.missing}\n"
                f"status accuracy={self.status_accuracy:.3f} macro-F1={self.macro_f1:.3f} ({per})\n"
                f"attribution accuracy={self.attribution_accuracy:.3f}")


def score_item(item: dict[str, Any], events: list[Any], score: FactualityScore) -> None:
    score.n += 1
    start = trigger_start(item)
    at = [e for e in events if e.trigger.start == start and e.trigger.text == item["trigger"]]
    # a stated intention adds a derived event at the same trigger ("will release" -> AGREE):
    # the item is about the event itself
    event = next((e for e in at if not (e.rule or "").startswith("intent:")), at[0] if at else None)
    gold_status, gold_src = item["status"], item.get("attributed_to")
    expected = {"trigger": item["trigger"], "status": gold_status, "attributed_to": gold_src}
    if event is None:
        score.missing += 1
        score.confusion[gold_status]["missing"] += 1
        score.misses.append(f"{item['id']}: no event at {item['trigger']!r}")
        score.cases.append(Case(item["text"], expected, None, loss=2.0, id=item["id"]))
        return
    score.confusion[gold_status][event.status] += 1
    why = []
    if event.status == gold_status:
        score.status_ok += 1
    else:
        why.append(f"status {event.status} (cue {event.status_cue!r}), want {gold_status}")
    got = event.attributed_to.text if event.attributed_to is not None else None
    if attribution_matches(gold_src, event.attributed_to):
        score.attribution_ok += 1
    else:
        why.append(f"attributed_to {got!r}, want {gold_src!r}")
    if why:
        score.misses.append(f"{item['id']} [{item['trigger']}]: " + "; ".join(why))
        predicted = {"type": event.event_type, "status": event.status, "status_cue": event.status_cue,
                     "attributed_to": got}
        score.cases.append(Case(item["text"], expected, predicted, loss=float(len(why)), id=item["id"]))


def score_items(items: list[dict[str, Any]], extract: Callable[..., list[Any]] | None = None,
                progress: Progress | None = None) -> FactualityScore:
    """Run ``extract`` (default :func:`dyad.pipeline.extract`, looked up at call time) on each
    item's text once and score every item."""
    if extract is None:
        from .. import pipeline

        extract = pipeline.extract
    score = FactualityScore()
    cache: dict[tuple[str, Any], list[Any]] = {}
    for item in items:
        key = (item["text"], item.get("published"))
        if key not in cache:
            cache[key] = extract(item["text"], published=item.get("published"))
        score_item(item, cache[key], score)
        if progress:
            progress(1)
    return score


def evaluate(loaded: Loaded[dict[str, Any]], progress: Progress | None = None) -> SuiteReport:
    score = score_items(loaded.records, progress=progress)
    rep = SuiteReport("factuality", records=len(loaded.records), skipped=loaded.skipped,
                      skip_reasons=loaded.reasons)
    rep.add("status accuracy", score.status_accuracy, n=score.n)
    present = [s for s in STATUSES if sum(score.confusion[s].values())]
    rep.add("status macro-F1", score.macro_f1, n=len(present))
    rep.add("attribution accuracy", score.attribution_accuracy, n=score.n)
    for s in STATUSES:
        gold_n = sum(score.confusion[s].values())
        rep.add(f"status F1 {s}", score.f1(s) if gold_n else None, n=gold_n)
    rep.add("items without an event at the trigger", score.missing, n=score.n)
    rep.details["confusion"] = {s: {c: score.confusion[s][c] for c in (*STATUSES, "missing")
                                    if score.confusion[s][c]} for s in STATUSES}
    rep.cases = score.cases
    rep.notes.append("confusion is gold -> predicted; 'missing' = no event at the gold trigger")
    return rep

"""Event status and attribution against tests/gold/factuality.yaml.

Each item names one trigger in a short text. The slow test runs
``dyad.pipeline.extract`` on the text, takes the event whose trigger span is that
word, and scores its ``status`` (accuracy and macro-F1 over the five statuses) and
``attributed_to`` (accuracy; null must stay null). An item whose trigger yields no
event counts as wrong on both. The figures, the confusion matrix and every miss
are printed (run with ``-s`` to see them).
"""

from __future__ import annotations

import collections
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml

from dyad.model import STATUSES

GOLD = Path(__file__).resolve().parents[1] / "gold" / "factuality.yaml"
MIN_ITEMS = 200
STATUS_ACCURACY_TARGET = 0.90
MACRO_F1_TARGET = 0.80
ATTRIBUTION_TARGET = 0.85
#: phenomena the set must cover, with the least number of items each
REQUIRED_TAGS = {
    "negation": 30, "no_one": 5, "failed_to": 4, "deny": 3, "refuse": 1, "never": 4, "conditional": 15,
    "if": 8, "unless": 3, "should": 2, "speculative": 25, "modal": 5, "reportedly": 2, "suspected": 3,
    "believed": 2, "future": 30, "will": 4, "plan": 2, "expected": 2, "vow": 3, "chain": 10, "scope": 20,
    "narration": 8, "attribution": 30, "headline": 6, "tweet": 6, "local": 6,
}

_KEYS = {"id", "text", "published", "trigger", "occurrence", "status", "attributed_to", "tags", "note"}
_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@functools.lru_cache(maxsize=1)
def load_items() -> list[dict[str, Any]]:
    return yaml.safe_load(GOLD.read_text(encoding="utf-8")) or []


def trigger_start(item: dict[str, Any]) -> int | None:
    starts = [m.start() for m in re.finditer(r"(?<!\w)" + re.escape(item["trigger"]) + r"(?!\w)", item["text"])]
    n = int(item.get("occurrence") or 1)
    return starts[n - 1] if 0 < n <= len(starts) else None


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
    confusion: dict[str, collections.Counter] = field(default_factory=lambda: collections.defaultdict(collections.Counter))
    misses: list[str] = field(default_factory=list)

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
    if event is None:
        score.missing += 1
        score.confusion[gold_status]["missing"] += 1
        score.misses.append(f"{item['id']}: no event at {item['trigger']!r}")
        return
    score.confusion[gold_status][event.status] += 1
    why = []
    if event.status == gold_status:
        score.status_ok += 1
    else:
        why.append(f"status {event.status} (cue {event.status_cue!r}), want {gold_status}")
    if attribution_matches(gold_src, event.attributed_to):
        score.attribution_ok += 1
    else:
        got = event.attributed_to.text if event.attributed_to is not None else None
        why.append(f"attributed_to {got!r}, want {gold_src!r}")
    if why:
        score.misses.append(f"{item['id']} [{item['trigger']}]: " + "; ".join(why))


def evaluate(items: list[dict[str, Any]], extract: Callable[..., list[Any]]) -> FactualityScore:
    score = FactualityScore()
    cache: dict[tuple[str, Any], list[Any]] = {}
    for item in items:
        key = (item["text"], item.get("published"))
        if key not in cache:
            cache[key] = extract(item["text"], published=item.get("published"))
        score_item(item, cache[key], score)
    return score


# --------------------------------------------------------------------------- fast: the file


def test_factuality_gold_file_is_well_formed() -> None:
    errors: list[str] = []
    seen: set[str] = set()
    for item in load_items():
        iid = item.get("id")
        if set(item) - _KEYS:
            errors.append(f"{iid}: unknown keys {sorted(set(item) - _KEYS)}")
        if not isinstance(iid, str) or not _ID.match(iid) or iid in seen:
            errors.append(f"{iid!r}: id missing, malformed or duplicate")
        seen.add(str(iid))
        if item.get("status") not in STATUSES:
            errors.append(f"{iid}: status {item.get('status')!r}")
        if not isinstance(item.get("text"), str) or not isinstance(item.get("trigger"), str):
            errors.append(f"{iid}: text and trigger must be strings")
            continue
        if trigger_start(item) is None:
            errors.append(f"{iid}: trigger {item['trigger']!r} is not a whole word of the text")
        src = item.get("attributed_to", "absent")
        if src == "absent":
            errors.append(f"{iid}: attributed_to must be given (a substring or null)")
        elif src is not None and (not isinstance(src, str) or src.lower() not in item["text"].lower()):
            errors.append(f"{iid}: attributed_to {src!r} is not in the text")
    assert not errors, "\n".join(errors)


def test_factuality_gold_covers_the_phenomena() -> None:
    items = load_items()
    assert len(items) >= MIN_ITEMS, f"{len(items)} items, want {MIN_ITEMS}"
    statuses = collections.Counter(i["status"] for i in items)
    assert all(statuses[s] >= 15 for s in STATUSES), statuses
    tags = collections.Counter(t for i in items for t in i.get("tags") or [])
    thin = {t: tags[t] for t, least in REQUIRED_TAGS.items() if tags[t] < least}
    assert not thin, f"too few items for {thin}"
    assert sum(1 for i in items if i.get("attributed_to") is None) >= 60


def test_scores_count_missing_events_as_wrong() -> None:
    score = FactualityScore()
    item = {"id": "x", "text": "Rebels attacked the base.", "trigger": "attacked", "status": "asserted",
            "attributed_to": None}
    score_item(item, [], score)
    assert (score.status_accuracy, score.attribution_accuracy, score.missing) == (0.0, 0.0, 1)


# --------------------------------------------------------------------------- slow: the pipeline


@pytest.mark.slow
def test_factuality_gold_status_and_attribution() -> None:
    from dyad.pipeline import extract

    score = evaluate(load_items(), extract)
    print("\n" + score.summary())
    print(score.matrix())
    print("\n".join(score.misses))
    assert score.status_accuracy >= STATUS_ACCURACY_TARGET, f"status accuracy {score.status_accuracy:.3f}"
    assert score.macro_f1 >= MACRO_F1_TARGET, f"status macro-F1 {score.macro_f1:.3f}"
    assert score.attribution_accuracy >= ATTRIBUTION_TARGET, f"attribution accuracy {score.attribution_accuracy:.3f}"

"""Event status and attribution against tests/gold/factuality.yaml.

Each item names one trigger in a short text. The slow test runs
``dyad.pipeline.extract`` on the text, takes the event whose trigger span is that
word, and scores its ``status`` (accuracy and macro-F1 over the five statuses) and
``attributed_to`` (accuracy; null must stay null). An item whose trigger yields no
event counts as wrong on both. The figures, the confusion matrix and every miss
are printed (run with ``-s`` to see them). The scoring lives in
:mod:`dyad.eval.factuality` (also ``dyad eval factuality``).
"""

from __future__ import annotations

import collections
import re
from pathlib import Path

import pytest

from dyad.eval.factuality import FactualityScore, load_items, score_item, score_items, trigger_start
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


# --------------------------------------------------------------------------- fast: the file


def test_factuality_gold_file_is_well_formed() -> None:
    errors: list[str] = []
    seen: set[str] = set()
    for item in load_items(GOLD):
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
    items = load_items(GOLD)
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

    score = score_items(load_items(GOLD), extract)
    print("\n" + score.summary())
    print(score.matrix())
    print("\n".join(score.misses))
    assert score.status_accuracy >= STATUS_ACCURACY_TARGET, f"status accuracy {score.status_accuracy:.3f}"
    assert score.macro_f1 >= MACRO_F1_TARGET, f"status macro-F1 {score.macro_f1:.3f}"
    assert score.attribution_accuracy >= ATTRIBUTION_TARGET, f"attribution accuracy {score.attribution_accuracy:.3f}"

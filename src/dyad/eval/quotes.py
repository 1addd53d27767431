"""Quotes against dyad's quote gold (``tests/gold/quotes.yaml``), end to end.

Each passage is read as an article (its first line is the title when
``headline`` is set) and run through :func:`dyad.extract.quotes.quotes_of_article`.
A predicted quote matches a gold quote when their spans are equal once edge
punctuation, spaces and quote marks are stripped; span precision, recall and F1
count one-to-one matches. Speaker accuracy is over *all* gold quotes: the speaker
of the matching prediction (or, failing an exact match, of the prediction
overlapping it most) must name the gold speaker; a missed quote counts as wrong.
Kind accuracy (direct/indirect) is over all gold quotes in the same way.

The gold file lives in the checkout, not in the package; ``tests/extract/
test_quotes.py`` validates it and holds the targets.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .common import Loaded, Progress
from .report import Case, SuiteReport

__all__ = [
    "GOLD", "load_passages", "load", "gold_bounds", "core", "speaker_matches", "QuoteScore",
    "score_passage", "article_for", "predict", "score_all", "evaluate",
]

#: the gold file, relative to the checkout root
GOLD = "tests/gold/quotes.yaml"
_EDGE = " \t\n.,;:!?\"'\u201c\u201d\u2018\u2019\u00ab\u00bb"


@functools.lru_cache(maxsize=4)
def load_passages(path: Path) -> list[dict[str, Any]]:
    """The raw gold passages of ``path`` (a YAML list), unvalidated."""
    return yaml.safe_load(Path(path).read_text(encoding="utf-8")) or []


def gold_bounds(text: str, quote: dict[str, Any]) -> tuple[int, int] | None:
    """Offsets of the gold quote in the passage (its `occurrence`-th appearance)."""
    starts = [m.start() for m in re.finditer(re.escape(quote["text"]), text)]
    n = int(quote.get("occurrence", 1))
    if not 0 < n <= len(starts):
        return None
    return starts[n - 1], starts[n - 1] + len(quote["text"])


def load(path: Path, limit: int | None = None) -> Loaded[dict[str, Any]]:
    """Usable gold passages of ``path``; a passage with no text or a quote not in its
    text is skipped with a reason."""
    out: Loaded[dict[str, Any]] = Loaded()
    for p in load_passages(Path(path)):
        if limit and len(out.records) >= limit:
            break
        text = p.get("text") if isinstance(p, dict) else None
        if not isinstance(text, str) or not text.strip() or not isinstance(p.get("id"), str):
            out.skip("id or text missing")
            continue
        quotes = p.get("quotes") or []
        if any(not isinstance(q, dict) or not isinstance(q.get("text"), str)
               or q.get("kind") not in ("direct", "indirect") for q in quotes):
            out.skip("malformed quote")
        elif any(gold_bounds(text, q) is None for q in quotes):
            out.skip("quote not in text")
        else:
            out.records.append(p)
    return out


def core(text: str, start: int, end: int) -> tuple[int, int]:
    """A span without edge punctuation, spaces and quote marks (what matching compares)."""
    while start < end and text[start] in _EDGE:
        start += 1
    while end > start and text[end - 1] in _EDGE:
        end -= 1
    return start, end


def _has_words(haystack: str | None, needle: str) -> bool:
    if not haystack:
        return False
    return re.search(r"(?<!\w)" + re.escape(needle.lower()) + r"(?!\w)", haystack.lower()) is not None


def speaker_matches(gold: str | None, speaker: Any) -> bool:
    """The gold speaker is named by the predicted speaker's text, name or antecedent."""
    if gold is None:
        return speaker is None
    if speaker is None:
        return False
    return any(_has_words(field, gold) for field in (speaker.text, speaker.name, speaker.via))


@dataclass
class QuoteScore:
    gold: int = 0
    predicted: int = 0
    matched: int = 0
    speaker_ok: int = 0
    kind_ok: int = 0

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def speaker_accuracy(self) -> float:
        return self.speaker_ok / self.gold if self.gold else 0.0

    @property
    def kind_accuracy(self) -> float:
        return self.kind_ok / self.gold if self.gold else 0.0


def score_passage(passage: dict[str, Any], predicted: list[Any], score: QuoteScore) -> list[str]:
    """Adds one passage to ``score``; returns what went wrong, for the report."""
    text = passage["text"]
    problems: list[str] = []
    pred_cores = [core(text, q.start, q.end) for q in predicted]
    used: set[int] = set()
    score.predicted += len(predicted)
    for gq in passage.get("quotes") or []:
        score.gold += 1
        bounds = gold_bounds(text, gq)
        if bounds is None:
            raise ValueError(f"{passage['id']}: {gq['text']!r} not in text")
        want = core(text, *bounds)
        exact = next((i for i, c in enumerate(pred_cores) if c == want and i not in used), None)
        best = exact
        if exact is not None:
            used.add(exact)
            score.matched += 1
        else:
            overlaps = [(min(c[1], want[1]) - max(c[0], want[0]), i) for i, c in enumerate(pred_cores)]
            overlaps = [o for o in overlaps if o[0] > 0]
            best = max(overlaps)[1] if overlaps else None
            got = repr(predicted[best].text) if best is not None else "nothing"
            problems.append(f"span {gq['text']!r}: got {got}")
        spk = predicted[best].speaker if best is not None else None
        if best is not None and speaker_matches(gq.get("speaker"), spk):
            score.speaker_ok += 1
        else:
            who = f"{spk.text!r} (name={spk.name!r}, via={spk.via!r})" if spk is not None else "none"
            problems.append(f"speaker of {gq['text'][:40]!r}: want {gq.get('speaker')!r}, got {who}")
        if best is not None and predicted[best].kind == gq["kind"]:
            score.kind_ok += 1
    for i, q in enumerate(predicted):
        if i not in used:
            problems.append(f"extra {q.kind} quote {q.text!r}")
    return problems


def article_for(passage: dict[str, Any]) -> Any:
    from ..model import Article

    text = passage["text"]
    title = text.split("\n", 1)[0] if passage.get("headline") else None
    pub = passage.get("published")
    if pub and not isinstance(pub, dt.date):
        pub = dt.date.fromisoformat(str(pub))
    return Article(id=passage["id"], text=text, title=title, published=pub or None)


def predict(passage: dict[str, Any]) -> list[Any]:
    from ..extract.quotes import quotes_of_article

    return quotes_of_article(article_for(passage))


def score_all(passages: list[dict[str, Any]], progress: Progress | None = None,
              ) -> tuple[QuoteScore, dict[str, list[str]]]:
    score, report, _ = _score(passages, progress)
    return score, report


def _score(passages: list[dict[str, Any]], progress: Progress | None = None,
           ) -> tuple[QuoteScore, dict[str, list[str]], list[Case]]:
    score = QuoteScore()
    report: dict[str, list[str]] = {}
    cases: list[Case] = []
    for passage in passages:
        predicted = predict(passage)
        problems = score_passage(passage, predicted, score)
        if problems:
            report[passage["id"]] = problems
            expected = [{"text": q["text"], "speaker": q.get("speaker"), "kind": q["kind"]}
                        for q in passage.get("quotes") or []]
            got = [{"text": q.text, "speaker": q.speaker.text if q.speaker is not None else None,
                    "kind": q.kind} for q in predicted]
            cases.append(Case(passage["text"], expected, {"quotes": got, "problems": problems},
                              loss=float(len(problems)), id=passage["id"]))
        if progress:
            progress(1)
    return score, report, cases


def evaluate(loaded: Loaded[dict[str, Any]], progress: Progress | None = None) -> SuiteReport:
    score, _, cases = _score(loaded.records, progress)
    rep = SuiteReport("quotes", records=len(loaded.records), skipped=loaded.skipped,
                      skip_reasons=loaded.reasons)
    rep.add("quote span precision", score.precision, n=score.predicted)
    rep.add("quote span recall", score.recall, n=score.gold)
    rep.add("quote span F1", score.f1, n=score.gold)
    rep.add("speaker accuracy", score.speaker_accuracy, n=score.gold)
    rep.add("kind accuracy", score.kind_accuracy, n=score.gold)
    rep.details["counts"] = {"gold": score.gold, "predicted": score.predicted, "matched": score.matched,
                             "speaker_ok": score.speaker_ok, "kind_ok": score.kind_ok}
    rep.cases = cases
    rep.notes.append("speaker and kind accuracy are over all gold quotes; a missed quote counts as wrong")
    return rep

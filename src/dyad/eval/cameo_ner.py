"""ConfliBERT CAMEO-NER: CoNLL sentences with source (S) and target (T) spans.

The file also has a third role, R (reciprocal: both parties of a symmetric event
such as a meeting, "X will meet Y").

The tokens are detokenised into a sentence (offsets kept) and run through dyad.
Predicted source spans = actor spans of all events; target spans = recipient spans;
duplicates removed. Scores per role, exact offsets and overlap (one-to-one):

* S: gold S vs predicted actors; T: gold T vs predicted recipients.
* R: gold R vs every predicted participant (actor or recipient). A predicted S or T
  span that overlaps a gold R span is scored under R only, not as a false positive
  of S or T (dyad codes symmetric events with one side as actor).
* all: gold S+T+R vs every predicted participant, role ignored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..model import Article
from .common import Loaded, Progress, run_pipeline
from .metrics import PRF, Span, overlaps, span_prf
from .report import Case, SuiteReport

__all__ = ["NerSentence", "detokenize", "bio_spans", "read_conll", "load", "evaluate", "score_sentences", "FILES"]

FILES = ("conflibert_data/cameo_ner/train.txt", "conflibert_data/cameo_ner/dev.txt")
ROLES = ("S", "T", "R")

_NO_SPACE_BEFORE = re.compile(r"^(?:[.,;:!?%)\]}]|'s|'S|'re|'ve|'ll|'d|'m|n't|’s|'|’|''|\.\.\.)$")
_NO_SPACE_AFTER = {"(", "[", "{", "$", "``", "#"}


@dataclass(slots=True)
class NerSentence:
    id: str
    text: str
    spans: dict[str, list[Span]] = field(default_factory=dict)


def detokenize(tokens: list[str]) -> tuple[str, list[Span]]:
    """Join tokens with spaces except before closing punctuation/clitics and after
    opening brackets; returns the text and each token's (start, end)."""
    out: list[str] = []
    offsets: list[Span] = []
    pos = 0
    quote_open = False
    prev = None
    for tok in tokens:
        space = bool(out)
        if _NO_SPACE_BEFORE.match(tok) or (prev in _NO_SPACE_AFTER):
            space = False
        if tok == '"':  # straight quotes: no space inside the quoted part
            if quote_open:
                space = False
            quote_open = not quote_open
        elif prev == '"' and quote_open:
            space = False
        if space:
            out.append(" ")
            pos += 1
        offsets.append((pos, pos + len(tok)))
        out.append(tok)
        pos += len(tok)
        prev = tok
    return "".join(out), offsets


def bio_spans(labels: list[str], offsets: list[Span]) -> dict[str, list[Span]]:
    """Character spans per role from BIO labels (an I- without a B- starts a span)."""
    spans: dict[str, list[Span]] = {r: [] for r in ROLES}
    cur_role: str | None = None
    cur: list[int] = []
    for lab, (s, e) in zip(labels, offsets):
        tag, _, role = lab.partition("-")
        if tag == "I" and role == cur_role and cur:
            cur[1] = e
            continue
        if cur_role is not None:
            spans.setdefault(cur_role, []).append((cur[0], cur[1]))
        cur_role, cur = (role, [s, e]) if tag in ("B", "I") and role else (None, [])
    if cur_role is not None:
        spans.setdefault(cur_role, []).append((cur[0], cur[1]))
    return spans


def read_conll(lines: list[str], prefix: str, out: Loaded[NerSentence], limit: int | None) -> None:
    toks: list[str] = []
    labs: list[str] = []

    def flush() -> None:
        if not toks:
            return
        text, offs = detokenize(toks)
        out.records.append(NerSentence(f"{prefix}-{len(out.records)}", text, bio_spans(labs, offs)))
        toks.clear()
        labs.clear()

    for line in lines:
        if limit and len(out.records) >= limit:
            return
        parts = line.split()
        if not parts:
            flush()
            continue
        if len(parts) < 2:
            out.skip("line without a label")
            continue
        toks.append(parts[0])
        labs.append(parts[-1])
    if not (limit and len(out.records) >= limit):
        flush()


def load(root: Path, limit: int | None = None) -> Loaded[NerSentence]:
    out: Loaded[NerSentence] = Loaded()
    for rel in FILES:
        path = root / rel
        if path.is_file() and not (limit and len(out.records) >= limit):
            read_conll(path.read_text(encoding="utf-8").splitlines(), path.stem, out, limit)
    return out


def _dedup(spans: list[Span]) -> list[Span]:
    return sorted(set(spans))


def score_sentences(pairs: list[tuple[NerSentence, list[Any]]]) -> dict[str, dict[str, PRF]]:
    """Per role and mode ("exact"/"overlap"): summed P/R/F1 counts."""
    acc: dict[str, dict[str, list[int]]] = {r: {"exact": [0, 0, 0], "overlap": [0, 0, 0]}
                                            for r in (*ROLES, "all")}
    for sent, events in pairs:
        actors = _dedup([(a.start, a.end) for e in events for a in e.actors])
        recips = _dedup([(a.start, a.end) for e in events for a in e.recipients])
        both = _dedup(actors + recips)
        gold_r = sent.spans.get("R", [])

        def not_reciprocal(spans: list[Span]) -> list[Span]:
            return [s for s in spans if not any(overlaps(s, g) for g in gold_r)]

        preds = {"S": not_reciprocal(actors), "T": not_reciprocal(recips),
                 "R": [s for s in both if any(overlaps(s, g) for g in gold_r)], "all": both}
        golds = {**{r: sent.spans.get(r, []) for r in ROLES},
                 "all": sent.spans.get("S", []) + sent.spans.get("T", []) + gold_r}
        for role in acc:
            for mode in ("exact", "overlap"):
                m = span_prf(golds[role], preds[role], strict=mode == "exact")
                acc[role][mode][0] += m.tp
                acc[role][mode][1] += m.n_pred
                acc[role][mode][2] += m.n_gold
    return {r: {m: PRF(*v) for m, v in modes.items()} for r, modes in acc.items()}


def evaluate(loaded: Loaded[NerSentence], progress: Progress | None = None) -> SuiteReport:
    sents = loaded.records
    results = run_pipeline([Article(id=s.id, text=s.text) for s in sents], progress)
    pairs = [(s, list(results[s.id].events) if s.id in results else []) for s in sents]
    scores = score_sentences(pairs)
    rep = SuiteReport("cameo-ner", records=len(sents), skipped=loaded.skipped, skip_reasons=loaded.reasons)
    names = {"S": "source", "T": "target", "R": "reciprocal", "all": "any role"}
    for role in ("S", "T", "R", "all"):
        for mode in ("exact", "overlap"):
            m = scores[role][mode]
            rep.add(f"{names[role]} F1 ({mode})", m.f1, n=m.n_gold)
        rep.add(f"{names[role]} P/R (overlap)",
                f"{scores[role]['overlap'].precision:.3f}/{scores[role]['overlap'].recall:.3f}")
    rep.details["counts"] = {r: {m: v.as_dict() for m, v in modes.items()} for r, modes in scores.items()}
    for s, events in pairs:
        g = {r: [s.text[a:b] for a, b in s.spans.get(r, [])] for r in ROLES}
        p = {"S": sorted({a.text for e in events for a in e.actors}),
             "T": sorted({a.text for e in events for a in e.recipients})}
        one = score_sentences([(s, events)])["all"]["overlap"]
        if one.f1 < 1:
            rep.cases.append(Case(s.text, g, p, loss=1 - one.f1, id=s.id))
    return rep

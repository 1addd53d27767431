"""Quotes: fast tests of the quote-mark scanner, and the gold passages of
tests/gold/quotes.yaml scored end to end (speaker accuracy and span F1).

Scoring (slow test): a predicted quote matches a gold quote when their spans are
equal once edge punctuation, spaces and quote marks are stripped; span precision,
recall and F1 count one-to-one matches. Speaker accuracy is over *all* gold quotes:
the speaker of the matching prediction (or, failing an exact match, of the
prediction overlapping it most) must name the gold speaker; a missed quote counts
as wrong. The scoring lives in :mod:`dyad.eval.quotes` (also ``dyad eval quotes``).
"""

from __future__ import annotations

import collections
from pathlib import Path

import pytest

from dyad.eval.quotes import QuoteScore, gold_bounds, load_passages, score_all, score_passage
from dyad.extract.quotes import scan_quotes, trim_quote

GOLD = Path(__file__).resolve().parents[1] / "gold" / "quotes.yaml"
MIN_PASSAGES = 30
MIN_QUOTES = 100
SPEAKER_TARGET = 0.90
SPAN_F1_TARGET = 0.85

_PASSAGE_KEYS = {"id", "text", "published", "headline", "quotes", "tags", "note"}
_QUOTE_KEYS = {"text", "speaker", "kind", "occurrence"}


# --------------------------------------------------------------------------- fast: scanner


def _contents(text: str) -> list[str]:
    return [text[m.start:m.end] for m in scan_quotes(text)]


def test_straight_double_quotes_without_marks_or_trailing_comma() -> None:
    assert _contents('"We will fight," she said.') == ["We will fight"]


def test_final_stop_inside_the_marks_is_kept() -> None:
    assert _contents('He said: "It is over."') == ["It is over."]


def test_curly_quotes() -> None:
    assert _contents("\u201cWe are ready,\u201d he said.") == ["We are ready"]


def test_quote_split_around_attribution_gives_two_quotes() -> None:
    text = '"We will not back down," the president wrote, "and we will not forget."'
    assert _contents(text) == ["We will not back down", "and we will not forget."]


def test_single_quotes_in_a_headline() -> None:
    assert _contents("'We will respond,' says Iran") == ["We will respond"]


def test_apostrophes_are_not_quotes() -> None:
    assert _contents("Iran's envoy said the rebels' positions don't matter.") == []


def test_plural_possessive_inside_a_double_quote_does_not_close_it() -> None:
    text = '"The court cannot ignore the victims\' families," Schultz said.'
    assert _contents(text) == ["The court cannot ignore the victims' families"]


def test_nested_quotes_keep_the_inner_marks_in_the_outer_text() -> None:
    text = "\u201cHe said, \u2018There will be no election,\u2019 and then he called one,\u201d she said."
    marks = scan_quotes(text)
    assert [text[m.start:m.end] for m in marks] == [
        "He said, \u2018There will be no election,\u2019 and then he called one",
        "There will be no election",
    ]
    assert marks[0].parent is None and marks[1].parent == 0 and marks[1].depth == 1


def test_nested_single_inside_straight_double() -> None:
    text = '"He just said \'ask the ministry\' and left," she said.'
    assert _contents(text) == ["He just said 'ask the ministry' and left", "ask the ministry"]


def test_unclosed_double_quote_runs_to_the_end_of_the_paragraph() -> None:
    text = '"We did not start this war. We were forced into it.'
    marks = scan_quotes(text)
    assert [text[m.start:m.end] for m in marks] == ["We did not start this war. We were forced into it."]
    assert marks[0].close_at is None


def test_unclosed_single_quote_is_an_apostrophe() -> None:
    assert _contents("Music of the '90s returned.") == []


def test_trim_quote_strips_space_and_trailing_comma_only() -> None:
    text = '  It is over, ,  '
    assert text[slice(*trim_quote(text, 0, len(text)))] == "It is over"
    assert trim_quote("Why?", 0, 4) == (0, 4)


# --------------------------------------------------------------------------- fast: the gold file


def test_gold_quotes_file_is_well_formed() -> None:
    passages = load_passages(GOLD)
    errors: list[str] = []
    seen: set[str] = set()
    for p in passages:
        pid = p.get("id")
        if set(p) - _PASSAGE_KEYS:
            errors.append(f"{pid}: unknown keys {sorted(set(p) - _PASSAGE_KEYS)}")
        if not isinstance(pid, str) or pid in seen:
            errors.append(f"{pid}: missing or duplicate id")
        seen.add(str(pid))
        text = p.get("text")
        if not isinstance(text, str) or not text.strip():
            errors.append(f"{pid}: no text")
            continue
        for q in p.get("quotes") or []:
            if set(q) - _QUOTE_KEYS or q.get("kind") not in ("direct", "indirect"):
                errors.append(f"{pid}: bad quote {q!r}")
                continue
            if gold_bounds(text, q) is None:
                errors.append(f"{pid}: quote {q['text']!r} is not in the text")
            spk = q.get("speaker")
            if spk is not None and spk.lower() not in text.lower():
                errors.append(f"{pid}: speaker {spk!r} is not in the text")
    assert not errors, "\n".join(errors)


def test_gold_quotes_are_enough_and_varied() -> None:
    passages = load_passages(GOLD)
    quotes = [q for p in passages for q in p.get("quotes") or []]
    assert len(passages) >= MIN_PASSAGES and len(quotes) >= MIN_QUOTES
    kinds = collections.Counter(q["kind"] for q in quotes)
    assert kinds["direct"] >= 30 and kinds["indirect"] >= 30
    tags = collections.Counter(t for p in passages for t in p.get("tags") or [])
    for tag in ("split", "nested", "multi_paragraph", "curly", "single_quotes", "pronoun", "description",
                "headline", "tweet", "partial", "scare_quote"):
        assert tags[tag] >= 2, f"too few passages tagged {tag}"


def test_scoring_matches_on_the_core_span_and_speaker_fields() -> None:
    from dyad.model import ActorRef, Quote

    passage = {"id": "x", "text": '"We will fight," Lena Varga said.',
               "quotes": [{"text": "We will fight", "speaker": "Lena Varga", "kind": "direct"}]}
    spk = ActorRef("she", 0, 3, name="Lena Varga")
    score = QuoteScore()
    assert score_passage(passage, [Quote("x", "We will fight,", 1, 15, "direct", spk)], score) == []
    assert (score.matched, score.speaker_ok, score.f1) == (1, 1, 1.0)


# --------------------------------------------------------------------------- slow: end to end


@pytest.mark.slow
def test_gold_quotes_speaker_accuracy_and_span_f1() -> None:
    score, report = score_all(load_passages(GOLD))
    lines = [f"{pid}:\n    " + "\n    ".join(msgs) for pid, msgs in report.items()]
    print(f"\nquotes: gold={score.gold} predicted={score.predicted} matched={score.matched}")
    print(f"span precision={score.precision:.3f} recall={score.recall:.3f} F1={score.f1:.3f}")
    print(f"speaker accuracy={score.speaker_accuracy:.3f} kind accuracy={score.kind_ok / max(score.gold, 1):.3f}")
    print("\n".join(lines))
    assert score.speaker_accuracy >= SPEAKER_TARGET, f"speaker accuracy {score.speaker_accuracy:.3f}"
    assert score.f1 >= SPAN_F1_TARGET, f"span F1 {score.f1:.3f}"


@pytest.mark.slow
def test_pipeline_fills_article_quotes() -> None:
    """The pipeline runs quote extraction per article (ArticleResult.quotes)."""
    from dyad.model import Article
    from dyad.pipeline import get_pipeline

    text = '"We are ready," said Defence Minister Karim Haddad. Officials said the talks had stalled.'
    result = get_pipeline().process([Article(id="q", text=text)])[0]
    assert [(q.kind, q.text) for q in result.quotes] == [
        ("direct", "We are ready"), ("indirect", "the talks had stalled")]


@pytest.mark.slow
def test_quotes_command_prints_one_record_per_quote(tmp_path: Path) -> None:
    import json

    from click.testing import CliRunner

    from dyad.cli.quotes_cmd import quotes_command

    path = tmp_path / "a.txt"
    path.write_text('"We are ready," said Defence Minister Karim Haddad. Officials said the talks had stalled.\n')
    result = CliRunner().invoke(quotes_command, [str(path), "--published", "2024-01-02"])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(r["kind"], r["text"], r["cue"]) for r in records] == [
        ("direct", "We are ready", "said"), ("indirect", "the talks had stalled", "said")]
    assert set(records[0]) == {"article_id", "text", "start", "end", "speaker", "cue", "kind"}
    assert set(records[0]["speaker"]) == {"text", "name", "country", "sector"}
    assert "Karim Haddad" in records[0]["speaker"]["text"]

"""Golden sentences: each case in tests/gold/sentences.yaml is run through
``dyad.pipeline.extract`` and must yield the events it lists (type, trigger
occurrence, actors, recipients, status) and none of its ``absent`` ones as
asserted events. The YAML itself is validated by a fast test.
"""

from __future__ import annotations

import collections
import functools
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from dyad.model import PLOVER_TYPES, STATUSES

GOLD = Path(__file__).parent / "gold" / "sentences.yaml"
MIN_CASES = 130
MIN_PER_TYPE = 5

_CASE_KEYS = {"id", "text", "published", "events", "absent", "tags", "note", "known_failure"}
_EVENT_KEYS = {"type", "trigger", "trigger_occurrence", "actors", "recipients",
               "not_actors", "not_recipients", "status"}
_ABSENT_KEYS = {"type", "trigger"}
_ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@functools.lru_cache(maxsize=1)
def load_cases() -> list[dict[str, Any]]:
    return yaml.safe_load(GOLD.read_text(encoding="utf-8")) or []


def _case_params() -> list[Any]:
    try:
        cases = load_cases()
    except Exception:  # a broken file is reported by the validation test
        return []
    # a case may record a known limitation; it must keep failing (strict) until fixed
    return [pytest.param(c, id=str(c.get("id")),
                         marks=[pytest.mark.xfail(strict=True, reason=c["known_failure"])] if c.get("known_failure") else [])
            for c in cases if isinstance(c, dict)]


def trigger_offsets(text: str, trigger: str) -> list[int]:
    """Start offsets of every whole-word occurrence of ``trigger`` in ``text``."""
    pattern = re.compile(r"(?<!\w)" + re.escape(trigger) + r"(?!\w)")
    return [m.start() for m in pattern.finditer(text)]


def expected_start(text: str, spec: dict[str, Any]) -> int | None:
    offsets = trigger_offsets(text, spec["trigger"])
    n = int(spec.get("trigger_occurrence", 1))
    return offsets[n - 1] if 0 < n <= len(offsets) else None


def _matches(expected: str, mentions: list[Any]) -> bool:
    """Expected string contained in a mention's text, or the mention's text in it (whole words)."""
    e = expected.strip().lower()
    for m in mentions:
        t = (m.text or "").strip().lower()
        if t and (_contains_words(t, e) or _contains_words(e, t)):
            return True
    return False


def _contains_words(haystack: str, needle: str) -> bool:
    """``needle`` occurs in ``haystack`` on word boundaries ("it" is not in "britain")."""
    return re.search(r"(?<!\w)" + re.escape(needle) + r"(?!\w)", haystack) is not None


def dump_events(events: list[Any]) -> str:
    if not events:
        return "    (no events)"
    lines = []
    for ev in events:
        actors = ", ".join(repr(a.text) for a in ev.actors) or "-"
        recips = ", ".join(repr(r.text) for r in ev.recipients) or "-"
        lines.append(
            f"    {ev.event_type:<9} trigger={ev.trigger.text!r}@{ev.trigger.start}"
            f" actors=[{actors}] recipients=[{recips}] status={ev.status}"
            f" cue={getattr(ev, 'status_cue', None)!r} rule={getattr(ev, 'rule', None)!r}"
        )
    return "\n".join(lines)


def check_expected(text: str, spec: dict[str, Any], events: list[Any]) -> str | None:
    """None when some emitted event satisfies ``spec``, else why none does."""
    start = expected_start(text, spec)
    trig = spec["trigger"]
    cands = [
        ev for ev in events
        if ev.event_type == spec["type"]
        and ev.trigger.text == trig
        and text[ev.trigger.start:ev.trigger.end] == trig
        and ev.trigger.start == start
    ]
    want = f"{spec['type']} {trig!r}@{start}"
    if not cands:
        return f"missing {want}"
    problems = []
    for ev in cands:
        why = []
        for exp in spec.get("actors") or []:
            if not _matches(exp, ev.actors):
                why.append(f"no actor matching {exp!r}")
        for exp in spec.get("recipients") or []:
            if not _matches(exp, ev.recipients):
                why.append(f"no recipient matching {exp!r}")
        for exp in spec.get("not_actors") or []:
            if _matches(exp, ev.actors):
                why.append(f"{exp!r} wrongly an actor")
        for exp in spec.get("not_recipients") or []:
            if _matches(exp, ev.recipients):
                why.append(f"{exp!r} wrongly a recipient")
        if spec.get("status") and ev.status != spec["status"]:
            why.append(f"status {ev.status!r}, expected {spec['status']!r}")
        if not why:
            return None
        problems.append("; ".join(why))
    return f"{want}: " + " | ".join(problems)


def check_absent(spec: dict[str, Any], events: list[Any]) -> str | None:
    for ev in events:
        if ev.trigger.text == spec["trigger"] and ev.status == "asserted" and (
            spec.get("type") is None or ev.event_type == spec["type"]
        ):
            return f"unexpected asserted {ev.event_type} {ev.trigger.text!r}@{ev.trigger.start}"
    return None


# --------------------------------------------------------------------- fast: the file itself


def test_gold_sentence_file_is_well_formed() -> None:
    cases = load_cases()
    assert isinstance(cases, list), "sentences.yaml must be a list of cases"
    errors: list[str] = []
    seen: set[str] = set()
    for i, case in enumerate(cases):
        where = f"case #{i} ({case.get('id') if isinstance(case, dict) else case!r})"
        if not isinstance(case, dict):
            errors.append(f"{where}: not a mapping")
            continue
        extra = set(case) - _CASE_KEYS
        if extra:
            errors.append(f"{where}: unknown keys {sorted(extra)}")
        cid, text = case.get("id"), case.get("text")
        if not isinstance(cid, str) or not _ID_RE.match(cid):
            errors.append(f"{where}: id must be lowercase-hyphenated")
        elif cid in seen:
            errors.append(f"{where}: duplicate id")
        else:
            seen.add(cid)
        if not isinstance(text, str) or not text.strip():
            errors.append(f"{where}: text missing")
            continue
        pub = case.get("published")
        if pub is not None and not (isinstance(pub, str) and _DATE_RE.match(pub)):
            errors.append(f"{where}: published must be a quoted YYYY-MM-DD string")
        events, absent = case.get("events") or [], case.get("absent") or []
        if not events and not absent:
            errors.append(f"{where}: needs events or absent")
        for ev in events:
            if not isinstance(ev, dict):
                errors.append(f"{where}: event {ev!r} is not a mapping")
                continue
            if set(ev) - _EVENT_KEYS:
                errors.append(f"{where}: event keys {sorted(set(ev) - _EVENT_KEYS)} unknown")
            if ev.get("type") not in PLOVER_TYPES:
                errors.append(f"{where}: unknown type {ev.get('type')!r}")
            trig = ev.get("trigger")
            if not isinstance(trig, str) or not trig:
                errors.append(f"{where}: event without trigger")
                continue
            if expected_start(text, ev) is None:
                errors.append(f"{where}: trigger {trig!r} (occurrence {ev.get('trigger_occurrence', 1)})"
                              " is not a whole word of the text")
            if ev.get("status") is not None and ev["status"] not in STATUSES:
                errors.append(f"{where}: unknown status {ev['status']!r}")
            for key in ("actors", "recipients", "not_actors", "not_recipients"):
                vals = ev.get(key)
                if vals is None:
                    continue
                if not isinstance(vals, list) or not all(isinstance(v, str) for v in vals):
                    errors.append(f"{where}: {key} must be a list of strings")
                    continue
                for v in vals:
                    if v.lower() not in text.lower():
                        errors.append(f"{where}: {key} entry {v!r} is not in the text")
        for ab in absent:
            if not isinstance(ab, dict) or set(ab) - _ABSENT_KEYS or not ab.get("trigger"):
                errors.append(f"{where}: bad absent entry {ab!r}")
                continue
            if ab.get("type") is not None and ab["type"] not in PLOVER_TYPES:
                errors.append(f"{where}: absent has unknown type {ab['type']!r}")
            if not trigger_offsets(text, ab["trigger"]):
                errors.append(f"{where}: absent trigger {ab['trigger']!r} is not a word of the text")
    assert not errors, "\n".join(errors)


def test_gold_sentences_cover_every_plover_type_and_enough_cases() -> None:
    cases = load_cases()
    assert len(cases) >= MIN_CASES, f"{len(cases)} cases, want at least {MIN_CASES}"
    per_type = collections.Counter()
    for case in cases:
        for t in {ev["type"] for ev in case.get("events") or []}:
            per_type[t] += 1
    thin = {t: per_type[t] for t in PLOVER_TYPES if per_type[t] < MIN_PER_TYPE}
    assert not thin, f"types with fewer than {MIN_PER_TYPE} cases: {thin}"


def test_gold_sentences_cover_required_phenomena() -> None:
    tags = collections.Counter(t for case in load_cases() for t in case.get("tags") or [])
    required = ("passive", "agentless_passive", "control", "coordination", "nominal",
                "light_verb", "phrasal", "negation", "conditional", "speculative",
                "future", "headline", "two_events", "statement")
    missing = [t for t in required if tags[t] < 3]
    assert not missing, f"phenomena with fewer than 3 cases: {missing}"


# --------------------------------------------------------------------- slow: the pipeline


@pytest.mark.slow
@pytest.mark.parametrize("case", _case_params())
def test_gold_sentence_yields_expected_events_and_no_absent_ones(case: dict[str, Any]) -> None:
    from dyad.pipeline import extract

    text = case["text"]
    events = extract(text, published=case.get("published"))
    failures = [msg for spec in case.get("events") or [] if (msg := check_expected(text, spec, events))]
    failures += [msg for spec in case.get("absent") or [] if (msg := check_absent(spec, events))]
    if failures:
        pytest.fail(
            f"{case['id']}\n  sentence: {text}\n  problems:\n"
            + "\n".join(f"    - {f}" for f in failures)
            + "\n  emitted:\n" + dump_events(events),
            pytrace=False,
        )

"""`dyad extract --merge-mentions` on a real article (real pipeline)."""

from __future__ import annotations

import json

from click.testing import CliRunner

from dyad.cli import main

ARTICLE = (
    "Gunmen stormed an army post near Ayorou on Sunday night, killing nine soldiers, the defence "
    "ministry said on Monday.\n\n"
    "The ministry said the assailants attacked the post from two sides before withdrawing.\n\n"
    "Sunday's attack was the deadliest in the region this year.\n\n"
    "Separately, police in Niamey arrested three journalists on Monday."
)


def _events(tmp_path, *extra: str) -> list[dict]:
    path = tmp_path / "a.txt"
    path.write_text("Soldiers killed near Ayorou\n\n" + ARTICLE, encoding="utf-8")
    result = CliRunner().invoke(main, ["extract", str(path), "--published", "2023-03-06", *extra])
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_merge_mentions_gives_one_record_per_happening(tmp_path):
    raw = _events(tmp_path)
    merged = _events(tmp_path, "--merge-mentions")
    assaults = [e for e in merged if e["event_type"] == "ASSAULT"]
    attack = max(assaults, key=lambda e: len(e["mentions"]))
    triggers = {m["start"] for m in attack["mentions"]}
    raw_assaults = [e for e in raw if e["event_type"] == "ASSAULT"]
    assert len(triggers) >= 2 and len(merged) < len(raw)
    raw_mentions = {m["start"] for e in raw_assaults for m in e["mentions"]}
    assert raw_mentions >= triggers  # nothing invented: every merged mention was a raw one
    # the arrest in Niamey is another happening and stays apart
    assert any(e["event_type"] == "COERCE" and len(e["mentions"]) == 1 for e in merged)

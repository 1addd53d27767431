"""Smoke tests of each loader on the shared data (skipped when it is absent).

Only counts, types and offsets are checked; no record text is written here.
The pipeline is replaced by a fake, so these do not need spaCy.
"""

from __future__ import annotations

import importlib
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from dyad.cli.eval_cmd import eval_command
from dyad.eval.registry import SUITES, data_for

pytestmark = pytest.mark.shared

DATA_SUITES = [name for name, s in SUITES.items() if not s.packaged]


def _load(name: str, root: Path, limit: int = 3):
    suite = SUITES[name]
    if data_for(suite, root) is None:
        pytest.skip(f"no data for {name}")
    module = importlib.import_module(suite.module)
    return getattr(module, suite.loader)(root, limit)


def test_plover_gsr_records(shared_data):
    recs = _load("plover-gsr", shared_data).records
    assert len(recs) == 3
    assert all(r.text and r.event_type and isinstance(r.sources, list) for r in recs)
    assert all(s.get("code") for r in recs for s in r.sources)


def test_plv_records(shared_data):
    recs = _load("plv", shared_data).records
    assert len(recs) == 3
    for r in recs:
        assert r.label and (r.source or r.target)
        if r.source:
            assert 0 <= r.source[0] < r.source[1] <= len(r.sentence)


def test_acled_records(shared_data):
    recs = _load("acled", shared_data).records
    assert len(recs) == 3
    assert all(r.text and r.event_type and r.actor1 and r.lat is not None and r.fatalities is not None
               for r in recs)


def test_gtd_records(shared_data):
    recs = _load("gtd", shared_data).records
    assert len(recs) == 3
    assert all(r.text and r.date is not None and not r.text[:3].isdigit() for r in recs)


@pytest.mark.parametrize("name", ["geo-lgl", "geo-geovirus"])
def test_geo_records(shared_data, name):
    loaded = _load(name, shared_data)
    assert len(loaded.records) == 3
    for doc in loaded.records:
        assert doc.toponyms
        for t in doc.toponyms:
            assert doc.text[t.start:t.end] == t.name  # offsets repaired where needed


def test_timex_records(shared_data):
    docs = _load("timex-tbaq", shared_data).records
    assert len(docs) == 3
    for d in docs:
        assert d.dct and d.timexes
        assert all(d.text[t.start:t.end] == t.text and t.type for t in d.timexes)


def test_cameo_ner_records(shared_data):
    sents = _load("cameo-ner", shared_data).records
    assert len(sents) == 3
    for s in sents:
        spans = [sp for role in ("S", "T", "R") for sp in s.spans.get(role, [])]
        assert spans and all(0 <= a < b <= len(s.text) for a, b in spans)


@pytest.mark.parametrize("name", DATA_SUITES)
def test_cli_limit_3_with_fake_pipeline(shared_data, fake_pipe, tmp_path, name):
    if data_for(SUITES[name], shared_data) is None:
        pytest.skip(f"no data for {name}")
    out = tmp_path / f"{name}.json"
    res = CliRunner().invoke(eval_command, [name, "--data", str(shared_data), "--limit", "3", "--out", str(out)])
    assert res.exit_code == 0, res.output
    report = json.loads(out.read_text())
    assert report["records"] == 3 and report["metrics"]

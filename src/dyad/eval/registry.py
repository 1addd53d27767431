"""The evaluation suites: where their data is, their default cap, and how to run one.

``dyad eval all`` runs each suite on at most ``cap`` records (0 = all) so that a
full pass takes minutes, not hours; ``--limit 0`` runs everything. Caps:

=============  =====  =======================================================
suite          cap    unit
=============  =====  =======================================================
plover-gsr     all    sentence (322)
plv            300    sentence (of ~1,050)
acled          400    event note (of ~3,400)
gtd            400    incident summary (of ~2,100)
geo-lgl        150    article (of 588)
geo-geovirus   all    article (229)
timex-tbaq     60     TimeML document (of 256)
cameo-ner      400    sentence (of ~1,150)
demo           all    article
factuality     all    trigger item (tests/gold/factuality.yaml in the checkout)
quotes         all    passage (tests/gold/quotes.yaml in the checkout)
=============  =====  =======================================================

``demo`` reads gold shipped in the package; ``factuality`` and ``quotes`` read gold
files of the checkout (``Suite.gold``), so they are skipped by ``dyad eval all`` in
an installed package where those files are absent.
"""

from __future__ import annotations

import datetime as dt
import importlib
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import settings
from ..errors import EvalError
from .common import Progress
from .report import SuiteReport

__all__ = ["Suite", "SUITES", "get_suite", "data_for", "run_suite"]


@dataclass(frozen=True, slots=True)
class Suite:
    name: str
    module: str
    #: files under the data dir; the suite runs when any of them exists
    paths: tuple[str, ...]
    cap: int
    help: str
    loader: str = "load"
    kwargs: dict[str, Any] = field(default_factory=dict)
    #: gold shipped inside the package (not in the data dir)
    packaged: bool = False
    #: a gold file in the checkout (relative to its root) the loader reads instead of the data dir
    gold: str | None = None


SUITES: dict[str, Suite] = {s.name: s for s in (
    Suite("plover-gsr", "dyad.eval.plover_gsr", ("plover_gsr/plover_gsr.jsonl",), 0,
          "PLOVER GSR sentences: event type, actor countries and sectors"),
    Suite("plv", "dyad.eval.plv", ("plv/PLV_train.tsv",), 300,
          "PLV marked sentences: end-to-end and type-only 15-class accuracy"),
    Suite("acled", "dyad.eval.acled", ("acled_africa_2016/acled_2016.csv",), 400,
          "ACLED Africa 2016 notes: event type, actors, location, fatalities"),
    Suite("gtd", "dyad.eval.gtd", ("gtd_2016_2018/gtd_2016_2018.csv",), 400,
          "GTD summaries: attack type, perpetrator, place, casualties, date"),
    Suite("geo-lgl", "dyad.eval.geo", ("geoparsing/lgl.xml",), 150,
          "LGL local news: toponym recognition and resolution", loader="load_lgl",
          kwargs={"suite": "geo-lgl"}),
    Suite("geo-geovirus", "dyad.eval.geo", ("geoparsing/GeoVirus.xml",), 0,
          "GeoVirus: toponym recognition and resolution", loader="load_geovirus",
          kwargs={"suite": "geo-geovirus"}),
    Suite("timex-tbaq", "dyad.eval.timex", ("tempeval3/TBAQ-cleaned",), 60,
          "TempEval-3 TBAQ: TIMEX3 extraction and values"),
    Suite("cameo-ner", "dyad.eval.cameo_ner",
          ("conflibert_data/cameo_ner/train.txt", "conflibert_data/cameo_ner/dev.txt"), 400,
          "ConfliBERT CAMEO-NER: source/target span P/R/F1"),
    Suite("demo", "dyad.eval.demo", ("gold.jsonl",), 0,
          "dyad's demo corpus gold: events, participants, dates, places, dedup", packaged=True),
    Suite("factuality", "dyad.eval.factuality", (), 0,
          "dyad's factuality gold: event status (asserted/negated/...) and attribution",
          gold="tests/gold/factuality.yaml"),
    Suite("quotes", "dyad.eval.quotes", (), 0,
          "dyad's quote gold: quote spans, speakers and direct/indirect kind",
          gold="tests/gold/quotes.yaml"),
)}


def get_suite(name: str) -> Suite:
    try:
        return SUITES[name]
    except KeyError:
        raise EvalError(f"unknown suite '{name}'; choose one of: all, {', '.join(SUITES)}",
                        code="E601") from None


def data_for(suite: Suite, root: Path) -> Path | None:
    """What the loader reads from (the data dir, the packaged gold file or a gold file of
    the checkout), or None when it is absent."""
    if suite.gold:
        path = settings.checkout_root() / suite.gold
        return path if path.is_file() else None
    if suite.packaged:
        from .demo import gold_path

        path = gold_path()
        return path if path.is_file() else None
    return root if any((root / p).exists() for p in suite.paths) else None


def spread_sample(records: list, limit: int | None) -> list:
    """``limit`` records spaced evenly over the whole file (deterministic), not its first rows:
    data sets sorted by class would otherwise be scored on a few classes only."""
    if not limit or len(records) <= limit:
        return records
    step = len(records) / limit
    return [records[int(i * step)] for i in range(limit)]


def run_suite(name: str, root: Path, limit: int | None = None,
              on_start: Callable[[str, int], Progress | None] | None = None) -> SuiteReport:
    """Load, run and score one suite. Raises EvalError when its data is missing."""
    suite = get_suite(name)
    source = data_for(suite, root)
    if source is None:
        if suite.gold:
            raise EvalError(f"no data for suite '{name}': {suite.gold} is not in the checkout "
                            f"({settings.checkout_root()})", code="E602")
        if suite.packaged:
            raise EvalError(f"no data for suite '{name}': src/dyad/data/demo/gold.jsonl is missing",
                            code="E602")
        raise EvalError(f"no data for suite '{name}': expected {' or '.join(suite.paths)} in {root} "
                        "(set --data or DYAD_EVAL_DATA)", code="E602")
    module = importlib.import_module(suite.module)
    started = time.perf_counter()
    loaded = getattr(module, suite.loader)(source, None)
    loaded.records = spread_sample(loaded.records, limit)
    if not loaded.records:
        raise EvalError(f"suite '{name}': no usable records in {source} "
                        f"({loaded.skipped} skipped: {loaded.reasons})", code="E603")
    progress = on_start(name, len(loaded.records)) if on_start else None
    report: SuiteReport = module.evaluate(loaded, progress, **suite.kwargs)
    report.suite = name
    report.date = dt.date.today().isoformat()
    report.data = str(source)
    report.limit = limit or None
    report.seconds = round(time.perf_counter() - started, 2)
    return report

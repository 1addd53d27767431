"""``dyad eval``: loaders and scorers for the reference data sets.

One module per suite (``plover_gsr``, ``plv``, ``acled``, ``gtd``, ``geo``, ``timex``,
``cameo_ner``, ``demo``), each with ``load(source, limit)`` and
``evaluate(loaded, progress)``; shared pieces in ``metrics`` (pure scoring
functions), ``labels`` (taxonomy mappings), ``actors`` (actor matching),
``common`` (data dir, pipeline runner), ``report`` (JSON, tables, BENCHMARKS.md)
and ``registry`` (suite list, per-suite caps, ``run_suite``).
"""

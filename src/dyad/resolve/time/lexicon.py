"""The word lists of ``data/lexicon/time.yaml``, loaded once per process."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

from ...datafiles import read_yaml

__all__ = ["TimeLexicon", "lexicon"]



@dataclass(frozen=True, slots=True)
class Unit:
    """A calendar unit: TIMEX3 letter, whether it is a clock unit, and its size in letters."""

    letter: str
    time: bool
    factor: int
    plural: bool


@dataclass(frozen=True)
class TimeLexicon:
    months: dict[str, int]
    ambiguous_months: frozenset[str]
    weekdays: dict[str, int]
    ambiguous_weekdays: frozenset[str]
    seasons: dict[str, str]
    season_months: dict[str, tuple[int, int]]
    ambiguous_seasons: frozenset[str]
    parts_of_day: dict[str, str]
    clock_words: dict[str, str]
    am_pm: dict[str, str]
    time_zones: frozenset[str]
    utc_zones: frozenset[str]
    units: dict[str, Unit]
    fuzzy_unit_letters: dict[str, str]
    number_words: dict[str, int]
    fuzzy_numbers: frozenset[str]
    ordinals: dict[str, int]
    decade_words: dict[str, int]
    deictic_days: dict[str, dict[str, Any]]
    modifiers: dict[str, str]
    parts: dict[str, str]
    part_fractions: dict[str, tuple[float, float]]
    year_part_months: dict[str, tuple[int, int]]
    offsets: dict[str, dict[str, Any]]
    period_sides: dict[str, str]
    approximators: frozenset[str]
    prepositions: frozenset[str]
    count_adjectives: frozenset[str]
    reference_adjectives: frozenset[str]
    year_prepositions: frozenset[str]
    count_nouns_after_year: frozenset[str]
    references: dict[str, str]
    reference_nouns: dict[str, str]
    set_adverbs: dict[str, str]
    set_cues: frozenset[str]
    set_adjectives: frozenset[str]
    frequency_words: frozenset[str]
    holidays: dict[str, dict[str, Any]]
    fiscal_words: frozenset[str]
    year_ago_words: frozenset[str]
    future_aux: frozenset[str]
    future_verbs: frozenset[str]
    future_cues: frozenset[str]
    deferral_verbs: frozenset[str]
    deferral_prepositions: frozenset[str]
    firm_prepositions: frozenset[str]
    recent_past_days: int
    fixed_classes: dict[str, str]
    multipliers: frozenset[str]
    month_context_words: frozenset[str]
    bare_plural_after: frozenset[str]
    past_modals: frozenset[str]
    present_states: frozenset[str]
    reporting_lemmas: frozenset[str]
    publication_modifiers: frozenset[str]
    range_start_prepositions: frozenset[str]
    range_end_prepositions: frozenset[str]
    range_pair_prepositions: frozenset[str]
    circumstance_prepositions: frozenset[str]
    tense_penalty_days: int
    period_nouns: frozenset[str]
    period_end_words: frozenset[str]
    recent_days: int

    def unit(self, word: str) -> Unit | None:
        return self.units.get(word)


def _units(raw: dict[str, dict[str, Any]]) -> dict[str, Unit]:
    return {w: Unit(u["letter"], bool(u.get("time")), int(u.get("factor", 1)), bool(u.get("plural")))
            for w, u in raw.items()}


_SETS = ("ambiguous_months", "ambiguous_weekdays", "ambiguous_seasons", "time_zones", "utc_zones", "fuzzy_numbers",
         "approximators", "prepositions", "year_prepositions", "count_nouns_after_year", "set_cues",
         "set_adjectives",
         "frequency_words", "fiscal_words", "year_ago_words", "future_aux", "future_verbs", "future_cues", "deferral_verbs",
         "deferral_prepositions", "firm_prepositions",
         "count_adjectives", "reference_adjectives", "period_nouns",
         "period_end_words", "multipliers", "month_context_words", "bare_plural_after", "past_modals",
         "present_states", "reporting_lemmas",
         "publication_modifiers", "range_start_prepositions", "range_end_prepositions",
         "range_pair_prepositions", "circumstance_prepositions")


def _build(data: dict[str, Any]) -> TimeLexicon:
    fields: dict[str, Any] = dict(data)
    for name in _SETS:
        fields[name] = frozenset(str(w).lower() for w in data.get(name, []))
    fields["units"] = _units(data["units"])
    fields["season_months"] = {k: (v[0], v[1]) for k, v in data["season_months"].items()}
    fields["part_fractions"] = {k: (float(v[0]), float(v[1])) for k, v in data["part_fractions"].items()}
    fields["year_part_months"] = {k: (int(v[0]), int(v[1])) for k, v in data["year_part_months"].items()}
    fields["holidays"] = {k.lower(): v for k, v in data["holidays"].items()}
    return TimeLexicon(**fields)


@functools.lru_cache(maxsize=1)
def lexicon() -> TimeLexicon:
    """The temporal word lists (``dyad/data/lexicon/time.yaml``)."""
    return _build(read_yaml("lexicon", "time.yaml"))

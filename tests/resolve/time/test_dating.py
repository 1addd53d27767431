"""Event dating on parsed sentences (slow: spaCy)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from dyad.resolve.time import date_event

from .conftest import PUBLISHED

pytestmark = pytest.mark.slow


@dataclass
class _Clock:
    """What the extractor passes: only the publication date."""

    published: dt.date | None


def event_date(find, text: str, trigger: str, published: dt.date | None = PUBLISHED):
    doc, times = find(text, published)
    tok = next(t for t in doc if t.text == trigger)
    return date_event(tok, times, _Clock(published))


def test_governing_expression(find) -> None:
    d = event_date(find, "On Sunday, gunmen attacked a village near the border.", "attacked")
    assert (d.start, d.end, d.precision, d.stated, d.source) == ("2020-12-20", "2020-12-20", "day", True, "governing")
    assert (d.text, d.text_start, d.text_end) == ("Sunday", 3, 9)


def test_previous_night_after_a_reporting_day(find) -> None:
    d = event_date(find, "On Thursday, police said the rebels had attacked the base the previous night.", "attacked")
    assert (d.start, d.stated) == ("2020-12-23", True)


def test_possessive_governs_a_noun_trigger(find) -> None:
    d = event_date(find, "Sunday's attack killed five soldiers.", "attack")
    assert d.start == "2020-12-20" and d.source == "governing"


def test_clause_expression_dates_an_object_noun(find) -> None:
    d = event_date(find, "The army launched an offensive last month.", "offensive")
    assert (d.start, d.end, d.source) == ("2020-11-01", "2020-11-30", "clause")


def test_paragraph_reference_for_past_events(find) -> None:
    d = event_date(find, "Police arrested the leader on Tuesday. Officers also raided his office.", "raided")
    assert (d.start, d.stated, d.source) == ("2020-12-22", False, "paragraph")


def test_reported_event_takes_the_report_date(find) -> None:
    d = event_date(find, "Troops shelled the town, the ministry said on Wednesday.", "shelled")
    assert (d.start, d.source, d.stated) == ("2020-12-23", "paragraph", False)


def test_present_perfect_is_recent_past(find) -> None:
    d = event_date(find, "The president has traveled to Paris.", "traveled")
    assert (d.start, d.end, d.precision, d.stated) == ("2020-12-10", "2020-12-24", "range", False)


def test_future_is_left_unstated(find) -> None:
    d = event_date(find, "The two leaders will meet to discuss the border.", "meet")
    assert (d.start, d.end, d.stated, d.source) == (None, None, False, "future")


def test_future_with_a_stated_date(find) -> None:
    d = event_date(find, "The minister will visit Kabul on Friday.", "visit")
    assert (d.start, d.stated) == ("2020-12-25", True)


def test_article_date_fallback(find) -> None:
    d = event_date(find, "Soldiers clash with protesters in the capital.", "clash")
    assert (d.start, d.end, d.precision, d.stated, d.source) == ("2020-12-24", "2020-12-24", "article", False, "article")


def test_since_gives_an_open_range(find) -> None:
    d = event_date(find, "Rebels have occupied the valley since 1997.", "occupied")
    assert (d.start, d.end, d.precision) == ("1997-01-01", "2020-12-24", "range")


def test_between_two_years(find) -> None:
    d = event_date(find, "The militia fought the army between 2009 and 2010.", "fought")
    assert (d.start, d.end, d.precision, d.text) == ("2009-01-01", "2010-12-31", "range", "2009 and 2010")


def test_durations_do_not_date_events(find) -> None:
    d = event_date(find, "Rebels besieged the city for three weeks.", "besieged")
    assert d.source != "governing" and d.stated is False


def test_unresolved_without_publication_date(find) -> None:
    d = event_date(find, "On Sunday, gunmen attacked a village.", "attacked", published=None)
    assert (d.start, d.end, d.source, d.text) == (None, None, "unresolved", "Sunday")
    d = event_date(find, "Gunmen attacked a village.", "attacked", published=None)
    assert (d.start, d.source, d.stated) == (None, "unresolved", False)

"""Normalisation of single expressions against a Thursday 2020-12-24 publication date.

Each case: text, tense of the governing verb (None when it does not matter), TIMEX3 type,
value, and the interval it covers.
"""

from __future__ import annotations

import datetime as dt

import pytest

from dyad.resolve.time import normalize

from .conftest import PUBLISHED

D = dt.date

CASES = [
    # weekdays: past-oriented unless the verb points ahead; the publication weekday is that day
    ("On Sunday", "past", "DATE", "2020-12-20", D(2020, 12, 20), D(2020, 12, 20)),
    ("Thursday", "past", "DATE", "2020-12-24", D(2020, 12, 24), D(2020, 12, 24)),
    ("Thursday", "future", "DATE", "2020-12-24", D(2020, 12, 24), D(2020, 12, 24)),
    ("Friday", "past", "DATE", "2020-12-18", D(2020, 12, 18), D(2020, 12, 18)),
    ("Friday", "future", "DATE", "2020-12-25", D(2020, 12, 25), D(2020, 12, 25)),
    ("Monday", None, "DATE", "2020-12-21", D(2020, 12, 21), D(2020, 12, 21)),
    ("last Thursday", None, "DATE", "2020-12-17", D(2020, 12, 17), D(2020, 12, 17)),
    ("next Monday", None, "DATE", "2020-12-28", D(2020, 12, 28), D(2020, 12, 28)),
    ("Saturday night", "past", "DATE", "2020-12-19", D(2020, 12, 19), D(2020, 12, 19)),
    ("early Tuesday", "past", "DATE", "2020-12-22", D(2020, 12, 22), D(2020, 12, 22)),
    # deictic days and parts of the day
    ("today", None, "DATE", "2020-12-24", D(2020, 12, 24), D(2020, 12, 24)),
    ("yesterday", None, "DATE", "2020-12-23", D(2020, 12, 23), D(2020, 12, 23)),
    ("tomorrow", None, "DATE", "2020-12-25", D(2020, 12, 25), D(2020, 12, 25)),
    ("yesterday morning", None, "TIME", "2020-12-23TMO", D(2020, 12, 23), D(2020, 12, 23)),
    ("tonight", None, "TIME", "2020-12-24TNI", D(2020, 12, 24), D(2020, 12, 24)),
    ("last night", None, "TIME", "2020-12-23TNI", D(2020, 12, 23), D(2020, 12, 23)),
    ("this morning", None, "TIME", "2020-12-24TMO", D(2020, 12, 24), D(2020, 12, 24)),
    ("late yesterday", None, "DATE", "2020-12-23", D(2020, 12, 23), D(2020, 12, 23)),
    # explicit dates
    ("Dec. 20", "past", "DATE", "2020-12-20", D(2020, 12, 20), D(2020, 12, 20)),
    ("20 December 2019", None, "DATE", "2019-12-20", D(2019, 12, 20), D(2019, 12, 20)),
    ("Monday, Oct. 26, 1998", None, "DATE", "1998-10-26", D(1998, 10, 26), D(1998, 10, 26)),
    ("the 3rd of March", "past", "DATE", "2020-03-03", D(2020, 3, 3), D(2020, 3, 3)),
    ("Jan. 5", None, "DATE", "2021-01-05", D(2021, 1, 5), D(2021, 1, 5)),
    ("2020-12-20", None, "DATE", "2020-12-20", D(2020, 12, 20), D(2020, 12, 20)),
    ("12/20/2020", None, "DATE", "2020-12-20", D(2020, 12, 20), D(2020, 12, 20)),
    # months, with early/mid/late
    ("in January", "past", "DATE", "2020-01", D(2020, 1, 1), D(2020, 1, 31)),
    ("in January", "future", "DATE", "2021-01", D(2021, 1, 1), D(2021, 1, 31)),
    ("March 2019", None, "DATE", "2019-03", D(2019, 3, 1), D(2019, 3, 31)),
    ("early December", "past", "DATE", "2020-12", D(2020, 12, 1), D(2020, 12, 10)),
    ("mid-November", "past", "DATE", "2020-11", D(2020, 11, 11), D(2020, 11, 20)),
    ("late October", "past", "DATE", "2020-10", D(2020, 10, 21), D(2020, 10, 31)),
    ("the end of the month", None, "DATE", "2020-12", D(2020, 12, 21), D(2020, 12, 31)),
    ("June last year", None, "DATE", "2019-06", D(2019, 6, 1), D(2019, 6, 30)),
    ("last March", None, "DATE", "2020-03", D(2020, 3, 1), D(2020, 3, 31)),
    # relative units
    ("last month", None, "DATE", "2020-11", D(2020, 11, 1), D(2020, 11, 30)),
    ("next month", None, "DATE", "2021-01", D(2021, 1, 1), D(2021, 1, 31)),
    ("this week", None, "DATE", "2020-W52", D(2020, 12, 21), D(2020, 12, 27)),
    ("last week", None, "DATE", "2020-W51", D(2020, 12, 14), D(2020, 12, 20)),
    ("this weekend", None, "DATE", "2020-W52-WE", D(2020, 12, 26), D(2020, 12, 27)),
    ("last year", None, "DATE", "2019", D(2019, 1, 1), D(2019, 12, 31)),
    ("next year", None, "DATE", "2021", D(2021, 1, 1), D(2021, 12, 31)),
    # "earlier" / "later" leave the publication day out ("earlier today" would name it)
    ("earlier this year", None, "DATE", "2020", D(2020, 1, 1), D(2020, 12, 23)),
    ("later this month", None, "DATE", "2020-12", D(2020, 12, 25), D(2020, 12, 31)),
    ("earlier this week", None, "DATE", "2020-W52", D(2020, 12, 21), D(2020, 12, 23)),
    ("late last year", None, "DATE", "2019", D(2019, 9, 1), D(2019, 12, 31)),
    ("three days ago", None, "DATE", "2020-12-21", D(2020, 12, 21), D(2020, 12, 21)),
    # a week or two back is counted in days; more weeks are as round as a week
    ("two weeks ago", None, "DATE", "2020-12-10", D(2020, 12, 10), D(2020, 12, 10)),
    ("a week earlier", None, "DATE", "2020-12-17", D(2020, 12, 17), D(2020, 12, 17)),
    ("six weeks ago", None, "DATE", "2020-W46", D(2020, 11, 9), D(2020, 11, 15)),
    ("six months ago", None, "DATE", "2020-06", D(2020, 6, 1), D(2020, 6, 30)),
    ("two years ago", None, "DATE", "2018", D(2018, 1, 1), D(2018, 12, 31)),
    ("a decade ago", None, "DATE", "2010", D(2010, 1, 1), D(2010, 12, 31)),
    # seasons
    ("last summer", None, "DATE", "2020-SU", D(2020, 6, 1), D(2020, 8, 31)),
    ("last winter", None, "DATE", "2019-WI", D(2019, 12, 1), D(2020, 2, 29)),
    ("next spring", None, "DATE", "2021-SP", D(2021, 3, 1), D(2021, 5, 31)),
    ("the summer of 2018", None, "DATE", "2018-SU", D(2018, 6, 1), D(2018, 8, 31)),
    # quarters and halves
    ("the third quarter", None, "DATE", "2020-Q3", D(2020, 7, 1), D(2020, 9, 30)),
    ("the first half of 2019", None, "DATE", "2019-H1", D(2019, 1, 1), D(2019, 6, 30)),
    # years, decades, centuries
    ("1997", None, "DATE", "1997", D(1997, 1, 1), D(1997, 12, 31)),
    ("since 1997", None, "DATE", "1997", D(1997, 1, 1), D(1997, 12, 31)),
    ("the 1980s", None, "DATE", "198", D(1980, 1, 1), D(1989, 12, 31)),
    ("the '90s", None, "DATE", "199", D(1990, 1, 1), D(1999, 12, 31)),
    ("the nineties", None, "DATE", "199", D(1990, 1, 1), D(1999, 12, 31)),
    ("the 20th century", None, "DATE", "19", D(1900, 1, 1), D(1999, 12, 31)),
    ("nineteen ninety-six", None, "DATE", "1996", D(1996, 1, 1), D(1996, 12, 31)),
    # holidays
    ("Christmas", "future", "DATE", "2020-12-25", D(2020, 12, 25), D(2020, 12, 25)),
    ("last Thanksgiving", None, "DATE", "2020-11-26", D(2020, 11, 26), D(2020, 11, 26)),
    ("Easter 2021", None, "DATE", "2021-04-04", D(2021, 4, 4), D(2021, 4, 4)),
    # clock times
    ("10:35 a.m.", None, "TIME", "2020-12-24T10:35", D(2020, 12, 24), D(2020, 12, 24)),
    ("5 p.m. Tuesday", "past", "TIME", "2020-12-22T17:00", D(2020, 12, 22), D(2020, 12, 22)),
    ("noon", None, "TIME", "2020-12-24T12:00", D(2020, 12, 24), D(2020, 12, 24)),
    # periods of a named year, comparisons with the year before
    ("the first quarter of last year", None, "DATE", "2019-Q1", D(2019, 1, 1), D(2019, 3, 31)),
    ("the second half of next year", None, "DATE", "2021-H2", D(2021, 7, 1), D(2021, 12, 31)),
    ("the last half of 2018", None, "DATE", "2018-H2", D(2018, 7, 1), D(2018, 12, 31)),
    ("next year's third quarter", None, "DATE", "2021-Q3", D(2021, 7, 1), D(2021, 9, 30)),
    ("the quarter a year ago", None, "DATE", "2019-Q3", D(2019, 7, 1), D(2019, 9, 30)),
    ("the same month last year", None, "DATE", "2019-12", D(2019, 12, 1), D(2019, 12, 31)),
    ("the same day a year earlier", None, "DATE", "2019-12-24", D(2019, 12, 24), D(2019, 12, 24)),
    ("the week of Nov. 2", "past", "DATE", "2020-W45", D(2020, 11, 2), D(2020, 11, 8)),
    ("mid-2019", None, "DATE", "2019", D(2019, 6, 1), D(2019, 7, 31)),
    # clock times in UTC carry ISO 8601's Z; other zones are left out
    ("14:30 GMT", None, "TIME", "2020-12-24T14:30Z", D(2020, 12, 24), D(2020, 12, 24)),
    ("9 a.m. EST", None, "TIME", "2020-12-24T09:00", D(2020, 12, 24), D(2020, 12, 24)),
    # references
    ("now", None, "DATE", "PRESENT_REF", D(2020, 12, 24), D(2020, 12, 24)),
    ("recently", None, "DATE", "PAST_REF", None, None),
    ("in the future", None, "DATE", "FUTURE_REF", None, None),
    ("the near future", None, "DATE", "FUTURE_REF", None, None),
]


@pytest.mark.parametrize("text, tense, type_, value, start, end", CASES, ids=[c[0] + "/" + str(c[1]) for c in CASES])
def test_dates(text: str, tense: str | None, type_: str, value: str, start: dt.date | None, end: dt.date | None) -> None:
    found = normalize(text, PUBLISHED, tense=tense)
    assert found is not None
    assert (found.type, found.value, found.start, found.end) == (type_, value, start, end)


DURATIONS = [
    ("for three weeks", "P3W"),
    ("a decade", "P10Y"),
    ("90 days", "P90D"),
    ("two hours", "PT2H"),
    ("five-hour", "PT5H"),
    ("2 1/2 years", "P2Y6M"),
    ("the past three years", "P3Y"),
    ("several months", "PXM"),
    ("a few days", "PXD"),
    ("decades", "PXE"),
    ("twenty-five years", "P25Y"),
    ("a couple of weeks", "P2W"),
]


@pytest.mark.parametrize("text, value", DURATIONS)
def test_durations_are_not_dates(text: str, value: str) -> None:
    found = normalize(text, PUBLISHED)
    assert found is not None
    assert (found.type, found.value, found.start, found.end) == ("DURATION", value, None, None)


SETS = [
    ("each season", "P3M"),
    ("every week", "P1W"),
    ("every day", "P1D"),
    ("each year", "P1Y"),
    ("every two weeks", "P2W"),
    ("twice a month", "P1M"),
    ("daily", "P1D"),
    ("annually", "P1Y"),
    ("Mondays", "XXXX-WXX-1"),
    ("each Thursday", "XXXX-WXX-4"),
    ("every July", "XXXX-07"),
    ("every summer", "XXXX-SU"),
    ("Sunday mornings", "XXXX-WXX-7TMO"),
]


@pytest.mark.parametrize("text, value", SETS)
def test_sets(text: str, value: str) -> None:
    found = normalize(text, PUBLISHED)
    assert found is not None
    assert (found.type, found.value, found.start) == ("SET", value, None)


def test_previous_night_is_relative_to_the_reference_time() -> None:
    found = normalize("the previous night", PUBLISHED, reference=dt.date(2020, 12, 21))
    assert found is not None
    assert (found.value, found.start, found.anchor) == ("2020-12-20TNI", dt.date(2020, 12, 20), "reference")


@pytest.mark.parametrize("text, value", [("the next day", "2020-12-22"), ("that day", "2020-12-21"),
                                         ("two days later", "2020-12-23"), ("the day before", "2020-12-20")])
def test_anaphoric_days(text: str, value: str) -> None:
    found = normalize(text, PUBLISHED, reference=dt.date(2020, 12, 21))
    assert found is not None and found.value == value


@pytest.mark.parametrize("text, value", [
    ("Sunday", "XXXX-WXX-7"), ("in January", "XXXX-01"), ("Dec. 20", "XXXX-12-20"), ("last month", ""),
    ("yesterday", ""), ("three days ago", ""), ("the previous night", ""), ("this summer", "XXXX-SU"),
])
def test_relative_without_publication_date_is_unresolved(text: str, value: str) -> None:
    found = normalize(text, None)
    assert found is not None
    assert found.anchor == "unresolved"
    assert (found.value, found.start, found.end) == (value, None, None)


@pytest.mark.parametrize("text", ["1997", "Oct. 26, 1998", "the 1980s", "March 2019"])
def test_absolute_dates_need_no_publication_date(text: str) -> None:
    found = normalize(text, None)
    assert found is not None and found.anchor is None and found.start is not None


@pytest.mark.parametrize("text", ["", "the", "government", "on and on", "12 people"])
def test_not_a_time(text: str) -> None:
    assert normalize(text, PUBLISHED) is None


def test_pick_with_a_negative_index_on_no_match_is_none() -> None:
    from dyad.resolve.time.context import pick

    assert pick(["last", "week"], "mU", "X", -1) is None
    assert pick(["last", "week"], "mU", "U", -1) == "week"


def test_a_month_named_without_its_verb_may_be_next_month_in_a_past_story() -> None:
    # "announced a cutback in January" (published in December): the coming January
    found = normalize("January", PUBLISHED, tense="past", firm=False)
    assert found is not None and found.value == "2021-01"
    found = normalize("January", PUBLISHED, tense="past", firm=True)
    assert found is not None and found.value == "2020-01"
    found = normalize("March", PUBLISHED, tense="past", firm=False)
    assert found is not None and found.value == "2020-03"


def test_same_period_refers_to_the_period_being_reported() -> None:
    third = normalize("the third quarter", PUBLISHED)
    found = normalize("the same period last year", PUBLISHED, period=third)
    assert found is not None and (found.value, found.comparison) == ("2019-Q3", True)
    found = normalize("the year-ago quarter", PUBLISHED, period=normalize("November", PUBLISHED, tense="past"))
    assert found is not None and found.value.endswith("-Q3")  # a month is no quarter to compare with


def test_that_year_counts_from_the_last_date_told() -> None:
    from dyad.resolve.time.context import Context
    from dyad.resolve.time.normalize import normalize_words

    old_period = normalize("October 1984", PUBLISHED)
    latest = normalize("May 22, 1995", PUBLISHED)
    ctx = Context(PUBLISHED, dt.date(1995, 5, 22), "past", old_period, True, latest)
    found = normalize_words(["the", "following", "year"], ctx)
    assert found is not None and found.value == "1996"

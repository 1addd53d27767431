"""Recognition in parsed sentences: which spans, with TimeML extents (slow: spaCy)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


def texts(find, text: str, published=...) -> list[str]:
    _, times = find(text) if published is ... else find(text, published)
    return [tv.text for tv, _ in times]


@pytest.mark.parametrize("sentence, expected", [
    ("Gunmen attacked the village on Sunday.", ["Sunday"]),
    ("Fighting resumed in early December.", ["early December"]),
    ("Protests began last month and spread this week.", ["last month", "this week"]),
    ("Troops left the town three days ago.", ["three days ago"]),
    ("The militia was formed in the 1980s.", ["1980s"]),
    ("Earlier this year, the army launched an offensive.", ["Earlier this year"]),
    ("The siege lasted for three weeks.", ["three weeks"]),
    ("Talks are held every week.", ["every week"]),
    ("The war lasted between 2009 and 2010.", ["2009", "2010"]),
    ("Rebels have held the city since 1997.", ["1997"]),
    ("Police said on Thursday that the blast hit the market the previous night.", ["Thursday", "the previous night"]),
    ("The ceasefire was agreed on Monday, Oct. 26, 1998.", ["Monday, Oct. 26, 1998"]),
    ("The explosion happened at about 10:35 a.m. local time.", ["10:35 a.m."]),
    ("Last summer, the two sides met in Geneva.", ["Last summer"]),
    ("The talks are now in their final stage.", ["now"]),
    ("Profit fell from the corresponding period last year.", ["the corresponding period last year"]),
    ("Sales rose from the quarter a year ago.", ["the quarter a year ago"]),
    ("Sales in last year's quarter were weaker.", ["last year's quarter"]),
    ("Earnings will be lower for the last half of 2021.", ["the last half of 2021"]),
    ("A hearing is set for the week of Jan. 11.", ["the week of Jan. 11"]),
    ("The day before last Tuesday, the two men met.", ["The day before last Tuesday"]),
    ("Filed a protest the next day and summoned the envoy the day after that.", ["the next day", "the day after"]),
])
def test_spans(find, sentence: str, expected: list[str]) -> None:
    assert texts(find, sentence) == expected


@pytest.mark.parametrize("sentence", [
    "The 52-year-old commander was arrested.",
    "Mr. Smith, 58, was named minister.",
    "Shares rose 12.51 points to close at $24.25.",
    "She may resign if the march goes ahead.",
    "Prices will fall, he said, as the leaves fall.",
    "Police detained 1997 people after the protest.",
    "Veterans in their 30s joined the march.",
    "The company raised its quarterly dividend.",
])
def test_not_times(find, sentence: str) -> None:
    assert texts(find, sentence) == []


def test_offsets_index_the_text(find) -> None:
    text = "On Sunday, gunmen attacked a village; last month they burned a school."
    doc, times = find(text)
    for tv, _span in times:
        assert text[tv.start:tv.end] == tv.text


def test_durations_and_sets_are_typed(find) -> None:
    _, times = find("The blockade lasted 90 days, a decade after the war; aid arrives each season.")
    kinds = {tv.text: (tv.type, tv.value) for tv, _ in times}
    assert kinds["90 days"] == ("DURATION", "P90D")
    assert kinds["each season"] == ("SET", "P3M")


def test_weekday_follows_the_tense(find) -> None:
    _, past = find("The minister visited Kabul on Friday.")
    _, future = find("The minister will visit Kabul on Friday.")
    assert past[0][0].start_date == "2020-12-18"
    assert future[0][0].start_date == "2020-12-25"


def test_weekday_of_publication_is_that_day(find) -> None:
    import datetime as dt

    _, times = find("Protesters marched on Friday.", dt.date(2020, 12, 25))
    assert times[0][0].start_date == "2020-12-25"


def test_unresolved_without_publication_date(find) -> None:
    _, times = find("Gunmen attacked the village on Sunday, two days after the 1997 accord.", None)
    by_text = {tv.text: tv for tv, _ in times}
    sunday = by_text["Sunday"]
    assert sunday.unresolved and sunday.start_date is None and sunday.end_date is None
    assert sunday.value == "XXXX-WXX-7"
    assert not by_text["1997"].unresolved and by_text["1997"].start_date == "1997-01-01"


def test_reference_time_moves_through_the_paragraph(find) -> None:
    _, times = find("On Oct. 3, rebels seized the port. The next day, they attacked the airport.")
    by_text = {tv.text: tv for tv, _ in times}
    assert by_text["The next day"].start_date == "2020-10-04"
    assert by_text["The next day"].anchor == "reference"


def test_a_counted_day_before_a_date_is_moved(find) -> None:
    _, times = find("Two days after Thanksgiving, the rebels freed the hostages.")
    assert [(tv.text, tv.value) for tv, _ in times] == [("Two days after Thanksgiving", "2020-11-28")]


def test_a_plan_overtaken_by_events_is_not_oriented(find) -> None:
    # published 24 Dec 2020: "had been set to expire" may point either way -> the nearest
    _, times = find("The offer had been set to expire Jan. 6.")
    assert times[0][0].value == "2021-01-06"
    _, times = find("It had been due to expire Tuesday evening.")
    assert times[0][0].value == "2020-12-22"


def test_what_was_agreed_may_still_lie_ahead(find) -> None:
    _, times = find("The company agreed to sell the unit in February.")
    assert times[0][0].value == "2021-02"


def test_a_possessed_weekday_keeps_to_the_past_under_a_future_verb(find) -> None:
    _, times = find("Lawyers said they would appeal Tuesday's ruling.")
    assert times[0][0].value == "2020-12-22"


def test_the_quarter_ended_a_date_is_the_quarter_holding_most_of_it(find) -> None:
    _, times = find("In the quarter ended July 31, sales fell.", None)
    assert times[0][0].value == "XXXX-07-31" or times[0][0].text == "the quarter"
    import datetime as dt

    _, times = find("In the quarter ended July 31, sales fell.", dt.date(2020, 9, 1))
    assert times[0][0].value == "2020-Q2"

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
    # up to the eve of the report, as the demo gold dates "since" ranges
    d = event_date(find, "Rebels have occupied the valley since 1997.", "occupied")
    assert (d.start, d.end, d.precision) == ("1997-01-01", "2020-12-23", "range")


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


# -- the rules of issue 5 -------------------------------------------------------------

def paragraphs(nlp, texts: list[str], published: dt.date = PUBLISHED):
    """Run one article's paragraphs through one TimeFinder, as the pipeline does."""
    from dyad.resolve.time import ParagraphClock, TimeFinder

    finder = TimeFinder(published)
    out = []
    for text in texts:
        doc = nlp(text)
        out.append((doc, finder.find(doc, 0, ParagraphClock(published))))
    return out


def date_in(found, trigger: str, published: dt.date = PUBLISHED):
    for doc, times in found:
        tok = next((t for t in doc if t.text == trigger), None)
        if tok is not None:
            return date_event(tok, times, _Clock(published))
    raise AssertionError(trigger)


def test_a_date_naming_another_happening_does_not_date_the_verb(find) -> None:
    d = event_date(find, "On Wednesday the minister condemned the Dec. 14 bombing of the market.", "condemned")
    assert d.start == "2020-12-23"
    d = event_date(find, "The envoy was summoned over Monday's shelling of the border post.", "summoned")
    assert d.start != "2020-12-21"


def test_a_dated_happening_after_during_is_the_time_of_the_event(find) -> None:
    d = event_date(find, "Three students were shot during Tuesday's march in the capital.", "shot")
    assert (d.start, d.source) == ("2020-12-22", "governing")


def test_two_days_after_counts_back_from_the_main_clause(find) -> None:
    d = event_date(find, "The raid came on Friday, two days after the rebels seized the town.", "seized")
    assert (d.start, d.end, d.precision, d.stated, d.source) == ("2020-12-16", "2020-12-16", "day", True, "clause")
    assert d.text == "two days after"
    text = "The raid came on Friday, two days after the rebels seized the town."
    assert text[d.text_start:d.text_end] == d.text
    d = event_date(find, "Talks resumed on Monday, a week after the army withdrew from the hills.", "withdrew")
    assert d.start == "2020-12-14"


def test_hours_after_is_the_same_day(find) -> None:
    d = event_date(find, "Police freed the journalists on Monday, hours after a judge ordered their release.",
                   "ordered")
    assert (d.start, d.end) == ("2020-12-21", "2020-12-21")


def test_vague_days_after_is_a_range_before_the_main_event(find) -> None:
    d = event_date(find, "Fighting broke out on Sunday, just days after the two sides signed a truce.", "signed")
    assert d.precision == "range" and d.end is not None and d.end < "2020-12-20" and d.stated


def test_a_relative_clause_on_a_dated_noun_takes_its_date(find) -> None:
    d = event_date(find, "Investigators reached the site of the Dec. 14 blast, which killed nine people.", "killed")
    assert (d.start, d.source) == ("2020-12-14", "governing")


def test_a_relative_clause_dates_its_noun_trigger(find) -> None:
    d = event_date(find, "Crowds denounced the air strike that killed four farmers last week.", "strike")
    assert (d.start, d.end) == ("2020-12-14", "2020-12-20")


def test_an_explicit_day_beats_a_bare_part_of_the_day(find) -> None:
    d = event_date(find, "The overnight raid on Dec. 19 destroyed three houses.", "raid")
    assert d.start == "2020-12-19"


def test_a_past_event_is_not_dated_by_a_future_day(find) -> None:
    d = event_date(find, "At a rally on Monday, the opposition called a general strike for next Tuesday.", "called")
    assert d.start == "2020-12-21"


def test_this_week_stops_at_the_publication_day_for_a_past_event(find) -> None:
    d = event_date(find, "The army has pulled back two battalions this week.", "pulled")
    assert (d.start, d.end, d.precision) == ("2020-12-21", "2020-12-24", "week")


def test_until_runs_from_the_story_time(find) -> None:
    d = event_date(find, "On Monday the rebels said they would halt attacks until the end of January.", "halt")
    assert d.start is not None and d.end == "2021-01-31" and d.start <= "2020-12-24"


def test_report_date_in_a_relative_clause_does_not_date_the_main_event(find) -> None:
    d = event_date(find, "Guards released the two traders whom soldiers had detained on Dec. 2.", "released")
    assert d.start != "2020-12-02"


def test_a_later_paragraph_goes_on_from_the_main_clause_day(nlp) -> None:
    found = paragraphs(nlp, [
        "Parliament on Tuesday rejected the budget after a long debate.",
        "The motion was tabled by a deputy who was arrested on Dec. 3 and freed on bail.",
        "Opposition members walked out of the chamber in protest.",
    ])
    d = date_in(found, "walked")
    assert (d.start, d.source, d.stated) == ("2020-12-22", "paragraph", False)


def test_a_future_day_is_not_the_story_time(nlp) -> None:
    found = paragraphs(nlp, [
        "The rebels announced on Sunday that a truce would begin on Monday, Dec. 28.",
        "The announcement came a day after the hostages were freed.",
    ])
    d = date_in(found, "freed")
    assert (d.start, d.source) == ("2020-12-19", "clause")


def test_undated_paragraph_is_not_stamped_with_the_article_date(nlp) -> None:
    found = paragraphs(nlp, [
        "Gunmen stormed a police station in the north on Sunday, officials said.",
        "The attackers burned two vehicles before they fled.",
    ])
    d = date_in(found, "burned")
    assert d.start == "2020-12-20" and d.precision == "day"

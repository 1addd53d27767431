"""Dates, the English check and segmentation on their own."""

from __future__ import annotations

import datetime as dt

import pytest

from dyad.errors import InputError
from dyad.ingest import is_probably_english, parse_published, segment, segment_text
from dyad.model import Article

from .conftest import ENGLISH


@pytest.mark.parametrize("value, expected", [
    ("2020-12-24", dt.date(2020, 12, 24)),
    ("2020-12-24T08:00:00Z", dt.date(2020, 12, 24)),
    ("2020-12-24T23:30:00-05:00", dt.date(2020, 12, 24)),
    ("2020-12-24 08:00", dt.date(2020, 12, 24)),
    ("2020-12-24T08:00:00.123+0100", dt.date(2020, 12, 24)),
    (" 2020-12-24 ", dt.date(2020, 12, 24)),
])
def test_parse_published_accepts_dates_and_iso_datetimes(value, expected):
    assert parse_published(value) == expected


@pytest.mark.parametrize("value", ["24/12/2020", "yesterday", "20201224", "2020-W52-4", "", "2020-13-01"])
def test_parse_published_rejects_other_formats_with_one_line_error(value):
    with pytest.raises(InputError) as info:
        parse_published(value)
    assert "\n" not in str(info.value) and str(info.value).startswith("[E100]")


def test_parse_published_date_only_refuses_datetimes():
    assert parse_published("2020-12-24", date_only=True) == dt.date(2020, 12, 24)
    with pytest.raises(InputError, match="expected YYYY-MM-DD"):
        parse_published("2020-12-24T08:00:00Z", date_only=True)


def test_english_check_accepts_english_and_short_texts():
    assert is_probably_english(ENGLISH)
    assert is_probably_english("Sehr kurz.")
    assert is_probably_english("")


def test_english_check_rejects_long_foreign_text():
    assert not is_probably_english("Der Minister sagte heute, dass die Gespräche weitergehen werden. " * 6)
    assert not is_probably_english("政府星期一表示，在首都连续数周抗议之后，将与反对派展开谈判。" * 6)


def test_english_check_accepts_headline_style_english():
    headlines = "\n".join([
        "Rebels seize town after heavy fighting", "Talks with the opposition resume in capital",
        "Minister says army will withdraw from border", "Thousands march against fuel price rise",
        "Court frees activists held since June protest", "Police arrest four after clashes at parliament",
        "Union calls three-day strike at ports", "Leaders agree to meet again next month",
    ])
    assert is_probably_english(headlines)


def test_segment_marks_headline_when_text_starts_with_title():
    art = Article(id="x", text="Truce agreed\n\nBoth sides agreed.", title="Truce agreed")
    assert [s.kind for s in segment(art)] == ["headline", "paragraph"]


def test_segment_without_matching_title_has_only_paragraphs():
    art = Article(id="x", text="Truce agreed\n\nBoth sides agreed.", title="Something else")
    assert [s.kind for s in segment(art)] == ["paragraph", "paragraph"]


def test_segment_text_edge_cases():
    assert segment_text("") == []
    assert segment_text("   \n\n  ") == []
    assert [(s.start, s.end) for s in segment_text("a\n\n\n\nb")] == [(0, 1), (5, 6)]
    text = "H\nline one\nline two\n\npara two"
    segs = segment_text(text, headline=True)
    assert [text[s.start : s.end] for s in segs] == ["H", "line one\nline two", "para two"]

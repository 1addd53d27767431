"""CSV: header row, multi-line cells, column mapping, extras."""

from __future__ import annotations

import datetime as dt

from dyad.ingest import read_inputs

from .conftest import articles, seg_texts, skips


def test_csv_rows_become_articles_with_extras_in_metadata(fixtures):
    c1, c2 = articles(read_inputs([str(fixtures / "articles.csv")]))
    assert (c1.id, c1.title, c1.published, c1.source) == ("c1", "Strike closes ports", dt.date(2021, 7, 14), "Example Wire")
    assert c1.metadata == {"desk": "Business"}
    assert c2.title is None and c2.published is None and c2.source is None


def test_csv_multiline_cell_keeps_paragraphs(fixtures):
    c1 = articles(read_inputs([str(fixtures / "articles.csv")]))[0]
    assert seg_texts(c1) == [
        ("paragraph", "Dock workers went on strike on Wednesday, closing the two largest ports."),
        ("paragraph", "The union said the strike would last three days."),
    ]


def test_csv_column_options_map_header_names(fixtures):
    (art,) = read_inputs([str(fixtures / "mapped.csv")], text_column="body", title_column="headline",
                         id_column="story_id", date_column="date", source_column="outlet")
    assert (art.id, art.title, art.published, art.source) == ("m1", "Talks collapse", dt.date(2020, 11, 2), "Daily Example")
    assert art.text.startswith("The negotiators left")


def test_csv_without_text_column_is_one_skip_naming_the_columns(fixtures):
    (skip,) = read_inputs([str(fixtures / "mapped.csv")])
    assert "no 'text' column" in skip.reason and "body" in skip.reason


def test_csv_id_defaults_to_stem_and_line(tmp_path):
    path = tmp_path / "feed.csv"
    path.write_text("text\nThe court ruled.\nThe army withdrew.\n")
    assert [a.id for a in articles(read_inputs([str(path)]))] == ["feed-2", "feed-3"]


def test_csv_row_with_too_many_fields_is_skipped(tmp_path):
    path = tmp_path / "f.csv"
    path.write_text("id,text\na,The court ruled.,extra\nb,The army withdrew.\n")
    items = list(read_inputs([str(path)]))
    assert items[0].origin == f"{path}:2" and "more fields" in items[0].reason
    assert items[1].id == "b"


def test_csv_with_crlf_line_endings(tmp_path):
    path = tmp_path / "w.csv"
    path.write_bytes(b'id,text\r\na,"One.\r\n\r\nTwo."\r\n')
    (art,) = read_inputs([str(path)])
    assert art.text == "One.\n\nTwo."


def test_csv_long_field_beyond_csv_default_limit_is_read(tmp_path):
    body = "The army said it would withdraw. " * 5000  # ~165k characters
    path = tmp_path / "long.csv"
    path.write_text(f'text\n"{body}"\n')
    (art,) = read_inputs([str(path)])
    assert len(art.text) == len(body)


def test_csv_empty_text_cell_is_skipped(tmp_path):
    path = tmp_path / "e.csv"
    path.write_text("id,text\na,\n")
    (skip,) = skips(read_inputs([str(path)]))
    assert skip.reason == "empty text"

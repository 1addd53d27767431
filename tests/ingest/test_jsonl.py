"""JSON lines: fields, extras, default ids, bad lines."""

from __future__ import annotations

import datetime as dt

from dyad.ingest import read_inputs

from .conftest import articles, seg_texts, skips


def test_jsonl_fields_and_extra_keys_go_to_metadata(fixtures):
    arts = articles(read_inputs([str(fixtures / "articles.jsonl")]))
    j1 = arts[0]
    assert j1.id == "j1"
    assert j1.title == "Ministers meet in Geneva"
    assert j1.published == dt.date(2022, 2, 1)
    assert j1.source == "Example Wire" and j1.url == "https://example.org/j1"
    assert j1.metadata == {"section": "Diplomacy"}
    assert j1.origin == f"{fixtures / 'articles.jsonl'}:1"


def test_jsonl_title_is_not_part_of_text_or_segments(fixtures):
    j1 = articles(read_inputs([str(fixtures / "articles.jsonl")]))[0]
    assert "Geneva on Tuesday" in j1.text and not j1.text.startswith("Ministers meet")
    assert seg_texts(j1) == [
        ("paragraph", "The foreign ministers of both countries met in Geneva on Tuesday."),
        ("paragraph", "They agreed to hold further talks next month."),
    ]


def test_jsonl_id_defaults_to_stem_and_line_number(fixtures):
    arts = articles(read_inputs([str(fixtures / "articles.jsonl")]))
    assert arts[1].id == "articles-2"


def test_jsonl_blank_lines_are_ignored_and_line_numbers_kept(fixtures):
    arts = articles(read_inputs([str(fixtures / "articles.jsonl")]))
    assert [a.id for a in arts] == ["j1", "articles-2", "j3"]
    assert arts[2].origin.endswith("articles.jsonl:4")


def test_jsonl_unknown_date_keeps_article_with_warning(fixtures):
    j3 = articles(read_inputs([str(fixtures / "articles.jsonl")], published=dt.date(2020, 1, 1)))[2]
    assert j3.published is None
    assert "last Tuesday" in j3.metadata["warnings"][0]


def test_jsonl_missing_date_uses_published_argument(fixtures):
    arts = articles(read_inputs([str(fixtures / "articles.jsonl")], published=dt.date(2020, 1, 1)))
    assert arts[1].published == dt.date(2020, 1, 1)


def test_malformed_json_line_is_skipped_and_rest_continue(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text('{"text": "The army withdrew."}\n{"text": broken\n{"text": "Talks resumed."}\n')
    items = list(read_inputs([str(path)]))
    assert [type(i).__name__ for i in items] == ["Article", "Skip", "Article"]
    assert items[1].origin == f"{path}:2"
    assert items[1].reason.startswith("malformed JSON: ")
    assert "\n" not in items[1].reason


def test_json_line_that_is_not_an_object_is_skipped(tmp_path):
    path = tmp_path / "list.jsonl"
    path.write_text('["a", "b"]\n')
    (skip,) = list(read_inputs([str(path)]))
    assert "not a JSON object" in skip.reason


def test_jsonl_missing_or_empty_or_non_string_text_is_skipped(tmp_path):
    path = tmp_path / "t.jsonl"
    path.write_text('{"id": "a"}\n{"id": "b", "text": "   "}\n{"id": "c", "text": 42}\n')
    reasons = [s.reason for s in skips(read_inputs([str(path)]))]
    assert reasons == ["no text", "empty text", "text is a int, not a string"]


def test_jsonl_column_options_map_keys(tmp_path):
    path = tmp_path / "m.jsonl"
    path.write_text('{"uid": 7, "head": "H", "body": "The court ruled.", "date": "2021-01-05"}\n')
    (art,) = read_inputs([str(path)], text_column="body", title_column="head",
                         id_column="uid", date_column="date")
    assert (art.id, art.title, art.text, art.published) == ("7", "H", "The court ruled.", dt.date(2021, 1, 5))


def test_jsonl_nested_metadata_object_is_merged(tmp_path):
    path = tmp_path / "m.jsonl"
    path.write_text('{"text": "The court ruled.", "metadata": {"desk": "law"}, "lang": "en"}\n')
    (art,) = read_inputs([str(path)])
    assert art.metadata == {"desk": "law", "lang": "en"}


def test_jsonl_crlf_inside_text_is_normalised(tmp_path):
    path = tmp_path / "c.jsonl"
    path.write_bytes(b'{"text": "First para.\\r\\n\\r\\nSecond para."}\r\n')
    (art,) = read_inputs([str(path)])
    assert art.text == "First para.\n\nSecond para."
    assert seg_texts(art) == [("paragraph", "First para."), ("paragraph", "Second para.")]


def test_jsonl_text_starting_with_its_title_gets_headline_segment(tmp_path):
    path = tmp_path / "h.jsonl"
    path.write_text('{"title": "Truce agreed", "text": "Truce agreed\\nBoth sides agreed to a truce."}\n')
    (art,) = read_inputs([str(path)])
    assert seg_texts(art) == [("headline", "Truce agreed"), ("paragraph", "Both sides agreed to a truce.")]


def test_invalid_utf8_line_is_skipped_and_rest_continue(tmp_path):
    path = tmp_path / "u.jsonl"
    path.write_bytes(b'{"text": "caf\xe9 bombed"}\n{"text": "Talks resumed."}\n')
    items = list(read_inputs([str(path)]))
    assert items[0].origin == f"{path}:1" and "not valid UTF-8" in items[0].reason
    assert items[1].text == "Talks resumed."


def test_ndjson_extension_is_read_as_json_lines(tmp_path):
    path = tmp_path / "x.ndjson"
    path.write_text('{"text": "Talks resumed."}\n')
    assert articles(read_inputs([str(path)]))[0].id == "x-1"

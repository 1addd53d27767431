"""Plain-text files: headline, paragraphs, sidecar metadata, offsets, newlines."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from dyad.ingest import read_inputs

from .conftest import ENGLISH, articles, seg_texts, skips


def read_one(path: Path, **kw):
    items = list(read_inputs([str(path)], **kw))
    assert len(items) == 1, items
    return items[0]


def test_txt_first_line_followed_by_blank_line_is_headline_and_title(fixtures):
    art = read_one(fixtures / "headline.txt")
    assert art.title == "Farmers block highway over fuel prices"
    kinds = seg_texts(art)
    assert kinds[0] == ("headline", "Farmers block highway over fuel prices")
    assert [k for k, _ in kinds] == ["headline", "paragraph", "paragraph"]
    assert kinds[1][1].startswith("Hundreds of farmers") and kinds[1][1].endswith("diesel prices.")


def test_txt_text_is_whole_file_content(fixtures):
    art = read_one(fixtures / "headline.txt")
    assert art.text == (fixtures / "headline.txt").read_text(encoding="utf-8")


def test_txt_sidecar_meta_json_supplies_id_date_source_url_and_extras(fixtures):
    art = read_one(fixtures / "headline.txt")
    assert art.id == "farm-001"
    assert art.published == dt.date(2023, 5, 8)
    assert art.source == "Example Wire"
    assert art.url == "https://example.org/farm-001"
    assert art.metadata == {"section": "World"}
    assert art.origin == str(fixtures / "headline.txt")


def test_txt_id_defaults_to_file_stem_and_published_to_argument(fixtures):
    art = read_one(fixtures / "lines.txt", published=dt.date(2020, 1, 2))
    assert art.id == "lines"
    assert art.published == dt.date(2020, 1, 2)


def test_txt_without_date_anywhere_keeps_published_none(fixtures):
    assert read_one(fixtures / "lines.txt").published is None


def test_sidecar_date_wins_over_published_argument(fixtures):
    art = read_one(fixtures / "headline.txt", published=dt.date(2000, 1, 1))
    assert art.published == dt.date(2023, 5, 8)


def test_txt_without_blank_lines_gives_one_paragraph_per_line_and_no_title(fixtures):
    art = read_one(fixtures / "lines.txt")
    assert art.title is None
    assert seg_texts(art) == [
        ("paragraph", "Troops withdrew from the border town on Friday."),
        ("paragraph", "The defence minister said the pullback was part of a ceasefire deal."),
        ("paragraph", "Residents began returning to their homes."),
    ]


def test_txt_wrapped_paragraphs_stay_whole_when_blank_lines_separate_them(tmp_path):
    path = tmp_path / "wrapped.txt"
    path.write_text("Title line\n\nFirst paragraph starts\nand continues here.\n\nSecond one.\n")
    art = read_one(path)
    assert seg_texts(art) == [
        ("headline", "Title line"),
        ("paragraph", "First paragraph starts\nand continues here."),
        ("paragraph", "Second one."),
    ]


def test_crlf_is_normalised_before_offsets(tmp_path):
    path = tmp_path / "dos.txt"
    path.write_bytes(b"Army moves in\r\n\r\nSoldiers entered the city.\r\nThey met no resistance.\r\n")
    art = read_one(path)
    assert "\r" not in art.text
    assert art.text == "Army moves in\n\nSoldiers entered the city.\nThey met no resistance.\n"
    assert seg_texts(art) == [
        ("headline", "Army moves in"),
        ("paragraph", "Soldiers entered the city.\nThey met no resistance."),
    ]


def test_utf8_bom_is_stripped(tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes("\ufeffHeadline\n\nBody text here.".encode())
    art = read_one(path)
    assert art.text.startswith("Headline") and art.title == "Headline"
    assert seg_texts(art)[0] == ("headline", "Headline")


def test_segment_offsets_index_text_for_every_segment(tmp_path):
    path = tmp_path / "spaces.txt"
    path.write_text("\n  Leading spaces headline  \n\n   Indented body.   \n\n\n Last one. \n")
    art = read_one(path)
    for seg in art.segments:
        span = art.text[seg.start : seg.end]
        assert span == span.strip() and span
    assert seg_texts(art) == [
        ("headline", "Leading spaces headline"),
        ("paragraph", "Indented body."),
        ("paragraph", "Last one."),
    ]


def test_headline_never_merges_with_first_sentence(tmp_path):
    path = tmp_path / "h.txt"
    path.write_text("Police arrest protesters\n\nOfficers detained 20 people on Sunday.")
    art = read_one(path)
    head, first = art.segments[:2]
    assert head.kind == "headline" and head.end < first.start
    assert "\n\n" in art.text[head.end : first.start]


def test_single_line_file_is_one_paragraph_without_title(tmp_path):
    path = tmp_path / "one.txt"
    path.write_text("Police arrested a man in the capital.")
    art = read_one(path)
    assert art.title is None
    assert seg_texts(art) == [("paragraph", "Police arrested a man in the capital.")]


def test_sidecar_title_overrides_first_line_but_headline_segment_stays(tmp_path):
    (tmp_path / "t.txt").write_text("Short head\n\n" + ENGLISH)
    (tmp_path / "t.meta.json").write_text('{"title": "A longer official title"}')
    art = read_one(tmp_path / "t.txt")
    assert art.title == "A longer official title"
    assert seg_texts(art)[0] == ("headline", "Short head")


def test_malformed_sidecar_keeps_article_with_warning(tmp_path):
    (tmp_path / "t.txt").write_text("Head\n\nBody text.")
    (tmp_path / "t.meta.json").write_text("{not json")
    art = read_one(tmp_path / "t.txt")
    assert art.id == "t"
    assert any("t.meta.json" in w for w in art.metadata["warnings"])


def test_unknown_date_in_sidecar_keeps_article_unset_date_and_warns(tmp_path):
    (tmp_path / "t.txt").write_text("Head\n\nBody text.")
    (tmp_path / "t.meta.json").write_text('{"published": "sometime in May"}')
    art = read_one(tmp_path / "t.txt", published=dt.date(2020, 1, 1))
    assert art.published is None
    assert len(art.metadata["warnings"]) == 1
    assert "sometime in May" in art.metadata["warnings"][0]


def test_sidecar_iso_datetime_gives_its_calendar_date(tmp_path):
    (tmp_path / "t.txt").write_text("Head\n\nBody text.")
    (tmp_path / "t.meta.json").write_text('{"published": "2020-12-24T08:00:00Z"}')
    assert read_one(tmp_path / "t.txt").published == dt.date(2020, 12, 24)


def test_forced_format_reads_unknown_extension_as_text(tmp_path):
    path = tmp_path / "story.dat"
    path.write_text("Head\n\nBody text.")
    assert skips(read_inputs([str(path)]))
    art = articles(read_inputs([str(path)], format="txt"))[0]
    assert art.title == "Head"


def test_title_line_typed_directly_above_text_is_split_off(tmp_path):
    path = tmp_path / "t.txt"
    path.write_text(
        "Police arrest protesters\n"
        "Officers detained twenty people on Sunday after clashes outside the parliament building.\n\n"
        "The interior ministry said all of them would be charged.\n"
    )
    art = read_one(path)
    assert art.title is None  # a title only when a blank line follows the first line
    assert seg_texts(art)[:2] == [
        ("paragraph", "Police arrest protesters"),
        ("paragraph", "Officers detained twenty people on Sunday after clashes outside the parliament building."),
    ]


def test_hard_wrapped_paragraph_is_not_split_at_a_capitalised_line(tmp_path):
    path = tmp_path / "w.txt"
    body = (
        "The foreign minister said on Monday that talks with the government of\n"
        "Ruritania would resume next week in the capital, after a month-long pause.\n"
    )
    path.write_text("Head\n\n" + body + "\nSecond paragraph.\n")
    assert seg_texts(read_one(path))[1] == ("paragraph", body.strip())


def test_block_ending_with_photo_credit_is_a_caption(tmp_path):
    path = tmp_path / "c.txt"
    path.write_text(
        "Rally in the capital\n\nThousands rallied in the capital on Saturday.\n\n"
        "Crowds at the rally\n"
        "Demonstrators gather outside parliament on Saturday, June 3, 2023. JANE DOE/EXAMPLE PHOTOS\n"
    )
    assert seg_texts(read_one(path))[1:] == [
        ("paragraph", "Thousands rallied in the capital on Saturday."),
        ("caption", "Crowds at the rally"),
        ("caption", "Demonstrators gather outside parliament on Saturday, June 3, 2023. JANE DOE/EXAMPLE PHOTOS"),
    ]


def test_parenthesised_photo_credit_marks_a_caption(tmp_path):
    path = tmp_path / "c.txt"
    path.write_text("Head\n\nBody text.\n\nA protester holds a flag. (Photo by John Smith)\n")
    assert seg_texts(read_one(path))[-1][0] == "caption"


def test_sidecar_language_fills_article_language_not_metadata(tmp_path):
    (tmp_path / "t.txt").write_text("Head\n\nBody text.")
    (tmp_path / "t.meta.json").write_text('{"language": "en", "desk": "x"}')
    art = read_one(tmp_path / "t.txt")
    assert art.language == "en" and art.metadata == {"desk": "x"}


def test_sidecar_language_other_than_english_is_skipped(tmp_path):
    (tmp_path / "t.txt").write_text("Head\n\nBody text.")
    (tmp_path / "t.meta.json").write_text('{"language": "fr"}')
    skip = read_one(tmp_path / "t.txt")
    assert skip.reason == "not English (language 'fr' in metadata)"


def test_shared_seed_sample_reads_with_headline_and_caption(tmp_path):
    # A copy of the project's seed sample layout (headline, paragraphs, caption block), in our words.
    path = tmp_path / "seed.txt"
    path.write_text(
        "Envoy Visits Capital As Leader Threatens Reprisal\n\n"
        "The new envoy travelled to the capital to meet officials, state media said on Thursday.\n\n"
        "Envoy visit to the capital\n"
        "A supporter holds a flag during a rally in the capital on October 17, 2020. JOHN DOE/EXAMPLE via Example Images/Example\n"
    )
    art = read_one(path)
    assert [k for k, _ in seg_texts(art)] == ["headline", "paragraph", "caption", "caption"]

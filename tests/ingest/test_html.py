"""HTML pages: extracted body, title kept apart, page metadata, empty pages."""

from __future__ import annotations

import datetime as dt

from dyad.ingest import read_inputs

from .conftest import articles, seg_texts, skips


def read_page(fixtures, **kw):
    (art,) = read_inputs([str(fixtures / "page.html")], **kw)
    return art


def test_html_body_paragraphs_are_separated_by_blank_lines(fixtures):
    art = read_page(fixtures)
    assert art.text == (
        "A court in the capital ordered the release of six activists on Monday, their lawyers said."
        "\n\nThe activists had been held since a protest against the new media law in June."
        "\nProsecutors said they would appeal."
    )


def test_html_title_comes_from_page_and_is_not_in_text(fixtures):
    art = read_page(fixtures)
    assert art.title == "Court frees jailed activists"
    assert "Court frees" not in art.text
    assert all(kind == "paragraph" for kind, _ in seg_texts(art))


def test_html_boilerplate_is_left_out(fixtures):
    art = read_page(fixtures)
    assert "Copyright" not in art.text and "Sport" not in art.text


def test_html_publication_date_and_url_from_page_metadata(fixtures):
    art = read_page(fixtures, published=dt.date(2000, 1, 1))
    assert art.published == dt.date(2019, 10, 21)
    assert art.url == "https://example.org/court-frees-activists"
    assert art.id == "page"


def test_html_segments_are_paragraphs_with_exact_offsets(fixtures):
    art = read_page(fixtures)
    texts = [t for _, t in seg_texts(art)]
    assert texts[0].startswith("A court in the capital") and texts[0].endswith("lawyers said.")
    assert texts[1].endswith("would appeal.")


def test_html_without_date_uses_published_argument(tmp_path):
    path = tmp_path / "p.htm"
    path.write_text("<html><body><p>Police arrested two men in the capital.</p></body></html>")
    (art,) = read_inputs([str(path)], published=dt.date(2022, 3, 3))
    assert art.published == dt.date(2022, 3, 3)
    assert art.text == "Police arrested two men in the capital."


def test_html_with_no_text_is_skipped(tmp_path):
    path = tmp_path / "empty.html"
    path.write_text("<html><head><title>Nothing</title></head><body><script>var a = 1;</script></body></html>")
    (skip,) = skips(read_inputs([str(path)]))
    assert skip.reason == "HTML with no text"


def test_html_list_items_become_paragraphs(tmp_path):
    path = tmp_path / "l.html"
    path.write_text(
        "<html><body><article><p>The talks produced three results.</p>"
        "<ul><li>A ceasefire from Monday.</li><li>A prisoner exchange.</li></ul></article></body></html>"
    )
    (art,) = read_inputs([str(path)])
    assert [t for _, t in seg_texts(art)] == [
        "The talks produced three results.", "A ceasefire from Monday.", "A prisoner exchange.",
    ]


def test_html_declared_latin1_charset_is_honoured(tmp_path):
    path = tmp_path / "l1.html"
    html = '<html><head><meta charset="iso-8859-1"></head><body><p>Protest at the caf\xe9 in the square.</p></body></html>'
    path.write_bytes(html.encode("latin-1"))
    (art,) = read_inputs([str(path)])
    assert "café" in art.text


def test_html_sidecar_overrides_page_metadata(tmp_path, fixtures):
    (tmp_path / "page.html").write_bytes((fixtures / "page.html").read_bytes())
    (tmp_path / "page.meta.json").write_text('{"id": "court-1", "published": "2019-10-22"}')
    (art,) = articles(read_inputs([str(tmp_path / "page.html")]))
    assert art.id == "court-1" and art.published == dt.date(2019, 10, 22)
    assert art.title == "Court frees jailed activists"

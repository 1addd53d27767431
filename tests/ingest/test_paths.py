"""Directories, stdin, format forcing, duplicate ids, missing paths."""

from __future__ import annotations

import datetime as dt
import io

import pytest

from dyad.errors import InputError
from dyad.ingest import read_inputs, sniff_format

from .conftest import ENGLISH, articles, skips


def test_directory_is_read_recursively_in_sorted_order(fixtures):
    items = list(read_inputs([str(fixtures / "corpus")]))
    assert [a.id for a in articles(items)] == ["a", "b", "deep-1"]


def test_directory_sidecars_attach_to_their_article_not_read_alone(fixtures):
    b = [a for a in articles(read_inputs([str(fixtures / "corpus")])) if a.id == "b"][0]
    assert b.published == dt.date(2024, 1, 18)


def test_directory_unknown_extension_is_skipped_with_reason(fixtures):
    (skip,) = skips(read_inputs([str(fixtures / "corpus")]))
    assert skip.origin.endswith("notes.xyz") and "unknown file type '.xyz'" in skip.reason


def test_directory_hidden_files_and_directories_are_ignored(tmp_path):
    (tmp_path / ".hidden.txt").write_text("Secret.")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.txt").write_text("Secret too.")
    (tmp_path / "shown.txt").write_text("Visible.")
    items = list(read_inputs([str(tmp_path)]))
    assert [a.id for a in articles(items)] == ["shown"] and not skips(items)


def test_directory_with_forced_format_reads_every_file_that_way(tmp_path):
    (tmp_path / "a.story").write_text("Visible.")
    (art,) = read_inputs([str(tmp_path)], format="txt")
    assert art.text == "Visible."


def test_missing_path_is_a_skip_not_an_error(tmp_path):
    (skip,) = read_inputs([str(tmp_path / "nope.txt")])
    assert skip.reason == "no such file or directory"


def test_explicit_sidecar_is_skipped_with_reason(fixtures):
    (skip,) = read_inputs([str(fixtures / "headline.meta.json")])
    assert "sidecar" in skip.reason


def test_unknown_format_option_raises_input_error_immediately():
    with pytest.raises(InputError, match="unknown format"):
        read_inputs(["x"], format="pdf")


def test_stdin_text_stream_sniffed_as_plain_text():
    (art,) = read_inputs(["-"], stdin=io.StringIO("Border closed\n\nThe border was closed on Friday."))
    assert art.title == "Border closed" and art.origin == "<stdin>"
    assert art.id.startswith("stdin-")


def test_stdin_id_is_stable_for_same_content():
    ids = [next(read_inputs(["-"], stdin=io.StringIO("Same text."))).id for _ in range(2)]
    assert ids[0] == ids[1]


def test_stdin_bytes_stream_sniffed_as_json_lines():
    data = b'\n  {"id": "s1", "text": "The army withdrew."}\n{"text": "Talks resumed."}\n'
    items = list(read_inputs(["-"], stdin=io.BytesIO(data)))
    assert [a.id for a in items] == ["s1", "stdin-3"]
    assert items[1].origin == "<stdin>:3"


def test_stdin_html_is_sniffed_and_extracted():
    html = "<!doctype html><html><body><p>Police arrested two men.</p></body></html>"
    (art,) = read_inputs(["-"], stdin=io.StringIO(html))
    assert art.text == "Police arrested two men."


def test_stdin_forced_csv_format():
    (art,) = read_inputs(["-"], format="csv", stdin=io.StringIO("id,text\nx,The court ruled.\n"))
    assert art.id == "x"


def test_stdin_invalid_utf8_bytes_is_skipped():
    (skip,) = read_inputs(["-"], stdin=io.BytesIO(b"caf\xe9 bombed"))
    assert skip.origin == "<stdin>" and "not valid UTF-8" in skip.reason


def test_stdin_empty_is_skipped():
    (skip,) = read_inputs(["-"], stdin=io.StringIO("  \n"))
    assert skip.reason == "empty file"


def test_sniff_format_rules():
    assert sniff_format('  \n{"text": "x"}') == "jsonl"
    assert sniff_format("<html><body>x</body></html>") == "html"
    assert sniff_format("<p>Hello</p>") == "html"
    assert sniff_format("<3 is a heart") == "txt"
    assert sniff_format("Plain words.") == "txt"


def test_duplicate_id_in_one_input_skips_the_second(tmp_path):
    path = tmp_path / "d.jsonl"
    path.write_text('{"id": "x", "text": "One."}\n{"id": "x", "text": "Two."}\n')
    first, second = read_inputs([str(path)])
    assert first.text == "One."
    assert second.origin == f"{path}:2" and second.reason.startswith("duplicate id 'x'")


def test_duplicate_ids_across_files_in_one_call_are_skipped(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "same.txt").write_text(ENGLISH)
    (tmp_path / "b" / "same.txt").write_text(ENGLISH)
    first, second = read_inputs([str(tmp_path)])
    assert first.id == "same" and "duplicate id" in second.reason


def test_several_paths_are_read_in_the_given_order(fixtures):
    ids = [a.id for a in articles(read_inputs([str(fixtures / "lines.txt"), str(fixtures / "headline.txt")]))]
    assert ids == ["lines", "farm-001"]


def test_reading_is_lazy():
    items = read_inputs(["-"], stdin=io.StringIO("A.\n\nB."))
    assert not isinstance(items, list)


def test_stdin_text_wrapper_is_decoded_strictly_from_its_buffer():
    wrapper = io.TextIOWrapper(io.BytesIO(b"caf\xe9 bombed"), encoding="utf-8", errors="replace")
    (skip,) = read_inputs(["-"], stdin=wrapper)
    assert "not valid UTF-8" in skip.reason


def test_stdin_text_wrapper_crlf_is_normalised():
    wrapper = io.TextIOWrapper(io.BytesIO(b"Head\r\n\r\nBody text.\r\n"), encoding="utf-8")
    (art,) = read_inputs(["-"], stdin=wrapper)
    assert art.text == "Head\n\nBody text.\n" and art.title == "Head"

"""Bad input: each one a Skip with a one-line reason, never a traceback."""

from __future__ import annotations


import pytest

from dyad.ingest import read_inputs

from .conftest import ENGLISH, articles

FRENCH = (
    "Le gouvernement a annoncé lundi qu'il ouvrirait des négociations avec l'opposition "
    "après plusieurs semaines de manifestations dans la capitale. Les responsables des deux "
    "camps se sont rencontrés deux fois ce mois-ci, et les médiateurs ont déclaré qu'ils "
    "espéraient parvenir à un accord avant les élections prévues au printemps prochain."
)
GERMAN = (
    "Die Regierung kündigte am Montag an, sie werde nach wochenlangen Protesten in der "
    "Hauptstadt Gespräche mit der Opposition aufnehmen. Vertreter beider Seiten haben sich "
    "in diesem Monat zweimal getroffen, und die Vermittler sagten, sie hofften auf eine "
    "Einigung vor den Wahlen, die im Frühjahr stattfinden sollen."
)
RUSSIAN = (
    "Правительство в понедельник заявило, что начнёт переговоры с оппозицией после "
    "нескольких недель протестов в столице. Представители обеих сторон встречались дважды "
    "в этом месяце, и посредники выразили надежду на соглашение до выборов весной."
)


def only_skip(path):
    items = list(read_inputs([str(path)]))
    assert len(items) == 1 and not articles(items), items
    reason = items[0].reason
    assert "\n" not in reason and "Traceback" not in reason
    return items[0]


@pytest.mark.parametrize("suffix", [".txt", ".html", ".jsonl", ".csv"])
def test_empty_file_is_skipped_in_every_format(tmp_path, suffix):
    path = tmp_path / f"empty{suffix}"
    path.write_bytes(b"")
    assert only_skip(path).reason == "empty file"


@pytest.mark.parametrize("suffix", [".txt", ".jsonl", ".csv"])
def test_whitespace_only_file_is_skipped_as_empty(tmp_path, suffix):
    path = tmp_path / f"blank{suffix}"
    path.write_text("  \n\n \t\n")
    assert only_skip(path).reason == "empty file"


@pytest.mark.parametrize("suffix", [".txt", ".html", ".jsonl", ".csv"])
def test_binary_file_with_nul_bytes_is_skipped(tmp_path, suffix):
    path = tmp_path / f"image{suffix}"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    assert only_skip(path).reason.startswith("binary file")


def test_control_character_soup_is_skipped_as_binary(tmp_path):
    path = tmp_path / "ctl.txt"
    path.write_bytes(bytes(range(1, 9)) * 50)
    assert only_skip(path).reason.startswith("binary file")


@pytest.mark.parametrize("suffix", [".txt", ".html", ".csv"])
def test_invalid_utf8_is_skipped_not_mangled(tmp_path, suffix):
    path = tmp_path / f"latin1{suffix}"
    path.write_bytes("text\nProtest at the café in the square.\n".encode("latin-1"))
    reason = only_skip(path).reason
    assert reason.startswith("not valid UTF-8") and "0xe9" in reason


def test_utf16_file_is_skipped_with_a_hint(tmp_path):
    path = tmp_path / "u16.txt"
    path.write_bytes("Police arrested two men.".encode("utf-16"))
    assert "UTF-16" in only_skip(path).reason


def test_five_megabyte_article_is_rejected_by_the_reader_with_its_size(tmp_path):
    path = tmp_path / "huge.txt"
    path.write_bytes(b"The army advanced. " * 270_000)  # ~5.1 MB
    skip = only_skip(path)  # the reader refuses it: no parser ever sees it
    assert skip.reason.startswith("too long: 5,130,000 characters (max 2,000,000")


def test_file_far_above_limit_is_refused_from_its_size_alone(tmp_path, monkeypatch):
    monkeypatch.setenv("DYAD_MAX_CHARS", "100")
    path = tmp_path / "big.txt"
    path.write_bytes(b"x" * 1000)
    assert only_skip(path).reason == "too large: 1,000 bytes (max 400 bytes; see DYAD_MAX_CHARS)"


def test_max_chars_setting_applies_to_json_lines(tmp_path, monkeypatch):
    monkeypatch.setenv("DYAD_MAX_CHARS", "50")
    path = tmp_path / "l.jsonl"
    path.write_text('{"text": "Short one."}\n{"text": "' + "word " * 20 + '"}\n')
    items = list(read_inputs([str(path)]))
    assert items[0].text == "Short one."
    assert items[1].reason.startswith("too long: 100 characters (max 50")


def test_huge_json_line_is_rejected_with_size(tmp_path):
    path = tmp_path / "big.jsonl"
    path.write_text('{"text": "' + "The army advanced. " * 120_000 + '"}\n')
    (skip,) = read_inputs([str(path)])
    assert skip.reason.startswith("too long: 2,280,000 characters")


@pytest.mark.parametrize("text", [FRENCH, GERMAN, RUSSIAN], ids=["french", "german", "russian"])
def test_non_english_article_is_skipped(tmp_path, text):
    path = tmp_path / "foreign.txt"
    path.write_text(text)
    assert only_skip(path).reason.startswith("not English (")


def test_non_english_json_line_is_skipped_rest_continue(tmp_path):
    import json

    path = tmp_path / "mix.jsonl"
    path.write_text(json.dumps({"text": FRENCH}) + "\n" + json.dumps({"text": ENGLISH}) + "\n")
    first, second = read_inputs([str(path)])
    assert first.reason.startswith("not English") and second.text == ENGLISH


def test_short_foreign_text_is_not_flagged(tmp_path):
    path = tmp_path / "short.txt"
    path.write_text("Le gouvernement a annoncé des négociations.")
    assert articles(read_inputs([str(path)]))

"""Name folding shared by the index build and lookups."""

from __future__ import annotations

from dyad.resolve.places.names import fold, is_latin, split_division, strip_article


def test_fold_removes_accents_case_and_curly_quotes() -> None:
    assert fold("  Baghdād’s   Karrada ") == "baghdads karrada"
    assert fold("Île-de-France") == "ile de france"


def test_fold_makes_transliterations_meet() -> None:
    # apostrophes and ʿayn marks dropped, hyphens made spaces: each spelling finds the other
    assert fold("’Aïn Sefra") == fold("Ain Sefra") == "ain sefra"
    assert fold("Ra’s al ‘Ayn") == fold("Ras al-Ayn") == "ras al ayn"
    assert fold("Ouham-Pendé") == fold("Ouham Pende")
    assert fold("N'Djamena") == fold("Ndjamena")


def test_is_latin_rejects_other_scripts() -> None:
    assert is_latin("mosul")
    assert not is_latin("الموصل")
    assert not is_latin("123")


def test_strip_article_and_possessive() -> None:
    assert strip_article("the Green Zone") == "Green Zone"
    assert strip_article("Iraq's") == "Iraq"
    assert strip_article("Baghdad’s") == "Baghdad"


def test_split_division_word() -> None:
    assert split_division("anbar province") == ("anbar", "province")
    assert split_division("laurel county") == ("laurel", "county")
    assert split_division("sadr city") == ("sadr city", None)
    assert split_division("province") == ("province", None)

"""The ACLED scorer's first-level division match: other names and divisions split since 2016."""

from __future__ import annotations

from dataclasses import dataclass

from dyad.eval.acled import admin1_matches


@dataclass
class _Loc:
    name: str
    admin1: str | None
    country: str | None
    precision: str = "city"


def test_same_name_after_normalising() -> None:
    assert admin1_matches("Nord-Kivu", _Loc("Goma", "Nord-Kivu", "COD"))
    assert admin1_matches("Ouham Pende", _Loc("Bocaranga", "Ouham-Pendé", "CAF"))
    assert not admin1_matches("Sud-Kivu", _Loc("Goma", "Nord-Kivu", "COD"))
    assert not admin1_matches("Nord-Kivu", None)


def test_a_division_split_since_matches_its_successors() -> None:
    assert admin1_matches("Orientale", _Loc("Bunia", "Ituri", "COD"))
    assert admin1_matches("Katanga", _Loc("Lubumbashi", "Haut-Katanga", "COD"))
    assert not admin1_matches("Orientale", _Loc("Goma", "Nord-Kivu", "COD"))


def test_other_names_of_the_division(gaz) -> None:  # type: ignore[no-untyped-def]
    aliases = gaz.candidates
    assert admin1_matches("Extreme-Nord", _Loc("Maroua", "Far North", "CMR"), aliases)
    assert admin1_matches("Bas-Congo", _Loc("Matadi", "Kongo Central", "COD"), aliases)
    assert not admin1_matches("Extreme-Nord", _Loc("Garoua", "North", "CMR"), aliases)
    # without the gazetteer's names only the spelling counts
    assert not admin1_matches("Extreme-Nord", _Loc("Maroua", "Far North", "CMR"))


def test_an_admin1_location_is_its_own_division() -> None:
    assert admin1_matches("Nord-Kivu", _Loc("Nord-Kivu", "Nord-Kivu", "COD", precision="admin1"))

"""Label mappings and actor matching on invented examples."""

from __future__ import annotations

from dyad.eval import actors as A
from dyad.eval.labels import (
    PLV_LABELS, PLV_MERGED, acled_record_type, acled_type, gtd_attack_type, gtd_record_type,
    plover_type, plv_label,
)


def test_legacy_plover_names():
    assert plover_type("DEMAND") == "REQUEST"
    assert plover_type("DISAPPROVE") == "ACCUSE"
    assert plover_type("INVESTIGATE") == "ACCUSE"
    assert plover_type("FIGHT") == "ASSAULT"
    assert plover_type("agree") == "AGREE"
    assert plover_type(None) is None


def test_plv_merges_concede_and_retreat():
    assert plv_label("CONCEDE") == plv_label("RETREAT") == plv_label("YIELD") == PLV_MERGED
    assert plv_label("DEMAND") == "REQUEST"
    assert len(PLV_LABELS) == 15 and PLV_MERGED in PLV_LABELS


def test_acled_protest_and_riot(build):
    ev = build.event("Students marched in the capital.", "PROTEST")
    assert acled_type(ev) == "Riots/Protests"
    rioters = build.event("Rioters attacked a shop.", "ASSAULT", actors=[build.actor("Rioters")])
    assert acled_type(rioters) == "Riots/Protests"


def test_acled_remote_violence_by_mode_cameo_and_cue(build):
    assert acled_type(build.event("x", "ASSAULT", mode="explosives")) == "Remote violence"
    assert acled_type(build.event("x", "ASSAULT", cameo="1831")) == "Remote violence"
    text = "Two soldiers were killed by a roadside bomb."
    assert acled_type(build.event(text, "ASSAULT", trigger=(19, 25))) == "Remote violence"


def test_acled_civilians_vs_battle(build):
    civ = build.event("Gunmen killed five villagers.", "ASSAULT", trigger=(7, 13),
                      recipients=[build.actor("five villagers", 14)])
    assert acled_type(civ) == "Violence against civilians"
    by_sector = build.event("x", "ASSAULT", recipients=[build.actor("them", sector="CVL")])
    assert acled_type(by_sector) == "Violence against civilians"
    battle = build.event("Rebels clashed with troops.", "ASSAULT", trigger=(7, 14),
                         recipients=[build.actor("troops", 20)])
    assert acled_type(battle) == "Battle-No change of territory"


def test_acled_territory(build):
    rebels = build.event("Militants captured the town.", "ASSAULT", trigger=(10, 18),
                         actors=[build.actor("Militants")])
    assert acled_type(rebels) == "Battle-Non-state actor overtakes territory"
    army = build.event("The army recaptured the town.", "ASSAULT", trigger=(9, 19),
                       actors=[build.actor("The army", sector="MIL")])
    assert acled_type(army) == "Battle-Government regains territory"
    seized = build.event("Police seized weapons.", "COERCE", trigger=(7, 13), mode="confiscate")
    assert acled_type(seized) == "Strategic development"  # no ground was taken
    withdraw = build.event("Troops withdrew from the town.", "RETREAT", trigger=(7, 15))
    assert acled_type(withdraw) == "Non-violent transfer of territory"


def test_acled_other_types_are_strategic(build):
    assert acled_type(build.event("x", "AGREE")) == "Strategic development"
    arrest = build.event("Police arrested a journalist.", "COERCE", trigger=(7, 15), mode="arrest")
    assert acled_type(arrest) == "Strategic development"
    base = build.event("The group established a base near the river.", "MOBILIZE", trigger=(10, 21))
    assert acled_type(base) == "Headquarters or base established"


def test_acled_record_type_precedence(build):
    events = [build.event("x", "AGREE"), build.event("x", "ASSAULT", mode="aerial")]
    assert acled_record_type(events) == "Remote violence"
    assert acled_record_type([]) is None


def test_gtd_attack_types(build):
    assert gtd_attack_type(build.event("x", "ASSAULT", mode="explosives")) == "Bombing/Explosion"
    assert gtd_attack_type(build.event("x", "ASSAULT", mode="assassinate")) == "Assassination"
    kid = build.event("Gunmen kidnapped two workers.", "ASSAULT", trigger=(7, 16))
    assert gtd_attack_type(kid) == "Hostage Taking (Kidnapping)"
    assert gtd_attack_type(build.event("x", "ASSAULT", mode="firearms")) == "Armed Assault"
    assert gtd_attack_type(build.event("x", "ASSAULT", mode="beat")) == "Unarmed Assault"
    burn = build.event("Militants torched a school.", "COERCE", trigger=(10, 17))
    assert gtd_attack_type(burn) == "Facility/Infrastructure Attack"
    assert gtd_attack_type(build.event("x", "AGREE")) is None
    assert gtd_attack_type(build.event("Police arrested him.", "COERCE", trigger=(7, 15))) is None


def test_gtd_hierarchy(build):
    bomb = build.event("x", "ASSAULT", mode="explosives")
    killing = build.event("x", "ASSAULT", mode="assassinate")
    assert gtd_record_type([bomb, killing]) == "Assassination"
    assert gtd_record_type([build.event("x", "CONSULT")]) is None


def test_actor_tokens_synonyms_and_plurals():
    assert A.tokens("Somali troops") == {"somali", "military"}
    assert A.tokens("Military Forces of Somalia (2012-)") >= {"military", "somalia"}
    assert A.tokens("demonstrators") == {"protesters"}
    assert A.tokens("ISIS fighters") == {"islamic", "state", "armed"}


def test_parse_gold_actor_country_qualifier():
    g = A.parse_gold_actor("Military Forces of Somalia (2012-)")
    assert g.country == "SOM" and g.core == {"military"}
    g = A.parse_gold_actor("Protesters (Tunisia)")
    assert g.country == "TUN" and g.core == {"protesters"}
    g = A.parse_gold_actor("Taliban")
    assert g.country is None and g.core == {"taliban"}
    g = A.parse_gold_actor("Somalia")
    assert g.country == "SOM" and not g.core


def test_actor_matches(build):
    gold = "Military Forces of Somalia (2012-)"
    assert A.actor_matches(gold, build.actor("Somali soldiers", country="SOM"))
    assert A.actor_matches(gold, build.actor("soldiers"))  # no predicted country: lenient
    assert not A.actor_matches(gold, build.actor("Ethiopian troops", country="ETH"))
    assert not A.actor_matches(gold, build.actor("Somali police", country="SOM"))
    assert A.actor_matches("Khorasan Chapter of the Islamic State", build.actor("ISIS"))
    assert A.actor_matches("Taliban", {"text": "the Taliban insurgents", "name": None, "country": None})
    assert A.actor_matches("Somalia", build.actor("Mogadishu", country="SOM"))
    assert A.any_actor_matches("Al Shabaab", [build.actor("police"), build.actor("al-Shabab militants")])


def test_codes_and_sectors():
    assert A.norm_code("JAP") == "JPN"
    assert A.norm_code("igo") == "IGO"
    assert A.norm_code("IGOUNO") == "IGO" and A.norm_code("UNO") == "IGO"
    assert A.norm_code("") is None
    assert A.norm_sector("CVLalb") == "CVL"
    assert A.norm_sector("***") is None
    assert A.norm_sector(None) is None
    assert A.pred_sectors({"sector": "gov", "sectors": ["MILx"]}) == {"GOV", "MIL"}


def test_norm_place_and_country_code():
    assert A.norm_place("Marawara district") == A.norm_place("Marawara")
    assert A.norm_place("Kunduz Province") == "kunduz"
    assert A.norm_place("Bouaké") == "bouake"
    assert A.country_code("Democratic Republic of Congo") == "COD"
    assert A.country_code("Nowhere-land") is None

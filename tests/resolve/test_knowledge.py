"""The actor knowledge files: validation errors, user overrides, lookups."""

from __future__ import annotations

from collections import defaultdict
from importlib import resources
from pathlib import Path

import pytest

from dyad.errors import KnowledgeError
from dyad.resolve.actors import knowledge as kn
from dyad.resolve.actors.knowledge import load_knowledge

KNOWLEDGE = resources.files("dyad") / "data" / "knowledge"


@pytest.fixture(autouse=True)
def _fresh():
    load_knowledge.cache_clear()
    yield
    load_knowledge.cache_clear()


@pytest.fixture(scope="module")
def kb():
    load_knowledge.cache_clear()
    return load_knowledge()


@pytest.fixture(scope="module")
def orgs() -> list[dict]:
    return kn._read_text(KNOWLEDGE / "organizations.yaml", "organizations.yaml")["organizations"]


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _error(paths: tuple[str, ...]) -> KnowledgeError:
    with pytest.raises(KnowledgeError) as info:
        load_knowledge(paths)
    return info.value


def _one_line_naming(err: KnowledgeError, path: Path) -> None:
    message = str(err)
    assert "\n" not in message
    assert str(path) in message


# -- our files --------------------------------------------------------------------
def test_counts(kb) -> None:
    # how long loading takes is measured by benchmarks/bench_actors.py, not here
    load_knowledge.cache_clear()
    fresh = load_knowledge()
    assert len(fresh.orgs) >= 450
    assert len(fresh.countries) >= 240 and len(fresh.people) >= 1000


def test_organization_fields(orgs) -> None:
    sectors = kn._sector_codes()
    for org in orgs:
        where = org.get("id")
        assert set(org) >= {"id", "name", "aliases", "country", "sector", "sectors", "kind"}, where
        assert org["kind"] == "organization", where
        assert org["id"] == org["id"].lower() and " " not in org["id"], where
        assert org["sector"] in sectors and all(s in sectors for s in org["sectors"]), where
        assert org["sector"] not in org["sectors"], where
        if org["country"] == "IGO":
            assert org["sector"] == "IGO" and org.get("igo_code"), where
        if org["sector"] == "IGO":
            assert org["country"] == "IGO", where


def test_organization_aliases_are_unique(orgs) -> None:
    """The loader keeps the later of two equal aliases silently, so none may repeat."""
    owners: dict[str, set[str]] = defaultdict(set)
    for org in orgs:
        for alias in [org["name"], *org["aliases"]]:
            owners[str(alias).lower()].add(org["id"])
    shared = {alias: sorted(ids) for alias, ids in owners.items() if len(ids) > 1}
    assert not shared, shared


def test_organization_aliases_do_not_shadow_countries_or_roles(kb, orgs) -> None:
    clashes = []
    for org in orgs:
        for alias in [org["name"], *org["aliases"]]:
            low = str(alias).lower()
            if low in kb.country_by_name or low in kb.seat_to_country or low in kb.role_by_term:
                clashes.append((org["id"], alias))
    assert not clashes, clashes


@pytest.mark.parametrize("word", ["who", "is", "ai", "raw", "plan", "apc", "spa", "congress",
                                  "supreme court", "national assembly", "guardian", "mod"])
def test_no_common_word_aliases(kb, word: str) -> None:
    assert word not in kb.org_by_alias


def test_duplicate_id_in_our_files_is_an_error(tmp_path, monkeypatch) -> None:
    ours = _write(tmp_path, "organizations.yaml",
                  "organizations:\n"
                  "- {id: x-one, name: One, country: IRN, sector: GOV}\n"
                  "- {id: x-one, name: Other, country: IRN, sector: MIL}\n")
    monkeypatch.setattr(kn, "_our_files", lambda: [(ours.name, ours)])
    err = _error(())
    assert err.code == "E419"
    assert "organizations.yaml" in str(err) and "x-one" in str(err) and "\n" not in str(err)


# -- user files: validation --------------------------------------------------------
@pytest.mark.parametrize(("text", "code", "needle"), [
    ("organizations:\n- {id: x-a, name: A, country: XYZ, sector: GOV}\n", "E411", "XYZ"),
    ("countries:\n- {code: QQQ, name: Nowhere}\n", "E411", "QQQ"),
    ("organizations:\n- {id: x-a, name: A, country: IRN, sector: MILITARY}\n", "E412", "MILITARY"),
    ("organizations:\n- {id: x-a, name: A, country: IRN, sector: GOV, sectors: [FOO]}\n", "E412", "FOO"),
    ("roles:\n- {term: warlord-in-chief, sector: BOSS}\n", "E412", "BOSS"),
    ("people:\n- {id: x-p, name: P, country: IRN, roles: [{title: minister, sector: GOV, start: '2020-13-01'}]}\n",
     "E413", "2020-13-01"),
    pytest.param(
        "people:\n- {id: x-p, name: P, country: IRN, roles: [{title: minister, sector: GOV, start: 2020-13-01}]}\n",
        "E413", "2020-13-01", id="unquoted-impossible-date"),
    ("people:\n- {id: x-p, name: P, country: IRN, roles: [{title: minister, sector: GOV, start: 'last May'}]}\n",
     "E413", "last May"),
    ("people:\n- {id: x-p, name: P, country: IRN, roles: [{title: minister, sector: GOV, start: 2021-05-01, end: 2020-01-01}]}\n",
     "E414", "before it starts"),
    ("organizations:\n- {id: x-a, name: A\n", "E416", "invalid YAML"),
    ("organizations: [unclosed\n", "E416", "invalid YAML"),
    ("organizations:\n- {name: No Id, country: IRN}\n", "E418", "missing 'id'"),
    ("organizations:\n- {id: x-a, country: IRN}\n", "E418", "missing 'name'"),
    ("organizations: {id: x-a}\n", "E410", "expected a list"),
    ("just a string\n", "E417", "expected a mapping"),
])
def test_bad_user_file(tmp_path, monkeypatch, text: str, code: str, needle: str) -> None:
    monkeypatch.setattr(kn, "_our_files", lambda: [])  # only the user file: same checks, faster
    path = _write(tmp_path, "bad.yaml", text)
    err = _error((str(path),))
    assert err.code == code, str(err)
    assert needle in str(err)
    _one_line_naming(err, path)


def test_bad_json_user_file(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(kn, "_our_files", lambda: [])
    path = _write(tmp_path, "bad.json", '{"organizations": [ {"id": "x"} ')
    err = _error((str(path),))
    assert err.code == "E416" and "invalid JSON" in str(err)
    _one_line_naming(err, path)


def test_missing_user_file(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(kn, "_our_files", lambda: [])
    path = tmp_path / "absent.yaml"
    err = _error((str(path),))
    assert err.code == "E415"
    _one_line_naming(err, path)


# -- user files: adding and overriding --------------------------------------------
def test_user_file_overrides_and_adds(tmp_path) -> None:
    base = load_knowledge()
    n_orgs = len(base.orgs)
    path = _write(tmp_path, "mine.yaml", """
organizations:
- {id: afg-taliban, name: Taliban, aliases: [Afghan Taliban], country: AFG, sector: REB, sectors: [], kind: organization}
- {id: x-local-militia, name: Yan Sakai, aliases: [Yan Sa-kai], country: NGA, sector: REB, sectors: [], kind: organization}
- {id: x-local-militia, name: Yan Sakai vigilantes, aliases: [Yan Sa-kai], country: NGA, sector: CVL, sectors: [], kind: organization}
- {id: x-quds, name: Quds Force (my coding), aliases: [Quds Force], country: IRN, sector: SPY, sectors: [], kind: organization}
countries:
- {code: IRN, name: Iran, aliases: [Persia], demonyms: [Iranian, Persian], seats: [Tehran]}
roles:
- {term: official, sector: ELI, kind: person}
- {term: emir of kano, sector: REL, kind: person, title: true}
people:
- id: x-jane-doe
  name: Jane Doe
  aliases: [Governor Doe]
  country: NGA
  roles: [{title: governor, sector: GOV, start: 2019-05-29, end: 2023-05-29}]
""")
    kb = load_knowledge((str(path),))
    taliban = kb.org_by_alias["taliban"]
    assert (taliban["country"], taliban["sector"]) == ("AFG", "REB")
    assert "taliban government" not in kb.org_by_alias  # the replaced entry's aliases go with it
    assert kb.orgs["afg-taliban"]["sector"] == "REB"
    # an id repeated inside a user file: the later entry wins, no error
    assert kb.org_by_alias["yan sakai vigilantes"]["sector"] == "CVL"
    assert kb.org_by_alias["yan sa-kai"]["id"] == "x-local-militia"
    assert len(kb.orgs) == n_orgs + 2
    # a user alias takes over ours
    assert kb.org_by_alias["quds force"]["sector"] == "SPY"
    assert kb.org_by_alias["irgc quds force"]["sector"] == "MIL"
    # a country code replaces our entry
    assert kb.country_by_name["persian"] == "IRN"
    assert kb.countries["IRN"]["demonyms"] == ["Iranian", "Persian"]
    # role terms override ours and derive their plural
    assert kb.role_by_term["official"]["sector"] == "ELI"
    assert kb.role_by_term["officials"]["sector"] == "ELI"
    assert kb.role_by_term["emir of kano"]["sector"] == "REL"
    assert kb.people_by_alias["governor doe"][0]["roles"][0]["end"] == "2023-05-29"
    # our own knowledge is untouched by a load with a user file
    load_knowledge.cache_clear()
    assert load_knowledge().orgs["afg-taliban"]["sector"] == "GOV"


def test_user_json_file_and_bare_list(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(kn, "_our_files", lambda: [])
    js = _write(tmp_path, "mine.json",
                '{"organizations": [{"id": "x-j", "name": "Jay Group", "country": "KEN", "sector": "REB"}]}')
    bare = _write(tmp_path, "organizations_extra.yaml",
                  "- {id: x-b, name: Bee Front, country: MLI, sector: REB}\n")
    kb = load_knowledge((str(js), str(bare)))
    assert kb.org_by_alias["jay group"]["country"] == "KEN"
    assert kb.org_by_alias["bee front"]["country"] == "MLI"


# -- lookups ------------------------------------------------------------------------
def test_country_lookups(kb) -> None:
    assert kb.country_by_name["iranian"] == "IRN"
    assert kb.country_by_demonym["iranians"] == "IRN"
    assert kb.country_by_name["u.s."] == "USA"
    assert kb.country_by_name["iran"] == "IRN"
    assert kb.seat_to_country["the kremlin"] == "RUS"
    assert kb.seat_to_country["tehran"] == "IRN"


def test_role_lookups(kb) -> None:
    assert kb.role_by_term["officials"]["sector"] == "GOV"  # derived plural
    assert kb.role_by_term["militias"]["sector"] == "REB"
    assert kb.role_by_term["policemen"]["sector"] == "COP"


@pytest.mark.parametrize(("alias", "country", "sector"), [
    ("Quds Force", "IRN", "MIL"),
    ("IRGC", "IRN", "MIL"),
    ("Revolutionary Guards", "IRN", "MIL"),
    ("Islamic Revolutionary Guard Corps", "IRN", "MIL"),
    ("Hezbollah", "LBN", "REB"),
    ("Hamas", "PSE", "REB"),
    ("Houthis", "YEM", "REB"),
    ("Ansar Allah", "YEM", "REB"),
    ("Pentagon", "USA", "MIL"),
    ("State Department", "USA", "GOV"),
    ("CIA", "USA", "SPY"),
    ("Mossad", "ISR", "SPY"),
    ("Shin Bet", "ISR", "SPY"),
    ("IDF", "ISR", "MIL"),
    ("FSB", "RUS", "SPY"),
    ("Rosgvardia", "RUS", "COP"),
    ("PLA", "CHN", "MIL"),
    ("Tatmadaw", "MMR", "MIL"),
    ("Bundeswehr", "DEU", "MIL"),
    ("MI6", "GBR", "SPY"),
    ("Popular Mobilisation Forces", "IRQ", "MIL"),
    ("Hashd al-Shaabi", "IRQ", "MIL"),
    ("Peshmerga", "IRQ", "MIL"),
    ("Kurdistan Regional Government", "IRQ", "GOV"),
    ("Kataib Hezbollah", "IRQ", "REB"),
    ("Taliban", "AFG", "GOV"),
    ("TTP", "PAK", "REB"),
    ("RSF", "SDN", "REB"),
    ("Rapid Support Forces", "SDN", "REB"),
    ("al-Shabaab", "SOM", "REB"),
    ("ISWAP", "NGA", "REB"),
    ("JNIM", "MLI", "REB"),
    ("M23", "COD", "REB"),
    ("ADF", "COD", "REB"),
    ("PKK", "TUR", "REB"),
    ("SDF", "SYR", "REB"),
    ("HTS", "SYR", "REB"),
    ("Wagner Group", "RUS", "REB"),
    ("ELN", "COL", "REB"),
    ("ISIS", None, "REB"),
    ("al-Qaeda", None, "REB"),
    ("Reuters", "GBR", "MED"),
    ("AP", "USA", "MED"),
    ("AFP", "FRA", "MED"),
    ("Xinhua", "CHN", "MED"),
    ("TASS", "RUS", "MED"),
    ("IRNA", "IRN", "MED"),
    ("KCNA", "PRK", "MED"),
    ("SANA", "SYR", "MED"),
    ("Al Jazeera", "QAT", "MED"),
    ("The Guardian", "GBR", "MED"),
    ("Reporters Without Borders", "NGO", "NGO"),
    ("RWB", "NGO", "NGO"),
    ("MSF", "NGO", "NGO"),
    ("ICRC", "NGO", "NGO"),
    ("UN Security Council", "IGO", "IGO"),
    ("NATO", "IGO", "IGO"),
    ("UNHCR", "IGO", "IGO"),
    ("ICC", "IGO", "IGO"),
])
def test_organization_lookups(kb, alias: str, country: str | None, sector: str) -> None:
    org = kb.org_by_alias[alias.lower()]
    assert (org["country"], org["sector"]) == (country, sector), org["id"]


def test_igo_codes(kb) -> None:
    assert kb.org_by_alias["un"]["igo_code"] == "UNO"
    assert kb.org_by_alias["unifil"]["igo_code"] == "UNO"
    assert "MIL" in kb.org_by_alias["unifil"]["sectors"]
    assert kb.org_by_alias["arab league"]["igo_code"] == "ARL"
    assert kb.org_by_alias["european commission"]["igo_code"] == "EU"
    assert kb.org_by_alias["african union"]["igo_code"] == "AU"

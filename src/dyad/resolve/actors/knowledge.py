"""Load and validate the actor knowledge files, and index them for lookup.

Our files live in ``dyad/data/knowledge/``: ``countries.yaml``, ``roles.yaml``,
``organizations.yaml`` and ``people*.yaml`` (format in that folder's README).
A user file (``--actors FILE`` / ``DYAD_ACTORS``) in the same format — a YAML
or JSON mapping with any of the keys ``countries``, ``roles``,
``organizations``, ``people`` — adds entries or overrides ours by id, code or
term. Every file is validated the same way; a problem raises
:class:`~dyad.errors.KnowledgeError` naming file, entry and problem.

Actors a database learned from text (``dyad.store.learned``) come in the same
format through ``load_knowledge(..., learned=FILE)`` with the lowest priority:
an entry is added only under an id nobody else uses, each of its aliases only
where no other entry, country, seat or role already answers to it, and an
entry that does not validate is left out rather than stopping the run.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pycountry
import yaml

from ...datafiles import YAML_LOADER, data_path
from ...errors import KnowledgeError

__all__ = ["Knowledge", "load_knowledge", "taken_names", "SECTIONS"]

SECTIONS = ("countries", "roles", "organizations", "people")
#: codes that are not ISO 3166 countries but are valid actor countries
_EXTRA_CODES = {"XKX", "PSE", "IGO", "NGO", "MNC", "INT", "UNO", "EUR", "AFR", "ASA", "MEA", "WST", "SAM", "CAM"}

_Loader = YAML_LOADER


@dataclass(slots=True)
class Knowledge:
    """Lookup tables over all knowledge entries (keys lowercased)."""

    countries: dict[str, dict[str, Any]] = field(default_factory=dict)
    country_by_name: dict[str, str] = field(default_factory=dict)
    country_by_demonym: dict[str, str] = field(default_factory=dict)
    seat_to_country: dict[str, str] = field(default_factory=dict)
    role_by_term: dict[str, dict[str, Any]] = field(default_factory=dict)
    org_by_alias: dict[str, dict[str, Any]] = field(default_factory=dict)
    people_by_alias: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    orgs: dict[str, dict[str, Any]] = field(default_factory=dict)
    people: dict[str, dict[str, Any]] = field(default_factory=dict)

    def country(self, code: str) -> dict[str, Any] | None:
        return self.countries.get(code)


# -- validation -----------------------------------------------------------------
@functools.lru_cache(maxsize=1)
def _sector_codes() -> frozenset[str]:
    raw = _read_text(data_path("knowledge", "sectors.yaml"), "sectors.yaml")
    return frozenset(raw["sectors"])


@functools.lru_cache(maxsize=1)
def _iso3() -> frozenset[str]:
    return frozenset(c.alpha_3 for c in pycountry.countries) | _EXTRA_CODES


def _fail(where: str, problem: str, code: str = "E410") -> KnowledgeError:
    return KnowledgeError(f"{where}: {problem}", code=code)


def _check_country(value: Any, where: str, allow_none: bool = True) -> None:
    if value is None and allow_none:
        return
    if not isinstance(value, str) or value.upper() not in _iso3():
        raise _fail(where, f"unknown country code {value!r} (ISO 3166 alpha-3 or one of {sorted(_EXTRA_CODES)})", "E411")


def _check_sector(value: Any, where: str) -> None:
    if value is None:
        return
    if value not in _sector_codes():
        raise _fail(where, f"unknown sector {value!r} (see data/knowledge/sectors.yaml)", "E412")


def _date(value: Any, where: str) -> str | None:
    if value is None:
        return None
    try:
        return (value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))).isoformat()
    except ValueError:
        raise _fail(where, f"invalid date {value!r} (use YYYY-MM-DD)", "E413") from None


def _check_roles(person: dict[str, Any], where: str) -> None:
    for j, role in enumerate(person.get("roles") or [], 1):
        rw = f"{where} role {j}"
        if not isinstance(role, dict):
            raise _fail(rw, "expected a mapping")
        _check_sector(role.get("sector"), rw)
        start, end = _date(role.get("start"), rw), _date(role.get("end"), rw)
        role["start"], role["end"] = start, end
        if start and end and end < start:
            raise _fail(rw, f"ends ({end}) before it starts ({start})", "E414")


# -- reading ----------------------------------------------------------------------
def _read_text(path: Any, name: str) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise _fail(name, f"cannot read ({exc.strerror})", "E415") from None
    try:
        data = json.loads(text) if name.endswith(".json") else yaml.load(text, Loader=_Loader)
    except ValueError as exc:  # YAML reads an unquoted 2020-13-01 as a date and fails
        if not isinstance(exc, json.JSONDecodeError):
            raise _fail(name, f"invalid date {_bad_date(text)!r} ({exc}; use YYYY-MM-DD)", "E413") from None
        raise _fail(name, f"invalid JSON ({exc})", "E416") from None
    except yaml.YAMLError as exc:
        raise _fail(name, f"invalid {'JSON' if name.endswith('.json') else 'YAML'} ({str(exc).splitlines()[0]})", "E416") from None
    if isinstance(data, list):  # a bare list: the section is named by the file
        section = next((s for s in SECTIONS if Path(name).stem.startswith(s.rstrip("s"))), None)
        data = {section: data} if section else None
    if not isinstance(data, dict):
        raise _fail(name, f"expected a mapping with any of {', '.join(SECTIONS)}", "E417")
    return data


def _bad_date(text: str) -> str:
    """The first date-shaped value in ``text`` that is not a real date."""
    for m in re.finditer(r"\b\d{4}-\d{1,2}-\d{1,2}\b", text):
        try:
            dt.date.fromisoformat(m.group())
        except ValueError:
            return m.group()
    return "?"


def _our_files() -> list[tuple[str, Any]]:
    base = data_path("knowledge")
    names = sorted(p.name for p in base.iterdir() if p.name.endswith(".yaml") and p.name != "sectors.yaml")
    return [(n, base / n) for n in names]


# -- indexing ------------------------------------------------------------------------
def _key(entry: dict[str, Any], section: str) -> str:
    return str(entry.get({"countries": "code", "roles": "term"}.get(section, "id")) or "")


def _merge(sections: dict[str, dict[str, dict[str, Any]]], data: dict[str, Any], name: str, user: bool) -> None:
    for section in SECTIONS:
        entries = data.get(section) or []
        if not isinstance(entries, list):
            raise _fail(f"{name} {section}", "expected a list")
        for i, entry in enumerate(entries, 1):
            where = f"{name} {section} entry {i}"
            if not isinstance(entry, dict):
                raise _fail(where, "expected a mapping")
            key = _key(entry, section)
            if not key:
                raise _fail(where, f"missing '{ {'countries': 'code', 'roles': 'term'}.get(section, 'id') }'", "E418")
            if key in sections[section] and not user:
                raise _fail(where, f"duplicate {section[:-1]} {key!r}", "E419")
            _validate(entry, section, where)
            sections[section][key] = entry


def _validate(entry: dict[str, Any], section: str, where: str) -> None:
    if section == "countries":
        _check_country(entry.get("code"), where, allow_none=False)
    elif section == "roles":
        _check_sector(entry.get("sector"), where)
    else:
        if not entry.get("name"):
            raise _fail(where, "missing 'name'", "E418")
        _check_country(entry.get("country"), where)
        _check_sector(entry.get("sector"), where)
        for s in entry.get("sectors") or []:
            _check_sector(s, where)
        if section == "people":
            _check_roles(entry, where)


def _plural(term: str) -> str:
    head, _, rest = term.partition(" of ")
    words = head.split()
    last = words[-1]
    if last.endswith(("s", "x", "ch", "sh")):
        last += "es"
    elif last.endswith("y") and last[-2:-1] not in "aeiou":
        last = last[:-1] + "ies"
    elif last.endswith("man"):
        last = last[:-3] + "men"
    else:
        last += "s"
    out = " ".join([*words[:-1], last])
    return f"{out} of {rest}" if rest else out


def _index(sections: dict[str, dict[str, dict[str, Any]]]) -> Knowledge:
    kb = Knowledge()
    for code, c in sections["countries"].items():
        kb.countries[code] = c
        for name in [c.get("name"), *(c.get("aliases") or [])]:
            if name:
                kb.country_by_name.setdefault(str(name).lower(), code)
        for dem in c.get("demonyms") or []:
            kb.country_by_demonym.setdefault(str(dem).lower(), code)
            kb.country_by_name.setdefault(str(dem).lower(), code)
        for seat in c.get("seats") or []:
            kb.seat_to_country.setdefault(str(seat).lower(), code)
    for term, role in sections["roles"].items():
        kb.role_by_term[term.lower()] = role
        kb.role_by_term.setdefault(str(role.get("plural") or _plural(term.lower())).lower(), role)
    for oid, org in sections["organizations"].items():
        kb.orgs[oid] = org
        for alias in [org.get("name"), *(org.get("aliases") or [])]:
            if alias:
                kb.org_by_alias[str(alias).lower()] = org
    for pid, person in sections["people"].items():
        kb.people[pid] = person
        for alias in [person.get("name"), *(person.get("aliases") or [])]:
            if alias:
                kb.people_by_alias.setdefault(str(alias).lower(), []).append(person)
    return kb


def load_knowledge(*extra: str | Path, learned: str | Path | None = None) -> Knowledge:
    """Our knowledge files, then each user file in ``extra`` (which may override), indexed;
    then, with the lowest priority, the learned actors in the file ``learned``.

    Cached per set of files: every stage of a process shares one copy.
    """
    flat: list[str | Path] = []
    for item in extra:  # also accepts one tuple of paths, as older callers pass
        flat.extend(item if isinstance(item, (tuple, list)) else [item])
    return _load_knowledge(tuple(str(p) for p in flat), str(learned) if learned else None)


load_knowledge.cache_clear = lambda: _load_knowledge.cache_clear()  # type: ignore[attr-defined]


@functools.lru_cache(maxsize=8)
def _load_knowledge(extra: tuple[str, ...], learned: str | None = None) -> Knowledge:
    sections: dict[str, dict[str, dict[str, Any]]] = {s: {} for s in SECTIONS}
    for name, path in _our_files():
        _merge(sections, _read_text(path, name), name, user=False)
    for user_file in extra:
        path = Path(user_file)
        _merge(sections, _read_text(path, str(path)), str(path), user=True)
    kb = _index(sections)
    if learned:
        path = Path(learned)
        _add_learned(kb, _read_text(path, str(path)), str(path))
    return kb


def taken_names(kb: Knowledge) -> set[str]:
    """Every lowercased name the knowledge already answers to: people and organisation
    aliases, country names and demonyms, seats of power, role terms."""
    return (set(kb.people_by_alias) | set(kb.org_by_alias) | set(kb.country_by_name)
            | set(kb.country_by_demonym) | set(kb.seat_to_country) | set(kb.role_by_term))


def _add_learned(kb: Knowledge, data: dict[str, Any], name: str) -> None:
    """Learned people and organisations, below everything already indexed: no id or alias
    of ours or of a user file is ever taken over."""
    taken = taken_names(kb)
    ids = set(kb.people) | set(kb.orgs)
    for section in ("organizations", "people"):
        entries = data.get(section) or []
        for i, entry in enumerate(entries if isinstance(entries, list) else [], 1):
            if not isinstance(entry, dict) or not entry.get("id") or entry["id"] in ids:
                continue
            try:
                _validate(entry, section, f"{name} {section} entry {i}")
            except KnowledgeError:
                continue  # generated data: a bad entry is skipped, it never stops an ingest
            aliases = []
            for alias in [entry.get("name"), *(entry.get("aliases") or [])]:
                low = str(alias or "").lower()
                if low and low not in taken and low not in aliases:
                    aliases.append(low)
            if not aliases:
                continue
            ids.add(entry["id"])
            taken.update(aliases)
            if section == "people":
                kb.people[entry["id"]] = entry
                roles = entry.get("roles") or [{}]
                # The parser tags only our names as people (nlp/ruler.py); a learned person's
                # full name it takes for an organisation is found there too, with the same codes
                # (not a surname: "Ag Tamaket" stays a person's).
                as_org = {"id": entry["id"], "name": entry.get("name"), "country": entry.get("country"),
                          "sector": roles[0].get("sector"), "sectors": [], "kind": "person"}
                full = str(entry.get("name") or "").lower()
                for low in aliases:
                    kb.people_by_alias[low] = [entry]
                    if " " in low and not full.endswith(f" {low}"):
                        kb.org_by_alias[low] = as_org
            else:
                kb.orgs[entry["id"]] = entry
                for low in aliases:
                    kb.org_by_alias[low] = entry

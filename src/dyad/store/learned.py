"""Actors learned from text (issue 4): names the knowledge base does not know, which an
article coded with a country and a sector on strong evidence, kept so that later
articles get the same codes and the canonical name.

**Evidence rule.** A stored event actor (``event_actors`` row) is an *observation* of
a name when

- it has no ``actor_id`` (the knowledge base did not know it), its ``kind`` is
  person, organization or group, and it carries a country or a sector;
- its ``name`` is a proper name: 2 to 8 words, no digits, no possessive, every word
  capitalised except connectors and name particles inside it ("Movement for the
  Salvation of Liptako", "Almahdi ag Tamaket", "al-Shabaab"); a person's leading
  titles are dropped first ("Governor Anyang' Nyong'o" -> "Anyang' Nyong'o");
- the name is not something the knowledge already answers to (a known person or
  organisation, a country, demonym, seat or role term) and is not made only of such
  words ("Kenya Union of Journalists": the coder reads those codes from the words);
- the mention text contains the name (not a pronoun or title resolved elsewhere).

An observation is *strong* when it carries both a country and a sector and the country
is corroborated in the article, independently of the name: the mention text names it
("Togolese Foreign Minister Robert Dussey"), or a place of the article lies in it, or
another actor's text names it ("Malian troops") — never a place or actor sharing a
word with the name ("Anyang", a Chinese city, inside "Anyang' Nyong'o"), and never an
actor that only took the article's focus country.

A name is **learned** when it has at least one strong observation and all its
observations agree (one country, one sector). Observations that disagree make it a
**conflict**: it is recorded with its evidence and never given to the coder. A name
with observations but no strong one stays a **candidate** (stored, not listed).

Each learned actor: ``id`` (``learned-`` + the normalised name), canonical ``name``
(the most frequent form in strong observations), ``aliases`` (the full names seen
and, for people, the surname (with its particle: "Ag Tamaket") when it has 4 letters
or more and no other learned or known actor answers to it), ``country``, ``sector``,
``first_seen``/``last_seen`` (publication dates), ``n_articles`` and its evidence rows.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import duckdb
import pyarrow as pa

from .rows import page_sql

__all__ = ["ID_PREFIX", "LEARNED", "CONFLICT", "CANDIDATE", "name_key", "learned_id", "proper_name",
           "surname_forms", "update", "knowledge", "records", "evidence", "describe"]

ID_PREFIX = "learned-"
LEARNED, CONFLICT, CANDIDATE = "learned", "conflict", "candidate"
_KINDS = ("person", "organization", "group")

#: lowercase particles that belong to personal and group names ("ag", "bin", "al-")
PARTICLES = frozenset({"ag", "al", "el", "bin", "ben", "ibn", "ould", "abu", "wa", "de", "da", "di", "du",
                       "del", "della", "dos", "das", "van", "von", "der", "den", "le", "la", "mac", "st"})
#: lowercase words allowed inside an organisation's name
_CONNECTORS = frozenset({"of", "the", "for", "and", "in", "on", "to", "et", "y", "des"})
_POSSESSIVE = re.compile(r"['’]s?$")
_ARTICLES = {"the", "a", "an"}
_MAX_EVIDENCE_SHOWN = 3


# -- names -------------------------------------------------------------------------------


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.replace("’", "'"))
    return "".join(c for c in text if not unicodedata.combining(c)).lower()


def _words(text: str) -> list[str]:
    """Lowercased, accent-folded words without punctuation, articles or a possessive 's."""
    folded = re.sub(r"'s\b", " ", _fold(text))
    return [w for w in re.sub(r"[^\w]+", " ", folded).split() if w not in _ARTICLES]


def name_key(name: str) -> str:
    """The normalised name learned actors are keyed by ("The Movement..." = "movement ...")."""
    return " ".join(_words(name))


def learned_id(name: str) -> str:
    """The stable id of the learned actor called ``name``."""
    return ID_PREFIX + name_key(name).replace(" ", "-")


def _capitalised(word: str) -> bool:
    return word[:1].isupper()


def proper_name(name: str) -> bool:
    """2-8 words, each capitalised but for connectors and particles inside the name; no
    digits, no possessive, no punctuation around words."""
    words = name.split()
    if not 2 <= len(words) <= 8 or any(c.isdigit() for c in name):
        return False
    caps = 0
    for i, word in enumerate(words):
        if not word[:1].isalpha() or not (word[-1].isalpha() or word[-1] in "'’."):
            return False
        if re.search(r"['’]s$", word) or any(c in word for c in ",;:()\"[]/"):
            return False
        inner = 0 < i < len(words) - 1
        if _capitalised(word):
            caps += 1
        elif "-" in word and word.split("-", 1)[0] in PARTICLES and _capitalised(word.split("-", 1)[1]):
            caps += 1  # al-Shabaab
        elif not (inner and (word in _CONNECTORS or word in PARTICLES)):
            return False
    return caps >= 2


def _strip_titles(name: str, roles: Any) -> str:
    """A person's name without leading titles that are role terms ("Governor", "Foreign Minister")."""
    words = name.split()
    changed = True
    while changed:
        changed = False
        for n in (3, 2, 1):
            if len(words) - n >= 2 and " ".join(words[:n]).lower() in roles:
                words = words[n:]
                changed = True
                break
    return " ".join(words)


def surname_forms(name: str) -> list[str]:
    """Short forms of a person's name: the surname with its particle ("Ag Tamaket") and the
    last word alone ("Tamaket"), each only when it has 4 letters or more."""
    words = name.split()
    if len(words) < 2:
        return []
    out = []
    last = words[-1]
    if len(words) >= 3 and words[-2].lower() in PARTICLES:
        out.append(f"{words[-2]} {last}")
    if sum(c.isalpha() for c in last) >= 4:
        out.append(last)
    return out


# -- the knowledge the rule compares against -------------------------------------------------


@dataclass(slots=True)
class _Known:
    """What the knowledge base already answers to, lowercased."""

    taken: set[str]
    surnames: set[str]
    roles: Any
    countries: dict[str, str]


def _known() -> _Known:
    from .. import settings
    from ..resolve.actors.knowledge import load_knowledge, taken_names

    extra = settings.get("actors")
    kb = load_knowledge(*([extra] if extra else []))
    surnames: set[str] = set()
    for person in kb.people.values():
        surnames.update(s.lower() for s in surname_forms(str(person.get("name") or "")))
    countries = dict(kb.country_by_name)
    for seat, code in kb.seat_to_country.items():
        countries.setdefault(seat, code)
    return _Known(taken_names(kb), surnames, kb.role_by_term, countries)


def _descriptive(name: str, known: _Known) -> bool:
    """Only country words and role nouns ("Kenya Union of Journalists", "Nigerien Security
    Forces"): the coder reads those codes from the words themselves."""
    words = [w for w in name.split() if w.lower() not in _CONNECTORS]
    return all(_fold(w) in known.countries or _fold(w) in known.roles for w in words)


def _names_country(text: str, country: str, known: _Known) -> bool:
    """The text names ``country`` (a country name, demonym or seat, up to 3 words)."""
    words = [w for w in re.sub(r"[^\w'-]+", " ", re.sub(r"['’]s\b", " ", text)).split()]
    lowered = [w.lower() for w in words]
    for n in (3, 2, 1):
        for i in range(len(lowered) - n + 1):
            if known.countries.get(" ".join(lowered[i:i + n])) == country:
                return True
    return False


# -- observations -----------------------------------------------------------------------------


@dataclass(slots=True)
class Observation:
    """One stored event actor that names an unknown actor with codes."""

    actor_id: str
    article_id: str
    text: str | None
    name: str
    country: str | None
    sector: str | None
    kind: str | None
    start: int | None
    end: int | None
    strong: bool
    seen: dt.date | None

    def row(self) -> dict[str, Any]:
        return {"actor_id": self.actor_id, "article_id": self.article_id, "text": self.text, "name": self.name,
                "country": self.country, "sector": self.sector, "kind": self.kind, "start": self.start,
                "end": self.end, "strong": self.strong, "seen": self.seen}


_EVIDENCE_SCHEMA = pa.schema([
    ("actor_id", pa.string()), ("article_id", pa.string()), ("text", pa.string()), ("name", pa.string()),
    ("country", pa.string()), ("sector", pa.string()), ("kind", pa.string()), ("start", pa.int32()),
    ("end", pa.int32()), ("strong", pa.bool_()), ("seen", pa.date32()),
])
_ACTOR_SCHEMA = pa.schema([
    ("id", pa.string()), ("name", pa.string()), ("name_key", pa.string()), ("status", pa.string()),
    ("kind", pa.string()), ("country", pa.string()), ("sector", pa.string()), ("aliases", pa.list_(pa.string())),
    ("n_articles", pa.int32()), ("first_seen", pa.date32()), ("last_seen", pa.date32()),
    ("updated_at", pa.timestamp("us")),
])


def _in_articles(article_ids: Sequence[str] | None, column: str = "article_id") -> tuple[str, list[Any]]:
    if article_ids is None:
        return "", []
    return f" AND {column} IN (SELECT unnest(?::VARCHAR[]))", [list(article_ids)]


def _observations(con: duckdb.DuckDBPyConnection, article_ids: Sequence[str] | None,
                  known: _Known) -> list[Observation]:
    only, params = _in_articles(article_ids, "x.article_id")
    rows = con.execute(
        "SELECT x.article_id, x.text, x.name, x.country, x.sector, x.kind, x.start, x.\"end\", "
        "coalesce(a.published, CAST(a.ingested_at AS DATE)) "
        "FROM event_actors x JOIN articles a ON a.id = x.article_id "
        "WHERE x.actor_id IS NULL AND x.name IS NOT NULL AND x.kind IN (SELECT unnest(?::VARCHAR[])) "
        f"AND (x.country IS NOT NULL OR x.sector IS NOT NULL){only} "
        "ORDER BY a.seq, x.start", [list(_KINDS), *params]).fetchall()
    if not rows:
        return []
    context = _article_countries(con, article_ids, known)
    out: list[Observation] = []
    seen: set[tuple[Any, ...]] = set()
    for article_id, text, raw, country, sector, kind, start, end, day in rows:
        name = _strip_titles(raw.strip(), known.roles) if kind == "person" else raw.strip()
        if not proper_name(name):
            continue
        low = name.lower()
        if low in known.taken or f"the {low}" in known.taken or _descriptive(name, known):
            continue
        key = name_key(name)
        if not key or f" {key} " not in f" {name_key(text or '')} ":
            continue  # a pronoun or a title resolved through another mention
        mark = (key, article_id, start, end)
        if mark in seen:  # the same mention as actor of several events
            continue
        seen.add(mark)
        strong = bool(country and sector) and (
            _names_country(text or "", country, known)
            or any(words and not (words & set(key.split())) for words in context.get((article_id, country), ())))
        out.append(Observation(learned_id(name), article_id, text, raw.strip(), country, sector, kind,
                               start, end, strong, day))
    return out


def _article_countries(con: duckdb.DuckDBPyConnection, article_ids: Sequence[str] | None,
                       known: _Known) -> dict[tuple[str, str], set[frozenset[str]]]:
    """(article, country) -> the words of each place of the article in that country and of
    each actor or actor mention whose own text names it ("Kenyan police"). Actors coded
    with a country from the article's focus are not counted: they may only echo the
    mention under test. Only an item sharing no word with a name corroborates it:
    "Anyang", a place inside "Anyang' Nyong'o", proves nothing about him."""
    only, params = _in_articles(article_ids)
    rows = con.execute(
        f"SELECT article_id, country, text, name, false FROM places WHERE country IS NOT NULL{only} "
        f"UNION ALL SELECT article_id, country, text, name, true FROM event_actors WHERE country IS NOT NULL{only} "
        f"UNION ALL SELECT article_id, country, text, name, true FROM actor_mentions WHERE country IS NOT NULL{only}",
        params * 3).fetchall()
    out: dict[tuple[str, str], set[frozenset[str]]] = defaultdict(set)
    for article_id, country, text, name, actor in rows:
        if actor and not _names_country(text or "", country, known):
            continue
        out[(article_id, country)].add(frozenset(_words(f"{text or ''} {name or ''}")))
    return out


# -- status -------------------------------------------------------------------------------------


def _mode(values: Iterable[Any]) -> Any:
    counts = Counter(v for v in values if v is not None)
    if not counts:
        return None
    best = max(counts.values())
    return next(v for v in counts if counts[v] == best)  # ties: the first seen


def _summarise(actor_id: str, obs: list[Observation], known: _Known, now: dt.datetime) -> dict[str, Any]:
    countries = {o.country for o in obs if o.country}
    sectors = {o.sector for o in obs if o.sector}
    strong = [o for o in obs if o.strong]
    if len(countries) > 1 or len(sectors) > 1:
        status, basis = CONFLICT, obs
    elif strong:
        status, basis = LEARNED, strong
    else:
        status, basis = CANDIDATE, obs
    names = [_strip_titles(o.name, known.roles) if o.kind == "person" else o.name for o in basis]
    kinds = [o.kind for o in basis]
    kind = "person" if kinds.count("person") * 2 >= len(kinds) else _mode(kinds)
    days = [o.seen for o in basis if o.seen is not None]
    name = _mode(names)
    return {
        "id": actor_id, "name": name, "name_key": name_key(name), "status": status, "kind": kind,
        "country": next(iter(countries)) if status == LEARNED else None,
        "sector": next(iter(sectors)) if status == LEARNED else None,
        "aliases": [name], "n_articles": len({o.article_id for o in basis}),
        "first_seen": min(days) if days else None, "last_seen": max(days) if days else None,
        "updated_at": now,
    }


def _stored_observations(con: duckdb.DuckDBPyConnection, ids: list[str]) -> list[Observation]:
    rows = con.execute(
        "SELECT actor_id, article_id, text, name, country, sector, kind, start, \"end\", strong, seen "
        "FROM learned_actor_evidence WHERE actor_id IN (SELECT unnest(?::VARCHAR[]))", [ids]).fetchall()
    return [Observation(*row) for row in rows]


def _append(con: duckdb.DuckDBPyConnection, table: str, schema: pa.Schema, rows: list[dict[str, Any]]) -> None:
    if not rows:
        return
    data = pa.Table.from_pydict({n: [r[n] for r in rows] for n in schema.names}, schema=schema)
    cols = ", ".join(f'"{n}"' for n in schema.names)
    con.register("_dyad_learned", data)
    try:
        con.execute(f"INSERT INTO {table} ({cols}) SELECT {cols} FROM _dyad_learned")
    finally:
        con.unregister("_dyad_learned")


def update(con: duckdb.DuckDBPyConnection, article_ids: Sequence[str] | None) -> int:
    """Learn from the stored event actors of ``article_ids`` (None: every stored article);
    returns how many names were touched. Runs inside the caller's transaction."""
    if article_ids is not None and not article_ids:
        return 0
    known = _known()
    fresh = _observations(con, article_ids, known)
    if not fresh:
        return 0
    by_id: dict[str, list[Observation]] = defaultdict(list)
    ids = sorted({o.actor_id for o in fresh})
    for o in _stored_observations(con, ids):
        by_id[o.actor_id].append(o)
    for o in fresh:
        if not any(s.article_id == o.article_id and s.start == o.start and s.end == o.end
                   for s in by_id[o.actor_id]):
            by_id[o.actor_id].append(o)
    now = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
    actors = [_summarise(i, by_id[i], known, now) for i in ids]
    con.execute("DELETE FROM learned_actor_evidence WHERE actor_id IN (SELECT unnest(?::VARCHAR[]))", [ids])
    con.execute("DELETE FROM learned_actors WHERE id IN (SELECT unnest(?::VARCHAR[]))", [ids])
    _append(con, "learned_actors", _ACTOR_SCHEMA, actors)
    _append(con, "learned_actor_evidence", _EVIDENCE_SCHEMA, [o.row() for i in ids for o in by_id[i]])
    _refresh_aliases(con, known)
    return len(ids)


def _refresh_aliases(con: duckdb.DuckDBPyConnection, known: _Known) -> None:
    """Every learned actor's aliases, recomputed: a short form two actors could answer to
    belongs to neither."""
    rows = con.execute(
        "SELECT l.id, l.name, l.kind, l.aliases, list(DISTINCT e.name ORDER BY e.name) FILTER (WHERE e.strong) "
        "FROM learned_actors l LEFT JOIN learned_actor_evidence e ON e.actor_id = l.id "
        "WHERE l.status = ? GROUP BY ALL ORDER BY l.id", [LEARNED]).fetchall()
    proposals: dict[str, list[str]] = {}
    claims: dict[str, set[str]] = defaultdict(set)
    for actor_id, name, kind, _, forms in rows:
        props = [name, *(f for f in forms or [] if f != name)]
        shorts = surname_forms(name) if kind == "person" else []
        proposals[actor_id] = props + [s for s in shorts if s not in props]
        for p in proposals[actor_id]:
            claims[p.lower()].add(actor_id)
    changed = []
    for actor_id, name, kind, old, _ in rows:
        keep = [name]
        for p in proposals[actor_id][1:]:
            low = p.lower()
            if low in known.taken or low in known.surnames or len(claims[low]) > 1:
                continue
            if p not in keep:
                keep.append(p)
        if list(old or []) != keep:
            changed.append((keep, actor_id))
    for aliases, actor_id in changed:
        con.execute("UPDATE learned_actors SET aliases = ? WHERE id = ?", [aliases, actor_id])


# -- reading -------------------------------------------------------------------------------------


def knowledge(con: duckdb.DuckDBPyConnection) -> dict[str, list[dict[str, Any]]]:
    """The learned actors as a knowledge file (``people`` and ``organizations``), for the coder."""
    rows = con.execute("SELECT id, name, kind, country, sector, aliases FROM learned_actors "
                       "WHERE status = ? ORDER BY id", [LEARNED]).fetchall()
    people, orgs = [], []
    for actor_id, name, kind, country, sector, aliases in rows:
        others = [a for a in aliases or [] if a != name]
        if kind == "person":
            people.append({"id": actor_id, "name": name, "aliases": others, "country": country,
                           "roles": [{"title": "learned from text", "sector": sector, "start": None, "end": None}]})
        else:
            orgs.append({"id": actor_id, "name": name, "aliases": others, "country": country, "sector": sector,
                         "sectors": [], "kind": "organization"})
    return {"people": people, "organizations": orgs}


def evidence(con: duckdb.DuckDBPyConnection, ids: Sequence[str]) -> dict[str, list[dict[str, Any]]]:
    """Evidence rows of these learned actors, in the order they were seen."""
    if not ids:
        return {}
    rows = con.execute(
        "SELECT v.actor_id, v.article_id, v.text, v.name, v.country, v.sector, v.kind, v.strong, v.seen "
        "FROM learned_actor_evidence v LEFT JOIN articles a ON a.id = v.article_id "
        "WHERE v.actor_id IN (SELECT unnest(?::VARCHAR[])) ORDER BY a.seq, v.start", [list(ids)]).fetchall()
    out: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for actor_id, article_id, text, name, country, sector, kind, strong, seen in rows:
        out[actor_id].append({"article_id": article_id, "text": text, "name": name, "country": country,
                              "sector": sector, "kind": kind, "strong": strong,
                              "seen": seen.isoformat() if seen else None})
    return dict(out)


def _codes(row: dict[str, Any]) -> str:
    return f"({row.get('country') or '-'}, {row.get('sector') or '-'})"


def describe(actor: dict[str, Any], rows: list[dict[str, Any]]) -> str:
    """Why a learned actor is what it is, in one line."""
    def item(r: dict[str, Any]) -> str:
        return f"{r['article_id']} '{r['text']}' {_codes(r)}"

    if actor["status"] == LEARNED:
        strong = [r for r in rows if r["strong"]]
        n = len({r["article_id"] for r in strong})
        shown = "; ".join(item(r) for r in strong[:_MAX_EVIDENCE_SHOWN])
        more = f"; and {len(strong) - _MAX_EVIDENCE_SHOWN} more" if len(strong) > _MAX_EVIDENCE_SHOWN else ""
        return f"learned from {n} article{'s' if n != 1 else ''}: {shown}{more}"
    by_codes: dict[str, dict[str, Any]] = {}
    for r in rows:
        by_codes.setdefault(_codes(r), r)
    seen = "; ".join(f"{codes} in {item(r)}" for codes, r in by_codes.items())
    if actor["status"] == CONFLICT:
        return f"not learned: seen with conflicting codes: {seen}"
    return f"not learned: no strong evidence yet: {seen}"


def records(con: duckdb.DuckDBPyConnection, *, query: str | None = None, country: str | None = None,
            sectors: Sequence[str] | None = None, statuses: Sequence[str] = (LEARNED, CONFLICT),
            limit: int | None = None, offset: int = 0) -> list[dict[str, Any]]:
    """Learned actors (and conflicts) with their evidence and a ``why``, most seen first."""
    conds, params = ["status IN (SELECT unnest(?::VARCHAR[]))"], [list(statuses)]
    if query:
        conds.append("(strpos(lower(name), lower(?)) > 0 OR "
                     "strpos(lower(array_to_string(aliases, ' | ')), lower(?)) > 0 OR "
                     "id IN (SELECT actor_id FROM learned_actor_evidence WHERE strpos(lower(name), lower(?)) > 0))")
        params += [query, query, query]
    if country:
        conds.append("country = ?")
        params.append(country.upper())
    if sectors:
        conds.append("sector IN (SELECT unnest(?::VARCHAR[]))")
        params.append([s.upper() for s in sectors])
    sql = ("SELECT id, name, status, kind, country, sector, aliases, n_articles, first_seen, last_seen "
           f"FROM learned_actors WHERE {' AND '.join(conds)} ORDER BY status DESC, n_articles DESC, name")
    page, page_params = page_sql(limit, offset)
    sql += page
    params += page_params
    keys = ("id", "name", "status", "kind", "country", "sector", "aliases", "n_articles", "first_seen", "last_seen")
    out = []
    for row in con.execute(sql, params).fetchall():
        rec = dict(zip(keys, row))
        rec["aliases"] = list(rec["aliases"] or [])
        for k in ("first_seen", "last_seen"):
            rec[k] = rec[k].isoformat() if rec[k] else None
        out.append(rec)
    rows = evidence(con, [r["id"] for r in out])
    for rec in out:
        rec["evidence"] = rows.get(rec["id"], [])
        rec["why"] = describe(rec, rec["evidence"])
    return out

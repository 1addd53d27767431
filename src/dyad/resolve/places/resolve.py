"""Choosing among same-name places, with what the article says around them.

Each reading gets a prior (kind of place, size, main or alternate name) plus
context: the place that contains it ("Alexandria, La.", "Baghdad's Karrada"),
the countries and first-level divisions the article is about, and nearness to
the article's other places. A name read once keeps that reading for the rest of
the article. Within a segment the choices are made jointly: every mention is
re-chosen against the current choices of the others, a few rounds.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field

from .gazetteer import Candidate, Gazetteer
from .recognize import Mention

__all__ = ["ArticleState", "prior", "resolve_segment", "MAX_CANDIDATES"]

#: readings considered per mention (largest first): enough for "Springfield"
MAX_CANDIDATES = 40
#: national capitals are named far more often than their namesakes ("Washington")
CAPITAL_BONUS = 2.0
#: a country name means the country unless the article points elsewhere ("Georgia", "Lebanon")
COUNTRY_PRIOR = 8.5
_ROUNDS = 3
_MAX_POINTS = 50
_POINT_FEATURES = frozenset({"city", "admin2", "district", "neighbourhood", "facility"})
_WIDE = frozenset({"country", "continent", "region"})
_ANCHOR_POINTS = frozenset({"city", "admin2", "district", "neighbourhood", "facility"})
_ANCHOR_DIVISIONS = frozenset({"admin1"})


def prior(c: Candidate) -> float:
    """How likely a reading is before context: kind of place, then size (log10 people)."""
    f = c.feature
    size = math.log10(c.population + 1)
    if f == "continent":
        return 10.0
    if f == "country":
        return COUNTRY_PRIOR + 0.1 * size
    if f == "admin1":
        score = size + 0.5
    elif f == "admin2":
        score = size - 1.0
    elif f == "city":
        score = size
    elif c.population == 0:  # curated supplement entry: a specific, newsworthy place
        score = 6.0
    else:
        score = size
    if not c.main and f == "city":
        score -= 1.5  # an exonym or old name of a town: weaker evidence than its name
    return score + (CAPITAL_BONUS if c.capital and c.main else 0.0)


@dataclass(slots=True)
class ArticleState:
    """What the article has settled so far."""

    memo: dict[str, Candidate] = field(default_factory=dict)
    countries: Counter = field(default_factory=Counter)
    admin1: Counter = field(default_factory=Counter)
    admin2: Counter = field(default_factory=Counter)
    points: list[tuple[float, float]] = field(default_factory=list)
    #: entry id -> [weight of its scene mentions, order first seen, reading]: the article's main place
    scenes: dict[int, list] = field(default_factory=dict)

    def remember(self, key: str, c: Candidate) -> None:
        self.memo.setdefault(key, c)
        self.note(c)

    def note(self, c: Candidate) -> None:
        if c.country:
            self.countries[c.country] += 1
        if c.admin1_id >= 0:
            self.admin1[c.admin1_id] += 1
        if c.admin2_id >= 0:
            self.admin2[c.admin2_id] += 1
        if c.feature in _POINT_FEATURES and not c.coarse and (c.lat, c.lon) not in self.points:
            self.points.append((c.lat, c.lon))
            del self.points[:-_MAX_POINTS]  # distance checks stay cheap in long articles

    @property
    def focus(self) -> str | None:
        """The country the article is most about (None before any place)."""
        return self.countries.most_common(1)[0][0] if self.countries else None

    def scene(self, c: Candidate, weight: float = 1.0) -> None:
        """Count a mention of ``c`` as a possible scene (not an actor's name)."""
        cur = self.scenes.get(c.id)
        if cur is None:
            self.scenes[c.id] = [weight, len(self.scenes), c]
        else:
            cur[0] += weight

    def anchor(self) -> Candidate | None:
        """The article's main specific place so far: the town, district or site it names most
        often (in its focus country when it has one), else its most named first-level division.
        Events whose sentences name no place are likelier there than anywhere else in the country."""
        focus = self.focus
        for points in (True, False):
            pool = [v for v in self.scenes.values()
                    if (v[2].feature in _ANCHOR_POINTS and not v[2].coarse) == points
                    and (points or v[2].feature in _ANCHOR_DIVISIONS or v[2].coarse)]
            if pool:
                return max(pool, key=lambda v: (v[0] + (0.5 if v[2].country == focus else 0.0), -v[1]))[2]
        return None


@dataclass(slots=True)
class _Context:
    """Counts over the article so far and the segment's other current choices."""

    countries: Counter
    admin1: Counter
    admin2: Counter
    points: list[tuple[float, float]]
    n_countries: int
    n_admin1: int


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    # equirectangular: plenty for "is it within a few hundred km", and cheap
    x = math.radians(lon2 - lon1) * math.cos(math.radians((lat1 + lat2) / 2))
    y = math.radians(lat2 - lat1)
    return 6371.0 * math.hypot(x, y)


def _near(c: Candidate, points: list[tuple[float, float]]) -> float:
    if not points or c.feature in _WIDE or c.feature == "admin1" or c.coarse:
        return 0.0
    # the reading's own point (another name of the same place in the segment) is no support
    d = min((_km(c.lat, c.lon, la, lo) for la, lo in points if (la, lo) != (c.lat, c.lon)), default=1e9)
    if d < 30:
        return 2.0
    if d < 100:
        return 1.5
    if d < 250:
        return 0.8
    if d < 600:
        return 0.3
    return 0.0


def _inside(c: Candidate, y: Candidate) -> bool:
    """Does place ``y`` contain reading ``c``?"""
    if c.id == y.id:
        return False
    if y.feature == "country":
        return c.country == y.country and c.feature != "country"
    if y.feature == "admin1":
        return c.admin1_id == y.id and c.feature != "admin1"
    if y.feature == "admin2":
        return c.admin2_id == y.id
    if c.parent_id == y.id:
        return True
    return y.feature in ("city", "region") and c.feature in ("district", "neighbourhood", "facility") \
        and _km(c.lat, c.lon, y.lat, y.lon) < 40


def _score(c: Candidate, m: Mention, ctx: _Context, container: Candidate | None,
           contained: list[list[Candidate]], neighbours: dict[str, tuple[str, ...]]) -> float:
    s = prior(c)
    if c.country and ctx.n_countries:
        share = ctx.countries[c.country] / ctx.n_countries
        s += 3.0 * share
        if share == 0 and any(ctx.countries[n] for n in neighbours.get(c.country, ())):
            s += 0.5
    if c.admin1_id >= 0 and ctx.n_admin1 and c.feature != "country":
        s += 2.5 * ctx.admin1[c.admin1_id] / ctx.n_admin1
    if c.admin2_id >= 0 and ctx.admin2[c.admin2_id]:
        s += 1.5
    s += _near(c, ctx.points)
    if container is not None:
        s += 8.0 if _inside(c, container) else -2.0
    for readings in contained:  # this mention is the "Y" of "X, Y": prefer a Y that holds some X
        if any(_inside(x, c) for x in readings):
            s += 4.0
            break
    return s


def _top(cands: list[Candidate]) -> list[Candidate]:
    if len(cands) <= MAX_CANDIDATES:
        return cands
    return sorted(cands, key=prior, reverse=True)[:MAX_CANDIDATES]


def _prefer_town(best: Candidate, cands: list[Candidate], m: Mention) -> Candidate:
    """'Tehran', 'Paris', 'Gaza': a division named after its main town means the town,
    unless the text says it is the division ("Tehran province")."""
    if best.feature not in ("admin1", "admin2") or m.key.split()[-1] in ("province", "governorate", "county",
                                                                          "district", "state", "region"):
        return best
    towns = [c for c in cands if c.feature == "city" and c.main and _inside(c, best)]
    return max(towns, key=lambda c: c.population) if towns else best


def _country_over_town(best: Candidate, cands: list[Candidate]) -> Candidate:
    """'Mexico', 'Kuwait': a country's own name beats a town of that country
    reached through an alternate name (Mexico City is also called "Mexico")."""
    if best.feature != "city" or best.main:
        return best
    return next((c for c in cands if c.feature == "country" and c.country == best.country), best)


def _context(state: ArticleState, others: list[Candidate]) -> _Context:
    countries = state.countries.copy()
    admin1 = state.admin1.copy()
    admin2 = state.admin2.copy()
    points = list(state.points)
    for c in others:
        if c.country:
            countries[c.country] += 1
        if c.admin1_id >= 0:
            admin1[c.admin1_id] += 1
        if c.admin2_id >= 0:
            admin2[c.admin2_id] += 1
        if c.feature in _POINT_FEATURES and not c.coarse:
            points.append((c.lat, c.lon))
    return _Context(countries, admin1, admin2, points, sum(countries.values()), sum(admin1.values()))


def resolve_segment(mentions: list[Mention], state: ArticleState, gaz: Gazetteer) -> list[Candidate | None]:
    """One reading per mention (None when it has none); updates ``state``.

    Mentions of the same name without a containment cue share one reading, and
    are not context for each other (three "Gainesville"s are one clue, not three).
    """
    cands = [_top(m.cands) for m in mentions]
    group = [m.key if m.container is None else f"{m.key}#{n}" for n, m in enumerate(mentions)]
    choice: list[Candidate | None] = [max(cs, key=prior) if cs else None for cs in cands]
    fixed = [False] * len(mentions)
    for n, m in enumerate(mentions):
        seen = state.memo.get(m.key)
        if seen is not None and m.container is None and any(c.id == seen.id for c in cands[n]):
            choice[n], fixed[n] = seen, True
        elif seen is None and m.container is None:
            short = _short_form(m.key, state, [(o.key, cands[k]) for k, o in enumerate(mentions) if k != n])
            if short is not None:  # "Scarborough" after "Scarborough Shoal"
                choice[n], fixed[n] = short, True
    contained: list[list[list[Candidate]]] = [[] for _ in mentions]
    for n, m in enumerate(mentions):
        if m.container is not None:
            contained[m.container].append(cands[n])
    neighbours = gaz.index.neighbours
    for _ in range(_ROUNDS):
        changed = False
        done: dict[str, Candidate] = {}
        for n, m in enumerate(mentions):
            if fixed[n] or not cands[n]:
                continue
            if group[n] in done:
                best = done[group[n]]
            else:
                others = _others(choice, group, n)
                ctx = _context(state, others)
                container = choice[m.container] if m.container is not None else None
                best = max(cands[n], key=lambda c: _score(c, m, ctx, container, contained[n], neighbours))
                best = _country_over_town(_prefer_town(best, cands[n], m), cands[n])
                done[group[n]] = best
            if choice[n] is None or best.id != choice[n].id:
                choice[n], changed = best, True
        if not changed:
            break
    for m, c in zip(mentions, choice):
        if c is not None:
            state.remember(m.key, c)
    return choice


_CURATED = frozenset({"facility", "neighbourhood", "district", "region"})


def _short_form(key: str, state: ArticleState, segment: list[tuple[str, list[Candidate]]] = ()) -> Candidate | None:
    """The curated place a longer name of the article reads ("Scarborough Shoal", "BRP
    Sierra Madre") when this name is its first or last words ("off Scarborough")."""
    if len(key) < 4:
        return None
    pairs = [(k, c) for k, c in state.memo.items()] + [(k, c) for k, cs in segment for c in cs]
    found = {c.id: c for k, c in pairs
             if c.geonameid is None and c.feature in _CURATED and (k.startswith(key + " ") or k.endswith(" " + key))}
    return next(iter(found.values())) if len(found) == 1 else None


def _others(choice: list[Candidate | None], group: list[str], n: int) -> list[Candidate]:
    """Current readings of the other names in the segment (each name once)."""
    seen = {group[n]}
    out = []
    for k, c in enumerate(choice):
        if c is not None and group[k] not in seen:
            seen.add(group[k])
            out.append(c)
    return out

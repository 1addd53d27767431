"""Across articles: attach each event to the cluster of its real-world happening.

An article's mentions of one happening are grouped first
(:func:`dyad.dedup.within.group_article`: "stormed ... the raid ... Sunday's
attack"), and each group is matched as one, with the actors, date, place,
trigger words and CAMEO kinds of all its mentions: a vague mention ("the raid")
joins its happening through its richer article-mates.

Online and incremental: each new group is compared only with the clusters an
**index** returns for its blocking keys (type family, reality class, 7-day date
buckets its date window touches), never with every cluster. It joins the
compatible candidate with the most evidence, else it founds a new cluster whose
id is derived from that first event (deterministic, stable once stored).
Adding an article only touches the clusters its events join (:attr:`Clusterer.touched`).

A cluster is described by its *representative* fields: the date window, place
and actors of its richest member (stated, finest date; finest place; most
resolved actors), chosen by a total order so that the representative does not
depend on the order mentions arrive in.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..model import Event, Location, stable_id
from .compat import (
    FIRM_PLACE_SOURCES,
    DateWindow,
    actor_key,
    date_window,
    dates_compatible,
    family,
    kind,
    kinds_evidence,
    place_rank,
    places_compatible,
    richness,
    side_evidence,
    status_class,
    stem,
)

__all__ = ["Cluster", "Clusterer", "cluster_results", "one_a_day_key", "one_a_day_record_key", "one_a_day",
           "BUCKET_DAYS", "MIN_EVIDENCE"]

#: Merge clusters that one incoming group matches and that match each other (see Clusterer._bridge).
BRIDGE = True

#: Width of a date bucket of the blocking index.
BUCKET_DAYS = 7

#: Positive evidence a group of mentions needs to join a cluster (shared actor or
#: recipient, the same CAMEO kind, two stated dates, two nearby towns, a shared trigger
#: word: three of them). 3 measured best on the first demo storyline (B-cubed over
#: found mentions 0.746; 2: 0.70, 4: 0.70).
MIN_EVIDENCE = 3

ActorKey = tuple[str | None, str | None, str | None]


def _bucket(day: dt.date) -> int:
    return day.toordinal() // BUCKET_DAYS


def _buckets(w: DateWindow) -> list[int | None]:
    if w.lo is None or w.hi is None:
        return [None]  # undated: only ever compared with other undated clusters
    return list(range(_bucket(w.lo), _bucket(w.hi) + 1))


@dataclass(slots=True)
class Cluster:
    """One real-world happening and the mentions gathered so far."""

    id: str
    family: str
    reality: str
    rep_event_id: str
    #: richness of the representative (see compat.richness) and its id, as a total order
    rep_rank: tuple[Any, ...]
    window: DateWindow
    location: Location | None
    actors: list[ActorKey]
    recipients: list[ActorKey]
    #: stems of the trigger words seen ("attack", "raid")
    triggers: set[str] = field(default_factory=set)
    #: CAMEO base codes of the mentions (see compat.kind)
    kinds: set[str] = field(default_factory=set)
    n_mentions: int = 0
    articles: set[str] = field(default_factory=set)
    sources: set[str] = field(default_factory=set)
    first_seen: dt.date | None = None
    last_seen: dt.date | None = None
    #: creation order (ingest sequence of the founding article, then position)
    seq: int = 0

    @property
    def n_articles(self) -> int:
        return len(self.articles)

    @property
    def n_sources(self) -> int:
        return len(self.sources)


def _rank(event: Event) -> tuple[Any, ...]:
    # Highest wins; the id breaks ties so the choice is the same whatever the order.
    return (*richness(event), event.id)


def _window_rank(w: DateWindow) -> tuple[int, int]:
    from .compat import _DATE_RANK

    return int(w.dated), _DATE_RANK.get(w.precision or "", 0)


class Clusterer:
    """Online clustering of events through a blocking index.

    ``Clusterer(existing)`` resumes from stored clusters (only those that may
    match the incoming batch need to be given).
    """

    def __init__(self, clusters: Iterable[Cluster] = ()) -> None:
        self.clusters: dict[str, Cluster] = {}
        self.index: dict[tuple[str, str, int | None], set[str]] = defaultdict(set)
        self.touched: set[str] = set()
        #: clusters merged into another (old id -> surviving id), see _bridge
        self.merged: dict[str, str] = {}
        self.comparisons = 0
        for c in clusters:
            self._register(c)

    # -- index -----------------------------------------------------------------

    def _register(self, c: Cluster) -> None:
        self.clusters[c.id] = c
        for b in _buckets(c.window):
            self.index[(c.family, c.reality, b)].add(c.id)

    def candidates(self, fam: str, reality: str, window: DateWindow) -> list[Cluster]:
        ids: set[str] = set()
        for b in _buckets(window):
            ids |= self.index.get((fam, reality, b), set())
        # a merged-away cluster may linger under buckets it once had: skipped here
        return [self.clusters[i] for i in sorted(ids) if i in self.clusters]

    # -- matching --------------------------------------------------------------

    def evidence(self, c: Cluster, window: DateWindow, location: Location | None,
                 actors: Sequence[ActorKey], recipients: Sequence[ActorKey],
                 trigger: str | Iterable[str] = "", kinds: Iterable[str] = ()) -> float | None:
        """None if incompatible; else evidence that the mentions belong to ``c``."""
        self.comparisons += 1
        k = kinds_evidence(c.family, c.kinds, set(kinds))
        if k is None:
            return None
        if not dates_compatible(c.window, window):
            return None
        if not places_compatible(c.location, location):
            return None
        a, r = side_evidence(c.actors, actors), side_evidence(c.recipients, recipients)
        if a is None or r is None:
            return None
        stems = {trigger} if isinstance(trigger, str) else set(trigger)
        score = a + r + k + int(c.window.dated and window.dated) + int(bool(stems & c.triggers))
        if place_rank(c.location) >= 3 and place_rank(location) >= 3:
            score += 1  # two towns within PLACE_KM of each other
        # A well-attested happening is the likelier referent of a vague mention.
        return score + 0.1 * math.log1p(c.n_mentions)

    def add(self, event: Event, *, published: dt.date | None = None, source: str | None = None,
            seq: int = 0) -> Cluster:
        """Attach ``event`` on its own to its cluster (found or founded) and return it."""
        return self.add_group([event], published=published, source=source, seq=seq)

    def add_article(self, events: Sequence[Event], *, published: dt.date | None = None,
                    source: str | None = None, seq: int = 0) -> dict[str, Cluster]:
        """Cluster one article's events: its mentions of one happening are grouped
        first (:func:`dyad.dedup.within.group_article`) and each group is matched with
        the evidence of all its mentions. Returns event id -> cluster."""
        from .within import group_article

        pos = {ev.id: i for i, ev in enumerate(events)}
        out: dict[str, Cluster] = {}
        for group in group_article(events):
            c = self.add_group(group, published=published, source=source, seq=seq + pos[group[0].id])
            out.update((ev.id, c) for ev in group)
        return out

    def add_group(self, events: Sequence[Event], *, published: dt.date | None = None,
                  source: str | None = None, seq: int = 0) -> Cluster:
        """Attach the mentions of one happening in one article to their cluster."""
        founder = events[0]
        fam, reality = family(founder.event_type), status_class(founder.status)
        windows = {ev.id: date_window(ev, published) for ev in events}
        lead = max(events, key=lambda ev: (_window_rank(windows[ev.id]), ev.id))
        window = windows[lead.id]
        location = _group_location(events)
        actors = _union(actor_key(a) for ev in events for a in ev.actors)
        recipients = _union(actor_key(r) for ev in events for r in ev.recipients)
        stems = {stem(ev.trigger.text) for ev in events}
        kinds = {k for ev in events if (k := kind(ev))}
        best: Cluster | None = None
        best_key: tuple[float, int, str] | None = None
        matches: list[Cluster] = []
        for c in self.candidates(fam, reality, window):
            score = self.evidence(c, window, location, actors, recipients, stems, kinds)
            if score is None or score < MIN_EVIDENCE:
                continue
            matches.append(c)
            key = (score, -c.seq, c.id)
            if best_key is None or key > best_key:
                best, best_key = c, key
        if best is None:
            best = Cluster(id=stable_id("cluster", founder.id), family=fam, reality=reality,
                           rep_event_id=founder.id, rep_rank=_rank(founder), window=window,
                           location=location, actors=[], recipients=[], seq=seq)
            self._register(best)
        for ev in events:
            self._absorb(best, ev, windows[ev.id], [actor_key(a) for a in ev.actors],
                         [actor_key(r) for r in ev.recipients])
        for st in sorted(stems):
            if len(best.triggers) < 16:
                best.triggers.add(st)
        best.kinds |= kinds
        self._count(best, events, published, source)
        self.touched.add(best.id)
        if BRIDGE and len(matches) > 1:
            best = self._bridge(best, matches)
        return best

    def _bridge(self, best: Cluster, matches: list[Cluster]) -> Cluster:
        """Mentions that match several clusters show those clusters to be one happening
        that arrived in an order that split it: once the mentions have joined ``best``,
        each other match that ``best`` now matches too is merged, into the oldest of
        them (whose id stays). Recorded in :attr:`merged`."""
        group = [best] + [c for c in matches if c is not best and self._same(best, c)]
        if len(group) == 1:
            return best
        group.sort(key=lambda c: (c.seq, c.id))
        keep = group[0]
        for other in group[1:]:
            self._merge(keep, other)
        return keep

    def _same(self, a: Cluster, b: Cluster) -> bool:
        score = self.evidence(a, b.window, b.location, b.actors, b.recipients, b.triggers, b.kinds)
        return score is not None and score >= MIN_EVIDENCE

    def _merge(self, keep: Cluster, other: Cluster) -> None:
        if other.rep_rank > keep.rep_rank:
            keep.rep_event_id, keep.rep_rank = other.rep_event_id, other.rep_rank
        if _window_rank(other.window) > _window_rank(keep.window):
            keep.window = other.window
        if place_rank(other.location) > place_rank(keep.location):
            keep.location = other.location
        keep.actors = _union([*keep.actors, *other.actors])
        keep.recipients = _union([*keep.recipients, *other.recipients])
        keep.triggers |= set(sorted(other.triggers)[: max(0, 16 - len(keep.triggers))])
        keep.kinds |= other.kinds
        keep.n_mentions += other.n_mentions
        keep.articles |= other.articles
        keep.sources |= other.sources
        for d in (other.first_seen, other.last_seen):
            if d is not None:
                keep.first_seen = min(keep.first_seen or d, d)
                keep.last_seen = max(keep.last_seen or d, d)
        for b in {*_buckets(keep.window), *_buckets(other.window)}:
            self.index[(keep.family, keep.reality, b)].add(keep.id)
            self.index[(other.family, other.reality, b)].discard(other.id)
        del self.clusters[other.id]
        self.touched.discard(other.id)
        self.touched.add(keep.id)
        self.merged[other.id] = keep.id
        for k, v in list(self.merged.items()):
            if v == other.id:
                self.merged[k] = keep.id

    def resolve(self, cluster_id: str) -> str:
        """The id a cluster now goes by (itself unless merged into another)."""
        return self.merged.get(cluster_id, cluster_id)

    def _absorb(self, c: Cluster, event: Event, window: DateWindow,
                actors: list[ActorKey], recipients: list[ActorKey]) -> None:
        """Take the richer fields of ``event`` (each field on its own); actors and
        recipients accumulate (every name a mention gave the happening)."""
        rank = _rank(event)
        if rank > c.rep_rank:
            c.rep_event_id, c.rep_rank = event.id, rank
        if _window_rank(window) > _window_rank(c.window) or (
                _window_rank(window) == _window_rank(c.window) and not window.dated and window.known
                and c.window.known and window.lo < c.window.lo):  # type: ignore[operator]
            c.window = window
            for b in _buckets(window):
                self.index[(c.family, c.reality, b)].add(c.id)
        if place_rank(event.location) > place_rank(c.location):
            c.location = event.location
        c.actors = _union([*c.actors, *actors])
        c.recipients = _union([*c.recipients, *recipients])

    @staticmethod
    def _count(c: Cluster, events: Sequence[Event], published: dt.date | None, source: str | None) -> None:
        for event in events:
            c.n_mentions += max(1, len(event.mentions))
            c.articles.add(event.article_id)
            c.sources.add(source or event.article_id)  # an unnamed outlet counts as its own source
        if published is not None:
            c.first_seen = min(c.first_seen or published, published)
            c.last_seen = max(c.last_seen or published, published)


#: At most this many actor keys per side are kept on a cluster (the earliest seen).
MAX_KEYS = 12


def _union(keys: Iterable[ActorKey]) -> list[ActorKey]:
    """Distinct actor keys in first-seen order, at most MAX_KEYS."""
    out: list[ActorKey] = []
    for k in keys:
        k = tuple(k)  # type: ignore[assignment]
        if k not in out:
            out.append(k)
            if len(out) >= MAX_KEYS:
                break
    return out


def _group_location(events: Sequence[Event]) -> Location | None:
    """The finest place tied to the happening (governing), else the finest place at all."""
    locs = [ev.location for ev in events if ev.location is not None]
    if not locs:
        return None
    firm = [loc for loc in locs if loc.source in FIRM_PLACE_SOURCES]
    return max(firm or locs, key=place_rank)


def cluster_results(results: Iterable[Any], clusterer: Clusterer | None = None) -> dict[str, str]:
    """event id -> cluster id over ArticleResults, in the order given (no store)."""
    cl = clusterer or Clusterer()
    out: dict[str, str] = {}
    for seq, result in enumerate(results):
        art = result.article
        found = cl.add_article(list(result.events), published=art.published, source=art.source, seq=seq * 10_000)
        out.update((eid, c.id) for eid, c in found.items())
    return {eid: cl.resolve(cid) for eid, cid in out.items()}


# -- the field's crude baseline -----------------------------------------------------


def _code(refs: Sequence[dict[str, Any]]) -> str:
    """A CAMEO-like actor code: country + sector, else the name (first actor only)."""
    if not refs:
        return ""
    r = refs[0]
    code = f"{r.get('country') or ''}{r.get('sector') or ''}"
    return code or (r.get("name") or r.get("text") or "").lower()


def one_a_day_record_key(record: dict[str, Any], published: Any = None) -> tuple[str, str, str, str]:
    """(day, source actor, target actor, type) of an event record: one event per key,
    as in the one-a-day filtering of ICEWS/Phoenix-style data."""
    day = (record.get("date") or {}).get("start") or (published.isoformat() if published else "")
    return (str(day)[:10], _code(record.get("actors") or []), _code(record.get("recipients") or []),
            str(record.get("event_type")))


def one_a_day_key(event: Event, published: dt.date | None = None) -> tuple[str, str, str, str]:
    return one_a_day_record_key(event.to_dict(), published)


def one_a_day(results: Iterable[Any]) -> dict[str, str]:
    """event id -> one-a-day group id over ArticleResults."""
    out: dict[str, str] = {}
    for result in results:
        for ev in result.events:
            out[ev.id] = stable_id("one-a-day", *one_a_day_key(ev, result.article.published))
    return out

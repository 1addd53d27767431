"""The store's schema, as numbered migrations applied in order.

Each step runs once, inside a transaction, and is recorded in
``dyad_migrations(version, name, applied_at)``. Opening an older database
applies the missing steps; a database written by a newer dyad (a version this
code does not know) is refused rather than guessed at.

Never edit a released step: add a new one at the end.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import duckdb

from ..errors import StoreError

__all__ = ["Migration", "MIGRATIONS", "LATEST", "applied_versions", "migrate", "pending"]


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    name: str
    sql: str
    #: optional Python step run after ``sql`` in the same transaction (e.g. a backfill)
    run: Callable[[duckdb.DuckDBPyConnection], None] | None = None


_BOOKKEEPING = """
CREATE TABLE IF NOT EXISTS dyad_migrations (
    version    INTEGER PRIMARY KEY,
    name       VARCHAR NOT NULL,
    applied_at TIMESTAMP NOT NULL DEFAULT current_timestamp
);
"""

# "end" is quoted everywhere: it is a reserved word in SQL.
_V1_CORE = """
CREATE TABLE articles (
    id           VARCHAR PRIMARY KEY,
    content_hash VARCHAR NOT NULL UNIQUE,
    seq          BIGINT NOT NULL,
    title        VARCHAR,
    text         VARCHAR NOT NULL,
    published    DATE,
    source       VARCHAR,
    url          VARCHAR,
    language     VARCHAR,
    metadata     JSON,
    origin       VARCHAR,
    segments     JSON,
    ingested_at  TIMESTAMP NOT NULL
);
CREATE TABLE events (
    id               VARCHAR PRIMARY KEY,
    article_id       VARCHAR NOT NULL,
    position         INTEGER NOT NULL,
    event_type       VARCHAR NOT NULL,
    mode             VARCHAR,
    cameo            VARCHAR,
    quad             VARCHAR,
    status           VARCHAR,
    date_start       DATE,
    date_end         DATE,
    date_precision   VARCHAR,
    date_stated      BOOLEAN,
    location_name    VARCHAR,
    lat              DOUBLE,
    lon              DOUBLE,
    location_country VARCHAR,
    geonameid        BIGINT,
    attributed_to    VARCHAR,
    dead             INTEGER,
    injured          INTEGER,
    arrested         INTEGER,
    trigger_text     VARCHAR,
    trigger_start    INTEGER,
    trigger_end      INTEGER,
    sentence         VARCHAR,
    confidence       DOUBLE,
    version          VARCHAR,
    record           JSON NOT NULL
);
CREATE TABLE event_actors (
    event_id   VARCHAR NOT NULL,
    article_id VARCHAR NOT NULL,
    role       VARCHAR NOT NULL,
    position   INTEGER NOT NULL,
    text       VARCHAR,
    name       VARCHAR,
    country    VARCHAR,
    sector     VARCHAR,
    actor_id   VARCHAR,
    kind       VARCHAR,
    start      INTEGER,
    "end"      INTEGER
);
CREATE TABLE mentions (
    event_id   VARCHAR NOT NULL,
    article_id VARCHAR NOT NULL,
    start      INTEGER,
    "end"      INTEGER
);
"""

_V2_ANNOTATIONS = """
CREATE TABLE times (
    article_id VARCHAR NOT NULL,
    position   INTEGER NOT NULL,
    text       VARCHAR,
    start      INTEGER,
    "end"      INTEGER,
    type       VARCHAR,
    value      VARCHAR,
    precision  VARCHAR,
    start_date VARCHAR,
    end_date   VARCHAR,
    record     JSON NOT NULL
);
CREATE TABLE places (
    article_id VARCHAR NOT NULL,
    position   INTEGER NOT NULL,
    name       VARCHAR,
    text       VARCHAR,
    start      INTEGER,
    "end"      INTEGER,
    lat        DOUBLE,
    lon        DOUBLE,
    country    VARCHAR,
    geonameid  BIGINT,
    record     JSON NOT NULL
);
CREATE TABLE quotes (
    article_id      VARCHAR NOT NULL,
    position        INTEGER NOT NULL,
    kind            VARCHAR,
    text            VARCHAR,
    start           INTEGER,
    "end"           INTEGER,
    speaker_text    VARCHAR,
    speaker_name    VARCHAR,
    speaker_country VARCHAR,
    cue             VARCHAR,
    record          JSON NOT NULL
);
CREATE TABLE actor_mentions (
    article_id VARCHAR NOT NULL,
    position   INTEGER NOT NULL,
    text       VARCHAR,
    start      INTEGER,
    "end"      INTEGER,
    name       VARCHAR,
    country    VARCHAR,
    record     JSON NOT NULL
);
"""

# Lookups by article (show, API) and the actor filter's join stay fast on big stores.
_V3_INDEXES = """
CREATE INDEX events_article_idx ON events (article_id);
CREATE INDEX event_actors_event_idx ON event_actors (event_id);
"""

# Issue 8: one row per real-world happening, and every event's cluster. No primary key on
# event_clusters: a cluster row is rewritten (delete + insert) in the ingest transaction.
_V4_CLUSTERS = """
CREATE TABLE event_clusters (
    id               VARCHAR NOT NULL,
    family           VARCHAR NOT NULL,
    reality          VARCHAR NOT NULL,
    rep_event_id     VARCHAR NOT NULL,
    seq              BIGINT NOT NULL,
    date_start       DATE,
    date_end         DATE,
    dated            BOOLEAN,
    date_precision   VARCHAR,
    location_name    VARCHAR,
    location_country VARCHAR,
    lat              DOUBLE,
    lon              DOUBLE,
    n_mentions       INTEGER NOT NULL,
    n_articles       INTEGER NOT NULL,
    n_sources        INTEGER NOT NULL,
    first_seen       DATE,
    last_seen        DATE,
    bucket_lo        INTEGER,
    bucket_hi        INTEGER,
    state            JSON NOT NULL
);
CREATE TABLE event_cluster_map (
    event_id   VARCHAR PRIMARY KEY,
    cluster_id VARCHAR NOT NULL,
    article_id VARCHAR NOT NULL
);
CREATE INDEX event_cluster_map_cluster_idx ON event_cluster_map (cluster_id);
"""

# Issue 4: actors learned from text (not in the knowledge base), with the evidence rows
# that taught them; a name seen with conflicting codes is kept with status 'conflict'.
_V5_LEARNED_ACTORS = """
CREATE TABLE learned_actors (
    id         VARCHAR PRIMARY KEY,
    name       VARCHAR NOT NULL,
    name_key   VARCHAR NOT NULL,
    status     VARCHAR NOT NULL,
    kind       VARCHAR,
    country    VARCHAR,
    sector     VARCHAR,
    aliases    VARCHAR[],
    n_articles INTEGER NOT NULL,
    first_seen DATE,
    last_seen  DATE,
    updated_at TIMESTAMP NOT NULL
);
CREATE TABLE learned_actor_evidence (
    actor_id   VARCHAR NOT NULL,
    article_id VARCHAR NOT NULL,
    text       VARCHAR,
    name       VARCHAR,
    country    VARCHAR,
    sector     VARCHAR,
    kind       VARCHAR,
    start      INTEGER,
    "end"      INTEGER,
    strong     BOOLEAN NOT NULL,
    seen       DATE
);
CREATE INDEX learned_actor_evidence_actor_idx ON learned_actor_evidence (actor_id);
"""


def _learn_stored(con: duckdb.DuckDBPyConnection) -> None:
    """Learn from the events a database already holds when it is upgraded."""
    from .learned import update

    update(con, None)


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "articles, events, actors, mentions", _V1_CORE),
    Migration(2, "times, places, quotes, actor mentions", _V2_ANNOTATIONS),
    Migration(3, "lookup indexes", _V3_INDEXES),
    Migration(4, "event clusters", _V4_CLUSTERS),
    Migration(5, "learned actors", _V5_LEARNED_ACTORS, run=_learn_stored),
)

LATEST = MIGRATIONS[-1].version


def applied_versions(con: duckdb.DuckDBPyConnection) -> list[int]:
    """Versions recorded in the database (empty for a fresh one)."""
    exists = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'dyad_migrations'"
    ).fetchone()[0]
    if not exists:
        return []
    return [row[0] for row in con.execute("SELECT version FROM dyad_migrations ORDER BY version").fetchall()]


def _check_not_newer(applied: list[int], steps: tuple[Migration, ...], where: str) -> None:
    known = {m.version for m in steps}
    unknown = [v for v in applied if v not in known]
    if unknown:
        raise StoreError(
            f"{where} has schema version {max(unknown)}, newer than this dyad knows "
            f"({max(known, default=0)}); upgrade dyad or use another --db"
        )


def pending(con: duckdb.DuckDBPyConnection, steps: tuple[Migration, ...] = MIGRATIONS,
            *, where: str = "the database") -> list[Migration]:
    """Steps not yet applied; raises StoreError for a database newer than the code."""
    applied = applied_versions(con)
    _check_not_newer(applied, steps, where)
    done = set(applied)
    return [m for m in steps if m.version not in done]


def migrate(con: duckdb.DuckDBPyConnection, steps: tuple[Migration, ...] = MIGRATIONS,
            *, where: str = "the database") -> list[int]:
    """Apply the missing steps in order, each in its own transaction; returns their versions."""
    todo = pending(con, steps, where=where)
    if not todo:
        return []
    con.execute(_BOOKKEEPING)
    done: list[int] = []
    for step in sorted(todo, key=lambda m: m.version):
        con.begin()
        try:
            con.execute(step.sql)
            if step.run is not None:
                step.run(con)
            con.execute("INSERT INTO dyad_migrations (version, name) VALUES (?, ?)", [step.version, step.name])
            con.commit()
        except duckdb.Error as err:
            con.rollback()
            raise StoreError(f"migration {step.version} ({step.name}) failed on {where}: "
                             f"{_first_line(err)}") from err
        except BaseException:
            con.rollback()  # a Python step failed: nothing of this step is kept
            raise
        done.append(step.version)
    return done


def _first_line(err: BaseException) -> str:
    text = str(err).strip()
    return text.splitlines()[0] if text else type(err).__name__

"""The embedded DuckDB store: articles, their events and annotations, queries, exports.

Each event is kept twice: as key columns (for filters and flat exports) and as
its full JSON record, so ``Store.events()`` gives back exactly ``Event.to_dict()``.
"""

from __future__ import annotations

import datetime as dt
import json
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Literal

import duckdb

from .. import settings
from ..errors import InputError, StoreError
from . import actors as _actors
from . import clusters as _clusters
from . import learned as _learned
from .flat import FLAT_COLUMNS, FLAT_SELECT
from .migrations import MIGRATIONS, Migration, applied_versions, migrate, pending
from .rows import TABLES, Batch, page_sql, parse_day

__all__ = ["Store", "EXPORT_FORMATS"]

EXPORT_FORMATS: tuple[str, ...] = ("jsonl", "csv", "parquet")

_FROM = "FROM events e JOIN articles a ON a.id = e.article_id"
_ORDER = "ORDER BY a.seq, e.position"


def _first_line(err: BaseException) -> str:
    text = str(err).strip()
    return text.splitlines()[0] if text else type(err).__name__


def _open_error(path: str, err: duckdb.Error, read_only: bool) -> StoreError:
    """One line that says what is wrong with the database file and what to do."""
    msg = str(err)
    if "lock" in msg.lower():
        return StoreError(f"database {path} is in use by another process; close it or use another --db")
    if "not a valid DuckDB database" in msg or "corrupt" in msg.lower():
        return StoreError(f"{path} is not a valid dyad database (corrupt or another kind of file); "
                          "use another --db")
    if read_only and "does not exist" in msg:
        return StoreError(f"no database at {path}; run `dyad ingest` or `dyad demo` first")
    if "Permission denied" in msg or "Read-only file system" in msg:
        return StoreError(f"cannot write database {path}: permission denied; use another --db")
    if "version number" in msg or "storage version" in msg.lower():
        return StoreError(f"{path} was written by an incompatible DuckDB version: {_first_line(err)}")
    return StoreError(f"cannot open database {path}: {_first_line(err).removeprefix('IO Error: ')}")


def _as_list(value: str | Sequence[str] | None, norm: Any) -> list[str] | None:
    if value is None:
        return None
    values = [value] if isinstance(value, str) else list(value)
    values = [norm(v) for v in values if v]
    return values or None


def _day(value: Any, name: str, *, end: bool = False) -> dt.date | None:
    if value is None or value == "":
        return None
    day = parse_day(value, end=end)
    if day is None:
        raise InputError(f"{name}: expected a date (YYYY-MM-DD, YYYY-MM or YYYY), got {value!r}")
    return day


def _where(*, actor: str | None = None, country: str | Sequence[str] | None = None,
           event_type: str | Sequence[str] | None = None, status: str | Sequence[str] | None = None,
           since: Any = None, until: Any = None, article_id: str | None = None) -> tuple[str, list[Any]]:
    """The WHERE clause (over ``events e``) and its parameters for the event filters."""
    clauses: list[str] = []
    params: list[Any] = []
    if actor:
        # Substring on the mention text or the canonical name, either role.
        clauses.append("EXISTS (SELECT 1 FROM event_actors x WHERE x.event_id = e.id AND "
                       "(strpos(lower(x.text), lower(?)) > 0 OR strpos(lower(coalesce(x.name, '')), lower(?)) > 0))")
        params += [actor, actor]
    countries = _as_list(country, lambda c: str(c).strip().upper())
    if countries:
        clauses.append("EXISTS (SELECT 1 FROM event_actors x WHERE x.event_id = e.id AND x.country IN "
                       "(SELECT unnest(?::VARCHAR[])))")
        params.append(countries)
    types = _as_list(event_type, lambda t: str(t).strip().upper())
    if types:
        clauses.append("e.event_type IN (SELECT unnest(?::VARCHAR[]))")
        params.append(types)
    statuses = _as_list(status, lambda s: str(s).strip().lower())
    if statuses:
        clauses.append("e.status IN (SELECT unnest(?::VARCHAR[]))")
        params.append(statuses)
    start = _day(since, "since")
    if start:
        # Interval overlap: the event ends on or after `since`.
        clauses.append("coalesce(e.date_end, e.date_start) >= ?")
        params.append(start)
    stop = _day(until, "until", end=True)
    if stop:
        clauses.append("e.date_start <= ?")
        params.append(stop)
    if article_id:
        clauses.append("e.article_id = ?")
        params.append(article_id)
    return ("WHERE " + " AND ".join(clauses)) if clauses else "", params


def _known(con: duckdb.DuckDBPyConnection, ids: list[str], hashes: list[str]) -> tuple[set[str], set[str]]:
    found_ids = {r[0] for r in con.execute(
        "SELECT id FROM articles WHERE id IN (SELECT unnest(?::VARCHAR[]))", [ids]).fetchall()} if ids else set()
    found_hashes = {r[0] for r in con.execute(
        "SELECT content_hash FROM articles WHERE content_hash IN (SELECT unnest(?::VARCHAR[]))",
        [hashes]).fetchall()} if hashes else set()
    return found_ids, found_hashes


_page = page_sql  # the old name, used by clusters.py


class Store:
    """An embedded DuckDB database of articles and events.

    ``Store(":memory:")`` for tests; ``Store()`` opens the ``DYAD_DB`` setting
    (default ``dyad.duckdb``). Use as a context manager to close it.
    """

    def __init__(self, path: str | Path | None = None, *, read_only: bool = False,
                 migrations: tuple[Migration, ...] = MIGRATIONS) -> None:
        raw = str(path) if path is not None else settings.get("db") or "dyad.duckdb"
        self.memory = raw == ":memory:"
        self.path = raw if self.memory else str(Path(raw).expanduser())
        self.read_only = read_only and not self.memory
        self._migrations = migrations
        self._con = self._open()

    # -- opening -----------------------------------------------------------------

    def _connect(self, read_only: bool) -> duckdb.DuckDBPyConnection:
        if not read_only and not self.memory:
            try:
                Path(self.path).parent.mkdir(parents=True, exist_ok=True)
            except OSError as err:
                raise StoreError(f"cannot create the directory of {self.path}: {err.strerror}") from err
        try:
            return duckdb.connect(self.path, read_only=read_only)
        except duckdb.Error as err:
            raise _open_error(self.path, err, read_only) from err

    def _open(self) -> duckdb.DuckDBPyConnection:
        con = self._connect(self.read_only)
        try:
            todo = pending(con, self._migrations, where=self.path)
            if todo and self.read_only:
                # Upgrade through a short writable connection, then reopen read-only.
                con.close()
                writer = self._connect(False)
                try:
                    migrate(writer, self._migrations, where=self.path)
                finally:
                    writer.close()
                con = self._connect(True)
            elif todo:
                migrate(con, self._migrations, where=self.path)
        except duckdb.Error as err:
            con.close()
            raise StoreError(f"cannot read database {self.path}: {_first_line(err)}") from err
        except StoreError:
            con.close()
            raise
        return con

    def close(self) -> None:
        self._con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def schema_version(self) -> int:
        versions = applied_versions(self._con)
        return max(versions, default=0)

    def migrations(self) -> list[dict[str, Any]]:
        """The applied migrations: version, name, applied_at."""
        rows = self._query("SELECT version, name, applied_at FROM dyad_migrations ORDER BY version")
        return [{"version": v, "name": n, "applied_at": a} for v, n, a in rows]

    # -- low level ---------------------------------------------------------------

    def _query(self, sql: str, params: Sequence[Any] | None = None) -> list[tuple[Any, ...]]:
        try:
            return self._con.execute(sql, params or []).fetchall()
        except duckdb.Error as err:
            raise StoreError(f"query failed on {self.path}: {_first_line(err)}") from err

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        if self.read_only:
            raise StoreError(f"database {self.path} is open read-only")
        try:
            self._con.begin()
        except duckdb.Error as err:
            raise StoreError(f"cannot write {self.path}: {_first_line(err)}") from err
        try:
            yield
        except BaseException:
            self._con.rollback()
            raise
        try:
            self._con.commit()
        except duckdb.Error as err:
            raise StoreError(f"cannot write {self.path}: {_first_line(err)}") from err

    def _append(self, table: str, batch: Batch) -> None:
        data = batch.arrow(table)
        cols = ", ".join(f'"{name}"' for name, _ in TABLES[table])
        self._con.register("_dyad_rows", data)
        try:
            self._con.execute(f"INSERT INTO {table} ({cols}) SELECT {cols} FROM _dyad_rows")
        finally:
            self._con.unregister("_dyad_rows")

    # -- writing -----------------------------------------------------------------

    def known(self, ids: Iterable[str], hashes: Iterable[str] = ()) -> tuple[set[str], set[str]]:
        """Which of these article ids and content hashes are already stored."""
        try:
            return _known(self._con, list(ids), list(hashes))
        except duckdb.Error as err:
            raise StoreError(f"query failed on {self.path}: {_first_line(err)}") from err

    @contextmanager
    def lookup(self) -> Iterator[Callable[[Iterable[str], Iterable[str]], tuple[set[str], set[str]]]]:
        """A :meth:`known` on a cursor of its own, safe to call from another thread:
        a multiprocessing pool reads its input (and so calls it) in a helper thread."""
        cur = self._con.cursor()
        lock = threading.Lock()

        def known(ids: Iterable[str], hashes: Iterable[str] = ()) -> tuple[set[str], set[str]]:
            with lock:
                try:
                    return _known(cur, list(ids), list(hashes))
                except duckdb.Error as err:
                    raise StoreError(f"query failed on {self.path}: {_first_line(err)}") from err

        try:
            yield known
        finally:
            cur.close()

    def add(self, result: Any) -> bool:
        """Store one ArticleResult; False (and nothing written) when its article id or
        content is already stored."""
        return bool(self.add_batch([result]))

    def add_many(self, results: Iterable[Any]) -> tuple[int, int]:
        """Store ArticleResults in one transaction; returns (added, skipped)."""
        results = list(results)
        added = self.add_batch(results)
        return len(added), len(results) - len(added)

    def add_batch(self, results: Iterable[Any]) -> list[Any]:
        """Store ArticleResults in one transaction; returns those actually added.

        An article is skipped when its id or content hash is already stored, or
        appeared earlier in the same batch.
        """
        results = list(results)
        if not results:
            return []
        try:
            with self._transaction():
                fresh = self._fresh(results)
                if fresh:
                    self._insert(fresh)
        except duckdb.Error as err:
            raise StoreError(f"cannot write to {self.path}: {_first_line(err)}") from err
        return fresh

    def _fresh(self, results: list[Any]) -> list[Any]:
        ids, hashes = _known(self._con, [r.article.id for r in results],
                             [r.article.content_hash for r in results])
        fresh = []
        for r in results:
            h = r.article.content_hash
            if r.article.id in ids or h in hashes:
                continue
            ids.add(r.article.id)
            hashes.add(h)
            fresh.append(r)
        return fresh

    def _insert(self, fresh: list[Any]) -> None:
        seq = self._con.execute("SELECT coalesce(max(seq), 0) FROM articles").fetchone()[0]
        now = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
        batch = Batch()
        for i, result in enumerate(fresh, start=1):
            batch.add_result(result, seq + i, now)
        event_ids = batch.event_ids()
        if event_ids:
            # An event id already stored (from another article) keeps its first record.
            taken = {r[0] for r in self._con.execute(
                "SELECT id FROM events WHERE id IN (SELECT unnest(?::VARCHAR[]))", [event_ids]).fetchall()}
            batch.drop_events(taken)
        for table in batch.tables():
            self._append(table, batch)
        # Issue 8: attach the new events to event clusters, in the same transaction.
        _clusters.assign(self._con, fresh, batch.event_ids(), {r.article.id: seq + i for i, r in enumerate(fresh, 1)})
        # Issue 4: learn the actors these articles name with strong evidence (same transaction).
        if self._learns():
            _learned.update(self._con, [r.article.id for r in fresh])

    def _learns(self) -> bool:
        return any(m.version == 5 for m in self._migrations)

    # -- reading -----------------------------------------------------------------

    def events(self, *, actor: str | None = None, country: str | Sequence[str] | None = None,
               event_type: str | Sequence[str] | None = None, status: str | Sequence[str] | None = None,
               since: Any = None, until: Any = None, article_id: str | None = None,
               limit: int | None = None, offset: int = 0, dedup: str | None = None) -> list[dict[str, Any]]:
        """Event records (``Event.to_dict()``) matching every given filter, in ingest order.
        ``dedup="clusters"``: one per real event; ``"one-a-day"``: the crude baseline."""
        if dedup is not None:
            return _clusters.records(self._con, dedup, actor=actor, country=country, event_type=event_type,
                                     status=status, since=since, until=until, article_id=article_id,
                                     limit=limit, offset=offset)
        return list(self.iter_events(actor=actor, country=country, event_type=event_type, status=status,
                                     since=since, until=until, article_id=article_id,
                                     limit=limit, offset=offset))

    def iter_events(self, *, limit: int | None = None, offset: int = 0, chunk: int = 2048,
                    **filters: Any) -> Iterator[dict[str, Any]]:
        """Like :meth:`events`, streamed (for exports of any size)."""
        for raw in self._iter_records(limit=limit, offset=offset, chunk=chunk, **filters):
            yield json.loads(raw)

    def _iter_records(self, *, limit: int | None, offset: int, chunk: int, **filters: Any) -> Iterator[str]:
        where, params = _where(**filters)
        page, page_params = _page(limit, offset)
        # A cursor of its own, so callers may query the store while iterating.
        cur = self._con.cursor()
        try:
            cur.execute(f"SELECT e.record {_FROM} {where} {_ORDER}{page}", params + page_params)
            while rows := cur.fetchmany(chunk):
                for (raw,) in rows:
                    yield raw
        except duckdb.Error as err:
            raise StoreError(f"query failed on {self.path}: {_first_line(err)}") from err
        finally:
            cur.close()

    def count_events(self, **filters: Any) -> int:
        """How many events match the filters (same filters as :meth:`events`)."""
        where, params = _where(**filters)
        return self._query(f"SELECT count(*) {_FROM} {where}", params)[0][0]

    def events_df(self, *, engine: Literal["pandas", "polars"] = "pandas", limit: int | None = None,
                  offset: int = 0, **filters: Any) -> Any:
        """Matching events as a DataFrame of flat columns (see ``dyad.store.flat``)."""
        if engine not in ("pandas", "polars"):
            raise InputError(f"engine must be 'pandas' or 'polars', not {engine!r}")
        where, params = _where(**filters)
        page, page_params = _page(limit, offset)
        try:
            rel = self._con.sql(f"SELECT {FLAT_SELECT} {_FROM} {where} {_ORDER}{page}",
                                params=params + page_params)
            return rel.pl() if engine == "polars" else rel.df()
        except duckdb.Error as err:
            raise StoreError(f"query failed on {self.path}: {_first_line(err)}") from err

    def flat_rows(self, *, limit: int | None = None, offset: int = 0, chunk: int = 2048,
                  **filters: Any) -> Iterator[dict[str, Any]]:
        """Matching events as flat-column dicts (FLAT_COLUMNS), streamed."""
        where, params = _where(**filters)
        page, page_params = _page(limit, offset)
        cur = self._con.cursor()
        try:
            cur.execute(f"SELECT {FLAT_SELECT} {_FROM} {where} {_ORDER}{page}", params + page_params)
            while rows := cur.fetchmany(chunk):
                for row in rows:
                    yield dict(zip(FLAT_COLUMNS, row))
        except duckdb.Error as err:
            raise StoreError(f"query failed on {self.path}: {_first_line(err)}") from err
        finally:
            cur.close()

    def article(self, article_id: str) -> dict[str, Any] | None:
        """One article with its text, events, times, places, quotes and actor mentions."""
        rows = self._query(
            "SELECT id, title, text, published, source, url, language, metadata, origin, segments, "
            "content_hash, ingested_at FROM articles WHERE id = ?", [article_id])
        if not rows:
            return None
        (aid, title, text, published, source, url, language, metadata, origin, segments,
         content_hash, ingested_at) = rows[0]
        doc: dict[str, Any] = {
            "id": aid, "title": title, "text": text,
            "published": published.isoformat() if published else None,
            "source": source, "url": url, "language": language,
            "metadata": json.loads(metadata) if metadata else {},
            "origin": origin, "segments": json.loads(segments) if segments else [],
            "content_hash": content_hash,
            "ingested_at": ingested_at.isoformat() if ingested_at else None,
            "events": self.events(article_id=article_id),
        }
        for table in ("times", "places", "quotes", "actor_mentions"):
            recs = self._query(f"SELECT record FROM {table} WHERE article_id = ? ORDER BY position", [article_id])
            doc[table] = [json.loads(r[0]) for r in recs]
        return doc

    def quotes(self, *, article_id: str | None = None, speaker: str | None = None, kind: str | None = None,
               limit: int | None = None, offset: int = 0) -> list[dict[str, Any]]:
        """Stored quotes (their JSON records): by article, by speaker (text or name contains,
        any case) and by kind (direct|indirect), in article and text order."""
        conds, params = [], []
        if article_id is not None:
            conds.append("article_id = ?")
            params.append(article_id)
        if speaker:
            conds.append("strpos(lower(coalesce(speaker_name, '') || ' ' || coalesce(speaker_text, '')), lower(?)) > 0")
            params.append(speaker)
        if kind:
            conds.append("kind = ?")
            params.append(kind)
        where_sql = ("WHERE " + " AND ".join(conds)) if conds else ""
        page, page_params = _page(limit, offset)
        rows = self._query(f"SELECT record FROM quotes {where_sql} ORDER BY article_id, position {page}",
                           params + page_params)
        return [json.loads(r[0]) for r in rows]

    def articles(self, limit: int | None = None, offset: int = 0) -> list[dict[str, Any]]:
        """Article summaries (no text) in ingest order, with their event counts."""
        page, page_params = _page(limit, offset)
        rows = self._query(
            "SELECT a.id, a.title, a.published, a.source, a.url, a.origin, a.ingested_at, "
            "(SELECT count(*) FROM events e WHERE e.article_id = a.id) AS n_events "
            f"FROM articles a ORDER BY a.seq{page}", page_params)
        keys = ("id", "title", "published", "source", "url", "origin", "ingested_at", "n_events")
        out = []
        for row in rows:
            rec = dict(zip(keys, row))
            for k in ("published", "ingested_at"):
                rec[k] = rec[k].isoformat() if rec[k] else None
            out.append(rec)
        return out

    def counts(self) -> dict[str, Any]:
        """Row counts of every table, events by type and by status, and the schema version."""
        out: dict[str, Any] = {}
        for table in ("articles", "events", "event_actors", "mentions", "times", "places", "quotes",
                      "actor_mentions"):
            out[table] = self._query(f"SELECT count(*) FROM {table}")[0][0]
        out["by_type"] = dict(self._query(
            "SELECT event_type, count(*) AS n FROM events GROUP BY 1 ORDER BY n DESC, 1"))
        out["by_status"] = dict(self._query(
            "SELECT status, count(*) AS n FROM events GROUP BY 1 ORDER BY n DESC, 1"))
        out["schema_version"] = self.schema_version
        return out

    # -- actors ------------------------------------------------------------------

    def actors(self, *, query: str | None = None, sector: str | Sequence[str] | None = None,
               limit: int | None = 50, offset: int = 0, explain: bool = False,
               **filters: Any) -> list[dict[str, Any]]:
        """Actors and recipients of the events matching ``filters`` (as :meth:`events`), most
        active first: ``id``, ``name``, ``country``, ``sector``, ``kind``, ``aliases`` (the texts
        seen), ``events``, ``as_actor``, ``as_recipient``, ``first``, ``last``; ``query`` keeps
        those whose name or a text contains it, ``sector`` those with that sector. With
        ``explain``, each also has ``why``: how its mentions were grouped."""
        where, params = _where(**filters)
        sectors = _as_list(sector, lambda v: str(v).strip().upper())
        try:
            rows = _actors.actors(self._con, where, params, query=query, sectors=sectors,
                                  limit=limit, offset=offset)
            if explain:
                _actors.explain(self._con, rows)
        except duckdb.Error as err:
            raise StoreError(f"query failed on {self.path}: {_first_line(err)}") from err
        for row in rows:
            row.pop("key", None)
        return rows

    def learned_actors(self, *, query: str | None = None, country: str | None = None,
                       sector: str | Sequence[str] | None = None, conflicts: bool = True,
                       limit: int | None = None, offset: int = 0) -> list[dict[str, Any]]:
        """Actors learned from text (see ``dyad.store.learned``) with their evidence and ``why``;
        with ``conflicts`` also the names not learned because their codes disagree."""
        statuses = (_learned.LEARNED, _learned.CONFLICT) if conflicts else (_learned.LEARNED,)
        try:
            return _learned.records(self._con, query=query, country=country,
                                    sectors=_as_list(sector, lambda v: str(v).strip().upper()),
                                    statuses=statuses, limit=limit, offset=offset)
        except duckdb.Error as err:
            raise StoreError(f"query failed on {self.path}: {_first_line(err)}") from err

    def learned_knowledge(self) -> dict[str, list[dict[str, Any]]]:
        """The learned actors as a knowledge file (``people``, ``organizations``): what ingest
        gives the actor coder with the lowest priority. One query."""
        try:
            return _learned.knowledge(self._con)
        except duckdb.Error as err:
            raise StoreError(f"query failed on {self.path}: {_first_line(err)}") from err

    def relearn(self) -> int:
        """Learn again from every stored article (after the rule or the knowledge changed);
        returns how many names were touched."""
        try:
            with self._transaction():
                self._con.execute("DELETE FROM learned_actor_evidence")
                self._con.execute("DELETE FROM learned_actors")
                return _learned.update(self._con, None)
        except duckdb.Error as err:
            raise StoreError(f"cannot write to {self.path}: {_first_line(err)}") from err

    # -- export ------------------------------------------------------------------

    def export(self, out: str | Path, format: str = "jsonl", **filters: Any) -> int:
        """Write matching events to ``out``; returns how many. jsonl = full records,
        csv = flat columns (lists joined with "; "), parquet = flat columns + record."""
        fmt = format.lower()
        if fmt not in EXPORT_FORMATS:
            raise InputError(f"unknown export format {format!r}; use one of {', '.join(EXPORT_FORMATS)}")
        limit, offset = filters.pop("limit", None), filters.pop("offset", 0) or 0
        target = Path(out).expanduser()
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
        except OSError as err:
            raise StoreError(f"cannot write {target}: {err.strerror}") from err
        n = self.count_events(**filters)
        n = max(0, n - offset) if limit is None else max(0, min(n - offset, limit))
        if fmt == "jsonl":
            self._export_jsonl(target, limit=limit, offset=offset, **filters)
        else:
            self._export_copy(target, fmt, limit=limit, offset=offset, **filters)
        return n

    def _export_jsonl(self, target: Path, **filters: Any) -> None:
        try:
            with target.open("w", encoding="utf-8") as fh:
                # Stored records are compact single-line JSON already: no re-encoding needed.
                for raw in self._iter_records(chunk=4096, **filters):
                    fh.write(raw)
                    fh.write("\n")
        except OSError as err:
            raise StoreError(f"cannot write {target}: {err.strerror}") from err

    def _export_copy(self, target: Path, fmt: str, *, limit: int | None, offset: int, **filters: Any) -> None:
        where, params = _where(**filters)
        page, page_params = _page(limit, offset)
        extra = ", CAST(e.record AS VARCHAR) AS record" if fmt == "parquet" else ""
        options = "FORMAT parquet" if fmt == "parquet" else "FORMAT csv, HEADER true"
        sql = f"COPY (SELECT {FLAT_SELECT}{extra} {_FROM} {where} {_ORDER}{page}) TO ? ({options})"
        try:
            self._con.execute(sql, params + page_params + [str(target)])
        except duckdb.Error as err:
            raise StoreError(f"cannot export to {target}: {_first_line(err)}") from err


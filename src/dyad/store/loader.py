"""Read -> pipeline -> store, streaming, in batches: what `dyad ingest` and `dyad demo` run.

Articles already stored (same id or same content) are dropped *before* the
pipeline, so re-ingesting a corpus costs a lookup, not a parse.

The actors the database learned from earlier articles (``dyad.store.learned``) are
read once per run and given to the actor coder as a knowledge file, below dyad's
knowledge and the user's ``--actors`` file; each stored batch updates them.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from ..model import Article, Skip
from .core import Store

__all__ = ["LoadStats", "load"]


@dataclass(slots=True)
class LoadStats:
    """What one load did. ``read`` counts every article read, stored or not."""

    read: int = 0
    added: int = 0
    events: int = 0
    already: int = 0
    unreadable: int = 0
    #: articles through the pipeline or found already stored (drives the progress bar)
    processed: int = 0
    started: float = field(default_factory=time.perf_counter)

    @property
    def rate(self) -> float:
        """Articles per second so far."""
        elapsed = time.perf_counter() - self.started
        return self.processed / elapsed if elapsed > 0 else 0.0

    def summary(self) -> str:
        return (f"ingested {self.added} articles ({self.events} events), "
                f"skipped {self.already} already stored, {self.unreadable} unreadable")


@contextmanager
def learned_file(store: Store) -> Iterator[str | None]:
    """The store's learned actors as a knowledge file (JSON) for the run, or None when it has
    none. Named by its content, so the pipeline and knowledge caches are reused while the
    learned actors do not change; removed after the run."""
    data = store.learned_knowledge()
    if not data["people"] and not data["organizations"]:
        yield None
        return
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    digest = hashlib.blake2b(text.encode("utf-8"), digest_size=8).hexdigest()
    path = Path(tempfile.gettempdir()) / f"dyad-learned-actors-{os.getpid()}-{digest}.json"
    tmp = path.with_suffix(".tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)
    try:
        yield str(path)
    finally:
        path.unlink(missing_ok=True)


def load(items: Iterable[Article | Skip], store: Store, *, n_process: int | None = None,
         batch_size: int | None = None, chunk: int = 256,
         on_skip: Callable[[Skip], None] | None = None,
         on_progress: Callable[[LoadStats], None] | None = None,
         learned_actors: bool = True) -> LoadStats:
    """Run the pipeline over ``items`` and store the results, ``chunk`` articles per transaction.
    ``learned_actors``: give the coder the actors this database learned from earlier articles."""
    stats = LoadStats()
    if not learned_actors:
        return _load(items, store, stats, None, n_process=n_process, batch_size=batch_size, chunk=chunk,
                     on_skip=on_skip, on_progress=on_progress)
    with learned_file(store) as path:
        return _load(items, store, stats, path, n_process=n_process, batch_size=batch_size, chunk=chunk,
                     on_skip=on_skip, on_progress=on_progress)


def _load(items: Iterable[Article | Skip], store: Store, stats: LoadStats, learned: str | None, *,
          n_process: int | None, batch_size: int | None, chunk: int,
          on_skip: Callable[[Skip], None] | None,
          on_progress: Callable[[LoadStats], None] | None) -> LoadStats:
    from .. import pipeline  # looked up at call time so tests can replace pipeline.pipe

    # Only passed when there is something to pass: pipelines from before issue 4 keep working.
    extra = {"learned_actors": learned} if learned else {}

    def new_articles() -> Iterator[Article]:
        buffer: list[Article] = []
        for item in items:
            if isinstance(item, Skip):
                stats.unreadable += 1
                if on_skip:
                    on_skip(item)
                continue
            stats.read += 1
            buffer.append(item)
            if len(buffer) >= chunk:
                yield from _unstored(buffer)
                buffer = []
        yield from _unstored(buffer)

    def _unstored(buffer: list[Article]) -> Iterator[Article]:
        if not buffer:
            return
        ids, hashes = known([a.id for a in buffer], [a.content_hash for a in buffer])
        for art in buffer:
            if art.id in ids or art.content_hash in hashes:
                stats.already += 1
                stats.processed += 1
                if on_progress:
                    on_progress(stats)
            else:
                yield art

    pending: list = []

    def flush() -> None:
        added = store.add_batch(pending)
        stats.added += len(added)
        stats.events += sum(len(r.events) for r in added)
        # Duplicates inside the input itself are only caught at write time.
        stats.already += len(pending) - len(added)
        pending.clear()

    with store.lookup() as known:
        for result in pipeline.pipe(new_articles(), n_process=n_process, batch_size=batch_size, **extra):
            pending.append(result)
            stats.processed += 1
            if len(pending) >= chunk:
                flush()
            if on_progress:
                on_progress(stats)
    if pending:
        flush()
    if on_progress:
        on_progress(stats)
    return stats

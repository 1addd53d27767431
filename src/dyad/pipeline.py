"""The stages in order: segment -> parse (spaCy) -> extract -> resolve -> out.

``pipe()`` streams articles through every stage in batches and yields one
:class:`ArticleResult` per article, in input order. With ``n_process > 1`` each
worker process loads the pipeline once and handles whole chunks of articles,
so parsing *and* extraction run in parallel. ``extract()`` is the one-text
convenience used from notebooks and tests.

Stage      reads                      assigns
---------  -------------------------  -------------------------------------------
segment    Article.text               Article.segments (headline / paragraphs)
parse      segment texts              spaCy Doc per segment (tags, deps, entities)
times      Doc entities               TimeValue list; paragraph reference time
places     Doc entities               toponym records, country focus
events     Doc, lexicon, knowledge    Event (type, actors, recipients, status,
                                      attribution, date, location, size)
"""

from __future__ import annotations

import datetime as dt
import functools
import gc
import itertools
import multiprocessing as mp
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import Any

from . import __version__, settings
from .model import Article, Event, Quote, TimeValue, stable_id

__all__ = ["ArticleResult", "Pipeline", "pipe", "extract", "get_pipeline"]


@dataclass(slots=True)
class ArticleResult:
    """Everything dyad found in one article."""

    article: Article
    events: list[Event] = field(default_factory=list)
    times: list[TimeValue] = field(default_factory=list)
    places: list[dict] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    #: every actor mention found (not only event participants)
    actor_mentions: list[dict] = field(default_factory=list)


class Pipeline:
    """The loaded stages. Build once per process; :meth:`process` a batch of articles."""

    def __init__(self, model: str | None = None, actors_file: str | None = None,
                 batch_size: int | None = None, learned_actors: str | None = None) -> None:
        from .extract.events import EventExtractor
        from .extract.lexicon import load_lexicon
        from .nlp import load_nlp, model_name
        from .resolve.actors.coder import ActorCoder
        from .resolve.actors.knowledge import load_knowledge

        self.nlp = load_nlp(model)
        extra = settings.get("actors", actors_file)
        # same cache key as other callers; a database's learned actors come last (lowest priority)
        kb = load_knowledge(*([extra] if extra else []), learned=learned_actors)
        lexicon = load_lexicon()
        self.extractor = EventExtractor(lexicon, ActorCoder(kb))
        self.headline_vocab = frozenset(e.lemma for e in lexicon.entries()) | frozenset(
            t for t in kb.role_by_term if " " not in t)
        self.batch_size = int(settings.get("batch_size", batch_size) or 64)
        self.version = f"dyad {__version__}; {model_name(model)}"

    def parse_inputs(self, articles: list[Article]) -> list[tuple[str, tuple[int, Any]]]:
        """(text, (article index, segment)) for every segment, as spaCy parses them: each
        article segmented once, Title Case headlines sentence-cased first."""
        from .ingest import segment
        from .nlp.headline import sentence_case

        items: list[tuple[str, tuple[int, Any]]] = []
        for i, art in enumerate(articles):
            if not art.segments:
                art.segments = segment(art)
            for k, seg in enumerate(art.segments):
                text = art.text[seg.start:seg.end]
                if seg.kind == "headline" or (k == 0 and len(text) < 200):
                    text = sentence_case(text, self.headline_vocab)
                items.append((text, (i, seg)))
        return items

    def process(self, articles: list[Article]) -> list[ArticleResult]:
        items = self.parse_inputs(articles)
        docs = self.nlp.pipe(items, as_tuples=True, batch_size=self.batch_size)
        grouped: dict[int, list[tuple[Any, Any]]] = {i: [] for i in range(len(articles))}
        for doc, (i, seg) in docs:
            grouped[i].append((doc, seg))
        return [self._article(art, grouped[i]) for i, art in enumerate(articles)]

    def _article(self, article: Article, parsed: list[tuple[Any, Any]]) -> ArticleResult:
        from .extract.events import ArticleContext
        from .extract.quotes import ArticleQuotes
        from .resolve.places import PlaceFinder
        from .resolve.time import ParagraphClock, TimeFinder

        ctx = ArticleContext(article.id, article.published, self.version)
        result = ArticleResult(article)
        timer, placer = TimeFinder(article.published), PlaceFinder()
        quoter = ArticleQuotes(self.extractor.coder, article.id, article.text, article.published)
        guard = _StageGuard(article.id)
        for doc, seg in parsed:
            times = guard.run("time", timer.find, doc, seg.start, ParagraphClock(article.published)) or []
            places = guard.run("place", placer.find, doc, seg.start, article.id)
            if places is None:  # not `or []`: an empty segment still carries the article's focus
                places = []
            if seg.kind != "caption":  # photo captions describe pictures, not events
                result.events.extend(guard.run(
                    "event", self.extractor.segment_events, doc, seg.start, ctx, times, places,
                    headline=seg.kind == "headline" or seg.start == 0) or [])
                result.quotes.extend(guard.run("quote", quoter.add, doc, seg.start) or [])
            result.times.extend(tv for tv, _ in times)
            result.places.extend(rec for rec, _ in places)
        _attribute_quoted(result)
        _credit_claims(result, ctx.claims)
        _restore_surface(result)
        return result


class _StageGuard:
    """Runs one stage on one segment; an unexpected failure costs that stage's output for
    that segment (with a one-line :class:`~dyad.errors.StageWarning`), not the batch."""

    def __init__(self, article_id: str) -> None:
        self.article_id = article_id

    def run(self, stage: str, func: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except Exception as exc:  # a bug in one stage must not lose the other stages' output
            import warnings

            from .errors import StageWarning

            warnings.warn(f"article {self.article_id}: the {stage} stage failed on a paragraph "
                          f"({type(exc).__name__}: {exc}); its other results are kept", StageWarning, stacklevel=2)
            return None


def _credit_claims(result: ArticleResult, claims: list) -> None:
    """"The Taliban claimed responsibility for the attack": the claimer is the actor of the
    attacks reported earlier in the article with no actor of their own."""
    credits = [(ev.trigger.start, ev.actors) for ev in result.events if (ev.rule or "").endswith("+claimed")]
    credits += [(ref.start, [ref]) for ref in claims]
    for start, actors in sorted(credits, key=lambda c: c[0]):
        for ev in result.events:
            if ev.trigger.start >= start:
                break
            if ev.event_type != "ASSAULT" or ev.status != "asserted":
                continue
            if not ev.actors:
                ev.actors = [replace(a, via=a.text) for a in actors]
            elif all(a.country is None and a.actor_id is None for a in ev.actors):
                # "assailants", "gunmen": the claimed group is who they were
                ev.actors.extend(replace(a, via=a.text) for a in actors)


def _attribute_quoted(result: ArticleResult) -> None:
    """Events inside a quotation are claims of its speaker ("...," the president wrote)."""
    quotes = [q for q in result.quotes if q.speaker is not None]
    for ev in result.events:
        if ev.attributed_to is not None:
            continue
        inside = [q for q in quotes if q.start <= ev.trigger.start and ev.trigger.end <= q.end]
        if inside:
            ev.attributed_to = replace(min(inside, key=lambda q: q.end - q.start).speaker)


def _restore_surface(result: ArticleResult) -> None:
    """Span texts from the article as read (headlines were parsed sentence-cased)."""
    text = result.article.text
    for ev in result.events:
        ev.trigger.text = text[ev.trigger.start:ev.trigger.end]
        ev.sentence = text[ev.sentence_start:ev.sentence_end]
        for ref in [*ev.actors, *ev.recipients, *([ev.attributed_to] if ev.attributed_to else [])]:
            ref.text = text[ref.start:ref.end]
        if ev.date.text_start is not None and ev.date.text_end is not None:
            ev.date.text = text[ev.date.text_start:ev.date.text_end]
        if ev.location is not None and ev.location.start is not None and ev.location.end is not None:
            ev.location.text = text[ev.location.start:ev.location.end]
    for q in result.quotes:
        q.text = text[q.start:q.end]
        if q.speaker is not None:
            q.speaker.text = text[q.speaker.start:q.speaker.end]
    for tv in result.times:
        tv.text = text[tv.start:tv.end]
    for rec in result.places:
        rec["text"] = text[rec["start"]:rec["end"]]


@functools.lru_cache(maxsize=2)
def get_pipeline(model: str | None = None, actors_file: str | None = None,
                 learned_actors: str | None = None) -> Pipeline:
    """The process-wide pipeline for ``model`` (loaded on first use)."""
    return Pipeline(model, actors_file, learned_actors=learned_actors)


# -- parallel streaming ---------------------------------------------------------
_WORKER: Pipeline | None = None


#: A pipeline the parent loaded before forking its workers (see pipe()).
_PRELOADED: Pipeline | None = None


def _init_worker(model: str | None, actors_file: str | None, learned_actors: str | None = None,
                 preloaded: bool = False) -> None:
    global _WORKER
    if preloaded and _PRELOADED is not None:
        _WORKER = _PRELOADED  # inherited through fork: its pages are shared until written
    else:
        _WORKER = Pipeline(model, actors_file, learned_actors=learned_actors)


def _pipeline_for(model: str | None, actors_file: str | None, learned_actors: str | None) -> Pipeline:
    return (get_pipeline(model, actors_file, learned_actors) if learned_actors
            else get_pipeline(model, actors_file))  # the cache key of callers before issue 4


#: A short text that makes every stage load what it loads lazily (gazetteer, time lexicon).
_WARM_UP = Article(id="dyad-warm-up", text="Police detained two men in Paris on Monday, officials said.",
                   published=dt.date(2020, 1, 1))


def _work(chunk: list[Article]) -> list[ArticleResult]:
    assert _WORKER is not None
    return _WORKER.process(chunk)


def _chunks(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    it = iter(articles)
    while chunk := list(itertools.islice(it, size)):
        yield chunk


def pipe(articles: Iterable[Article], *, n_process: int | None = None,
         batch_size: int | None = None, model: str | None = None,
         actors_file: str | None = None, learned_actors: str | None = None) -> Iterator[ArticleResult]:
    """Run every stage over ``articles``; yields results in input order. ``learned_actors``:
    a knowledge file of actors a database learned from text (lowest priority)."""
    n = int(settings.get("n_process", n_process) or 1)
    chunk = max(4, int(settings.get("batch_size", batch_size) or 64) // 4)
    if n <= 1:
        pipeline = _pipeline_for(model, actors_file, learned_actors)
        for part in _chunks(articles, chunk):
            yield from pipeline.process(part)
        return
    fork = "fork" in mp.get_all_start_methods()
    ctx = mp.get_context("fork") if fork else mp.get_context("spawn")
    if fork:
        # Load (and warm) the stages once in the parent: forked workers share the model's
        # weights, the gazetteer and the knowledge copy-on-write instead of each loading its
        # own copy. gc.freeze keeps the collector from touching (and so copying) those pages.
        global _PRELOADED
        _PRELOADED = _pipeline_for(model, actors_file, learned_actors)
        _PRELOADED.process([_WARM_UP])
        gc.collect()
        gc.freeze()
    try:
        with ctx.Pool(n, initializer=_init_worker, initargs=(model, actors_file, learned_actors, fork)) as pool:
            for results in pool.imap(_work, _chunks(articles, chunk)):
                yield from results
    finally:
        if fork:
            gc.unfreeze()


def extract(text: str, *, published: str | dt.date | None = None, title: str | None = None,
            article_id: str | None = None) -> list[Event]:
    """Events in one text. ``published`` (YYYY-MM-DD) anchors relative dates."""
    from .ingest import parse_published

    when = published if isinstance(published, dt.date) or published is None else parse_published(published)
    article = Article(id=article_id or stable_id(title or "", text), text=text, title=title, published=when)
    return get_pipeline().process([article])[0].events

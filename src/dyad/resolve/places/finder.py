"""The place stage of the pipeline: toponym records of one article, segment by segment."""

from __future__ import annotations

from spacy.tokens import Doc, Span

from .gazetteer import Candidate, Gazetteer, gazetteer
from .names import PRECISION
from .recognize import actor_countries, dateline_end, recognize
from .resolve import ArticleState, resolve_segment

__all__ = ["PlaceFinder", "SegmentPlaces", "record_for"]

#: how much a known group or person of a country counts towards the article's country,
#: against 1 for a place of that country
ACTOR_COUNTRY_WEIGHT = 0.5
#: the keys of a place record, in output order
RECORD_KEYS = ("article_id", "text", "start", "end", "name", "geonameid", "lat", "lon", "country", "admin1",
               "feature", "precision", "is_actor")


class SegmentPlaces(list):
    """``[(record, span), ...]`` of one segment, plus the article's focus so far.

    A plain list to every caller; :func:`locate_event` also reads ``anchor`` (the
    record of the article's main town or site) and ``focus`` (of the country the
    article is most about) for its article-level fallbacks.
    """

    focus: dict | None = None
    #: the record of the article's main specific place so far (see ``ArticleState.anchor``)
    anchor: dict | None = None
    #: the dateline's place ("NIAMEY — ..."), when the segment opens with one
    dateline: dict | None = None


def record_for(c: Candidate, article_id: str, text: str, start: int, end: int, is_actor: bool = False) -> dict:
    """The public record of one toponym (see ``RECORD_KEYS``)."""
    return {
        "article_id": article_id, "text": text, "start": start, "end": end, "name": c.name,
        "geonameid": c.geonameid, "lat": c.lat, "lon": c.lon, "country": c.country, "admin1": c.admin1,
        "feature": c.feature, "precision": "admin1" if c.coarse else PRECISION.get(c.feature, c.feature),
        "is_actor": is_actor,
    }


class PlaceFinder:
    """Toponyms of one article, geocoded; what the article settles carries to later segments."""

    def __init__(self, gaz: Gazetteer | None = None) -> None:
        self.gaz = gaz if gaz is not None else gazetteer()
        self.state = ArticleState()
        self._article_id: str | None = None

    @property
    def focus(self) -> str | None:
        """ISO3 of the country the article is most about so far."""
        return self.state.focus

    def focus_record(self, article_id: str) -> dict | None:
        iso3 = self.state.focus
        country = self.gaz.country(iso3) if iso3 else None
        if country is None:
            return None
        return record_for(country, article_id, country.name, -1, -1)

    def find(self, doc: Doc, offset: int, article_id: str) -> list[tuple[dict, Span]]:
        """Records and token spans of the toponyms in one segment (``offset``: its start in the article)."""
        if self._article_id not in (None, article_id):
            self.state = ArticleState()  # a finder reused for another article starts afresh
        self._article_id = article_id
        for iso3 in actor_countries(doc):  # "FARDC soldiers": weak evidence of the article's country
            self.state.countries[iso3] += ACTOR_COUNTRY_WEIGHT
        mentions = recognize(doc, self.gaz, set(self.state.memo), self.state.focus)
        choices = resolve_segment(mentions, self.state, self.gaz)
        out = SegmentPlaces()
        for m, c in zip(mentions, choices):
            if c is None:
                continue  # a name no gazetteer entry matches is no use as a location
            span = m.span
            rec = record_for(c, article_id, span.text, offset + span.start_char, offset + span.end_char, m.is_actor)
            out.append((rec, span))
            if not m.is_actor:
                self.state.scene(c)
            elif m.source == "org" and self.state.focus in (None, c.country):
                self.state.scene(c, 0.5)  # "the University of Bangui": weak evidence of the scene
        out.dateline = _dateline(out)
        out.focus = self.focus_record(article_id)
        anchor = self.state.anchor()
        out.anchor = record_for(anchor, article_id, anchor.name, -1, -1) if anchor is not None else None
        return out


def _dateline(places: list[tuple[dict, Span]]) -> dict | None:
    """'NIAMEY — Malian gendarmes ...': an upper-case place that opens the segment before a dash."""
    for rec, span in places:
        doc = span.doc
        if span.start > 3 or rec.get("lat") is None:
            continue
        if all(t.is_upper for t in doc[:span.end] if t.is_alpha) and dateline_end(doc, span.end):
            return rec
    return None

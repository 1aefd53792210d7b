"""The gazetteer: every spelling of a place, resolved offline.

`Gazetteer.default()` opens (building once, then caching) the compiled index over GeoNames populated
places >= 500, countries, curated Ukrainian renamings/regions/settlements and any imported dumps.
Importing this package is light: the index, numpy and pymorphy3 load only when first needed.

The room, top down (each module imports only those below it):
  opening      Gazetteer.default()/open(): the index of a SourceSet, built once across processes; geocode()
  collect      the sources gathered into one list of places (sources, dumps, regions, katottg)
  build        places -> an index directory (store, twins, fuzzy), then answers.py ranks its stored answers
  answers      exact()/lookup() of every name key, ranked at build time with the queries' own ranking
  lookup       GazetteerIndex: the queries over one built index (tiers of hits: keys, morph, fuzzy)
  rank         the ranking (weights, context fit, prominence, twins, ambiguity) and the candidates' reasons
  store        the memory-mapped place rows, key records and answers; keys, weights, fold, translit below
  sourceset    what an index is built from, and its fingerprint (buildcode: the build's code, hashed)
batch.py and geopy_adapter.py serve the CLI and geopy users on top. The room may import geomap.model,
geomap.errors, geomap.fileio, geomap.paths and geomap.geodesy.spherical, and nothing else of geomap.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

from geomap.gazetteer.fold import fold

_LAZY = {
    "Gazetteer": "geomap.gazetteer.opening",
    "geocode": "geomap.gazetteer.opening",
    "Context": "geomap.gazetteer.context",
    "SourceSet": "geomap.gazetteer.sourceset",
    "GeomapGeocoder": "geomap.gazetteer.geopy_adapter",
}

__all__ = ["fold", *sorted(_LAZY)]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'geomap.gazetteer' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value

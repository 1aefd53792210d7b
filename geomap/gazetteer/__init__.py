"""The gazetteer: every spelling of a place, resolved offline.

`Gazetteer.default()` opens (building once, then caching) the compiled index over GeoNames populated
places >= 500, countries, curated Ukrainian renamings/regions/settlements and any imported dumps.
Importing this package is light: the index, numpy and pymorphy3 load only when first needed.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

from geomap.gazetteer.fold import fold

_LAZY = {
    "Gazetteer": "geomap.gazetteer.lookup",
    "geocode": "geomap.gazetteer.lookup",
    "Context": "geomap.gazetteer.context",
    "SourceSet": "geomap.gazetteer.index",
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

"""geomap: turn news reports into maps that can be trusted.

The public API mirrors the command line. Attributes are imported lazily so that
`import geomap` stays cheap for the command line and for worker processes.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

__version__ = "0.1.0"

_LAZY = {
    "geocode": "geomap.gazetteer",
    "Gazetteer": "geomap.gazetteer",
    "GeomapGeocoder": "geomap.gazetteer.geopy_adapter",
    "extract": "geomap.pipeline",
    "check": "geomap.pipeline",
    "distance": "geomap.measure",
    "render_map": "geomap.render",
}

__all__ = sorted(_LAZY)


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'geomap' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value

"""geomap: turn news reports into maps that can be trusted.

The public API mirrors the command line. Attributes are imported lazily so that
`import geomap` stays cheap for the command line and for worker processes; `__all__` and `__dir__` list
them, so that completion in a notebook or an editor finds the API before anything is imported.
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
    "to_dataframe": "geomap.frames",
    "to_geodataframe": "geomap.frames",
    "Report": "geomap.model",
    "Mention": "geomap.model",
    "Candidate": "geomap.model",
    "Place": "geomap.model",
    "Claim": "geomap.model",
    "Distance": "geomap.model",
    "GeomapError": "geomap.errors",
}

__all__ = sorted(_LAZY)


def __dir__() -> list[str]:
    return [*__all__, "__version__"]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'geomap' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value

"""International borders from the Natural Earth subset in data/borders/ (Crimea inside Ukraine)."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from geomap.errors import InputError, NotFoundError
from geomap.paths import data_dir

if TYPE_CHECKING:
    from geomap.layers import Layer

BORDER_SOURCE = "Natural Earth 5.1.1 1:10m admin-0 countries, German point of view (public domain)"
BORDER_ERROR_KM = 0.5  # 1:10m generalisation; see data/borders/README.md

_COUNTRY_ALIASES = {
    "ukraine": "UA", "україна": "UA", "украина": "UA", "ukr": "UA",
    "russia": "RU", "росія": "RU", "россия": "RU", "rus": "RU", "russian federation": "RU",
    "belarus": "BY", "білорусь": "BY", "беларусь": "BY", "moldova": "MD", "poland": "PL",
    "romania": "RO", "hungary": "HU", "slovakia": "SK", "georgia": "GE", "kazakhstan": "KZ",
    "finland": "FI", "estonia": "EE", "latvia": "LV", "lithuania": "LT", "norway": "NO",
}  # fmt: skip


def borders_dir() -> Path:
    return data_dir() / "borders"


def country_code(country: str) -> str:
    """ISO 3166-1 alpha-2 from a code or a common name; InputError when unknown."""
    text = (country or "").strip()
    if len(text) == 2 and text.isalpha():
        return text.upper()
    code = _COUNTRY_ALIASES.get(text.lower())
    if code is None:
        raise InputError(f"unknown country {country!r}: use an ISO code such as UA, RU, BY")
    return code


@lru_cache(maxsize=4)
def _features(name: str) -> dict[tuple[str, str | None], dict]:
    """Features keyed by (country, neighbour): neighbour None for a country's whole border or polygon."""
    path = borders_dir() / name
    if not path.is_file():
        raise NotFoundError(f"border data missing: {path} (run scripts/build_borders.py)")
    doc = json.loads(path.read_text(encoding="utf-8"))
    return {(f["properties"]["iso_a2"], f["properties"].get("neighbour")): f for f in doc["features"]}


def _held(feats: dict) -> str:
    return ", ".join(sorted({k[0] for k in feats}))


def _shape(feature: dict) -> Any:
    from shapely.geometry import shape

    return shape(feature["geometry"])


@lru_cache(maxsize=32)
def country_outline(country: str = "UA") -> Any:
    """The country's polygon (shapely, lon/lat) from the 1:10m subset."""
    code = country_code(country)
    feats = _features("countries-10m.geojson")
    if (code, None) not in feats:
        raise NotFoundError(f"no 1:10m polygon for {code}; the subset holds {_held(feats)}")
    return _shape(feats[(code, None)])


@lru_cache(maxsize=32)
def border_of(country: str = "UA") -> Layer:
    """The country's international land border (its boundary minus the coast) as a Layer."""
    from geomap.layers import Layer

    code = country_code(country)
    feats = _features("land-borders-10m.geojson")
    if (code, None) not in feats:
        raise NotFoundError(f"no border data for {code}; the subset holds {_held(feats)}")
    f = feats[(code, None)]
    name = f["properties"].get("name") or code
    return Layer(
        name=f"{name}'s international border",
        kind="border",
        geometry=_shape(f),
        source=BORDER_SOURCE,
        error_km=BORDER_ERROR_KM,
        path=borders_dir() / "land-borders-10m.geojson",
        note="internationally recognised border (Crimea in Ukraine); land border only, coast excluded",
    )


@lru_cache(maxsize=64)
def border_between(country: str, neighbour: str) -> Layer:
    """The stretch of `country`'s land border shared with `neighbour` ("the border with Russia")."""
    from geomap.layers import Layer

    a, b = country_code(country), country_code(neighbour)
    feats = _features("land-borders-10m.geojson")
    if (a, None) not in feats:
        raise NotFoundError(f"no border data for {a}; the subset holds {_held(feats)}")
    f = feats.get((a, b)) or feats.get((b, a))
    if f is None:
        raise InputError(f"{a} and {b} share no land border")
    return Layer(
        name=f"{f['properties']['name']} border" if (a, b) in feats else _swap_name(f["properties"]["name"]),
        kind="border",
        geometry=_shape(f),
        source=BORDER_SOURCE,
        error_km=BORDER_ERROR_KM,
        path=borders_dir() / "land-borders-10m.geojson",
        note="internationally recognised border (Crimea in Ukraine)",
    )


def _swap_name(name: str) -> str:
    left, _, right = name.partition("–")
    return f"{right}–{left} border"

"""International borders from the Natural Earth subset in data/borders/ (Crimea inside Ukraine): a
country's outline, its land border, and the stretch of it along one neighbour."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from geomap.countries import country_code, country_name
from geomap.errors import InputError, NotFoundError
from geomap.layers.loaders import Feature, read_geojson
from geomap.paths import data_dir

if TYPE_CHECKING:
    from geomap.layers import Layer

BORDER_SOURCE = "Natural Earth 5.1.1 1:10m admin-0 countries, German point of view (public domain)"
BORDER_ERROR_KM = 0.5  # 1:10m generalisation; see data/borders/README.md
SHARED_WINDOW_DEG = 0.5  # the neighbour's border is clipped to this margin around the country's first
SHARED_SNAP_DEG = 0.02  # ~2 km: the two countries' border lines, generalised apart, still meet within it
SHARED_MIN_DEG = 0.05  # ~5 km: a shorter common stretch is a corner touched, not a shared border
LAND_BORDERS = "land-borders-10m.geojson"


def borders_dir() -> Path:
    return data_dir() / "borders"


@lru_cache(maxsize=4)
def _features(name: str) -> dict[tuple[str, str | None], Feature]:
    """Features keyed by (country, neighbour): neighbour None for a country's whole border or polygon."""
    path = borders_dir() / name
    if not path.is_file():
        raise NotFoundError(f"border data missing: {path} (run scripts/build_borders.py)")
    return {(f.properties["iso_a2"], f.properties.get("neighbour")): f for f in read_geojson(path).features}


def _held(feats: dict) -> str:
    return ", ".join(sorted({k[0] for k in feats}))


@lru_cache(maxsize=32)
def country_outline(country: str = "UA") -> Any:
    """The country's polygon (shapely, lon/lat) from the 1:10m subset."""
    code = country_code(country)
    feats = _features("countries-10m.geojson")
    if (code, None) not in feats:
        raise NotFoundError(f"no 1:10m polygon for {code}; the subset holds {_held(feats)}")
    return feats[(code, None)].geometry


class BorderAtlas:
    """Every country's land border held in memory: read once, at the edge (the pipeline), and handed to
    the claims stage, which then measures "the border" without opening a file."""

    def __init__(self, features: dict[tuple[str, str | None], Feature]) -> None:
        self._features = features
        self._whole: dict[str, Layer] = {}
        self._shared: dict[tuple[str, str], Layer] = {}

    def of(self, country: str = "UA") -> Layer:
        """The country's international land border (its boundary minus the coast) as a Layer."""
        code = country_code(country)
        if code not in self._whole:
            self._whole[code] = self._border(code)
        return self._whole[code]

    def between(self, country: str, neighbour: str) -> Layer:
        """The stretch of `country`'s land border that runs along `neighbour` ("the border with Russia").

        It is the part of the country's border lying on the neighbour's, so both come from one drawing of
        the line. InputError when the two share no land border (or the neighbour has no border data).
        """
        key = (country_code(country), country_code(neighbour))
        if key not in self._shared:
            self._shared[key] = self._stretch(*key)
        return self._shared[key]

    def _border(self, code: str) -> Layer:
        from geomap.layers import Layer

        if (code, None) not in self._features:
            raise NotFoundError(f"no border data for {code}; the subset holds {_held(self._features)}")
        f = self._features[(code, None)]
        name = f.properties.get("name") or code
        return Layer(
            name=f"{name}'s international border",
            kind="border",
            geometry=f.geometry,
            source=BORDER_SOURCE,
            error_km=BORDER_ERROR_KM,
            path=borders_dir() / LAND_BORDERS,
            note="internationally recognised border (Crimea in Ukraine); land border only, coast excluded",
        )

    def _stretch(self, a: str, b: str) -> Layer:
        from geomap.layers import Layer

        whole = self.of(a)
        try:
            other = self.of(b)
        except NotFoundError as exc:
            raise InputError(f"no border data for {b}, so none shared with {a}") from exc
        line = _shared_stretch(whole.geometry, other.geometry)
        if line is None:
            raise InputError(f"{a} and {b} share no land border")
        names = sorted((country_name(a), country_name(b)))
        return Layer(
            name=f"{names[0]}–{names[1]} border",
            kind="border",
            geometry=line,
            source=whole.source,
            approximate=whole.approximate,
            error_km=whole.error_km,
            note=f"the part of {whole.name} along {country_name(b)}",
        )


@lru_cache(maxsize=1)
def border_atlas() -> BorderAtlas:
    """The shipped land borders, read once per process."""
    return BorderAtlas(_features(LAND_BORDERS))


def border_of(country: str = "UA") -> Layer:
    """The country's international land border from the shipped data (see BorderAtlas.of)."""
    return border_atlas().of(country)


def border_between(country: str, neighbour: str) -> Layer:
    """The stretch of the shipped border of `country` along `neighbour` (see BorderAtlas.between)."""
    return border_atlas().between(country, neighbour)


def _shared_stretch(border: Any, other: Any) -> Any:
    """The part of `border` lying on `other` (clipped first: `other` may be Russia's), or None."""
    import shapely

    x0, y0, x1, y1 = border.bounds
    pad = SHARED_WINDOW_DEG
    near = shapely.clip_by_rect(other, x0 - pad, y0 - pad, x1 + pad, y1 + pad)
    line = border.intersection(near.buffer(SHARED_SNAP_DEG))
    return None if line.is_empty or line.length < SHARED_MIN_DEG else line

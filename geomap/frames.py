"""Reports as pandas tables: one flat row per mention, in the CSV export's column order.

`to_dataframe(reports)` gives a pandas DataFrame; `to_geodataframe(reports)` the same rows as a geopandas
GeoDataFrame (WGS84 points; an unresolved mention's geometry is empty). pandas and geopandas are optional
extras (`geomap[pandas]`, `geomap[geo]`): the command line never needs them.

May import: geomap.model.
"""

from __future__ import annotations

from collections.abc import Iterable

from geomap.model import Report, rows_frame

__all__ = ["to_dataframe", "to_geodataframe"]


def _reports(reports: Report | Iterable[Report]) -> list[Report]:
    items = [reports] if isinstance(reports, Report) else list(reports)
    if any(not isinstance(r, Report) for r in items):
        raise TypeError("to_dataframe takes Report objects (from geomap.extract)")
    return items


def to_dataframe(reports: Report | Iterable[Report]):
    """A pandas DataFrame of every mention of every report: no nested values, CSV column order first."""
    return rows_frame([row for r in _reports(reports) for row in r.rows()])


def to_geodataframe(reports: Report | Iterable[Report]):
    """The same rows as a geopandas GeoDataFrame in EPSG:4326 (lon/lat points)."""
    try:
        import geopandas as gpd
    except ImportError:
        raise ImportError("GeoDataFrames need geopandas: pip install 'geomap[geo]'") from None
    frame = to_dataframe(reports)
    points = gpd.points_from_xy(frame["lon"], frame["lat"], crs="EPSG:4326")
    return gpd.GeoDataFrame(frame, geometry=points, crs="EPSG:4326")

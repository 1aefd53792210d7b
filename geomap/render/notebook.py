"""The map as a folium `Map` a notebook displays: `m = geomap.render_map(report)` and then `m`.

geomap's page is folium's map plus the data and script that draw the markers in the browser, composed
into one self-contained page; `GeomapMap` carries that page, shows it in Jupyter the way folium does (an
iframe whose `srcdoc` is the whole page) and writes it with `save()`. Layers added to it afterwards with
folium's API are not drawn: the page is composed when the map is rendered.
"""

from __future__ import annotations

import html as html_lib
from pathlib import Path

import folium

NOTEBOOK_HEIGHT = "600px"  # Jupyter gives an iframe no height of its own; folium's maps use about this


class GeomapMap(folium.Map):
    """A folium Map whose page is geomap's self-contained rendering of the reports."""

    def __init__(self, page: str, title: str = "") -> None:
        super().__init__(location=None, tiles=None)
        self.page = page
        self.title = title

    def _repr_html_(self, **kwargs) -> str:
        return (
            f'<iframe srcdoc="{html_lib.escape(self.page, quote=True)}" '
            f'style="width:100%;height:{NOTEBOOK_HEIGHT};border:none" '
            "allowfullscreen webkitallowfullscreen mozallowfullscreen></iframe>"
        )

    def save(self, outfile: str | Path, close_file: bool = True, **kwargs) -> None:
        """Write the page atomically (folium's signature; `close_file` is accepted and unused)."""
        from geomap.fileio import atomic_write_text

        atomic_write_text(outfile, self.page)

    def __repr__(self) -> str:
        return f"<GeomapMap {self.title!r}: {len(self.page):,} bytes of self-contained HTML>"

"""The map: a self-contained folium page (or fragment, or PNG) that tells an article's story.

`render_map(report_or_reports, path=None, ...)` returns the map as a folium `Map` (notebook.py: it
displays in Jupyter) and, given a path, also writes it atomically; `render_html` gives the HTML string.
build.py composes the page from markers (markers.py, popups.py), claims (claims_layer.py), the legend, the
offline basemap (basemap.py) and reference layers (reference.py); static/geomap.js draws it in the browser.

May import: geomap.model, geomap.errors, geomap.layers, geomap.paths, geomap.fileio, and geomap.gazetteer
(basemap.py draws the gazetteer's own towns and oblast names; corpus.py geocodes an events table's place
names).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from geomap.errors import InputError
from geomap.model import Report

if TYPE_CHECKING:
    from geomap.render.notebook import GeomapMap

__all__ = ["render_map", "render_html"]


def render_html(
    report_or_reports: Report | Sequence[Report] = (),
    *,
    fragment: bool = False,
    tiles: str | None = None,
    title: str | None = None,
    frontline: object = None,
    date: str | None = None,
    events: object = None,
) -> str:
    """The map as an HTML string (a whole page, or a fragment for another page)."""
    from geomap.render.build import build
    from geomap.render.corpus import read_events
    from geomap.render.export import check_offline, fragment_html, page_html

    reports = [report_or_reports] if isinstance(report_or_reports, Report) else list(report_or_reports)
    if any(not isinstance(r, Report) for r in reports):
        raise InputError("render_map takes Report objects (from geomap.extract)")
    markers = []
    if events is not None:
        markers = read_events(events) if isinstance(events, str | Path) else list(events)
    if not reports and not markers:
        raise InputError("nothing to map: give at least one article or an events file")
    built = build(reports, events=markers, tiles=tiles, title=title, frontline=frontline, date=date)
    html = fragment_html(built) if fragment else page_html(built)
    if not tiles:
        check_offline(html)
    return html


def render_map(
    report_or_reports: Report | Sequence[Report] = (),
    path: str | Path | None = None,
    *,
    fragment: bool = False,
    png: str | Path | None = None,
    tiles: str | None = None,
    title: str | None = None,
    frontline: object = None,
    date: str | None = None,
    events: object = None,
) -> GeomapMap:
    """The map as a folium `Map` (shown by Jupyter, written by its `save()`). Writes only when told:
    the page (or, with `fragment`, the fragment) to `path`, whole or not at all; with `png`, a picture."""
    from geomap.fileio import atomic_write_text
    from geomap.render.export import screenshot
    from geomap.render.notebook import GeomapMap

    kwargs = dict(tiles=tiles, title=title, frontline=frontline, date=date, events=events)
    page = render_html(report_or_reports, **kwargs)
    if png is not None:  # the picture first: when it fails, no page is left behind either
        screenshot(page, png)
    if path is not None:
        atomic_write_text(path, render_html(report_or_reports, fragment=True, **kwargs) if fragment else page)
    return GeomapMap(page, title=_page_title(page))


def _page_title(page: str) -> str:
    import html as html_lib
    import re

    found = re.search(r"<title>(.*?)</title>", page, re.S)
    return html_lib.unescape(found.group(1)) if found else ""

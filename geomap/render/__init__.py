"""The map: a self-contained folium page (or fragment, or PNG) that tells an article's story.

`render_map(report_or_reports, path, ...)` writes the map atomically and returns the path written.
build.py composes the page from markers (markers.py, popups.py), claims (claims_layer.py), the legend, the
offline basemap (basemap.py) and reference layers (reference.py); static/geomap.js draws it in the browser.

May import: geomap.model, geomap.errors, geomap.layers, geomap.paths, geomap.fileio, and geomap.gazetteer
(basemap.py draws the gazetteer's own towns and oblast names; corpus.py geocodes an events table's place
names).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from geomap.errors import InputError
from geomap.model import Report

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
    report_or_reports: Report | Sequence[Report],
    path: str | Path,
    *,
    fragment: bool = False,
    png: str | Path | None = None,
    tiles: str | None = None,
    title: str | None = None,
    frontline: object = None,
    date: str | None = None,
    events: object = None,
) -> Path:
    """Write the map to `path` (whole or not at all); with `png`, also a picture of it."""
    from geomap.fileio import atomic_write_text
    from geomap.render.export import screenshot

    kwargs = dict(tiles=tiles, title=title, frontline=frontline, date=date, events=events)
    html = render_html(report_or_reports, fragment=fragment, **kwargs)
    if png is not None:
        screenshot(html if not fragment else render_html(report_or_reports, **kwargs), png)
    return atomic_write_text(path, html)

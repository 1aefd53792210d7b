"""Compose the folium map for one report or a corpus: layers, controls, and the data the browser draws.

folium gives the map, its layer groups, the layer control and the plugins (clustering, fullscreen,
measure); the markers, popups, labels and panels are drawn in the browser by static/geomap.js from one
escaped data object, which keeps 10,000 markers small and fast and every article string in one place.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import PurePath

from geomap.errors import InputError
from geomap.model import Claim, Report
from geomap.render.assets import strip_links
from geomap.render.basemap import Basemap, build_basemap, content_bounds
from geomap.render.claims_layer import ClaimLine, claim_lines, claims_panel
from geomap.render.escape import html_text as esc
from geomap.render.escape import script_json
from geomap.render.legend import legend_html
from geomap.render.markers import (
    ROLE_COLOR,
    ROLE_LABEL,
    ROLE_SHOWN,
    ROLES,
    MarkerSpec,
    countries_named,
    marker_row,
    report_markers,
    type_colors,
    unresolved_count,
)
from geomap.render.reference import RefLayer, layer_date, reference_layers

CLUSTER_OVER = 40  # cluster markers when a map has more than this many
ATTRIBUTION = (
    "Places: <a href='https://www.geonames.org/'>GeoNames</a> (CC BY 4.0)"
    " · Borders: <a href='https://www.naturalearthdata.com/'>Natural Earth</a> · geomap"
)


@dataclass(frozen=True, slots=True)
class BuiltMap:
    """The rendered parts of one map, ready to be put in a page or a fragment."""

    name: str  # the map's unique element id (and JS variable)
    html: str  # the map's <div>
    script: str  # folium's JavaScript plus the GeomapRender call
    title: str  # plain-text title for <title>
    markers: int
    online_tiles: bool


def _title_parts(
    reports: Sequence[Report], title: str | None, n_events: int, dates: Sequence[str]
) -> tuple[str, str]:
    """(headline, subtitle) as plain text: the article's headline or a count, and the date(s)."""
    if title:
        head = title
    elif len(reports) == 1 and not n_events:
        r = reports[0]
        src = PurePath(r.source).stem if r.source and not r.source.startswith("<") else "Article"
        head = r.title or src
    else:
        parts = [f"{len(reports)} article(s)"] if reports else []
        if n_events:
            parts.append(f"{n_events:,} events")
        head = " and ".join(parts)
    if not dates:
        sub = ""
    elif len(dates) == 1:
        sub = dates[0]
    else:
        sub = f"{dates[0]} – {dates[-1]}"
    return head, sub


def _plain(name: str) -> str:
    """A layer name safe for folium, whose output passes through Jinja: no braces, no markup."""
    return re.sub(r"[{}<>%]", "", name)[:120]


def _tile_layer(name: str):
    import folium
    import xyzservices.providers as xp

    try:
        provider = xp.query_name(name)
    except ValueError:
        raise InputError(
            f"unknown tile provider {name!r} (try OpenStreetMap.Mapnik or CartoDB.Positron)"
        ) from None
    if provider.get("requires_token"):
        raise InputError(f"tile provider {name!r} needs an API key; choose one that does not")
    return folium.TileLayer(
        tiles=provider.build_url(),
        attr=provider.html_attribution,
        name=provider.name,
        max_zoom=provider.get("max_zoom", 18),
        overlay=False,
    )


@dataclass(frozen=True, slots=True)
class _Story:
    """What the map tells: the markers, the claims and their lines, and the lists the markers index."""

    reports: Sequence[Report]
    n_events: int
    markers: list[MarkerSpec]
    claims: list[Claim]
    lines: list[ClaimLine]
    types: dict[str, str]  # event type -> colour, in the order the filter lists them
    dates: list[str]
    roles: set[str]  # roles present

    @property
    def corpus(self) -> bool:
        return len(self.reports) > 1 or self.n_events > 0


@dataclass(frozen=True, slots=True)
class _Frame:
    """Where the map looks: the offline basemap for the area, and the bounds of the story."""

    basemap: Basemap
    bounds: tuple[float, float, float, float]  # south, west, north, east
    fit: list[list[float]] | None  # what the browser fits the view to; None when nothing is located


@dataclass(frozen=True, slots=True)
class _Groups:
    """The folium layers the browser fills, by their element names."""

    base: str
    borders: str | None
    labels: str | None
    refs: list[dict]
    areas: str | None
    roles: dict[str, str]
    claims: str | None
    online: bool  # an online tile layer was added


def _story(reports: Sequence[Report], events: Sequence[MarkerSpec]) -> _Story:
    markers: list[MarkerSpec] = []
    for i, r in enumerate(reports):
        markers += report_markers(r, i)
    markers += list(events)
    claims = [c for r in reports for c in r.claims]
    return _Story(
        reports=reports,
        n_events=len(events),
        markers=markers,
        claims=claims,
        lines=claim_lines(claims),
        types=type_colors(m.event_type for m in markers if m.event_type),
        dates=sorted({m.date for m in markers if m.date}),
        roles={m.role for m in markers},
    )


def _frame(story: _Story) -> _Frame:
    """The area shown: the places shown by default (all places when none is), and both ends of claims."""
    markers = story.markers
    focus = [(m.lat, m.lon) for m in markers if ROLE_SHOWN[m.role]] or [(m.lat, m.lon) for m in markers]
    for ln in story.lines:
        focus += [ln.points[0], ln.points[-1]]
    basemap = build_basemap(focus)
    s, w, n, e = content_bounds(focus, min_span=0.5)
    return _Frame(basemap, (s, w, n, e), [[s, w], [n, e]] if focus else None)


def _new_map(frame: _Frame):
    import folium

    s, w, n, e = frame.bounds
    fmap = folium.Map(
        location=[(s + n) / 2, (w + e) / 2],
        zoom_start=6,
        tiles=None,
        control_scale=True,
        prefer_canvas=False,
        max_zoom=18,
        min_zoom=2,
    )
    fmap.options.update(maxZoom=18, minZoom=2)  # clustering needs a maxZoom, and no tile layer sets one
    return fmap


def _add_groups(
    fmap, story: _Story, frame: _Frame, refs: Sequence[RefLayer], tiles: str | None, cluster: bool
) -> _Groups:
    """The layer groups, in the order the layer control lists them: basemap, tiles, borders, labels,
    reference layers, areas, one group per role, claims."""
    import folium
    from folium.plugins import MarkerCluster

    base = folium.FeatureGroup(name="Offline basemap (Natural Earth)", overlay=False, show=not tiles)
    base.add_to(fmap)
    if tiles:
        _tile_layer(tiles).add_to(fmap)
    basemap = frame.basemap
    borders = None
    if basemap.countries:
        borders = folium.FeatureGroup(name="Country borders (Natural Earth)", show=bool(tiles)).add_to(fmap)
    labels = folium.FeatureGroup(name="Settlement labels", show=True).add_to(fmap) if basemap.labels else None
    ref_groups = []
    for ref in refs:
        g = folium.FeatureGroup(name=_plain(ref.name), show=True).add_to(fmap)
        ref_groups.append(
            {"group": g.get_name(), "kind": ref.kind, "label": esc(ref.name), "geojson": ref.geojson}
        )
    has_areas = any(m.radius_km > 0 for m in story.markers)
    areas = (
        folium.FeatureGroup(name="Region-only places (areas)", show=True).add_to(fmap) if has_areas else None
    )
    roles = {}
    for role in ROLES:
        if role not in story.roles:
            continue
        label = ROLE_LABEL[role]
        if cluster:
            g = MarkerCluster(
                name=label, show=ROLE_SHOWN[role], options={"chunkedLoading": True, "maxClusterRadius": 50}
            )
        else:
            g = folium.FeatureGroup(name=label, show=ROLE_SHOWN[role])
        g.add_to(fmap)
        roles[role] = g.get_name()
    claims = folium.FeatureGroup(name="Distance claims", show=True).add_to(fmap) if story.lines else None
    return _Groups(
        base=base.get_name(),
        borders=borders.get_name() if borders else None,
        labels=labels.get_name() if labels else None,
        refs=ref_groups,
        areas=areas.get_name() if areas else None,
        roles=roles,
        claims=claims.get_name() if claims else None,
        online=bool(tiles),
    )


def _add_controls(fmap) -> None:
    import folium
    from folium.plugins import Fullscreen, MeasureControl

    Fullscreen(position="topleft").add_to(fmap)
    MeasureControl(
        position="topleft",
        primary_length_unit="kilometers",
        secondary_length_unit="miles",
        primary_area_unit="sqkilometers",
    ).add_to(fmap)
    folium.LayerControl(collapsed=True, position="topright").add_to(fmap)


def _page_data(
    fmap, story: _Story, frame: _Frame, groups: _Groups, refs: Sequence[RefLayer], head: str, sub: str
) -> dict:
    """The one data object static/geomap.js draws the map from (every article string escaped)."""
    markers, lines, types = story.markers, story.lines, story.types
    type_index = {t: i for i, t in enumerate(types)}
    date_index = {d: i for i, d in enumerate(story.dates)}
    reports = list(story.reports)
    return {
        "map": fmap.get_name(),
        "roles": list(ROLES),
        "roleColors": ROLE_COLOR,
        "shownRoles": ROLE_SHOWN,
        "groups": groups.roles,
        "types": [{"name": t, "color": c} for t, c in types.items()],
        "dates": story.dates,
        "markers": [marker_row(m, type_index, date_index) for m in markers],
        "base": groups.base,
        "basemap": frame.basemap.countries,
        "borders": groups.borders,
        "labels": [[la, lo, esc(nm), pop] for la, lo, nm, pop in frame.basemap.labels],
        "labelGroup": groups.labels,
        "refs": groups.refs,
        "areas": groups.areas,
        "claims": [
            {
                "points": [[round(a, 5), round(b, 5)] for a, b in ln.points],
                "color": ln.color,
                "label": ln.label,
                "short": ln.short,
            }
            for ln in lines
        ],
        "claimGroup": groups.claims,
        "claimsPanel": claims_panel(story.claims),
        "legend": legend_html(
            types,
            story.roles,
            has_regions=any(m.precision >= 3 for m in markers),
            has_approx=any(m.precision == 2 for m in markers),
            verdicts={ln.verdict for ln in lines},
            frontline_label=next((r.name for r in refs if r.kind == "frontline"), None),
            unresolved=unresolved_count(reports),
            countries=countries_named(reports),
        ),
        "filter": story.corpus and len(types) > 0,
        "title": f"<h1>{esc(head)}</h1>" + (f"<div>{esc(sub)}</div>" if sub else ""),
        "attribution": ATTRIBUTION,
        "fit": frame.fit,
        "maxZoom": 9,
    }


def build(
    reports: Sequence[Report],
    *,
    events: Sequence[MarkerSpec] = (),
    tiles: str | None = None,
    title: str | None = None,
    frontline: object = None,
    date: str | None = None,
    cluster: bool | None = None,
) -> BuiltMap:
    """The map of reports (and events): the story, its frame, the folium layers, the browser's data."""
    story = _story(reports, events)
    if cluster is None:
        cluster = len(story.markers) > CLUSTER_OVER
    frame = _frame(story)
    refs = reference_layers(frontline, layer_date(list(reports), date))
    fmap = _new_map(frame)
    groups = _add_groups(fmap, story, frame, refs, tiles, cluster)
    _add_controls(fmap)
    head, sub = _title_parts(reports, title, story.n_events, story.dates)
    fmap.add_child(_DataElement(script_json(_page_data(fmap, story, frame, groups, refs, head, sub))))
    fig = fmap.get_root()
    strip_links(fig)
    for child in list(fig._children.values()):
        child.render()
    return BuiltMap(
        name=fmap.get_name(),
        html=fig.html.render(),
        script=fig.script.render(),
        title=f"{head} ({sub})" if sub else head,
        markers=len(story.markers),
        online_tiles=groups.online,
    )


def _DataElement(cfg_json: str):
    """A folium element whose script hands the map's data to the browser-side renderer.

    folium wraps each element's rendered script in a new Jinja template; article text must never be
    compiled as a template (``{{ ... }}`` would be evaluated), so this element adds its script as raw text.
    """
    from branca.element import Element, MacroElement

    class RawScript(Element):
        def __init__(self, text: str):
            super().__init__()
            self._text = text

        def render(self, **kwargs) -> str:
            return self._text

    class GeomapData(MacroElement):
        def __init__(self, cfg: str):
            super().__init__()
            self._name = "GeomapData"
            self.cfg = cfg

        def render(self, **kwargs) -> None:
            self.get_root().script.add_child(RawScript(f"GeomapRender({self.cfg});"), name=self.get_name())

    return GeomapData(cfg_json)

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
from geomap.render.palette import FRONTLINE_COLOR, OCCUPIED_FILL, ROLE_COLOR
from geomap.render.popups import article_label
from geomap.render.reference import RefLayer, layer_date, reference_layers, reference_series

CLUSTER_OVER = 40  # cluster markers when a map has more than this many
ATTRIBUTION = (
    "Places: <a href='https://www.geonames.org/'>GeoNames</a> (CC BY 4.0)"
    " · Land, water, borders: <a href='https://www.naturalearthdata.com/'>Natural Earth</a> · geomap"
)
FIT_MAX_ZOOM = 10  # a story about one village still shows the villages around it
MIN_FIT_SPAN_DEG = 0.3  # a single event is framed with about 30 km around it


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
    admin1: str | None
    labels: str | None
    refs: list[dict]
    areas: str | None
    roles: dict[str, str]
    claims: str | None
    online: bool  # an online tile layer was added


def _story(reports: Sequence[Report], events: Sequence[MarkerSpec]) -> _Story:
    markers: list[MarkerSpec] = []
    lines: list[ClaimLine] = []
    corpus = len(reports) > 1
    for i, r in enumerate(reports):
        markers += report_markers(r, i)
        lines += claim_lines(r.claims, i if corpus else -1)
    markers += list(events)
    claims = [c for r in reports for c in r.claims]
    return _Story(
        reports=reports,
        n_events=len(events),
        markers=markers,
        claims=claims,
        lines=lines,
        types=type_colors(m.event_type for m in markers if m.event_type),
        dates=sorted({m.date for m in markers if m.date}),
        roles={m.role for m in markers},
    )


def story_points(story: _Story) -> list[tuple[float, float]]:
    """What the first view frames: the events and both ends of each claim (the places that define the
    story), not every place the article names in passing; the places shown when there is no event."""
    markers = story.markers
    focus = [(m.lat, m.lon) for m in markers if m.role == "event" and m.precision < 3]
    focus = focus or [(m.lat, m.lon) for m in markers if m.role == "event"]
    for ln in story.lines:
        focus += [ln.points[0], ln.points[-1]]
    if not focus:
        focus = [(m.lat, m.lon) for m in markers if ROLE_SHOWN[m.role]] or [(m.lat, m.lon) for m in markers]
    return focus


def _frame(story: _Story) -> _Frame:
    focus = story_points(story)
    nearby = [(m.lat, m.lon) for m in story.markers if ROLE_SHOWN[m.role] and m.precision < 3] or focus
    basemap = build_basemap(focus, nearby)
    s, w, n, e = content_bounds(focus, min_span=MIN_FIT_SPAN_DEG)
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
    borders = admin1 = None
    if basemap.borders:
        borders = folium.FeatureGroup(name="Country borders (Natural Earth)", show=True).add_to(fmap)
    if basemap.admin1:
        admin1 = folium.FeatureGroup(name="Regions: oblast boundaries and names", show=True).add_to(fmap)
    labels = (
        folium.FeatureGroup(name="Towns and villages (GeoNames)", show=True).add_to(fmap)
        if basemap.places
        else None
    )
    ref_groups = []
    for ref in refs:
        g = folium.FeatureGroup(name=_plain(ref.name), show=True).add_to(fmap)
        ref_groups.append(
            {
                "group": g.get_name(),
                "kind": ref.kind,
                "label": esc(ref.name),
                "geojson": ref.geojson,
                "date": ref.date,
            }
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
        admin1=admin1.get_name() if admin1 else None,
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
        "land": frame.basemap.land,
        "lakes": frame.basemap.lakes,
        "countryLines": frame.basemap.borders,
        "borders": groups.borders,
        "admin1Lines": frame.basemap.admin1,
        "admin1": groups.admin1,
        "regions": [[la, lo, esc(nm)] for la, lo, nm in frame.basemap.regions],
        "places": [[la, lo, esc(nm), pop] for la, lo, nm, pop in frame.basemap.places],
        "placeGroup": groups.labels,
        "articles": _articles(story),
        "colors": {"frontline": FRONTLINE_COLOR, "occupied": OCCUPIED_FILL},
        "refs": groups.refs,
        "areas": groups.areas,
        "claims": [
            {
                "points": [[round(a, 5), round(b, 5)] for a, b in ln.points],
                "color": ln.color,
                "label": ln.label,
                "short": ln.short,
                "article": ln.article,
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
            frontline_label=_ref_names(refs, "frontline"),
            unresolved=unresolved_count(reports),
            countries=countries_named(reports),
            occupied_label=_ref_names(refs, "occupied"),
            point_sectors=any(_has_points(r.geojson) for r in refs if r.kind == "frontline"),
            basemap=[
                k
                for k, on in (
                    ("places", bool(frame.basemap.places)),
                    ("regions", bool(frame.basemap.admin1)),
                    ("water", bool(frame.basemap.land)),
                )
                if on
            ],
            undated=sum(1 for r in reports if not r.date) if len(reports) > 1 else 0,
        ),
        "filter": story.corpus and len(types) > 0,
        "title": f"<h1>{esc(head)}</h1>" + (f"<div>{esc(sub)}</div>" if sub else ""),
        "attribution": ATTRIBUTION,
        "fit": frame.fit,
        "maxZoom": FIT_MAX_ZOOM,
    }


def _ref_names(refs: Sequence[RefLayer], kind: str) -> str | None:
    """'line of contact (2024-12-22)', or the first and last of a dated series."""
    names = [r.name for r in refs if r.kind == kind]
    if not names:
        return None
    return names[0] if len(names) == 1 else f"{names[0]} … {names[-1]} (the slider's date)"


def _has_points(geojson: dict) -> bool:
    return any(
        (f.get("geometry") or {}).get("type") in ("Point", "MultiPoint") for f in geojson.get("features", [])
    )


def _articles(story: _Story) -> list[dict]:
    """The corpus's articles for the list panel and the slider: label, date index, the box of its places."""
    if len(story.reports) < 2:
        return []
    date_index = {d: i for i, d in enumerate(story.dates)}
    out = []
    for i, r in enumerate(story.reports):
        pts = [(m.lat, m.lon) for m in story.markers if m.article == i and ROLE_SHOWN[m.role]]
        box = None
        if pts:
            box = [
                [min(p[0] for p in pts), min(p[1] for p in pts)],
                [max(p[0] for p in pts), max(p[1] for p in pts)],
            ]
        out.append(
            {
                "label": article_label(r.title, r.source, r.date),
                "date": date_index.get(r.date, -1),
                "box": box,
            }
        )
    return out


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
    if len(reports) > 1:
        article_dates = sorted({r.date for r in reports if r.date})
        refs = reference_series(frontline, article_dates, date)
    else:
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

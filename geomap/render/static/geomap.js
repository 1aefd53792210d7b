/* geomap runtime: draws the basemap, markers, labels, reference layers, claims, legend and filters of one
 * map from the data object geomap embeds. Every string in that object that ends up as markup was escaped
 * by geomap before embedding; names used here as plain text go through textContent only. */
(function () {
  "use strict";
  if (window.GeomapRender) { return; }
  // Population a town needs to be labelled at a zoom (then the collision pass thins what still overlaps).
  var PLACE_ZOOM = [[3, 3000000], [4, 1500000], [5, 600000], [6, 200000], [7, 60000], [8, 15000], [9, 4000], [10, 800]];
  var REGION_ZOOM = [5, 9]; // oblast names shown from zoom 5 to 9
  var ADMIN1_MIN_ZOOM = 4; // oblast lines below this are a scribble
  var SIZE = { event: 18, mention: 12, metonym: 11, noise: 10 };
  var REGION_SIZE = 11; // region-only places: smaller and lighter than exact ones
  var LABEL_FONT = "11px system-ui, sans-serif";
  var EVENT_FONT = "600 12px system-ui, sans-serif";
  var LABEL_PAD = 2; // px kept free around each label
  var CLUSTER_LABELS_OVER = 40; // a map of more markers than this (clustered) labels only where there is room
  var CLAIMS_OPEN_UP_TO = 4; // a longer claims list starts folded, so it does not hide the map
  // The order of a marker's fields in cfg.markers: geomap.render.markers.MarkerRow (a test keeps the two equal).
  var MARKER_FIELDS = ["lat", "lon", "role", "type", "precision", "radius_km", "date", "tooltip", "popup", "label", "article"];
  var F = {};
  MARKER_FIELDS.forEach(function (name, i) { F[name] = i; });

  function minPop(z) {
    for (var i = 0; i < PLACE_ZOOM.length; i++) { if (z <= PLACE_ZOOM[i][0]) { return PLACE_ZOOM[i][1]; } }
    return 0;
  }

  var measureCtx = null;
  function textWidth(text, font) {
    if (!measureCtx) { measureCtx = document.createElement("canvas").getContext("2d"); }
    measureCtx.font = font;
    return Math.ceil(measureCtx.measureText(text).width);
  }
  function plain(html) { // the escaped label as the text it shows (for measuring only)
    var d = document.createElement("div");
    d.innerHTML = html;
    return d.textContent;
  }

  /* Boxes already taken on screen, in a coarse grid so each test looks at a few neighbours only. */
  function Occupancy(cell) { this.cell = cell; this.grid = {}; }
  Occupancy.prototype.keys = function (r) {
    var out = [], c = this.cell;
    for (var x = Math.floor(r[0] / c); x <= Math.floor(r[2] / c); x++) {
      for (var y = Math.floor(r[1] / c); y <= Math.floor(r[3] / c); y++) { out.push(x + ":" + y); }
    }
    return out;
  };
  Occupancy.prototype.free = function (r) {
    var ks = this.keys(r);
    for (var i = 0; i < ks.length; i++) {
      var list = this.grid[ks[i]];
      if (!list) { continue; }
      for (var j = 0; j < list.length; j++) {
        var o = list[j];
        if (r[0] < o[2] && r[2] > o[0] && r[1] < o[3] && r[3] > o[1]) { return false; }
      }
    }
    return true;
  };
  Occupancy.prototype.overlaps = function (r) { // how many taken boxes r touches
    var ks = this.keys(r), n = 0, seen = [];
    for (var i = 0; i < ks.length; i++) {
      var list = this.grid[ks[i]] || [];
      for (var j = 0; j < list.length; j++) {
        var o = list[j];
        if (seen.indexOf(o) < 0 && r[0] < o[2] && r[2] > o[0] && r[1] < o[3] && r[3] > o[1]) { seen.push(o); n++; }
      }
    }
    return n;
  };
  Occupancy.prototype.add = function (r) {
    var ks = this.keys(r);
    for (var i = 0; i < ks.length; i++) { (this.grid[ks[i]] = this.grid[ks[i]] || []).push(r); }
  };

  // Where a label may sit around its point: right, left, above, below, then the diagonals.
  var SPOTS = [
    function (p, w, h, g) { return [p.x + g, p.y - h / 2]; },
    function (p, w, h, g) { return [p.x - g - w, p.y - h / 2]; },
    function (p, w, h, g) { return [p.x - w / 2, p.y - g - h]; },
    function (p, w, h, g) { return [p.x - w / 2, p.y + g]; },
    function (p, w, h, g) { return [p.x + g * 0.7, p.y - g * 0.7 - h]; },
    function (p, w, h, g) { return [p.x - g * 0.7 - w, p.y - g * 0.7 - h]; },
    function (p, w, h, g) { return [p.x + g * 0.7, p.y + g * 0.7]; },
    function (p, w, h, g) { return [p.x - g * 0.7 - w, p.y + g * 0.7]; }
  ];

  function panel(map, position, cls, html) {
    var C = L.Control.extend({
      onAdd: function () {
        var div = L.DomUtil.create("div", "gm-panel " + cls);
        if (html) { div.innerHTML = html; }
        L.DomEvent.disableClickPropagation(div);
        L.DomEvent.disableScrollPropagation(div);
        return div;
      }
    });
    var c = new C({ position: position });
    c.addTo(map);
    return c.getContainer();
  }

  function noPoints(f, ll) { return L.circleMarker(ll, { radius: 1, stroke: false, fill: false }); }

  function fill(group, layers) {
    group.clearLayers();
    if (group.addLayers) { group.addLayers(layers); return; }
    for (var i = 0; i < layers.length; i++) { group.addLayer(layers[i]); }
  }

  window.GeomapRender = function (cfg) {
    var map = window[cfg.map];
    var box = map.getContainer();
    box.classList.add("gm-map");
    var nDates = cfg.dates.length;
    var state = { upTo: nDates - 1, onlyDay: false, hidden: {}, undated: true };
    var items = [];
    var claims = [];
    var narrow = box.clientWidth < 640 || box.clientHeight < 480;
    var popupHeight = Math.max(160, Math.min(380, Math.round(box.clientHeight * 0.55)));
    var labelPane = map.createPane("gmLabels");
    labelPane.style.zIndex = 645; // above markers (600), below tooltips (650) and popups (700)
    labelPane.style.pointerEvents = "none";
    var placePane = map.createPane("gmPlaces");
    placePane.style.zIndex = 420; // above the land and lines, under the story
    placePane.style.pointerEvents = "none";

    // ---- basemap: the whole world's land (never clipped), water, borders, oblast lines, on one canvas
    // (tens of thousands of vertices draw far faster there than as SVG paths)
    var baseRenderer = L.canvas({ padding: 0.3 });
    var baseGroup = cfg.base ? window[cfg.base] : null;
    if (cfg.land && baseGroup) {
      L.geoJSON(cfg.land, {
        interactive: false, pointToLayer: noPoints,
        renderer: baseRenderer, style: { stroke: false, fillColor: "#f4f1ea", fillOpacity: 1 }
      }).addTo(baseGroup);
    }
    if (cfg.lakes && baseGroup) {
      L.geoJSON(cfg.lakes, {
        interactive: false, pointToLayer: noPoints,
        renderer: baseRenderer, style: { color: "#8fb3cc", weight: 0.6, fillColor: "#c9dbe6", fillOpacity: 1 }
      }).addTo(baseGroup);
    }
    var admin1Layer = null;
    if (cfg.admin1Lines && cfg.admin1) {
      admin1Layer = L.geoJSON(cfg.admin1Lines, {
        interactive: false, pointToLayer: noPoints,
        renderer: baseRenderer, style: { color: "#9a8f80", weight: 0.9, dashArray: "3 3", opacity: 0.9 }
      }).addTo(window[cfg.admin1]);
    }
    if (cfg.countryLines && cfg.borders) {
      L.geoJSON(cfg.countryLines, {
        interactive: false, pointToLayer: noPoints, renderer: baseRenderer, style: { color: "#7d7468", weight: 1.3 }
      }).addTo(window[cfg.borders]);
    }

    // ---- reference layers: the front line (of the slider's date in a corpus) and occupied areas
    var refs = (cfg.refs || []).map(function (ref) {
      var line = ref.kind === "frontline";
      var style = line
        ? { color: cfg.colors.frontline, weight: 2.5, opacity: 0.95, fill: false }
        : { color: cfg.colors.occupied, weight: 0.5, fillColor: cfg.colors.occupied, fillOpacity: 0.16 };
      var layer = L.geoJSON(ref.geojson, {
        style: style,
        pointToLayer: function (f, ll) { // a sector known at one point only: a ring, named in the legend
          return L.circleMarker(ll, { radius: 4, color: cfg.colors.frontline, weight: 2, fill: false });
        }
      }).bindTooltip(ref.label, { sticky: true });
      return { layer: layer, group: window[ref.group], date: ref.date, kind: ref.kind };
    });

    // ---- markers
    cfg.markers.forEach(function (m) {
      var role = cfg.roles[m[F.role]];
      var type = m[F.type] >= 0 ? cfg.types[m[F.type]] : null;
      var color = type ? type.color : cfg.roleColors[role];
      var region = m[F.precision] >= 3;
      var size = region ? REGION_SIZE : (SIZE[role] || 12);
      var icon = L.divIcon({
        className: "gm-marker gm-role-" + role + (region ? " gm-region" : ""),
        html: "<span class='gm-sym gm-" + role + " gm-p" + m[F.precision] + "' style='--c:" + color + "'></span>",
        iconSize: [size, size]
      });
      var at = [m[F.lat], m[F.lon]];
      var mk = L.marker(at, { icon: icon, riseOnHover: true });
      mk.bindPopup(m[F.popup], {
        maxWidth: 380, maxHeight: popupHeight, className: "gm-popup-wrap",
        autoPanPaddingTopLeft: [40, 100], autoPanPaddingBottomRight: [20, 20]
      });
      mk.bindTooltip(m[F.tooltip], { direction: "top", offset: [0, -size / 2] });
      var area = null;
      if (m[F.radius_km] > 0) { // where an approximate village lies, or the region: thin, never filled
        area = L.circle(at, {
          radius: m[F.radius_km] * 1000, color: color, weight: region ? 0.8 : 1.2, opacity: region ? 0.45 : 0.8,
          dashArray: region ? "2 5" : "5 4", fill: false, interactive: false
        });
      }
      items.push({
        marker: mk, area: area, role: role, type: m[F.type], date: m[F.date], article: m[F.article],
        latlng: L.latLng(at), label: m[F.label], size: size, region: region
      });
    });

    function dateShown(d) {
      if (d < 0) { return state.undated; }
      if (nDates < 2) { return true; }
      return state.onlyDay ? d === state.upTo : d <= state.upTo;
    }
    function articleDate(a) {
      return (cfg.articles && a >= 0 && cfg.articles[a]) ? cfg.articles[a].date : -1;
    }
    function visible(it) {
      if (it.type >= 0 && state.hidden[it.type]) { return false; }
      return dateShown(it.date);
    }
    function roleOn(role) {
      var g = cfg.groups[role] && window[cfg.groups[role]];
      return !!(g && map.hasLayer(g));
    }

    // ---- claims: a geodesic line, its end, and a short label that joins the collision pass
    (cfg.claims || []).forEach(function (c) {
      var g = L.layerGroup();
      L.polyline(c.points, { color: c.color, weight: 3, dashArray: "8 6", className: "gm-claim-line" })
        .bindTooltip(c.label, { sticky: true }).addTo(g);
      var end = c.points[c.points.length - 1];
      L.circleMarker(end, { radius: 5, color: c.color, weight: 2, fillColor: "#fff", fillOpacity: 1 })
        .bindTooltip(c.label).addTo(g);
      var mid = c.points[Math.floor(c.points.length / 2)];
      claims.push({ layer: g, article: c.article, mid: L.latLng(mid), short: c.short, color: c.color });
    });
    function claimShown(c) { return c.article < 0 || dateShown(articleDate(c.article)); }

    // ---- labels: one collision pass over event labels, claim labels, mention labels, regions, towns
    var labelLayer = L.layerGroup().addTo(map);
    var corpus = !!(cfg.articles && cfg.articles.length) || cfg.markers.length > CLUSTER_LABELS_OVER;
    var fittedZoom = 0; // the first view's zoom: every event keeps its label from one zoom out of it in
    var places = (cfg.places || []).map(function (p) {
      return { latlng: L.latLng(p[0], p[1]), name: p[2], pop: p[3], width: -1 }; // measured when first placed
    });
    var placeGroup = cfg.placeGroup ? window[cfg.placeGroup] : null;
    var admin1Group = cfg.admin1 ? window[cfg.admin1] : null;

    function labelIcon(cls, html, dx, dy, w, h) {
      return L.divIcon({ className: "gm-lbl " + cls, html: html, iconSize: [w, h], iconAnchor: [-dx, -dy] });
    }
    function onView(r) { // a label cut by the map's edge is as good as none
      var sz = map.getSize();
      return r[0] >= 0 && r[1] >= 0 && r[2] <= sz.x && r[3] <= sz.y;
    }
    function place(occ, pt, w, h, gap, force) {
      for (var i = 0; i < SPOTS.length; i++) {
        var xy = SPOTS[i](pt, w, h, gap);
        var r = [xy[0] - LABEL_PAD, xy[1] - LABEL_PAD, xy[0] + w + LABEL_PAD, xy[1] + h + LABEL_PAD];
        if (onView(r) && occ.free(r)) { occ.add(r); return xy; }
      }
      if (force) { // an event keeps its label: where it overlaps least, never under a panel
        var best = SPOTS[0](pt, w, h, gap), fewest = Infinity;
        for (var k = 0; k < SPOTS.length; k++) {
          var f = SPOTS[k](pt, w, h, gap);
          var fr = [f[0], f[1], f[0] + w, f[1] + h];
          var n = occ.overlaps(fr) + (occ.hard && !occ.hard.free(fr) ? 1000 : 0) + (onView(fr) ? 0 : 500);
          if (n < fewest) { fewest = n; best = f; }
        }
        occ.add([best[0], best[1], best[0] + w, best[1] + h]);
        return best;
      }
      return null;
    }
    function relabel() {
      labelLayer.clearLayers();
      var z = map.getZoom();
      if (admin1Group && admin1Layer) { // oblast lines below ADMIN1_MIN_ZOOM are a scribble
        var want = z >= ADMIN1_MIN_ZOOM;
        if (want && !admin1Group.hasLayer(admin1Layer)) { admin1Group.addLayer(admin1Layer); }
        if (!want && admin1Group.hasLayer(admin1Layer)) { admin1Group.removeLayer(admin1Layer); }
      }
      var size = map.getSize();
      var view = map.getBounds().pad(0.05);
      var occ = new Occupancy(64);
      occ.hard = new Occupancy(64);
      var out = [];
      function pt(ll) { return map.latLngToContainerPoint(ll); }
      function onScreen(p) { return p.x > -50 && p.y > -20 && p.x < size.x + 50 && p.y < size.y + 20; }
      // panels and controls are taken space: no label hides under them
      box.querySelectorAll(".leaflet-control, .gm-title").forEach(function (el) {
        var r = el.getBoundingClientRect(), b = box.getBoundingClientRect();
        if (r.width && r.height) {
          var pr = [r.left - b.left, r.top - b.top, r.right - b.left, r.bottom - b.top];
          occ.add(pr);
          occ.hard.add(pr);
        }
      });
      var clusters = [];
      var shown = items.filter(function (it) {
        if (!it.onMap || !view.contains(it.latlng)) { return false; }
        var g = window[cfg.groups[it.role]];
        if (g && g.getVisibleParent) { // clustered: only a marker drawn on its own has a label
          var parent = g.getVisibleParent(it.marker);
          if (parent !== it.marker) {
            if (parent && clusters.indexOf(parent) < 0) { clusters.push(parent); }
            return false;
          }
        }
        return true;
      });
      clusters.forEach(function (c) { // a cluster's bubble is taken space too
        var p = pt(c.getLatLng());
        occ.add([p.x - 20, p.y - 20, p.x + 20, p.y + 20]);
      });
      // every marker's own box is taken first: a label never covers a marker
      shown.forEach(function (it) {
        var p = pt(it.latlng), s = it.size / 2 + 1;
        it.pt = p;
        occ.add([p.x - s, p.y - s, p.x + s, p.y + s]);
      });
      var ranked = shown.slice().sort(function (a, b) {
        return (a.role === "event" ? 0 : 1) - (b.role === "event" ? 0 : 1) || (a.region ? 1 : 0) - (b.region ? 1 : 0);
      });
      ranked.forEach(function (it) {
        if (!it.label) { return; }
        var ev = it.role === "event";
        var w = textWidth(plain(it.label), ev ? EVENT_FONT : LABEL_FONT) + 6, h = ev ? 17 : 15;
        var xy = place(occ, it.pt, w, h, it.size / 2 + 3, ev && !corpus && z >= fittedZoom - 1);
        if (xy) {
          out.push(L.marker(it.latlng, {
            pane: "gmLabels", interactive: false, keyboard: false,
            icon: labelIcon(ev ? "gm-lbl-event" : "gm-lbl-mention", it.label, xy[0] - it.pt.x, xy[1] - it.pt.y, w, h)
          }));
        }
      });
      claims.forEach(function (c) {
        if (!c.onMap || !view.contains(c.mid)) { return; }
        var p = pt(c.mid), w = textWidth(plain(c.short), "600 11px system-ui, sans-serif") + 10, h = 16;
        var xy = place(occ, p, w, h, 4, false);
        if (xy) {
          out.push(L.marker(c.mid, {
            pane: "gmLabels", interactive: false, keyboard: false,
            icon: labelIcon("gm-claim-label", "<span style='color:" + c.color + "'>" + c.short + "</span>",
              xy[0] - p.x, xy[1] - p.y, w, h)
          }));
        }
      });
      if (admin1Group && map.hasLayer(admin1Group) && z >= REGION_ZOOM[0] && z <= REGION_ZOOM[1]) {
        (cfg.regions || []).forEach(function (r) {
          var ll = L.latLng(r[0], r[1]);
          if (!view.contains(ll)) { return; }
          var p = pt(ll), w = textWidth(plain(r[2]).toUpperCase(), "10px system-ui, sans-serif") + 8, h = 13;
          var rect = [p.x - w / 2, p.y - h / 2, p.x + w / 2, p.y + h / 2];
          if (occ.free(rect)) {
            occ.add(rect);
            out.push(L.marker(ll, {
              pane: "gmPlaces", interactive: false, keyboard: false,
              icon: L.divIcon({ className: "gm-region-name", html: r[2], iconSize: [w, h] })
            }));
          }
        });
      }
      if (placeGroup && map.hasLayer(placeGroup)) {
        var min = minPop(z);
        for (var i = 0; i < places.length; i++) {
          var q = places[i];
          if (q.pop < min) { break; } // most populous first
          if (!view.contains(q.latlng)) { continue; }
          var p2 = pt(q.latlng);
          if (!onScreen(p2)) { continue; }
          var dot = [p2.x - 2, p2.y - 2, p2.x + 2, p2.y + 2];
          if (!occ.free(dot)) { continue; }
          if (q.width < 0) { q.width = textWidth(plain(q.name), LABEL_FONT); }
          var w2 = q.width + 4, h2 = 13;
          var spot = null;
          for (var k = 0; k < 4 && !spot; k++) {
            var xy2 = SPOTS[k](p2, w2, h2, 4);
            var r2 = [xy2[0] - 1, xy2[1] - 1, xy2[0] + w2 + 1, xy2[1] + h2 + 1];
            if (occ.free(r2)) { spot = xy2; occ.add(r2); occ.add(dot); }
          }
          if (!spot) { continue; }
          var cls = q.pop >= 100000 ? "gm-place gm-city" : (q.pop >= 10000 ? "gm-place gm-town" : "gm-place");
          out.push(L.marker(q.latlng, {
            pane: "gmPlaces", interactive: false, keyboard: false,
            icon: L.divIcon({
              className: cls, iconSize: [w2, h2], iconAnchor: [p2.x - spot[0], p2.y - spot[1]],
              html: "<i style='left:" + (p2.x - spot[0] - 2) + "px;top:" + (p2.y - spot[1] - 2) + "px'></i>" + q.name
            })
          }));
        }
      }
      out.forEach(function (l) { labelLayer.addLayer(l); });
      box.setAttribute("data-gm-labels", String(out.length));
    }

    function apply() {
      items.forEach(function (it) { it.onMap = false; });
      var shown = items.filter(visible);
      Object.keys(cfg.groups).forEach(function (role) {
        fill(window[cfg.groups[role]], shown.filter(function (it) { return it.role === role; })
          .map(function (it) { return it.marker; }));
      });
      shown.forEach(function (it) { it.onMap = roleOn(it.role); });
      if (cfg.areas) {
        fill(window[cfg.areas], shown.filter(function (it) { return it.area && it.onMap; })
          .map(function (it) { return it.area; }));
      }
      if (cfg.claimGroup) {
        var cg = window[cfg.claimGroup];
        cg.clearLayers();
        var on = map.hasLayer(cg);
        claims.forEach(function (c) {
          c.onMap = on && claimShown(c);
          if (claimShown(c)) { cg.addLayer(c.layer); }
        });
      }
      applyRefs();
      relabel();
    }
    function applyRefs() { // each kind: the latest snapshot not after the slider's date (else the first)
      var byKind = {};
      refs.forEach(function (r) { (byKind[r.kind] = byKind[r.kind] || []).push(r); });
      var upTo = nDates ? cfg.dates[state.upTo] : null;
      Object.keys(byKind).forEach(function (kind) {
        var list = byKind[kind];
        var pick = list[0];
        if (upTo && list.length > 1) {
          list.forEach(function (r) { if (r.date && r.date <= upTo && (!pick.date || r.date >= pick.date || pick.date > upTo)) { pick = r; } });
        }
        list.forEach(function (r) {
          r.group.clearLayers();
          if (r === pick) { r.group.addLayer(r.layer); }
        });
      });
      box.setAttribute("data-gm-frontline", (byKind.frontline || []).filter(function (r) {
        return r.group.hasLayer(r.layer);
      }).map(function (r) { return r.date || ""; }).join(","));
    }

    Object.keys(cfg.groups).forEach(function (role) { // clusters split and merge after a zoom's animation
      var g = window[cfg.groups[role]];
      if (g && g.getVisibleParent) { g.on("animationend", function () { relabel(); }); }
    });
    map.on("zoomend moveend overlayadd overlayremove", function (e) {
      // a layer switched in the control: redraw once Leaflet has finished adding or removing it
      if (e.type === "overlayadd" || e.type === "overlayremove") { setTimeout(apply, 0); } else { relabel(); }
    });

    // ---- panels
    if (cfg.title) {
      var t = L.DomUtil.create("div", "gm-title", box);
      t.innerHTML = cfg.title;
      L.DomEvent.disableClickPropagation(t);
    }
    if (cfg.attribution) { map.attributionControl.addAttribution(cfg.attribution); }
    var open = narrow ? "<details>" : "<details open>";
    if (cfg.legend) { panel(map, "bottomright", "gm-legend", open + "<summary>Legend</summary>" + cfg.legend + "</details>"); }
    if (cfg.claimsPanel) {
      var nClaims = (cfg.claims || []).length;
      var openClaims = narrow || nClaims > CLAIMS_OPEN_UP_TO ? "<details>" : "<details open>";
      panel(map, "bottomleft", "gm-claims", openClaims + "<summary>Claims (" + nClaims + ")</summary>" + cfg.claimsPanel + "</details>");
    }
    if (cfg.filter && cfg.types.length) {
      var fp = panel(map, "topright", "gm-filter", "");
      var fd = L.DomUtil.create("details", "", fp);
      if (!narrow) { fd.open = true; }
      var head = L.DomUtil.create("summary", "gm-lh", fd);
      head.textContent = "Event types";
      cfg.types.forEach(function (t, i) {
        var lab = L.DomUtil.create("label", "", fd);
        var cb = L.DomUtil.create("input", "", lab);
        cb.type = "checkbox"; cb.checked = true; cb.value = String(i);
        var sw = L.DomUtil.create("span", "gm-sym gm-event gm-p1", lab);
        sw.style.setProperty("--c", t.color);
        lab.appendChild(document.createTextNode(t.name));
        cb.addEventListener("change", function () { state.hidden[i] = !cb.checked; apply(); });
      });
    }
    if (cfg.articles && cfg.articles.length) {
      var ap = panel(map, "topright", "gm-articles", "");
      var ad = L.DomUtil.create("details", "", ap);
      var as = L.DomUtil.create("summary", "", ad);
      as.textContent = "Articles (" + cfg.articles.length + ")";
      var ul = L.DomUtil.create("ol", "", ad);
      cfg.articles.forEach(function (a) {
        var li = L.DomUtil.create("li", "", ul);
        var btn = L.DomUtil.create("a", "", li);
        btn.href = "#"; btn.innerHTML = a.label;
        if (!a.box) { li.className = "gm-dim"; }
        btn.addEventListener("click", function (e) {
          e.preventDefault();
          if (a.box) { map.fitBounds(a.box, { padding: [60, 60], maxZoom: cfg.maxZoom || 10 }); }
        });
      });
    }
    var undatedItems = items.some(function (it) { return it.date < 0; }) ||
      (cfg.articles || []).some(function (a) { return a.date < 0; });
    if (nDates > 1 || (nDates > 0 && undatedItems && cfg.articles && cfg.articles.length)) {
      var sp = panel(map, "bottomleft", "gm-slider", "");
      var row = L.DomUtil.create("div", "", sp);
      var lab2 = L.DomUtil.create("span", "gm-slider-label", row);
      var range = L.DomUtil.create("input", "", sp);
      range.type = "range"; range.min = "0"; range.max = String(Math.max(0, nDates - 1));
      range.value = String(nDates - 1); range.step = "1";
      var ol = L.DomUtil.create("label", "", sp);
      var only = L.DomUtil.create("input", "", ol);
      only.type = "checkbox";
      ol.appendChild(document.createTextNode(" only this date"));
      var und = null;
      if (undatedItems) {
        var ul2 = L.DomUtil.create("label", "gm-undated", sp);
        und = L.DomUtil.create("input", "", ul2);
        und.type = "checkbox"; und.checked = true;
        ul2.appendChild(document.createTextNode(" undated articles"));
        und.addEventListener("change", function () { state.undated = und.checked; apply(); });
      }
      var show = function () {
        state.upTo = parseInt(range.value, 10);
        state.onlyDay = only.checked;
        lab2.textContent = (state.onlyDay ? "Reported on " : "Reported up to ") + cfg.dates[state.upTo];
        apply();
      };
      range.addEventListener("input", show);
      only.addEventListener("change", show);
      show();
    } else {
      apply();
    }

    // ---- the first view: the story's places, clear of every panel
    function fitStory() {
      if (!cfg.fit) { return; }
      var b = box.getBoundingClientRect();
      var sides = { top: 0, bottom: 0, left: 0, right: 0 };
      var panels = [];
      box.querySelectorAll(".leaflet-control, .gm-title").forEach(function (el) {
        var r = el.getBoundingClientRect();
        if (!r.width || !r.height) { return; }
        panels.push([r.left - b.left, r.top - b.top, r.right - b.left, r.bottom - b.top]);
      });
      // Each panel sits in a corner: keep the story off it by a top/bottom band or a left/right band,
      // whichever costs less of the map.
      panels.forEach(function (p) {
        var w = b.width, h = b.height;
        var vert = p[1] < h / 2 ? ["top", p[3]] : ["bottom", h - p[1]];
        var horiz = p[0] < w / 2 ? ["left", p[2]] : ["right", w - p[0]];
        if (vert[1] / h <= horiz[1] / w) { sides[vert[0]] = Math.max(sides[vert[0]], vert[1]); }
        else { sides[horiz[0]] = Math.max(sides[horiz[0]], horiz[1]); }
      });
      var m = 24;
      var tl = [Math.min(sides.left + m, b.width * 0.45), Math.min(sides.top + m, b.height * 0.45)];
      var br = [Math.min(sides.right + m, b.width * 0.45), Math.min(sides.bottom + m, b.height * 0.45)];
      map.fitBounds(cfg.fit, { paddingTopLeft: tl, paddingBottomRight: br, maxZoom: cfg.maxZoom || 10, animate: false });
      fittedZoom = map.getZoom();
    }
    fitStory();
    relabel();
    box.setAttribute("data-gm-markers", String(items.length));
    box.setAttribute("data-gm-ready", "1");
    window.__geomapMaps = window.__geomapMaps || {};
    window.__geomapMaps[cfg.map] = { map: map, items: items, claims: claims, apply: apply, relabel: relabel, fit: fitStory };
  };
})();

/* geomap runtime: draws the markers, reference layers, claims, legend and filters of one map from
 * the data object geomap embeds. Every string in that object that ends up as markup was escaped by
 * geomap before embedding; names used here as plain text go through textContent only. */
(function () {
  "use strict";
  if (window.GeomapRender) { return; }
  var LABEL_ZOOM = [[4, 2000000], [5, 800000], [6, 300000], [7, 120000]];
  var SIZE = { event: 18, mention: 12, metonym: 11, noise: 10 };
  // The order of a marker's fields in cfg.markers: geomap.render.markers.MarkerRow (a test keeps the two equal).
  var MARKER_FIELDS = ["lat", "lon", "role", "type", "precision", "radius_km", "date", "tooltip", "popup"];
  var F = {};
  MARKER_FIELDS.forEach(function (name, i) { F[name] = i; });

  function labelMin(z) {
    for (var i = 0; i < LABEL_ZOOM.length; i++) { if (z <= LABEL_ZOOM[i][0]) { return LABEL_ZOOM[i][1]; } }
    return 0;
  }

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
    var state = { upTo: cfg.dates.length - 1, onlyDay: false, hidden: {} };
    var items = [];
    var narrow = box.clientWidth < 640;
    var popupHeight = Math.max(160, Math.min(380, Math.round(box.clientHeight * 0.55)));

    if (cfg.basemap && cfg.base) {
      L.geoJSON(cfg.basemap, {
        interactive: false, pointToLayer: noPoints,
        style: { color: "#b9b2a3", weight: 0.6, fillColor: "#f4f1ea", fillOpacity: 1 }
      }).addTo(window[cfg.base]);
    }
    if (cfg.basemap && cfg.borders) {
      L.geoJSON(cfg.basemap, { interactive: false, pointToLayer: noPoints, style: { color: "#7d7468", weight: 1, fill: false } })
        .addTo(window[cfg.borders]);
    }
    if (cfg.labels && cfg.labelGroup) {
      var lg = window[cfg.labelGroup];
      var labelLayers = cfg.labels.map(function (l) {
        var mk = L.marker([l[0], l[1]], {
          interactive: false, keyboard: false,
          icon: L.divIcon({ className: "gm-label", html: l[2], iconSize: null })
        });
        mk.gmPop = l[3];
        return mk;
      });
      var showLabels = function () {
        var min = labelMin(map.getZoom());
        fill(lg, labelLayers.filter(function (m) { return m.gmPop >= min; }));
      };
      map.on("zoomend", showLabels);
      showLabels();
    }
    (cfg.refs || []).forEach(function (ref) {
      var style = ref.kind === "frontline"
        ? { color: "#c0392b", weight: 3, opacity: 0.9, fill: false }
        : { color: "#c0392b", weight: 1, fillColor: "#e74c3c", fillOpacity: 0.12 };
      L.geoJSON(ref.geojson, {
        style: style,
        pointToLayer: function (f, ll) {
          return L.circleMarker(ll, { radius: 3, color: "#c0392b", weight: 1, fillColor: "#c0392b", fillOpacity: 1 });
        }
      }).bindTooltip(ref.label, { sticky: true }).addTo(window[ref.group]);
    });

    cfg.markers.forEach(function (m) {
      var role = cfg.roles[m[F.role]];
      var type = m[F.type] >= 0 ? cfg.types[m[F.type]] : null;
      var color = type ? type.color : cfg.roleColors[role];
      var size = SIZE[role] || 12;
      var icon = L.divIcon({
        className: "gm-marker gm-role-" + role,
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
      if (m[F.radius_km] > 0) {
        area = L.circle(at, {
          radius: m[F.radius_km] * 1000, color: color, weight: 1, dashArray: "4 4", fillOpacity: 0.06, interactive: false
        });
      }
      items.push({ marker: mk, area: area, role: role, type: m[F.type], date: m[F.date] });
    });

    function visible(it) {
      if (it.type >= 0 && state.hidden[it.type]) { return false; }
      if (cfg.dates.length > 1 && it.date >= 0) {
        if (state.onlyDay ? it.date !== state.upTo : it.date > state.upTo) { return false; }
      }
      return true;
    }
    function apply() {
      var shown = items.filter(visible);
      Object.keys(cfg.groups).forEach(function (role) {
        fill(window[cfg.groups[role]], shown.filter(function (it) { return it.role === role; })
          .map(function (it) { return it.marker; }));
      });
      if (cfg.areas) {
        fill(window[cfg.areas], shown.filter(function (it) { return it.area && cfg.shownRoles[it.role]; })
          .map(function (it) { return it.area; }));
      }
    }

    (cfg.claims || []).forEach(function (c) {
      var g = window[cfg.claimGroup];
      L.polyline(c.points, { color: c.color, weight: 3, dashArray: "8 6", className: "gm-claim-line" })
        .bindTooltip(c.label, { sticky: true }).addTo(g);
      var end = c.points[c.points.length - 1];
      L.circleMarker(end, { radius: 5, color: c.color, weight: 2, fillColor: "#fff", fillOpacity: 1 })
        .bindTooltip(c.label).addTo(g);
      var mid = c.points[Math.floor(c.points.length / 2)];
      L.tooltip({ permanent: true, direction: "right", className: "gm-claim-label", interactive: false })
        .setLatLng(mid).setContent("<span style='color:" + c.color + "'>" + c.short + "</span>").addTo(g);
    });

    if (cfg.title) {
      var t = L.DomUtil.create("div", "gm-title", box);
      t.innerHTML = cfg.title;
      L.DomEvent.disableClickPropagation(t);
    }
    if (cfg.attribution) { map.attributionControl.addAttribution(cfg.attribution); }
    var open = narrow ? "<details>" : "<details open>";
    if (cfg.legend) { panel(map, "bottomright", "gm-legend", open + "<summary>Legend</summary>" + cfg.legend + "</details>"); }
    if (cfg.claimsPanel) {
      panel(map, "bottomleft", "gm-claims", open + "<summary>Claims</summary>" + cfg.claimsPanel + "</details>");
    }
    if (cfg.filter && cfg.types.length) {
      var fp = panel(map, "topright", "gm-filter", "");
      var head = L.DomUtil.create("div", "gm-lh", fp);
      head.textContent = "Event types";
      cfg.types.forEach(function (t, i) {
        var lab = L.DomUtil.create("label", "", fp);
        var cb = L.DomUtil.create("input", "", lab);
        cb.type = "checkbox"; cb.checked = true; cb.value = String(i);
        var sw = L.DomUtil.create("span", "gm-sym gm-event gm-p1", lab);
        sw.style.setProperty("--c", t.color);
        lab.appendChild(document.createTextNode(t.name));
        cb.addEventListener("change", function () { state.hidden[i] = !cb.checked; apply(); });
      });
    }
    if (cfg.dates.length > 1) {
      var sp = panel(map, "bottomleft", "gm-slider", "");
      var row = L.DomUtil.create("div", "", sp);
      var lab2 = L.DomUtil.create("span", "gm-slider-label", row);
      var range = L.DomUtil.create("input", "", sp);
      range.type = "range"; range.min = "0"; range.max = String(cfg.dates.length - 1);
      range.value = String(cfg.dates.length - 1); range.step = "1";
      var ol = L.DomUtil.create("label", "", sp);
      var only = L.DomUtil.create("input", "", ol);
      only.type = "checkbox";
      ol.appendChild(document.createTextNode(" only this date"));
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
    if (cfg.fit) {
      // keep the story clear of the title (top) and of the legend and claims panels (bottom corners)
      map.fitBounds(cfg.fit, {
        paddingTopLeft: narrow ? [20, 90] : [60, 90],
        paddingBottomRight: narrow ? [20, 40] : [220, 60],
        maxZoom: cfg.maxZoom || 9
      });
    }
    box.setAttribute("data-gm-markers", String(items.length));
    box.setAttribute("data-gm-ready", "1");
    window.__geomapMaps = window.__geomapMaps || {};
    window.__geomapMaps[cfg.map] = { map: map, items: items, apply: apply };
  };
})();

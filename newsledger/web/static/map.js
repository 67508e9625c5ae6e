/* The map page: events of /api/events.geojson on an offline basemap, a legend, a timeline
   of events per day (or week, or month) and filters that refetch. */
"use strict";

(() => {
  const {el, clear, getJSON, colour, PLOVER_COLOURS, EVENT_TYPES, figureText, timeText,
    articleHref} = NL;
  const FILTERS = ["since", "until", "type", "actor", "place", "text"];
  const MAX_PAGES = 200;  // pages of 500 (the API's default): at most 100,000 events
  const form = document.getElementById("filters");
  const status = document.getElementById("status");
  const list = document.getElementById("event-list");

  // -- the map and its basemap ---------------------------------------------------------------
  const map = L.map("map", {worldCopyJump: true, minZoom: 1, maxZoom: 14}).setView([30, 40], 2);
  map.attributionControl.setPrefix(false);
  const config = window.NEWSLEDGER_CONFIG || {};
  const tiles = NL.query().get("tiles") || config.tiles;
  if (tiles && /^https?:\/\//i.test(tiles)) {
    L.tileLayer(tiles, {attribution: config.tilesAttribution || "", maxZoom: 19}).addTo(map);
  } else {
    map.attributionControl.addAttribution("Natural Earth (world-atlas)");
    fetch("vendor/world-atlas/countries-50m.json")
      .then((r) => r.json())
      .then((topo) => {
        const countries = topojson.feature(topo, topo.objects.countries);
        // Leaflet does not cut rings at the antimeridian: unwrap them (Russia, Fiji) so that
        // they run on past ±180° instead of across the world, and leave Antarctica out
        countries.features = countries.features.filter((f) => f.id !== "010").map(unwrapFeature);
        const layer = L.geoJSON(countries, {
          interactive: false,
          style: {color: "#9a9a9a", weight: 0.6, fillColor: "#f4f1ea", fillOpacity: 1},
        });
        layer.addTo(map).bringToBack();
        document.getElementById("map").classList.add("basemap-ready");
      })
      .catch((err) => NL.showError(status, `Basemap: ${err.message}`));
  }

  function unwrapRing(ring) {
    let shift = 0;
    return ring.map(([lon, lat], i) => {
      if (i) {
        const prev = ring[i - 1][0];
        if (lon - prev > 180) shift -= 360;
        else if (prev - lon > 180) shift += 360;
      }
      return [lon + shift, lat];
    });
  }

  function unwrapFeature(feature) {
    const g = feature.geometry;
    if (!g) return feature;
    if (g.type === "Polygon") g.coordinates = g.coordinates.map(unwrapRing);
    else if (g.type === "MultiPolygon") g.coordinates = g.coordinates.map((poly) => poly.map(unwrapRing));
    return feature;
  }

  // -- the legend ----------------------------------------------------------------------------
  const legend = L.control({position: "bottomright"});
  let legendBox;
  legend.onAdd = () => {
    legendBox = el("div", {class: "legend", id: "legend"});
    L.DomEvent.disableClickPropagation(legendBox);
    return legendBox;
  };
  legend.addTo(map);

  function drawLegend(features) {
    clear(legendBox);
    const counts = new Map();
    for (const f of features) counts.set(f.properties.plover, (counts.get(f.properties.plover) || 0) + 1);
    legendBox.appendChild(el("strong", {}, "Event category (PLOVER)"));
    const known = Object.keys(PLOVER_COLOURS).filter((k) => counts.has(k));
    const other = [...counts.keys()].filter((k) => !(k in PLOVER_COLOURS));
    for (const name of known) {
      legendBox.appendChild(el("div", {class: "legend-row"},
        el("span", {class: "swatch", style: `background:${colour(name)}`}), `${name} (${counts.get(name)})`));
    }
    if (other.length) {
      const n = other.reduce((s, k) => s + counts.get(k), 0);
      legendBox.appendChild(el("div", {class: "legend-row"},
        el("span", {class: "swatch", style: `background:${colour(null)}`}), `other (${n})`));
    }
    legendBox.appendChild(el("div", {class: "legend-note"}, "Size: √(killed + wounded)"));
  }

  // -- markers -------------------------------------------------------------------------------
  let markers = L.layerGroup().addTo(map);
  const byId = new Map();

  function toll(props) {
    let n = 0;
    for (const f of props.figures || []) {
      if (["killed", "wounded", "casualties"].includes(f.kind)) n += f.count ?? f.low ?? 0;
    }
    return n;
  }

  function radius(props) {
    return Math.min(28, 6 + 2.5 * Math.sqrt(toll(props)));
  }

  function names(values) {
    return (values || []).filter(Boolean).join(", ");
  }

  function popup(props) {
    const box = el("div", {class: "popup"});
    box.appendChild(el("div", {class: "popup-type"},
      el("span", {class: "swatch", style: `background:${colour(props.plover)}`}),
      `${props.type_label ? `${props.type_label} (${props.type})` : props.type} · ${props.plover || ""}`));
    box.appendChild(el("div", {}, timeText(props.time_start, props.time_end)));
    if (props.place) box.appendChild(el("div", {}, `${props.place}${props.precision ? ` (${props.precision})` : ""}`));
    const who = names(props.actors);
    const whom = names(props.targets);
    if (who || whom) box.appendChild(el("div", {}, `${who || "?"}${whom ? ` → ${whom}` : ""}`));
    if (props.speaker) box.appendChild(el("div", {}, `reported by ${props.speaker}`));
    const figs = props.figures || [];
    if (figs.length) {
      box.appendChild(el("ul", {class: "figures"}, figs.map((f) => el("li", {},
        figureText(f), f.side ? ` of ${f.side}` : "", f.claimant ? ` — says ${f.claimant}` : ""))));
    }
    if (props.evidence) box.appendChild(el("q", {class: "evidence"}, props.evidence));
    if (props.document) {
      box.appendChild(el("a", {class: "article-link", href: articleHref(props.document, NL.localId(props.id))},
        props.title || "the article", props.outlet ? ` — ${props.outlet}` : ""));
    }
    return box;
  }

  function eventKey(props) {
    return `${props.document}:${NL.localId(props.id)}`;
  }

  function drawMarkers(features) {
    markers.remove();
    markers = L.layerGroup();
    byId.clear();
    const seen = new Map();
    const bounds = [];
    for (const feature of features) {
      const g = feature.geometry;
      if (!g || g.type !== "Point" || !Array.isArray(g.coordinates)) continue;
      const [lon, lat] = g.coordinates;
      const props = feature.properties;
      const key = `${lat.toFixed(4)},${lon.toFixed(4)}`;
      const i = seen.get(key) || 0;
      seen.set(key, i + 1);
      // events at one place fan out on a small spiral (fixed in pixels, at every zoom)
      const angle = i * 2.4;
      const dist = i ? 7 * Math.sqrt(i) : 0;
      const r = radius(props);
      const dot = el("div", {class: "nl-dot", style: `width:${2 * r}px;height:${2 * r}px;background:${colour(props.plover)}`});
      const icon = L.divIcon({className: "nl-event", html: dot, iconSize: [2 * r, 2 * r],
        iconAnchor: [r - dist * Math.cos(angle), r - dist * Math.sin(angle)], popupAnchor: [0, -r]});
      const marker = L.marker([lat, lon], {icon, title: `${props.type} ${props.place || ""}`.trim(),
        alt: props.type, riseOnHover: true});
      marker.bindPopup(() => popup(props), {maxWidth: 320});
      marker.on("add", () => {
        const node = marker.getElement();
        if (node) {
          node.dataset.type = props.type || "";
          node.dataset.event = eventKey(props);
        }
      });
      marker.addTo(markers);
      byId.set(eventKey(props), marker);
      bounds.push([lat, lon]);
    }
    markers.addTo(map);
    if (bounds.length) map.fitBounds(bounds, {padding: [40, 40], maxZoom: 8});
  }

  function drawList(features) {
    clear(list);
    for (const feature of features) {
      const p = feature.properties;
      const ref = eventKey(p);
      const item = el("li", {class: "event-item"},
        el("span", {class: "swatch", style: `background:${colour(p.plover)}`}),
        el("button", {type: "button", class: "linkish", "data-event": ref}, p.type_label || p.type),
        ` ${p.place || "no place"} · ${timeText(p.time_start, p.time_end)}`,
        (p.figures || []).length ? el("span", {class: "muted"}, ` · ${p.figures.map(figureText).join(", ")}`) : "",
        el("br"),
        el("a", {href: articleHref(p.document, NL.localId(p.id)), class: "muted"}, p.title || "article"));
      list.appendChild(item);
    }
  }

  list.addEventListener("click", (e) => {
    const button = e.target.closest("button[data-event]");
    if (!button) return;
    const marker = byId.get(button.dataset.event);
    if (marker) {
      map.setView(marker.getLatLng(), Math.max(map.getZoom(), 7));
      marker.openPopup();
    }
  });

  // -- the timeline --------------------------------------------------------------------------
  const DAY = 86400000;
  const svg = document.getElementById("timeline");
  const SVGNS = "http://www.w3.org/2000/svg";

  function svgEl(tag, attrs, text) {
    const node = document.createElementNS(SVGNS, tag);
    for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function day(s) {
    if (!s || !/^\d{4}-\d{2}-\d{2}/.test(s)) return null;
    const t = Date.parse(s.slice(0, 10) + "T00:00:00Z");
    return Number.isNaN(t) ? null : t;
  }

  const iso = (t) => new Date(t).toISOString().slice(0, 10);

  function binOf(t, unit) {
    const d = new Date(t);
    if (unit === "month") return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
    if (unit === "week") return t - ((d.getUTCDay() + 6) % 7) * DAY;
    return t;
  }

  function nextBin(t, unit) {
    const d = new Date(t);
    if (unit === "month") return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
    return t + (unit === "week" ? 7 : 1) * DAY;
  }

  function drawTimeline(features) {
    while (svg.firstChild) svg.removeChild(svg.firstChild);
    const times = features.map((f) => day(f.properties.time_start) ?? day(f.properties.time_end))
      .filter((t) => t !== null);
    const width = svg.clientWidth || 800;
    const height = svg.clientHeight || 90;
    svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
    if (!times.length) {
      svg.appendChild(svgEl("text", {x: 8, y: height / 2, class: "axis"}, "No dated events"));
      return;
    }
    const lo = Math.min(...times);
    const hi = Math.max(...times);
    const span = (hi - lo) / DAY;
    const unit = span <= 120 ? "day" : span <= 3 * 365 ? "week" : "month";
    document.getElementById("bin-unit").textContent = unit;
    const bins = [];
    for (let t = binOf(lo, unit); t <= hi; t = nextBin(t, unit)) bins.push({start: t, count: 0});
    const index = new Map(bins.map((b, i) => [b.start, i]));
    for (const t of times) bins[index.get(binOf(t, unit))].count += 1;
    const max = Math.max(...bins.map((b) => b.count));
    const pad = 18;
    const w = (width - 2 * pad) / bins.length;
    bins.forEach((b, i) => {
      const h = ((height - 2 * pad) * b.count) / max;
      const end = nextBin(b.start, unit) - DAY;
      const label = `${unit === "day" ? iso(b.start) : `${iso(b.start)} – ${iso(end)}`}: ${b.count} event(s)`;
      const bar = svgEl("rect", {x: pad + i * w + 0.5, y: height - pad - h, width: Math.max(1, w - 1),
        height: h, class: "bar", "data-since": iso(b.start), "data-until": iso(end), tabindex: 0});
      bar.appendChild(svgEl("title", {}, label));
      svg.appendChild(bar);
    });
    svg.appendChild(svgEl("text", {x: pad, y: height - 4, class: "axis"}, iso(lo)));
    svg.appendChild(svgEl("text", {x: width - pad, y: height - 4, class: "axis", "text-anchor": "end"}, iso(hi)));
    svg.appendChild(svgEl("text", {x: pad, y: 12, class: "axis"}, `max ${max}`));
  }

  function pickBar(e) {
    const bar = e.target.closest && e.target.closest("rect.bar");
    if (!bar) return;
    form.elements.since.value = bar.dataset.since;
    form.elements.until.value = bar.dataset.until;
    refresh();
  }
  svg.addEventListener("click", pickBar);
  svg.addEventListener("keydown", (e) => { if (e.key === "Enter" || e.key === " ") pickBar(e); });
  document.getElementById("clear-time").addEventListener("click", () => {
    form.elements.since.value = "";
    form.elements.until.value = "";
    refresh();
  });

  // -- filters and loading -------------------------------------------------------------------
  const typeSelect = form.elements.type;
  const plovers = el("optgroup", {label: "PLOVER category"}, Object.keys(PLOVER_COLOURS).map((k) => el("option", {value: k}, k)));
  const codes = el("optgroup", {label: "Event type"}, EVENT_TYPES.map((k) => el("option", {value: k}, k)));
  typeSelect.append(plovers, codes);

  const initial = NL.query();
  for (const name of FILTERS) if (initial.get(name)) form.elements[name].value = initial.get(name);

  function filters() {
    const params = {};
    for (const name of FILTERS) {
      const value = form.elements[name].value.trim();
      if (value) params[name] = value;
    }
    return params;
  }

  async function loadAll(params) {
    const features = [];
    let cursor = null;
    for (let page = 0; page < MAX_PAGES; page += 1) {
      const data = await getJSON("api/events.geojson", cursor ? {...params, cursor} : params);
      features.push(...(data.features || []));
      cursor = data.next;
      if (!cursor) break;
    }
    return features;
  }

  let generation = 0;
  let lastFeatures = [];
  async function refresh() {
    const mine = ++generation;
    const params = filters();
    const url = new URL(window.location.href);
    for (const name of FILTERS) url.searchParams.delete(name);
    for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
    history.replaceState(null, "", url);
    status.textContent = "Loading…";
    try {
      const features = await loadAll(params);
      if (mine !== generation) return;
      const placed = features.filter((f) => f.geometry && f.geometry.type === "Point").length;
      status.textContent = `${features.length} event(s), ${placed} on the map`
        + (features.length > placed ? `, ${features.length - placed} without a place` : "");
      drawMarkers(features);
      drawList(features);
      drawLegend(features);
      drawTimeline(features);
      lastFeatures = features;
      document.body.dataset.loaded = "true";
    } catch (err) {
      if (mine !== generation) return;
      status.textContent = "";
      NL.showError(status, `Could not load the events: ${err.message}`);
      document.body.dataset.loaded = "error";
    }
  }

  form.addEventListener("submit", (e) => { e.preventDefault(); refresh(); });
  form.addEventListener("reset", () => setTimeout(refresh, 0));
  window.addEventListener("resize", () => drawTimeline(lastFeatures));
  refresh();
})();

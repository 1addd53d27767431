/* dyad dashboard: plain JS, no build step. Views share the filters, kept in the URL. */
"use strict";

const TYPES = ["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
  "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"];
const FILTERS = ["actor", "country", "type", "quad", "status", "since", "until", "q"];
const VIEWS = ["timeline", "map", "network", "events", "article"];
const PALETTE = ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7",
  "#9c755f", "#bab0ac", "#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#8c564b", "#17becf"];
const QUAD_COLORS = { verbal_cooperation: "#59a14f", material_cooperation: "#4e79a7",
  verbal_conflict: "#f28e2b", material_conflict: "#e15759", unknown: "#bab0ac" };
const SVGNS = "http://www.w3.org/2000/svg";

const $ = (sel) => document.querySelector(sel);
const state = { params: new URLSearchParams(location.search), map: null, cluster: null, cursor: null };

function colorOf(key, by) {
  if (by === "quad") return QUAD_COLORS[key] || "#999";
  const i = TYPES.indexOf(key);
  return PALETTE[(i >= 0 ? i : TYPES.length) % PALETTE.length];
}

function el(tag, attrs = {}, ...children) {
  const node = tag.startsWith("svg:") ? document.createElementNS(SVGNS, tag.slice(4)) : document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "text") node.textContent = v;
    else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v);
  }
  for (const c of children) node.append(c);
  return node;
}

function filterQuery(extra = {}) {
  const q = new URLSearchParams();
  for (const f of FILTERS) if (state.params.get(f)) q.set(f, state.params.get(f));
  for (const [k, v] of Object.entries(extra)) if (v !== null && v !== undefined && v !== "") q.set(k, v);
  return q.toString();
}

async function api(path) {
  setStatus("loading…");
  const resp = await fetch(path);
  const body = await resp.json();
  if (!resp.ok) {
    const msg = body.error ? body.error.message : resp.statusText;
    setStatus("error: " + msg);
    throw new Error(msg);
  }
  setStatus("");
  return body;
}

function setStatus(text) { $("#status").textContent = text; }

function pushUrl(replace = false) {
  const url = location.pathname + "?" + state.params.toString();
  if (replace) history.replaceState(null, "", url); else history.pushState(null, "", url);
}

function currentView() {
  const v = state.params.get("view");
  return VIEWS.includes(v) ? v : "timeline";
}

function go(view, extra = {}) {
  state.params.set("view", view);
  for (const [k, v] of Object.entries(extra)) state.params.set(k, v);
  pushUrl();
  render();
}

/* ---------- filters ---------- */
function fillFilterForm() {
  const form = $("#filters");
  for (const f of FILTERS) form.elements[f].value = state.params.get(f) || "";
}

function setupFilters() {
  const sel = $("#filters").elements.type;
  for (const t of TYPES) sel.append(el("option", { value: t, text: t }));
  $("#filters").addEventListener("submit", (ev) => {
    ev.preventDefault();
    const form = ev.target;
    for (const f of FILTERS) {
      const v = form.elements[f].value.trim();
      if (v) state.params.set(f, v); else state.params.delete(f);
    }
    pushUrl();
    render();
  });
  $("#reset").addEventListener("click", () => {
    for (const f of [...FILTERS, "bbox", "article", "event"]) state.params.delete(f);
    pushUrl();
    render();
  });
  for (const a of document.querySelectorAll("#tabs a")) {
    a.addEventListener("click", (ev) => { ev.preventDefault(); go(a.dataset.view); });
  }
  $("#tl-by").addEventListener("change", (ev) => { state.params.set("by", ev.target.value); pushUrl(true); render(); });
  $("#tl-interval").addEventListener("change", (ev) => { state.params.set("interval", ev.target.value); pushUrl(true); render(); });
  $("#events-more").addEventListener("click", () => loadEvents(true));
  window.addEventListener("popstate", () => { state.params = new URLSearchParams(location.search); render(); });
}

/* ---------- timeline: stacked bars (SVG, ours) ---------- */
async function renderTimeline() {
  const by = state.params.get("by") || "type";
  const interval = state.params.get("interval") || "month";
  $("#tl-by").value = by;
  $("#tl-interval").value = interval;
  const data = await api(`/stats/timeline?${filterQuery({ by, interval })}`);
  const box = $("#timeline-chart");
  box.replaceChildren();
  const W = Math.max(box.clientWidth || 900, 400), H = 420, m = { l: 44, r: 10, t: 10, b: 60 };
  const svg = el("svg:svg", { viewBox: `0 0 ${W} ${H}`, id: "timeline-svg", role: "img" });
  const series = data.series;
  const max = Math.max(1, ...series.map((s) => s.total));
  const bw = (W - m.l - m.r) / Math.max(1, series.length);
  const y = (v) => H - m.b - (v / max) * (H - m.t - m.b);
  for (let i = 0; i <= 4; i++) {
    const v = Math.round((max * i) / 4);
    svg.append(el("svg:line", { x1: m.l, x2: W - m.r, y1: y(v), y2: y(v), stroke: "#eee" }));
    svg.append(el("svg:text", { x: m.l - 6, y: y(v) + 4, "text-anchor": "end", "font-size": 11, text: String(v) }));
  }
  series.forEach((s, i) => {
    let acc = 0;
    const x = m.l + i * bw;
    for (const key of data.keys) {
      const n = s.counts[key] || 0;
      if (!n) continue;
      const rect = el("svg:rect", { class: "bar", x: x + 1, width: Math.max(1, bw - 2), y: y(acc + n),
        height: y(acc) - y(acc + n), fill: colorOf(key, by), "data-key": key });
      rect.append(el("svg:title", { text: `${s.period} ${key}: ${n}` }));
      rect.addEventListener("click", () => {
        state.params.set(by === "quad" ? "quad" : "type", key);
        go("events");
      });
      svg.append(rect);
      acc += n;
    }
    const every = Math.ceil(series.length / 12);
    if (i % every === 0) {
      svg.append(el("svg:text", { x: x + bw / 2, y: H - m.b + 14, "text-anchor": "middle", "font-size": 11,
        text: s.period.slice(0, interval === "year" ? 4 : interval === "month" ? 7 : 10) }));
    }
  });
  box.append(svg);
  const legend = $("#timeline-legend");
  legend.replaceChildren(...data.keys.map((k) => el("span", {}, el("i", { style: `background:${colorOf(k, by)}` }),
    `${k} (${data.totals[k]})`)));
  const total = Object.values(data.totals).reduce((a, b) => a + b, 0);
  $("#tl-summary").textContent = `${total} dated events in ${series.length} periods` +
    (data.undated ? `, ${data.undated} undated` : "");
}

/* ---------- map: Leaflet + markercluster, country outlines, no tiles ---------- */
const LAND = "#fbfaf6", SHADE = [251, 250, 246], SHADE_TO = [236, 166, 120];

function setupMap() {
  if (state.map || typeof L === "undefined") return;
  state.map = L.map("map", { worldCopyJump: true, minZoom: 1, maxZoom: 12 }).setView([15, 15], 2);
  state.map.attributionControl.setPrefix("Leaflet");
  // panes under the markers (overlayPane, 400): graticule, then land; neither takes the mouse
  for (const [name, z] of [["graticule", 300], ["countries", 350]]) {
    const pane = state.map.createPane(name);
    pane.style.zIndex = z;
    pane.style.pointerEvents = "none";
  }
  const grid = { color: "#b9c9da", weight: 1, interactive: false, pane: "graticule" };
  for (let lat = -60; lat <= 80; lat += 20) L.polyline([[lat, -180], [lat, 180]], grid).addTo(state.map);
  for (let lon = -180; lon <= 180; lon += 30) L.polyline([[-85, lon], [85, lon]], grid).addTo(state.map);
  state.cluster = L.markerClusterGroup ? L.markerClusterGroup() : L.layerGroup();
  state.map.addLayer(state.cluster);
}

/* Country outlines from our own server (Natural Earth, see /-/countries.geojson), fetched once,
   when the map first opens; without them the map still shows its markers. */
async function loadCountries() {
  if (state.countries || state.countriesTried) return;
  state.countriesTried = true;
  try {
    const resp = await fetch("/-/countries.geojson");
    if (!resp.ok) throw new Error(`HTTP ${resp.status}`);
    const data = await resp.json();
    state.countries = L.geoJSON(data, { pane: "countries", renderer: L.svg({ pane: "countries" }),
      interactive: false, className: "country", style: countryStyle }).addTo(state.map);
    state.map.attributionControl.addAttribution("Natural Earth");
  } catch (err) {
    console.warn("country outlines unavailable:", err);
  }
}

function countryStyle(feature) {
  const n = (state.countryCounts || {})[feature.properties.iso] || 0;
  let fill = LAND;
  if (n) {
    const t = 0.25 + 0.75 * Math.log1p(n) / Math.log1p(state.countryMax || 1);
    fill = `rgb(${SHADE.map((c, i) => Math.round(c + (SHADE_TO[i] - c) * t)).join(",")})`;
  }
  return { color: "#8c9aab", weight: 0.7, opacity: 1, fillColor: fill, fillOpacity: 1 };
}

function shadeCountries(places) {
  const counts = {};
  for (const p of places) if (p.country) counts[p.country] = (counts[p.country] || 0) + p.count;
  state.countryCounts = counts;
  state.countryMax = Math.max(1, ...Object.values(counts));
  if (!state.countries) return;
  state.countries.setStyle(countryStyle);
  state.countries.eachLayer((layer) => {
    const path = layer.getElement && layer.getElement();
    if (!path) return;
    path.dataset.iso = layer.feature.properties.iso || "";
    path.dataset.count = String(counts[layer.feature.properties.iso] || 0);
  });
}

async function renderMap() {
  if (typeof L === "undefined") { $("#map-note").textContent = "Leaflet is not installed (pip install xstatic-leaflet)."; return; }
  setupMap();
  state.map.invalidateSize();
  const [data] = await Promise.all([api(`/stats/locations?${filterQuery()}`), loadCountries()]);
  shadeCountries(data.data);
  state.cluster.clearLayers();
  const markers = [];
  let total = 0;
  for (const p of data.data) {
    total += p.count;
    const top = Object.entries(p.quads).sort((a, b) => b[1] - a[1])[0];
    const color = QUAD_COLORS[top ? top[0] : "unknown"];
    const marker = L.circleMarker([p.lat, p.lon], { radius: 5 + Math.min(12, Math.sqrt(p.count) * 2),
      color, fillColor: color, fillOpacity: 0.7, weight: 1 });
    marker.bindPopup(`<b>${escapeHtml(p.name)}</b> (${p.country || "?"})<br>${p.count} events<br>` +
      `<a href="#" data-place="${escapeHtml(p.name)}">show events</a>`);
    marker.on("popupopen", (ev) => {
      const a = ev.popup.getElement().querySelector("a[data-place]");
      if (a) a.addEventListener("click", (e) => {
        e.preventDefault();
        const pad = 0.01;
        state.params.set("bbox", [p.lon - pad, p.lat - pad, p.lon + pad, p.lat + pad].join(","));
        go("events");
      });
    });
    for (let i = 0; i < p.count; i++) markers.push(i === 0 ? marker : L.circleMarker([p.lat, p.lon], { radius: 4, color }));
  }
  if (state.cluster.addLayers) state.cluster.addLayers(markers); else markers.forEach((m) => state.cluster.addLayer(m));
  $("#map-note").textContent = `${total} located events at ${data.data.length} places` +
    " — clusters merge nearby events; click a cluster to zoom in." +
    (state.countries ? " Countries are shaded by their located events." : "");
}

/* ---------- network: force layout (SVG, ours) ---------- */
function layout(nodes, edges, W, H) {
  nodes.forEach((n, i) => {
    const a = (2 * Math.PI * i) / nodes.length;
    n.x = W / 2 + (W / 3) * Math.cos(a); n.y = H / 2 + (H / 3) * Math.sin(a); n.vx = 0; n.vy = 0;
  });
  const k = Math.sqrt((W * H) / Math.max(1, nodes.length)) * 0.6;
  for (let it = 0; it < 300; it++) {
    const t = 0.1 * (1 - it / 300);
    for (const a of nodes) { a.dx = 0; a.dy = 0; }
    for (let i = 0; i < nodes.length; i++) for (let j = i + 1; j < nodes.length; j++) {
      const a = nodes[i], b = nodes[j];
      const dx = a.x - b.x || 0.01, dy = a.y - b.y || 0.01, d = Math.hypot(dx, dy), f = (k * k) / d;
      a.dx += (dx / d) * f; a.dy += (dy / d) * f; b.dx -= (dx / d) * f; b.dy -= (dy / d) * f;
    }
    for (const e of edges) {
      const dx = e.s.x - e.t.x, dy = e.s.y - e.t.y, d = Math.hypot(dx, dy) || 0.01, f = (d * d) / k;
      e.s.dx -= (dx / d) * f; e.s.dy -= (dy / d) * f; e.t.dx += (dx / d) * f; e.t.dy += (dy / d) * f;
    }
    for (const n of nodes) {
      n.dx += (W / 2 - n.x) * 0.035 * k; n.dy += (H / 2 - n.y) * 0.06 * k;
      const d = Math.hypot(n.dx, n.dy) || 1, step = Math.min(d, t * W);
      n.x = Math.min(W - 40, Math.max(40, n.x + (n.dx / d) * step));
      n.y = Math.min(H - 20, Math.max(20, n.y + (n.dy / d) * step));
    }
  }
}

async function renderNetwork() {
  const data = await api(`/stats/dyads?${filterQuery({ limit: 80 })}`);
  const box = $("#network");
  box.replaceChildren();
  const W = Math.max(box.clientWidth || 900, 400), H = 520;
  const byId = new Map();
  const node = (a) => {
    if (!byId.has(a.id)) byId.set(a.id, { ...a, weight: 0 });
    return byId.get(a.id);
  };
  const edges = data.data.map((d) => {
    const s = node(d.source), t = node(d.target);
    s.weight += d.count; t.weight += d.count;
    return { s, t, count: d.count, types: d.types };
  });
  const nodes = [...byId.values()];
  layout(nodes, edges, W, H);
  const svg = el("svg:svg", { viewBox: `0 0 ${W} ${H}`, id: "network-svg" });
  const defs = el("svg:defs");
  defs.append(el("svg:marker", { id: "arrow", viewBox: "0 0 10 10", refX: 22, refY: 5, markerWidth: 9, markerUnits: "userSpaceOnUse",
    markerHeight: 9, orient: "auto-start-reverse" }, el("svg:path", { d: "M0,0 L10,5 L0,10 z", fill: "#889" })));
  svg.append(defs);
  const maxC = Math.max(1, ...edges.map((e) => e.count));
  for (const e of edges) {
    const main = Object.entries(e.types).sort((a, b) => b[1] - a[1])[0];
    const line = el("svg:line", { x1: e.s.x, y1: e.s.y, x2: e.t.x, y2: e.t.y, class: "edge",
      stroke: colorOf(main ? main[0] : "", "type"), "stroke-opacity": 0.7,
      "stroke-width": 1 + (6 * e.count) / maxC, "marker-end": "url(#arrow)" });
    line.append(el("svg:title", { text: `${e.s.name} → ${e.t.name}: ${e.count} events (` +
      Object.entries(e.types).map(([k, v]) => `${k} ${v}`).join(", ") + ")" }));
    svg.append(line);
  }
  for (const n of nodes) {
    const g = el("svg:g", { class: "node", transform: `translate(${n.x},${n.y})`, "data-name": n.name });
    g.append(el("svg:circle", { r: 4 + Math.min(10, Math.sqrt(n.weight) * 2), fill: "#23303f", stroke: "#fff" }));
    g.append(el("svg:text", { x: 9, y: 4, text: n.name + (n.country ? ` (${n.country})` : "") }));
    g.append(el("svg:title", { text: `${n.name}: ${n.weight} events — click to filter` }));
    g.style.cursor = "pointer";
    g.addEventListener("click", () => { state.params.set("actor", n.name); go("events"); });
    svg.append(g);
  }
  box.append(svg);
  $("#net-summary").textContent = `${nodes.length} actors, ${edges.length} pairs; edge width = events between ` +
    "the pair, colour = most frequent type (filter by Type above)";
}

/* ---------- events table ---------- */
function actorNames(list) { return (list || []).map((a) => a.name || a.text).join("; "); }

async function loadEvents(more = false) {
  const cursor = more ? state.cursor : null;
  const data = await api(`/events?${filterQuery({ limit: 50, sort: state.params.get("sort") || "-date", cursor,
    bbox: state.params.get("bbox") })}`);
  const body = $("#events-table tbody");
  if (!more) body.replaceChildren();
  for (const e of data.data) {
    const tr = el("tr", { "data-id": e.id, "data-article": e.article_id },
      el("td", { text: (e.date && e.date.start) || "" }), el("td", {}, el("span", { class: "tag", text: e.event_type })),
      el("td", { text: actorNames(e.actors) }), el("td", { text: actorNames(e.recipients) }),
      el("td", { text: e.location ? e.location.name : "" }), el("td", { text: e.status }),
      el("td", { text: e.sentence }));
    tr.addEventListener("click", () => go("article", { article: e.article_id, event: e.id }));
    body.append(tr);
  }
  state.cursor = data.next;
  $("#events-more").style.display = data.next ? "" : "none";
  const shown = body.children.length;
  $("#events-summary").textContent = `${shown} of ${data.total} events` +
    (state.params.get("bbox") ? " (in the chosen map area)" : "");
}

/* ---------- article view ---------- */
function escapeHtml(s) {
  return String(s ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]));
}

function highlight(text, spans, focusEvent) {
  const cuts = new Set([0, text.length]);
  for (const s of spans) { cuts.add(s.start); cuts.add(s.end); }
  const points = [...cuts].sort((a, b) => a - b);
  const order = ["quote", "place", "date", "actor", "trigger"];
  const frag = document.createDocumentFragment();
  for (let i = 0; i < points.length - 1; i++) {
    const a = points[i], b = points[i + 1];
    const piece = text.slice(a, b);
    const cover = spans.filter((s) => s.start <= a && s.end >= b);
    if (!cover.length) { frag.append(piece); continue; }
    let node = document.createTextNode(piece);
    for (const kind of order) {
      const hits = cover.filter((s) => s.kind === kind);
      if (!hits.length) continue;
      const focus = focusEvent && hits.some((s) => (s.events || []).includes(focusEvent));
      const span = el("span", { class: `hl ${kind}${focus ? " focus" : ""}`, "data-kind": kind,
        title: hits.map((s) => `${kind}: ${s.name || s.value || s.speaker || s.text}`).join("\n") });
      span.append(node);
      node = span;
    }
    frag.append(node);
  }
  return frag;
}

async function renderArticle() {
  let id = state.params.get("article");
  if (!id) {
    const first = await api(`/events?${filterQuery({ limit: 1 })}`);
    if (!first.data.length) { $("#article-title").textContent = "No article matches the filters."; return; }
    id = first.data[0].article_id;
    state.params.set("article", id);
    pushUrl(true);
  }
  const doc = await api(`/articles/${encodeURIComponent(id)}`);
  const focus = state.params.get("event");
  $("#article-title").textContent = doc.title || doc.id;
  $("#article-meta").textContent = [doc.id, doc.published, doc.source].filter(Boolean).join(" · ") +
    ` · ${doc.events.length} events`;
  $("#article-text").replaceChildren(highlight(doc.text, doc.spans, focus));
  const list = $("#article-events");
  list.replaceChildren(...doc.events.map((e) => {
    const li = el("li", { "data-id": e.id }, el("span", { class: "tag", text: e.event_type }),
      ` ${actorNames(e.actors) || "?"} → ${actorNames(e.recipients) || "?"} · “${e.trigger.text}” · ` +
      `${(e.date && e.date.start) || "undated"} · ${e.location ? e.location.name : "no place"} · ${e.status}`);
    li.addEventListener("click", () => { state.params.set("event", e.id); pushUrl(true); renderArticle(); });
    return li;
  }));
  await renderHappening(focus, doc.id);
}

/* The focused event's happening (dedup cluster): its other mentions, with links. */
async function renderHappening(eventId, articleId) {
  const box = $("#article-happening");
  box.hidden = true;
  if (!eventId) return;
  const ev = await api(`/events/${encodeURIComponent(eventId)}`);
  const h = ev.happening;
  if (!h || h.n_mentions < 2) return;
  $("#happening-summary").textContent = `${h.n_mentions} mentions in ${h.n_articles} articles from ` +
    `${h.n_sources} sources, ${h.first_seen || "?"} to ${h.last_seen || "?"}`;
  const others = h.mentions.filter((m) => m.event_id !== eventId);
  $("#happening-mentions").replaceChildren(...others.map((m) => {
    const li = el("li", { "data-id": m.event_id, "data-article": m.article_id },
      el("span", { class: "tag", text: m.event_type }),
      ` ${m.published || ""} · ${m.source || m.article_id}${m.article_id === articleId ? " (this article)" : ""}` +
      ` · “${m.trigger}”: ${m.sentence}`);
    li.addEventListener("click", () => go("article", { article: m.article_id, event: m.event_id }));
    return li;
  }));
  box.hidden = false;
}

/* ---------- routing ---------- */
const RENDER = { timeline: renderTimeline, map: renderMap, network: renderNetwork, events: () => loadEvents(false),
  article: renderArticle };

async function render() {
  const view = currentView();
  fillFilterForm();
  for (const v of VIEWS) $(`#view-${v}`).classList.toggle("active", v === view);
  for (const a of document.querySelectorAll("#tabs a")) a.classList.toggle("active", a.dataset.view === view);
  document.body.dataset.view = view;
  document.body.dataset.ready = "false";
  try {
    await RENDER[view]();
  } catch (err) {
    console.error(err);
  } finally {
    document.body.dataset.ready = "true";
  }
}

setupFilters();
render();

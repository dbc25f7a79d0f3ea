// Scyfi dashboard: one page, no build step. Live data comes from the server-sent events of
// api/events (cluster, sweeps, recent events); the map fetches only new points from
// api/sweeps/{id}/points when a sweep's progress moves. Relative URLs, so the page also works
// behind a reverse proxy that serves it under a path prefix.
'use strict';

const BIFURCATION_COLOURS = {
  'border-collision': '#111111',
  'border-collision-fold': '#6a3d9a',
  'degenerate-transcritical': '#b2182b',
  'degenerate-flip': '#2166ac',
  'degenerate-neimark-sacker': '#1a9850',
  'stability-change': '#e08214',
};
const MAX_EVENTS = 150;
const MAX_SWEEPS_SHOWN = 12;

const state = {
  cluster: null,
  sweeps: [],
  selected: null,        // sweep id on the map
  userSelected: false,   // the user picked it: do not follow the running sweep any more
  map: null,             // { id, generation, cursor, complete, nx, ny, axes, regimes, grid, bifurcations }
  fetching: false,
  fetchAgain: false,
  lastPointsDone: new Map(),
};

const $ = (selector) => document.querySelector(selector);

/** Creates an element; strings become text (never HTML: names and messages come from the server). */
function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') node.className = v;
    else if (k.startsWith('data-')) node.setAttribute(k, v);
    else if (k === 'title') node.title = v;
    else node.setAttribute(k, v);
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

const nf = new Intl.NumberFormat('en-US');
const num = (x) => (x === null || x === undefined ? '–' : nf.format(x));
const rate = (x) => (x === null || x === undefined ? '–' : x >= 100 ? nf.format(Math.round(x)) : x.toFixed(x >= 10 ? 1 : 2));

function duration(seconds) {
  if (seconds === null || seconds === undefined || !isFinite(seconds)) return '–';
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60} s`;
  const h = Math.floor(s / 3600);
  if (h < 48) return `${h} h ${Math.floor((s % 3600) / 60)} min`;
  return `${Math.floor(h / 24)} d ${h % 24} h`;
}

// ---------------------------------------------------------------- live connection

function connect() {
  const source = new EventSource('api/events');
  source.onopen = () => setConnection(true);
  // EventSource reconnects by itself (and sends Last-Event-ID, so no event is shown twice).
  source.onerror = () => setConnection(false);
  source.addEventListener('cluster', (e) => { state.cluster = JSON.parse(e.data); renderCluster(); });
  source.addEventListener('sweeps', (e) => { state.sweeps = JSON.parse(e.data).sweeps; onSweeps(); });
  source.addEventListener('event', (e) => addEvent(JSON.parse(e.data)));
}

function setConnection(live) {
  const c = $('#connection');
  c.textContent = live ? 'live' : 'reconnecting…';
  c.className = `pill ${live ? 'on' : 'off'}`;
}

// ---------------------------------------------------------------- nodes

function renderCluster() {
  const c = state.cluster;
  if (!c) return;
  $('#self').textContent = `this node: ${c.self} · up ${duration(c.uptimeSeconds)}`;
  const body = $('#nodes tbody');
  body.replaceChildren(...c.members.map((m) => el('tr', { 'data-address': m.address, class: m.isSelf ? 'self' : null },
    el('td', {},
      el('div', { class: 'addr' }, m.address, m.isSelf ? el('span', { class: 'muted' }, ' (this node)') : null),
      el('div', { class: 'roles' }, m.roles.map((r) => el('span', { class: `badge role-${r}` }, r)),
        m.leader ? el('span', { class: 'badge', title: 'cluster leader' }, '★ leader') : null,
        m.hostsCoordinator ? el('span', { class: 'badge role-coordinator', title: 'runs the sweep coordinator singleton' }, '⚑ sweep coordinator') : null)),
    el('td', {}, el('span', { class: `badge ${m.status}` }, m.status)),
    el('td', {}, m.reachable ? '✓' : el('span', { class: 'badge unreachable' }, 'unreachable')),
    el('td', { class: 'num', title: m.upSince ? `up since ${new Date(m.upSince).toLocaleString()}${m.isSelf ? '' : ' (as seen by this node)'}` : null }, duration(m.uptimeSeconds)),
    el('td', { class: 'num', title: m.tiles.length ? m.tiles.join(', ') : null }, num(m.activeTiles)),
    el('td', { class: 'num' }, num(m.tilesCompleted)),
    el('td', { class: 'num' }, rate(m.tilesPerSecond)))));
  const up = c.members.filter((m) => m.status === 'up').length;
  const unreachable = c.members.filter((m) => !m.reachable).length;
  $('#nodes-summary').textContent = `${up} up of ${c.members.length}${unreachable ? `, ${unreachable} unreachable` : ''}`;
  const s = c.sharding;
  $('#sharding').textContent = s.available
    ? `tile sharding: ${s.regions} region${s.regions === 1 ? '' : 's'}, ${s.shards} shards, ${s.entities} active tile entities`
    : `tile sharding: ${s.error || 'unavailable'}`;
}

// ---------------------------------------------------------------- sweeps

function onSweeps() {
  renderSweeps();
  pickSweep();
  const s = state.sweeps.find((x) => x.id === state.selected);
  if (!s) return;
  const key = `${s.pointsDone}/${s.state}`;
  const needPoints = state.lastPointsDone.get(s.id) !== key || !state.map || state.map.id !== s.id || (s.state === 'completed' && !state.map.complete);
  state.lastPointsDone.set(s.id, key);
  if (needPoints) refreshMap();
}

function renderSweeps() {
  const box = $('#sweeps');
  if (state.sweeps.length === 0) {
    box.replaceChildren(el('p', { class: 'muted' }, 'no sweeps yet'));
    return;
  }
  box.replaceChildren(...state.sweeps.slice(0, MAX_SWEEPS_SHOWN).map(sweepCard));
}

function sweepCard(s) {
  const active = s.state === 'running' || s.state === 'analysing';
  const pct = (100 * s.progress).toFixed(1);
  const bar = el('div');
  bar.style.width = `${pct}%`;
  const cancel = active ? el('button', { type: 'button', title: 'cancel this sweep (needs the dashboard token)' }, 'Cancel') : null;
  if (cancel) cancel.addEventListener('click', () => cancelSweep(s.id));
  const facts = [
    el('span', { class: 'progress-text' }, 'tiles ', el('b', {}, `${num(s.tilesDone)}/${num(s.tilesTotal)}`), ` (${pct} %)`),
    el('span', {}, 'points ', el('b', {}, `${num(s.pointsDone)}/${num(s.pointsTotal)}`)),
    el('span', {}, el('b', {}, rate(s.tilesPerSecond)), ' tiles/s'),
    el('span', {}, el('b', {}, rate(s.pointsPerSecond)), ' points/s'),
    s.state === 'running' ? el('span', {}, 'ETA ', el('b', {}, duration(s.etaSeconds))) : null,
    el('span', {}, 'in flight ', el('b', {}, num(s.tilesInFlight))),
    el('span', { class: s.retries > 0 ? 'bad' : null, title: 'tile assignments re-sent after nothing was heard of them' }, `re-sent ${num(s.retries)}`),
    el('span', { class: s.failedComputations > 0 ? 'bad' : null, title: 'tile computations repeated after a failure' }, `repeated ${num(s.failedComputations)}`),
    s.objectsFound !== null ? el('span', {}, 'objects ', el('b', {}, num(s.objectsFound))) : null,
    s.live ? null : el('span', { class: 'muted', title: 'the coordinator did not answer; figures from the store' }, '(from the store)'),
  ];
  return el('div', { class: `sweep ${s.state}`, 'data-id': s.id, 'data-state': s.state, 'data-tiles-done': s.tilesDone, 'data-tiles-total': s.tilesTotal },
    el('div', { class: 'sweep-head' },
      el('span', { class: 'id' }, s.id),
      el('span', { class: `badge ${s.state}` }, s.state),
      el('span', { class: 'muted' }, s.axes.map((a) => `${a.name} ${a.from}…${a.to} (${a.points})`).join(' × ')),
      cancel),
    el('div', { class: 'bar' }, bar),
    el('div', { class: 'facts' }, facts),
    s.message ? el('div', { class: 'bad' }, s.message) : null);
}

async function cancelSweep(id) {
  let token = sessionStorage.getItem('scyfi-token');
  if (!token) {
    token = window.prompt(`Cancel sweep ${id}: dashboard token (the --dashboard-token given at start)`);
    if (!token) return;
  }
  const r = await fetch(`api/sweeps/${encodeURIComponent(id)}/cancel`, { method: 'POST', headers: { Authorization: `Bearer ${token}` } });
  const body = await r.json().catch(() => ({}));
  if (r.ok) {
    sessionStorage.setItem('scyfi-token', token);
  } else {
    sessionStorage.removeItem('scyfi-token');
    window.alert(`Cancel refused (${r.status}): ${body.error || r.statusText}`);
  }
}

// ---------------------------------------------------------------- events

function addEvent(e) {
  const list = $('#events');
  if (list.querySelector(`[data-seq="${e.seq}"]`)) return;
  const group = /unreachable|failed|removed/.test(e.kind) ? 'alarm' : e.kind.split('-')[0];
  const time = new Date(e.time);
  list.prepend(el('li', { 'data-seq': e.seq, 'data-kind': e.kind },
    el('time', { datetime: e.time, title: time.toLocaleString() }, time.toLocaleTimeString([], { hour12: false })),
    el('span', { class: `badge ${group}` }, e.kind),
    el('span', {}, e.message)));
  while (list.children.length > MAX_EVENTS) list.lastElementChild.remove();
}

// ---------------------------------------------------------------- map

function pickSweep() {
  const select = $('#map-sweep');
  const ids = state.sweeps.map((s) => s.id);
  if (!state.userSelected || !ids.includes(state.selected)) {
    // Follow the sweep that is moving; otherwise the newest.
    const running = state.sweeps.find((s) => s.state === 'running' || s.state === 'analysing');
    state.selected = (running || state.sweeps[0] || {}).id || null;
  }
  const current = Array.from(select.options).map((o) => o.value).join('|');
  if (current !== ids.join('|')) select.replaceChildren(...ids.map((id) => el('option', { value: id }, id)));
  if (state.selected) select.value = state.selected;
}

async function refreshMap() {
  // One request at a time; a change during a request asks for one more afterwards.
  if (state.fetching) { state.fetchAgain = true; return; }
  state.fetching = true;
  try {
    do {
      state.fetchAgain = false;
      await fetchPoints();
    } while (state.fetchAgain);
  } catch (err) {
    $('#map-status').textContent = `could not load points: ${err.message}`;
  } finally {
    state.fetching = false;
  }
}

async function fetchPoints() {
  const id = state.selected;
  if (!id) return;
  const m = state.map && state.map.id === id ? state.map : null;
  const query = m ? `?after=${m.cursor}&generation=${m.generation}` : '';
  const r = await fetch(`api/sweeps/${encodeURIComponent(id)}/points${query}`);
  if (!r.ok) throw new Error(`HTTP ${r.status}`);
  const page = await r.json();
  if (state.selected !== id) return;
  let map = m;
  if (!map || page.reset) {
    map = { id, nx: page.nx, ny: page.ny, axes: page.axes, grid: new Int32Array(page.nx * page.ny).fill(-1), bifurcations: null };
    state.map = map;
  }
  for (const p of page.points) map.grid[p[0]] = p[1];
  map.generation = page.generation;
  map.cursor = page.cursor;
  map.complete = page.complete;
  map.regimes = page.regimes;
  const sweep = state.sweeps.find((s) => s.id === id);
  if (sweep && sweep.state === 'completed' && map.bifurcations === null) {
    const b = await fetch(`api/sweeps/${encodeURIComponent(id)}/bifurcations`);
    if (b.ok) {
      const body = await b.json();
      if (body.available) map.bifurcations = body.bifurcations;
    }
  }
  drawMap();
}

function hexColour(hex) {
  const v = parseInt(hex.slice(1), 16);
  return [(v >> 16) & 255, (v >> 8) & 255, v & 255];
}

function drawMap() {
  const map = state.map;
  const canvas = $('#map');
  const ctx = canvas.getContext('2d');
  const oneD = map.ny === 1;
  canvas.height = oneD ? 140 : 600;
  const W = canvas.width, H = canvas.height;
  const plot = { x: 58, y: 12, w: W - 72, h: H - (oneD ? 62 : 58) };
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, W, H);

  // Not yet computed: light hatching, so that "no objects" (near-white) and "not yet" differ.
  ctx.save();
  ctx.beginPath();
  ctx.rect(plot.x, plot.y, plot.w, plot.h);
  ctx.clip();
  ctx.strokeStyle = '#e4e7eb';
  ctx.lineWidth = 1;
  for (let d = -plot.h; d < plot.w; d += 8) {
    ctx.beginPath();
    ctx.moveTo(plot.x + d, plot.y + plot.h);
    ctx.lineTo(plot.x + d + plot.h, plot.y);
    ctx.stroke();
  }
  ctx.restore();

  // One pixel per grid point, then scaled up without smoothing: exact cells at any grid size.
  const colours = map.regimes.map((r) => hexColour(r.colour));
  const image = new ImageData(map.nx, map.ny);
  for (let index = 0; index < map.grid.length; index++) {
    const regime = map.grid[index];
    if (regime < 0) continue;
    const i = index % map.nx, j = Math.floor(index / map.nx);
    const o = 4 * ((map.ny - 1 - j) * map.nx + i);   // the second axis grows upwards
    const c = colours[regime];
    image.data[o] = c[0]; image.data[o + 1] = c[1]; image.data[o + 2] = c[2]; image.data[o + 3] = 255;
  }
  const cells = document.createElement('canvas');
  cells.width = map.nx;
  cells.height = map.ny;
  cells.getContext('2d').putImageData(image, 0, 0);
  ctx.imageSmoothingEnabled = false;
  ctx.drawImage(cells, plot.x, plot.y, plot.w, plot.h);

  // Bifurcations (after the analysis): dots at their refined locations.
  const ax = map.axes[0], ay = map.axes[1];
  const px = (v) => plot.x + (ax.to === ax.from ? 0.5 : (v - ax.from) / (ax.to - ax.from)) * plot.w;
  const py = (v) => plot.y + plot.h - (!ay || ay.to === ay.from ? 0.5 : (v - ay.from) / (ay.to - ay.from)) * plot.h;
  for (const b of map.bifurcations || []) {
    ctx.fillStyle = BIFURCATION_COLOURS[b.type] || '#000000';
    const x = px(b.at[ax.name]);
    if (oneD) { ctx.fillRect(x - 1, plot.y, 2, plot.h); continue; }
    ctx.beginPath();
    ctx.arc(x, py(b.at[ay.name]), 1.8, 0, 2 * Math.PI);
    ctx.fill();
  }

  // Frame and axes.
  ctx.strokeStyle = '#6b7280';
  ctx.strokeRect(plot.x + 0.5, plot.y + 0.5, plot.w - 1, plot.h - 1);
  ctx.fillStyle = '#1f2328';
  ctx.font = '12px system-ui, "DejaVu Sans", sans-serif';
  ctx.textAlign = 'center';
  ctx.fillText(String(ax.from), plot.x, plot.y + plot.h + 16);
  ctx.fillText(String(ax.to), plot.x + plot.w, plot.y + plot.h + 16);
  ctx.fillText(ax.name, plot.x + plot.w / 2, plot.y + plot.h + 32);
  if (!oneD) {
    ctx.textAlign = 'right';
    ctx.fillText(String(ay.from), plot.x - 6, plot.y + plot.h);
    ctx.fillText(String(ay.to), plot.x - 6, plot.y + 10);
    ctx.save();
    ctx.translate(plot.x - 34, plot.y + plot.h / 2);
    ctx.rotate(-Math.PI / 2);
    ctx.textAlign = 'center';
    ctx.fillText(ay.name, 0, 0);
    ctx.restore();
  }

  const done = map.grid.reduce((n, r) => n + (r >= 0 ? 1 : 0), 0);
  $('#map-status').textContent = `${map.id}: ${num(done)} of ${num(map.grid.length)} grid points` +
    (map.bifurcations ? `, ${num(map.bifurcations.length)} bifurcations` : map.complete ? '' : ' (filling in live)');
  renderLegend(map);
}

function renderLegend(map) {
  const regimes = map.regimes.filter((r) => r.points > 0).sort((a, b) => b.points - a.points);
  const entries = [el('h3', {}, 'regimes')];
  for (const r of regimes) {
    const swatch = el('span', { class: 'swatch' });
    swatch.style.background = r.colour;
    entries.push(el('div', { class: 'entry', 'data-regime': r.id }, swatch, el('span', {}, r.name), el('span', { class: 'count' }, num(r.points))));
  }
  const types = new Map();
  for (const b of map.bifurcations || []) types.set(b.type, (types.get(b.type) || 0) + 1);
  if (types.size > 0) {
    entries.push(el('h3', {}, 'bifurcations'));
    for (const [type, count] of types) {
      const dot = el('span', { class: 'swatch dot' });
      dot.style.background = BIFURCATION_COLOURS[type] || '#000000';
      entries.push(el('div', { class: 'entry' }, dot, el('span', {}, type), el('span', { class: 'count' }, num(count))));
    }
  }
  $('#legend').replaceChildren(...entries);
}

document.addEventListener('DOMContentLoaded', () => {
  $('#map-sweep').addEventListener('change', (e) => {
    state.selected = e.target.value;
    state.userSelected = true;
    state.map = null;
    refreshMap();
  });
  connect();
});

// The orgsim what-if page: sliders and fields build a what-if, the server simulates
// and draws it (docs/api.md). Every name from the model reaches the page through
// textContent or an attribute, never as HTML.

import { timeWords } from './units.js';
import { takeToken } from './token.js';
import { History } from './history.js';
import { RoleNames } from './role_names.js';
import {
  MAX_KEPT, KEPT_STYLES, CURRENT_STYLE, runFigures, recoveryText, comparisonCsv,
} from './whatifs.js';

const $ = (id) => document.getElementById(id);
// Play shows the whole run in about this long (each step 60-400 ms).
const PLAY_RUN_MS = 8000;

const state = {
  model: null,       // GET /api/model
  start: null,       // the starting what-if (reset, the first kept what-if)
  whatIf: null,      // the current what-if, as the API takes it
  words: timeWords('step'),  // the model's unit of time (units.js)
  names: null,       // RoleNames: roles picked by name
  rows: new Map(),   // role id -> its controls {row, slider, value, from, duration, span}
  history: null,     // undo/redo (history.js)
  run: null,         // the run of the current what-if last shown
  kept: [],          // what-ifs kept side by side: {key, name, whatIf, run, figures, shown, style}
  keptByKey: new Map(),  // every what-if kept this session, for undo of keep/remove
  keptSerial: 0,
  step: null,        // the step shown (scrubber, play); null: each role at its peak
  playTimer: null,
  playWaiting: false,  // play pressed, waiting for the run's steps
  runBody: null,     // the what-if that state.run answers (for its steps, asked later)
  stepsAsked: null,  // {run, promise}: the steps of state.run, asked once
  stale: false,      // the figures are not those of the what-if on screen (an error)
  diagram: null,     // the impact diagram (diagram.js), once created
  simulateAbort: null,
  timer: null,       // update() queued (a microtask)
  running: false,    // a /api/simulate request of update() is in flight
  dirty: false,      // the what-if changed since that request was sent
  panels: 0,         // the animation frame of the panels drawn after the diagram
  inputAt: 0,        // performance.now() of the change being shown
  chart: null,
  chartKey: '',
  // The CX axis starts at 0 unless the facilitator asks to zoom: a 5-point dip drawn on
  // an axis from 80 looks like a collapse to a room.
  zoomChart: false,
  updates: 0,
  // Which roles matter most (POST /api/rank), asked only while its panel is on screen.
  ranking: { visible: false, key: '', abort: null, answer: null, shown: null, failing: null, serial: 0 },
};

// --- helpers --------------------------------------------------------------

function el(tag, props = {}, children = []) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === 'text') e.textContent = v;
    else if (k === 'class') e.className = v;
    else if (k.startsWith('data-') || k.startsWith('aria-') || k === 'role') e.setAttribute(k, v);
    else e[k] = v;
  }
  for (const c of children) e.appendChild(c);
  return e;
}

const fmt = (x, digits = 1) => (x === null || x === undefined ? '–' : Number(x).toFixed(digits));
const signed = (x, digits = 1) => {
  const r = Number(Number(x).toFixed(digits));  // -0.004 shows as ±0.0, not −0.0
  return (r > 0 ? '+' : r < 0 ? '−' : '±') + Math.abs(r).toFixed(digits);
};
const points = (x) => (x > 0 && x < 0.005 ? '<0.01' : fmt(x, 2));

// The error bar is fixed to the bottom of the window: it is on screen wherever the
// page is scrolled (at 1280x720 an error at the top was out of view).
function showError(message, details = []) {
  const box = $('error');
  box.replaceChildren(el('strong', { text: message }));
  if (details.length > 1 || (details.length === 1 && !message.includes(details[0]))) {
    box.appendChild(el('ul', {}, details.map((d) => el('li', { text: d }))));
  }
  box.hidden = false;
}

function clearError() {
  $('error').hidden = true;
  $('error').replaceChildren();
}

// A message beside the field it is about (role="alert": read out at once). `source`
// tells server errors (cleared by the next good run) from the page's own.
function fieldError(target, message, source = 'page') {
  const host = target.closest('.role, .change') || target;
  let note = [...host.querySelectorAll(':scope > .field-error')].find((n) => n.dataset.for === target.id);
  if (!note) {
    note = el('div', { class: 'field-error', role: 'alert', 'data-testid': 'field-error' });
    if (!target.id) target.id = `field-${Math.random().toString(36).slice(2, 10)}`;
    note.id = `${target.id}-error`;
    note.dataset.for = target.id;
    if (host === target) target.insertAdjacentElement('afterend', note); else host.appendChild(note);
  }
  note.dataset.source = source;
  note.textContent = message;
  // The server refused the what-if: the figures are the last good run's. Said here, by the
  // field, as well as over the figures.
  if (source === 'server') note.appendChild(el('span', { class: 'stale', text: 'The figures are not updated until this is fixed.' }));
  target.setAttribute('aria-invalid', 'true');
  target.setAttribute('aria-describedby', note.id);
  // In the middle of the window: clear of the error bar at its bottom.
  note.scrollIntoView({ block: 'center' });
  return note;
}

function clearFieldErrors(source) {
  for (const note of document.querySelectorAll('.field-error')) {
    if (source && note.dataset.source !== source) continue;
    const target = document.getElementById(note.dataset.for);
    if (target) { target.removeAttribute('aria-invalid'); target.removeAttribute('aria-describedby'); }
    note.remove();
  }
}

// The figures, chart and paths are marked "not updated" while the what-if on screen
// has an error: they still show the last what-if that ran.
function setStale(stale) {
  state.stale = stale;
  document.body.classList.toggle('stale', stale);
  $('stale-note').hidden = !stale;
  $('gauge').dataset.stale = String(stale);
}

const TOKEN = takeToken();

async function api(path, body, signal, accept = 'json') {
  // The exported page (`orgsim export -o x.html`, viz/web/offline.js): the engine in
  // the browser answers, as the server would; no network.
  if (window.orgsimOffline) {
    const res = await window.orgsimOffline.api(path, body);
    if (res.status !== 200) {
      let problem = { error: `HTTP ${res.status}`, details: [] };
      try { problem = JSON.parse(res.text); } catch (e) { /* not JSON */ }
      const err = new Error(problem.error);
      err.details = problem.details || [];
      throw err;
    }
    return accept === 'json' ? JSON.parse(res.text) : res.text;
  }
  const headers = { 'Content-Type': typeof body === 'string' ? 'application/yaml' : 'application/json' };
  if (TOKEN) headers['X-Orgsim-Token'] = TOKEN;
  const res = await fetch(path, {
    method: body === undefined ? 'GET' : 'POST',
    headers,
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    signal,
  });
  if (!res.ok) {
    let problem = { error: `HTTP ${res.status}`, details: [] };
    try { problem = await res.json(); } catch (e) { /* not JSON */ }
    const err = new Error(problem.error);
    err.details = problem.details || [];
    throw err;
  }
  return accept === 'json' ? res.json() : res.text();
}

function roleName(id) {
  const r = state.model.rolesById.get(id);
  return r ? (r.name || r.id) : id;
}

function download(name, text, type) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = el('a', { href: url, download: name });
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

function slug(name) {
  const s = name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  return (s || 'what-if').slice(0, 60);
}

// --- the what-if from the controls -----------------------------------------

function copyWhatIf(w) {
  return JSON.parse(JSON.stringify(w));
}

// The failure a role's slider edits: the first one of that role.
function failureOf(roleId) {
  return state.whatIf.failures.find((f) => f.role === roleId);
}

function setFailure(roleId, degrade, from, duration) {
  const w = state.whatIf;
  const i = w.failures.findIndex((f) => f.role === roleId);
  if (degrade <= 0) {
    if (i >= 0) w.failures.splice(i, 1);
    return;
  }
  const f = { role: roleId, degrade, from, to: duration > 0 ? from + duration : null };
  if (i >= 0) w.failures[i] = f; else w.failures.push(f);
}

function whatIfName(w = state.whatIf) {
  return w.name || state.start.name || 'what-if';
}

function requestBody() {
  const w = copyWhatIf(state.whatIf);
  w.name = whatIfName();
  if (!w.description) delete w.description;
  return w;
}

// Every change of the what-if: run it, and make it one step of undo. `control` names
// the control of a burst of changes (a slider dragged) that makes one step together.
function changed(control = null) {
  schedule();
  state.history.note(control);
  noteDescription();
}

// --- undo and redo ------------------------------------------------------------
// A snapshot holds the what-if and which what-ifs are kept (and shown): keeping,
// removing and showing are changes too.

function snapshot() {
  return JSON.stringify({ w: state.whatIf, kept: state.kept.map((k) => [k.key, k.shown]) });
}

function restore(text) {
  const s = JSON.parse(text);
  state.whatIf = s.w;
  state.kept = s.kept.map(([key, shown]) => Object.assign(state.keptByKey.get(key), { shown }));
  syncControls();
  showComparison();
  showChart();
  schedule();
}

function showHistoryButtons() {
  if (!state.history) return;
  $('undo').disabled = !state.history.canUndo();
  $('redo').disabled = !state.history.canRedo();
}

function undo() { stopPlay(); state.history.undo(); }
function redo() { stopPlay(); state.history.redo(); }

// --- building the controls ---------------------------------------------------

// Roles failed (or starting degraded) in the what-if: listed first, under "In this
// scenario", so that the failure the room talks about is on screen at load.
function rolesInScenario() {
  const ids = new Set(state.whatIf.failures.map((f) => f.role));
  for (const s of state.whatIf.initial) ids.add(s.role);
  return state.model.roles.filter((r) => ids.has(r.id));
}

function buildRoles() {
  const box = $('roles');
  box.replaceChildren();
  state.rows.clear();
  const first = rolesInScenario();
  const listed = new Set(first.map((r) => r.id));
  if (first.length > 0) {
    const section = el('section', { class: 'dept in-scenario', id: 'in-scenario', 'data-testid': 'in-scenario' }, [
      el('h3', { text: 'In this scenario' }),
    ]);
    for (const r of first) section.appendChild(roleRow(r));
    box.appendChild(section);
  }
  const byDept = new Map(state.model.departments.map((d) => [d.id, []]));
  for (const r of state.model.roles) {
    if (listed.has(r.id)) continue;
    if (!byDept.has(r.department)) byDept.set(r.department, []);
    byDept.get(r.department).push(r);
  }
  const deptName = new Map(state.model.departments.map((d) => [d.id, d.name || d.id]));
  for (const [dept, roles] of byDept) {
    if (roles.length === 0) continue;
    const section = el('section', { class: 'dept', 'data-department': dept }, [
      el('h3', { text: deptName.get(dept) || dept }),
    ]);
    for (const r of roles) section.appendChild(roleRow(r));
    box.appendChild(section);
  }
}

function roleRow(r) {
  const name = r.name || r.id;
  const words = state.words;
  const slider = el('input', {
    type: 'range', min: 0, max: 100, step: 1, value: 0, class: 'degrade',
    'data-role': r.id, 'data-testid': 'degrade', 'aria-label': `Degrade ${name} (%)`,
  });
  const value = el('output', { class: 'pct', text: '0%' });
  const from = el('input', {
    type: 'number', min: 0, step: 1, value: 0, class: 'from',
    'data-role': r.id, 'data-testid': 'from', 'aria-label': `Failure of ${name} starts at ${words.one}`,
  });
  const duration = el('input', {
    type: 'number', min: 0, step: 1, value: '', placeholder: 'end', class: 'duration',
    'data-role': r.id, 'data-testid': 'duration', 'aria-label': `Failure of ${name} lasts (${words.many})`,
  });
  const span = el('div', { class: 'window', 'data-testid': 'window' });
  const row = el('div', { class: 'role', 'data-role': r.id, 'data-testid': 'role' }, [
    el('span', { class: 'name', text: name, title: r.name && r.name !== r.id ? `${r.name} (${r.id})` : r.id }),
    slider, value,
    el('div', { class: 'when' }, [
      el('label', { class: 'small', text: `from ${words.one} ` }, [from]),
      el('label', { class: 'small', text: 'for ' }, [duration]),
      span,
    ]),
  ]);
  if (r.touchpoint > 0) row.querySelector('.name').classList.add('touchpoint');
  const controls = { row, slider, value, from, duration, span };
  state.rows.set(r.id, controls);
  syncRow(r.id);
  const edited = (control) => {
    const d = Number(slider.value) / 100;
    const fromStep = Math.max(0, Math.floor(Number(from.value) || 0));
    const steps = duration.value === '' ? 0 : Math.max(0, Math.floor(Number(duration.value)));
    setFailure(r.id, d, fromStep, steps);
    showRowState(r.id);
    changed(control);
  };
  const control = `degrade:${r.id}`;
  slider.addEventListener('input', () => edited(control));
  from.addEventListener('change', () => edited(null));
  duration.addEventListener('change', () => edited(null));
  return row;
}

// The slider's percentage, the failed mark and the window in words ("days 0-14").
function showRowState(roleId) {
  const c = state.rows.get(roleId);
  const f = failureOf(roleId);
  c.value.textContent = `${c.slider.value}%`;
  c.row.classList.toggle('failed', !!f);
  c.span.textContent = f ? state.words.range(f.from, f.to) : '';
}

// The controls of one role from the what-if (after undo, redo, load).
function syncRow(roleId) {
  const c = state.rows.get(roleId);
  const f = failureOf(roleId);
  c.slider.value = f ? Math.round(f.degrade * 100) : 0;
  c.from.value = f ? f.from : 0;
  c.duration.value = f && f.to !== null ? f.to - f.from : '';
  showRowState(roleId);
}

function changeLabel(c) {
  if (c.depends_on !== undefined) return `${roleName(c.role)}: dependency weight on ${roleName(c.depends_on)}`;
  if (c.recovery !== undefined) return `${roleName(c.role)}: recovery rate`;
  return `${roleName(c.role)}: touchpoint weight`;
}

function changeKey(c) {
  return c.depends_on !== undefined ? 'weight' : c.recovery !== undefined ? 'recovery' : 'touchpoint';
}

function buildChanges() {
  const box = $('changes');
  box.replaceChildren();
  state.whatIf.changes.forEach((c, i) => {
    const key = changeKey(c);
    const input = el('input', {
      type: 'number', min: key === 'recovery' ? 0.01 : 0, max: 1, step: 0.05, value: c[key],
      class: 'change-value', id: `change-value-${i}`, 'data-index': String(i), 'data-testid': 'change-value',
      'aria-label': changeLabel(c),
    });
    input.addEventListener('input', () => {
      const v = Number(input.value);
      if (input.value === '' || Number.isNaN(v)) return;
      state.whatIf.changes[i][key] = v;
      changed(`change:${i}`);
    });
    const remove = el('button', { type: 'button', text: '✕', class: 'remove', 'data-testid': 'change-remove', 'aria-label': `Remove the change ${changeLabel(c)}` });
    remove.addEventListener('click', () => {
      state.whatIf.changes.splice(i, 1);
      buildChanges();
      changed();
    });
    box.appendChild(el('div', { class: 'change', 'data-testid': 'change' }, [
      el('span', { class: 'name', text: changeLabel(c) }), input, remove,
    ]));
  });
  if (state.whatIf.changes.length === 0) box.appendChild(el('p', { class: 'muted', text: 'None: add one below.' }));
}

// The fields that are not per role, from the what-if.
function syncFields() {
  $('scenario-name').value = state.whatIf.name || '';
  $('description').value = state.whatIf.description || '';
  $('steps').value = state.whatIf.steps;
  $('static-mode').checked = !!state.whatIf.static;
  buildChanges();
  const note = $('initial-note');
  note.hidden = state.whatIf.initial.length === 0;
  note.textContent = state.whatIf.initial.length === 0 ? '' :
    `Starts with ${state.whatIf.initial.length} role(s) already degraded: ` +
    state.whatIf.initial.map((s) => `${roleName(s.role)} ${Math.round(s.q * 100)}%`).join(', ');
  noteDescription();
}

// A new what-if (load, reset, open a kept one): the roles are regrouped, its failed
// roles first.
function buildAll() {
  buildRoles();
  syncFields();
  filterRoles();
}

// The same what-if edited (undo, redo): the rows stay where they are.
function syncControls() {
  for (const id of state.rows.keys()) syncRow(id);
  syncFields();
  clearFieldErrors();
}

// A saved what-if carries its description into the handout: say so while it is still
// the starting scenario's and the what-if is not.
function noteDescription() {
  const w = state.whatIf;
  const same = (w.description || '') === (state.start.description || '') && (state.start.description || '') !== '';
  const differs = JSON.stringify([w.failures, w.changes, w.initial]) !==
    JSON.stringify([state.start.failures, state.start.changes, state.start.initial]);
  $('description-note').hidden = !(same && differs);
}

function filterRoles() {
  const q = $('role-search').value.trim().toLowerCase();
  for (const section of $('roles').querySelectorAll('.dept')) {
    let shown = 0;
    for (const row of section.querySelectorAll('.role')) {
      const r = state.model.rolesById.get(row.dataset.role);
      const hit = q === '' || r.id.toLowerCase().includes(q) || (r.name || '').toLowerCase().includes(q);
      row.hidden = !hit;
      if (hit) shown += 1;
    }
    section.hidden = shown === 0;
  }
}

// The diagram fills the window below what is above it (header, figures, time bar): read
// when those change size, never on a slider move (a layout read).
function fitDiagramHeight() {
  const box = $('diagram');
  const top = box.getBoundingClientRect().top + window.scrollY;
  document.documentElement.style.setProperty('--diagram-top', `${Math.round(top + 12)}px`);
}

// Brings a role's row into view and focuses its slider (the skip link; the diagram's
// role click).
function focusRole(id) {
  const c = state.rows.get(id);
  if (!c) return;
  if (c.row.hidden) { $('role-search').value = ''; filterRoles(); }
  c.row.scrollIntoView({ block: 'nearest' });
  c.slider.focus();
}

// --- results ------------------------------------------------------------------
// A run is the document of docs/schema/run.schema.json (what `orgsim run --json` writes,
// without `roles` and `run_record`): run.cx holds the figures and the CX series.

function showGauge(run) {
  const s = run.cx;
  const w = state.words;
  const isStatic = run.scenario.mode === 'static';
  $('cx-baseline').textContent = fmt(s.baseline);
  $('cx-min').textContent = fmt(s.min);
  $('cx-min-step').textContent = isStatic ? 'fixed point' : `at ${w.step(s.min_step)}`;
  $('cx-final').textContent = fmt(s.final);
  $('cx-recovery').textContent = isStatic ? '' : !s.degraded ? 'never left the band'
    : s.recovery_step === null ? 'not recovered' : `recovered at ${w.step(s.recovery_step)}`;
  const change = $('cx-change');
  change.textContent = signed(s.change);
  change.classList.toggle('bad', s.change < -0.05);
}

function showPaths(run) {
  const body = $('paths-table').querySelector('tbody');
  body.replaceChildren();
  // No failure (or no path searched): the run has no impact_paths.
  const paths = run.impact_paths ? run.impact_paths.paths : [];
  for (const p of paths) {
    body.appendChild(el('tr', { 'data-testid': 'path-row' }, [
      el('td', { text: p.roles.map(roleName).join(' → ') }),
      el('td', { class: 'num', text: points(p.cx_points) }),
      el('td', { class: 'num', text: `${Math.round(p.share * 100)}%` }),
    ]));
  }
  if (paths.length === 0) {
    body.appendChild(el('tr', {}, [el('td', { colSpan: 3, class: 'muted', text: 'No failure: nothing travels to the customer.' })]));
  }
  const warnings = $('warnings');
  warnings.hidden = run.warnings.length === 0;
  warnings.replaceChildren(...run.warnings.map((w) => el('div', { text: w.message })));
}

function chartSize() {
  const box = $('cx-chart');
  // Taller on a taller screen: 216 px at 720, 300 at 1080 and up.
  return { width: Math.max(300, box.clientWidth), height: Math.round(Math.min(300, Math.max(200, window.innerHeight * 0.3))) };
}

// The CX axis: from 0 to the top of the scale (100), or, zoomed, the span of the curves
// with a margin. uPlot cannot split an empty range (a flat CX line, or a static run's
// single point), hence the explicit ranges.
function cxRange(min, max) {
  if (!state.zoomChart) return [0, Math.max(100, Number(max) || 0)];
  return max - min < 1 ? [min - 1, max + 1] : [min - 0.05 * (max - min), max + 0.05 * (max - min)];
}

// The axis shown, for tests and screen readers: the chart is a canvas.
function noteCxAxis(u) {
  const box = $('cx-chart');
  box.dataset.yMin = String(u.scales.y.min);
  box.dataset.yMax = String(u.scales.y.max);
}

function toggleChartZoom() {
  state.zoomChart = !state.zoomChart;
  $('chart-zoom').setAttribute('aria-pressed', String(state.zoomChart));
  $('chart-zoom').classList.toggle('on', state.zoomChart);
  $('chart-axis-note').textContent = state.zoomChart ? 'CX axis zoomed: it does not start at 0' : 'CX axis from 0';
  if (state.chart) state.chart.setData(state.chart.data);  // recomputes the y range
}

// The step shown (scrubber, play) as a vertical line across the chart.
function drawStepCursor(u) {
  if (state.step === null) return;
  const x = u.valToPos(state.step, 'x', true);
  const ctx = u.ctx;
  ctx.save();
  ctx.strokeStyle = '#111';
  ctx.lineWidth = 3 * (window.devicePixelRatio || 1);
  ctx.beginPath();
  ctx.moveTo(x, u.bbox.top);
  ctx.lineTo(x, u.bbox.top + u.bbox.height);
  ctx.stroke();
  ctx.restore();
}

// The current what-if (solid red) and every kept what-if that is shown, each with its
// own dash, padded with nulls to the longest run.
function showChart() {
  if (!state.run) return;
  const lines = [{ label: `${whatIfName()} (now)`, style: CURRENT_STYLE, width: 4, cx: state.run.cx.trajectory }];
  for (const k of state.kept) {
    if (k.shown) lines.push({ label: k.name, style: k.style, width: 3.5, cx: k.run.cx.trajectory });
  }
  const n = Math.max(...lines.map((l) => l.cx.length));
  const data = [Array.from({ length: n }, (_, i) => i),
    ...lines.map((l) => Array.from({ length: n }, (_, i) => (i < l.cx.length ? l.cx[i] : null)))];
  $('cx-chart').dataset.series = String(lines.length);
  if (typeof window.uPlot !== 'function') {
    $('cx-chart').textContent = `CX: ${state.run.cx.trajectory.map((v) => v.toFixed(1)).join(' ')}`;
    return;
  }
  const key = JSON.stringify([state.words.one, lines.map((l) => [l.label, l.style.stroke])]);
  if (!state.chart || state.chartKey !== key) {
    if (state.chart) state.chart.destroy();
    const series = [{ label: state.words.one },
      ...lines.map((l) => ({ label: l.label, stroke: l.style.stroke, width: l.width, dash: l.style.dash, points: { show: false } }))];
    state.chart = new window.uPlot({
      ...chartSize(),
      series,
      legend: { live: false },
      scales: {
        x: { time: false, range: (u, min, max) => [0, Math.max(1, Number(max) || 0)] },
        y: { range: (u, min, max) => cxRange(min, max) },
      },
      hooks: {
        setScale: [(u, k) => { if (k === 'y') noteCxAxis(u); }],
        draw: [drawStepCursor],
      },
      // Axis text readable from the back of a room.
      axes: [
        { label: state.words.one, font: '16px sans-serif', labelFont: 'bold 16px sans-serif' },
        { label: 'CX', font: '16px sans-serif', labelFont: 'bold 16px sans-serif' },
      ],
    }, data, $('cx-chart'));
    state.chartKey = key;
  } else {
    state.chart.setData(data);
  }
}

// --- time: the scrubber and play -------------------------------------------------

function stepCount() {
  return state.run ? state.run.cx.trajectory.length : 1;
}

function isStaticRun() {
  return !!state.run && state.run.scenario.mode === 'static';
}

function showTimeBar() {
  const last = stepCount() - 1;
  const scrubber = $('step');
  const off = isStaticRun() || last < 1;
  scrubber.max = String(Math.max(1, last));
  scrubber.disabled = off;
  $('play').disabled = off;
  $('peak').disabled = state.step === null;
  if (state.step !== null && state.step > last) state.step = last;
  scrubber.value = String(state.step === null ? (state.run ? state.run.cx.min_step : 0) : state.step);
  scrubber.setAttribute('aria-valuetext', stepLabel());
  $('step-label').textContent = stepLabel();
  $('cx-chart').dataset.cursorStep = state.step === null ? '' : String(state.step);
  document.body.dataset.step = state.step === null ? 'peak' : String(state.step);
}

function stepLabel() {
  if (isStaticRun()) return 'static fixed point';
  if (state.step === null) return 'peak: each role at its worst';
  const cx = state.run ? state.run.cx.trajectory[state.step] : undefined;
  return `${state.words.step(state.step)}${cx === undefined ? '' : ` · CX ${fmt(cx)}`}`;
}

// k: the step to show, null for the peak. The diagram colours follow (diagram.js).
function setStep(k) {
  state.step = k;
  showTimeBar();
  if (state.chart) state.chart.redraw(false, false);
  showDiagramStep();
}

function stopPlay() {
  state.playWaiting = false;
  if (!state.playTimer) { showPlayButton(false); return; }
  clearInterval(state.playTimer);
  state.playTimer = null;
  showPlayButton(false);
}

function showPlayButton(on) {
  $('play').setAttribute('aria-pressed', String(on));
  $('play').textContent = on ? '❚❚ Pause' : '▶ Play';
  $('play').classList.toggle('on', on);
}

// Play starts once the run's steps are in hand (asked now if a slider move brought peaks
// only), so that every step it shows has its own colours.
async function togglePlay() {
  if (state.playTimer || state.playWaiting) { stopPlay(); return; }
  if (stepCount() - 1 < 1 || isStaticRun()) return;
  state.playWaiting = true;
  showPlayButton(true);
  try {
    await runSteps();
  } catch (e) {
    $('diagram-status').textContent = `(cannot show the steps: ${e.message})`;
  }
  if (!state.playWaiting) return;  // paused, or a new what-if, while the steps came
  state.playWaiting = false;
  const last = stepCount() - 1;
  if (state.step === null || state.step >= last) setStep(0);
  const ms = Math.max(60, Math.min(400, Math.round(PLAY_RUN_MS / last)));
  state.playTimer = setInterval(() => {
    const end = stepCount() - 1;
    if (state.step >= end) { stopPlay(); return; }
    setStep(state.step + 1);
    if (state.step >= end) stopPlay();
  }, ms);
}

// --- what-ifs side by side ---------------------------------------------------------

function swatch(style) {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('width', '44');
  svg.setAttribute('height', '12');
  svg.setAttribute('aria-hidden', 'true');
  const line = document.createElementNS(ns, 'line');
  for (const [k, v] of Object.entries({ x1: 1, y1: 6, x2: 43, y2: 6, stroke: style.stroke, 'stroke-width': 3 })) line.setAttribute(k, String(v));
  if (style.dash.length) line.setAttribute('stroke-dasharray', style.dash.join(' '));
  svg.appendChild(line);
  return svg;
}

// A name not yet used by a kept what-if ("Backup provider (2)").
function freshName(name) {
  const used = new Set(state.kept.map((k) => k.name));
  if (!used.has(name)) return name;
  for (let i = 2; ; i += 1) if (!used.has(`${name} (${i})`)) return `${name} (${i})`;
}

function keep(name, whatIf, run) {
  if (state.kept.length >= MAX_KEPT) return;
  const usedStyles = new Set(state.kept.map((k) => k.style));
  state.keptSerial += 1;
  const entry = {
    key: `k${state.keptSerial}`, name: freshName(name), whatIf: copyWhatIf(whatIf), run,
    figures: runFigures(run, roleName), shown: true,
    style: KEPT_STYLES.find((s) => !usedStyles.has(s)) || KEPT_STYLES[0],
  };
  state.keptByKey.set(entry.key, entry);
  state.kept.push(entry);
}

function keepCurrent() {
  if (!state.run || state.stale || state.kept.length >= MAX_KEPT) return;
  keep(whatIfName(), state.whatIf, state.run);
  showComparison();
  showChart();
  state.history.note();
}

function openKept(k) {
  stopPlay();
  state.whatIf = copyWhatIf(k.whatIf);
  buildAll();
  changed();
}

function removeKept(k) {
  state.kept = state.kept.filter((x) => x !== k);
  showComparison();
  showChart();
  state.history.note();
}

// The table rows: the current what-if first, then the kept ones in the order kept.
function comparisonRows() {
  const rows = [];
  if (state.run) rows.push({ name: whatIfName(), figures: runFigures(state.run, roleName), current: true });
  for (const k of state.kept) rows.push({ name: k.name, figures: k.figures, kept: k });
  return rows;
}

function showComparison() {
  const body = $('compare-table').tBodies[0];
  body.replaceChildren();
  const w = state.words;
  for (const r of comparisonRows()) {
    const f = r.figures;
    const show = el('input', { type: 'checkbox', checked: r.current ? true : r.kept.shown, disabled: !!r.current,
      'aria-label': `Show ${r.name} on the CX chart`, 'data-testid': 'compare-show' });
    if (r.kept) {
      show.addEventListener('change', () => {
        r.kept.shown = show.checked;
        showChart();
        state.history.note();
      });
    }
    const label = el('label', { class: 'what-if-name' }, [show, swatch(r.current ? CURRENT_STYLE : r.kept.style), el('span', { text: r.name })]);
    if (r.current) label.appendChild(el('span', { class: 'muted', text: ' (now)' }));
    const actions = el('td', { class: 'actions' });
    if (r.kept) {
      const open = el('button', { type: 'button', text: 'Open', 'aria-label': `Open ${r.name} to edit it`, 'data-testid': 'compare-open' });
      open.addEventListener('click', () => openKept(r.kept));
      const remove = el('button', { type: 'button', text: '✕', class: 'remove', 'aria-label': `Remove ${r.name} from the comparison`, 'data-testid': 'compare-remove' });
      remove.addEventListener('click', () => removeKept(r.kept));
      actions.append(open, remove);
    }
    body.appendChild(el('tr', { 'data-testid': r.current ? 'compare-current' : 'compare-row', class: r.current ? 'current' : '' }, [
      el('td', { class: 'what-if' }, [label]),
      el('td', { class: 'num' }, [
        el('span', { class: 'worst', text: fmt(f.worst) }),
        el('div', { class: 'sub', text: f.static ? 'fixed point' : `at ${w.step(f.worstStep)}` })]),
      el('td', { class: 'num', text: fmt(f.final) }),
      el('td', { class: 'num', text: recoveryText(f, w) }),
      el('td', { class: 'num', text: points(f.linearDrop) }),
      el('td', { class: 'path', text: f.topPath || '–' }),
      actions,
    ]));
  }
  const full = state.kept.length >= MAX_KEPT;
  $('keep').disabled = full || !state.run || state.stale;
  $('keep').title = full ? `${MAX_KEPT} what-ifs are kept: remove one first` : 'Keep this what-if to show it beside the others';
  $('kept-count').textContent = `${state.kept.length} of ${MAX_KEPT} kept`;
  $('compare-csv').disabled = !state.run;
}

function exportComparison() {
  const rows = comparisonRows();
  const name = `${slug(state.model.name || state.model.file || 'orgsim')}-what-ifs.csv`;
  download(name, comparisonCsv(rows, state.words.one), 'text/csv');
}

// The impact diagram (diagram.js) follows the run: the server laid the model out once,
// a what-if only restyles it, from each role's peak (the answer's role_steps).
function showDiagram(run) {
  if (!state.diagram || !run) return;
  state.diagram.restyle(run);
  showDiagramStep();
}

// Whether a run carries each role's q per step (?role_steps=1), not only its peak.
function hasSeries(run) {
  const s = run && run.role_steps;
  return !!s && (s.roles.length === 0 || s.omitted < s.roles.length);
}

// The steps of the run shown, for play and the scrubber. A slider move asks for each
// role's peak only (its q per step is 52 KB at 300 roles, megabytes at 10,000): the steps
// are asked once per run, the first time a step is shown, and kept with it.
function runSteps() {
  const run = state.run;
  if (!run || hasSeries(run) || isStaticRun()) return Promise.resolve(run);
  if (state.stepsAsked && state.stepsAsked.run === run) return state.stepsAsked.promise;
  const promise = api('/api/simulate?role_steps=1', state.runBody).then((full) => {
    run.role_steps = full.role_steps;
    if (state.diagram && state.run === run) state.diagram.setRoleSteps(run.role_steps);
    return run;
  });
  state.stepsAsked = { run, promise };
  promise.catch(() => { if (state.stepsAsked && state.stepsAsked.promise === promise) state.stepsAsked = null; });
  return promise;
}

// The diagram at the step shown: at once for the peak or a run with its steps, else
// once the steps have come (the colours of the step before stay until then).
function showDiagramStep() {
  const d = state.diagram;
  if (!d) return;
  if (state.step === null || hasSeries(state.run) || isStaticRun()) {
    if (d.step !== state.step) d.showStep(state.step);
    $('diagram-status').textContent = '';
    return;
  }
  const run = state.run;
  $('diagram-status').textContent = 'loading the steps…';
  runSteps().then(() => {
    if (state.run !== run || !state.diagram) return;
    state.diagram.showStep(state.step);
    $('diagram-status').textContent = '';
  }, (e) => {
    if (state.run === run) $('diagram-status').textContent = `(cannot show the steps: ${e.message})`;
  });
}

// --- which roles matter most (POST /api/rank) -----------------------------------------
// Every role by the CX points its failure alone would cost (sim/rank.hpp: one adjoint
// solve, `orgsim rank`'s figures), in the model with the what-if's structural changes.
// Asked only while the panel is on screen, after the diagram's frame (from the panels
// task), and only when the structure or the degrade changed: a slider move changes
// failures alone, which play no part in the ranking; they only mark the rows again.
const RANK_ROWS = 10;

function refreshRanking() {
  const r = state.ranking;
  if (!r.visible || !state.whatIf) return;
  const degrade = $('ranking-degrade').value;
  const body = { failures: [], changes: state.whatIf.changes || [] };
  const key = `${degrade} ${JSON.stringify(body.changes)}`;
  if (key === r.key) { showRanking(); return; }
  r.key = key;
  if (r.abort) r.abort.abort();
  const abort = new AbortController();
  r.abort = abort;
  $('ranking-status').textContent = 'working…';
  api(`/api/rank?degrade=${encodeURIComponent(degrade)}`, body, abort.signal).then((answer) => {
    if (abort.signal.aborted) return;
    r.answer = answer;
    $('ranking-status').textContent = '';
    showRanking();
  }, (e) => {
    if (e.name === 'AbortError' || abort.signal.aborted) return;
    r.key = '';  // asked again with the next run shown
    $('ranking-status').textContent = `(cannot rank: ${e.message})`;
  });
}

// The top roles, each marked when the what-if fails it now; redrawn only when the answer
// or the set of failing roles changed.
function showRanking() {
  const r = state.ranking;
  if (!r.answer) return;
  const failing = new Set((state.whatIf.failures || []).map((f) => f.role));
  const failingKey = [...failing].sort().join('\n');
  if (r.shown === r.answer && r.failing === failingKey) return;
  r.shown = r.answer;
  r.failing = failingKey;
  const rows = r.answer.roles.slice(0, RANK_ROWS).map((c) => {
    const name = el('span', { class: 'rank-name', text: roleName(c.role_id) });
    if (failing.has(c.role_id)) name.appendChild(el('span', { class: 'failing', text: 'failing now' }));
    const bar = el('span');
    bar.style.width = `${Math.max(0, Math.min(1, c.share_of_worst)) * 100}%`;
    return el('li', {}, [el('button', {
      type: 'button', class: 'rank-role', 'data-testid': 'rank-role', 'data-role': c.role_id,
      title: `${roleName(c.role_id)}: ${points(c.cx_points)} CX points lost if it alone is degraded by ` +
        `${Math.round(r.answer.degrade * 100)}%. Click: show it on the diagram, and its slider.`,
    }, [
      el('span', { class: 'rank-n', text: String(c.rank) }),
      name,
      el('span', { class: 'rank-bar', 'aria-hidden': 'true' }, [bar]),
      el('span', { class: 'num', text: `−${points(c.cx_points)}` }),
    ])]);
  });
  $('ranking-list').replaceChildren(...rows);
  r.serial += 1;
  document.body.dataset.rankings = String(r.serial);  // tests wait on this
}

// A ranked role clicked: as the diagram's click, the role lit on it and its slider.
function rankedRoleClicked(e) {
  const b = e.target.closest('[data-role]');
  if (!b) return;
  if (state.diagram) state.diagram.highlightRole(b.dataset.role);
  focusRole(b.dataset.role);
}

// --- errors of a what-if, beside their fields ------------------------------------------

// The control a server message is about: "failures[0].degrade: ..." -> that role's slider,
// "changes[2].touchpoint: ..." -> that change's value, "steps: ..." -> the steps field.
function controlFor(path, body) {
  const m = /^([a-z_]+)(?:\[(\d+)\])?(?:\.([a-z_]+))?$/.exec(path);
  if (!m) return null;
  const [, list, index, field] = m;
  const i = index === undefined ? null : Number(index);
  if (list === 'failures' && i !== null && body.failures && body.failures[i]) {
    const c = state.rows.get(body.failures[i].role);
    if (!c) return null;
    return field === 'from' ? c.from : field === 'to' ? c.duration : c.slider;
  }
  if (list === 'changes') return i === null ? null : $('changes').querySelector(`input[data-index="${i}"]`);
  if (list === 'initial') return $('initial-note').hidden ? null : $('initial-note');
  return { steps: $('steps'), static: $('static-mode'), name: $('scenario-name'), description: $('description') }[list] || null;
}

// Each "path: message" detail beside its control; the first one scrolled into view.
function placeProblems(details, body) {
  let first = null;
  for (const d of details) {
    const colon = d.indexOf(': ');
    if (colon < 0) continue;
    const target = controlFor(d.slice(0, colon), body);
    if (!target) continue;
    const note = fieldError(target, d.slice(colon + 2), 'server');
    first = first || note;
  }
  if (first) first.scrollIntoView({ block: 'center' });
}

// --- running the what-if ------------------------------------------------------------

// The figures and the diagram first: the frame that paints the diagram carries little
// else. The chart, paths table and comparison follow after that frame is painted, so
// their DOM work never delays the picture the room watches (docs/performance.md
// "Impact diagram": input to painted diagram on a 300-role model).
async function update() {
  if (state.simulateAbort) state.simulateAbort.abort();
  const abort = new AbortController();
  state.simulateAbort = abort;
  const started = state.inputAt || performance.now();
  state.inputAt = 0;  // a change made while this request runs starts its own clock
  state.dirty = false;
  state.running = true;
  const body = requestBody();
  try {
    // Each role's peak colours the diagram. Its q per step only while a step is shown or
    // played (the diagram needs them at once); else they are asked when needed (runSteps).
    const steps = state.step !== null || state.playTimer || state.playWaiting ? '1' : 'peaks';
    const run = await api(`/api/simulate?role_steps=${steps}`, body, abort.signal);
    if (abort.signal.aborted) return;
    clearError();
    clearFieldErrors('server');
    setStale(false);
    state.run = run;
    state.runBody = body;
    // The starting scenario is the first what-if kept: "compare with start" is one tick.
    if (state.keptSerial === 0) {
      keep(`${whatIfName()} (start)`, state.whatIf, run);
      state.kept[0].shown = false;
      state.history.reset();
    }
    showGauge(run);
    showDiagram(run);  // a restyle, not a new layout
    showTimeBar();
    const ms = performance.now() - started;
    $('update-time').textContent = `updated in ${Math.round(ms)} ms`;
    document.body.dataset.lastUpdateMs = ms.toFixed(1);
    showPanelsAfterPaint();
  } catch (e) {
    if (e.name === 'AbortError') return;
    clearFieldErrors('server');
    showError(e.message, e.details || []);
    placeProblems(e.details || [], body);
    setStale(true);
    showComparison();
  } finally {
    if (state.simulateAbort === abort) {
      state.running = false;
      if (state.dirty) schedule();
    }
  }
}

// The panels of the run shown, once the frame with its diagram is painted: a task queued
// from the animation frame runs after that frame. A newer run replaces a pending one.
function showPanelsAfterPaint() {
  if (state.panels) return;
  state.panels = requestAnimationFrame(() => setTimeout(() => {
    state.panels = 0;
    if (!state.run) return;
    showPaths(state.run);
    showChart();
    showComparison();
    refreshRanking();  // only if on screen, and asked only when the structure changed
    // Tests wait on this counter: the figures, diagram and panels are all on screen.
    state.updates += 1;
    document.body.dataset.updates = String(state.updates);
  }, 0));
}

// Runs the what-if as soon as the event that changed it is handled (a microtask: the
// changes of one event make one request; a timer waited up to 60 ms behind rendering
// under load). While a request is in flight, the newest what-if is sent when it returns, so a
// dragged slider keeps the diagram moving rather than cancelling request after request.
function schedule() {
  if (!state.inputAt) state.inputAt = performance.now();
  state.dirty = true;
  if (state.running || state.timer) return;
  state.timer = true;
  queueMicrotask(() => { state.timer = null; update(); });
}

// --- buttons ----------------------------------------------------------------------

function reset() {
  stopPlay();
  state.whatIf = copyWhatIf(state.start);
  buildAll();
  clearFieldErrors();
  changed();
}

async function save() {
  try {
    const body = requestBody();
    const yaml = await api('/api/scenario', body, undefined, 'text');
    download(`${slug(body.name)}.yaml`, yaml, 'application/yaml');
    if (!state.stale) clearError();
  } catch (e) {
    showError(e.message, e.details || []);
    placeProblems(e.details || [], requestBody());
  }
}

async function load(file) {
  try {
    const text = await file.text();
    const w = await api('/api/parse', text);
    stopPlay();
    state.whatIf = w;
    buildAll();
    clearError();
    clearFieldErrors();
    changed();
  } catch (e) {
    showError(`${file.name}: ${e.message}`, e.details || []);
  }
}

// A structural what-if: roles typed by name (the suggestion list offers every name),
// an unknown name answered beside its field with a "did you mean".
function addChange(event) {
  event.preventDefault();
  const kind = $('change-kind').value;
  const fields = [$('change-role')];
  if (kind === 'weight') fields.push($('change-depends-on'));
  const ids = [];
  for (const field of fields) {
    const found = state.names.resolve(field.value);
    if (found.error) {
      fieldError(field, found.error);
      field.focus();
      return;
    }
    ids.push(found.id);
  }
  const [role, on] = ids;
  const r = state.model.rolesById.get(role);
  let change;
  if (kind === 'weight') {
    if (on === role) {
      fieldError($('change-depends-on'), `a role cannot depend on itself ('${roleName(role)}')`);
      return;
    }
    const dep = state.model.dependencies.find((d) => d.role === role && d.depends_on === on);
    change = { role, depends_on: on, weight: dep ? dep.weight : 0.1 };
  } else if (kind === 'recovery') {
    change = { role, recovery: r.recovery };
  } else {
    change = { role, touchpoint: r.touchpoint };
  }
  state.whatIf.changes.push(change);
  $('change-role').value = '';
  $('change-depends-on').value = '';
  clearFieldErrors('page');
  buildChanges();
  changed();
  const added = $('changes').querySelector(`input[data-index="${state.whatIf.changes.length - 1}"]`);
  if (added) added.focus();
}

// --- keyboard ------------------------------------------------------------------------

// Fields where the browser's own undo and typing must win: text, not sliders or numbers.
function typing(target) {
  if (!target || !target.tagName) return false;
  if (target.isContentEditable || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT') return true;
  return target.tagName === 'INPUT' && ['text', 'search', ''].includes(target.type);
}

function onKey(e) {
  const mod = e.ctrlKey || e.metaKey;
  const key = e.key.toLowerCase();
  if (mod && !e.altKey && (key === 'z' || key === 'y')) {
    if (typing(e.target)) return;
    e.preventDefault();
    if (key === 'y' || e.shiftKey) redo(); else undo();
    return;
  }
  if (mod || e.altKey || typing(e.target)) return;
  if (e.key === '/') {
    e.preventDefault();
    $('role-search').focus();
    $('role-search').select();
  } else if (key === 'p') {
    e.preventDefault();
    togglePlay();
  }
}

// --- start --------------------------------------------------------------------------

async function main() {
  try {
    const model = await api('/api/model');
    model.rolesById = new Map(model.roles.map((r) => [r.id, r]));
    state.model = model;
    state.words = timeWords(model.time_unit || 'step');
    state.names = new RoleNames(model.roles);
    state.start = copyWhatIf(model.scenario);
    state.whatIf = copyWhatIf(model.scenario);
    $('model-name').textContent = model.name || model.file;
    $('model-name').title = model.name || model.file;
    document.title = `orgsim: ${model.name || model.file}`;
    $('steps').max = model.limits.max_steps;
    $('steps-label').textContent = `${state.words.many[0].toUpperCase()}${state.words.many.slice(1)} `;
    $('role-names').replaceChildren(...state.names.labels().map((n) => el('option', { value: n })));
    state.history = new History(snapshot, restore, { onChange: showHistoryButtons });
    buildAll();
    state.history.reset();
  } catch (e) {
    showError(`cannot load the model: ${e.message}`);
    return;
  }
  $('role-search').addEventListener('input', filterRoles);
  $('role-search').addEventListener('keydown', (e) => {
    if (e.key === 'Escape') { $('role-search').value = ''; filterRoles(); $('role-search').blur(); }
  });
  $('steps').addEventListener('change', () => {
    const n = Math.floor(Number($('steps').value));
    if (n >= 1) { state.whatIf.steps = n; changed(); }
  });
  $('static-mode').addEventListener('change', () => {
    state.whatIf.static = $('static-mode').checked;
    changed();
  });
  $('scenario-name').addEventListener('change', () => {
    state.whatIf.name = $('scenario-name').value;
    changed();
  });
  $('description').addEventListener('input', () => {
    state.whatIf.description = $('description').value;
    state.history.note('description');
    noteDescription();
  });
  $('undo').addEventListener('click', undo);
  $('redo').addEventListener('click', redo);
  $('reset').addEventListener('click', reset);
  $('keep').addEventListener('click', keepCurrent);
  $('compare-csv').addEventListener('click', exportComparison);
  $('chart-zoom').addEventListener('click', toggleChartZoom);
  $('play').addEventListener('click', togglePlay);
  $('peak').addEventListener('click', () => { stopPlay(); setStep(null); });
  $('step').addEventListener('input', () => { stopPlay(); setStep(Number($('step').value)); });
  $('save').addEventListener('click', save);
  $('load').addEventListener('click', () => $('load-file').click());
  $('load-file').addEventListener('change', () => {
    const f = $('load-file').files[0];
    if (f) load(f);
    $('load-file').value = '';
  });
  $('change-kind').addEventListener('change', () => {
    $('change-depends-on').hidden = $('change-kind').value !== 'weight';
  });
  for (const id of ['change-role', 'change-depends-on']) {
    $(id).addEventListener('input', () => clearFieldErrors('page'));
  }
  $('add-change').addEventListener('submit', addChange);
  $('skip-link').addEventListener('click', (e) => {
    e.preventDefault();
    const first = rolesInScenario()[0] || state.model.roles[0];
    if (first) focusRole(first.id);
  });
  document.addEventListener('keydown', onKey);
  $('ranking-list').addEventListener('click', rankedRoleClicked);
  $('ranking-degrade').addEventListener('change', refreshRanking);
  // The ranking is asked when its panel comes on screen (below the diagram at 1280x720).
  if (typeof IntersectionObserver === 'function') {
    new IntersectionObserver((entries) => {
      state.ranking.visible = entries[entries.length - 1].isIntersecting;
      if (state.ranking.visible && state.run) refreshRanking();
    }).observe($('ranking'));
  } else {
    state.ranking.visible = true;
  }
  window.addEventListener('resize', () => {
    fitDiagramHeight();
    if (state.chart) state.chart.setSize(chartSize());
  });
  // The figures grow when a note shows; the header when the window narrows.
  if (typeof ResizeObserver === 'function') {
    const above = new ResizeObserver(() => fitDiagramHeight());
    for (const id of ['gauge', 'time']) above.observe($(id));
    above.observe(document.querySelector('header'));
  } else {
    fitDiagramHeight();
  }

  // --- diagram (diagram.js) ---
  // The layout is computed once per server (the first call may take a second on a big
  // model): the figures do not wait for it.
  const diagramReady = (async () => {
    try {
      const [{ createDiagram }, layout] = await Promise.all([import('./diagram.js'), api('/api/layout')]);
      const d = createDiagram($('diagram'), layout, {
        onRoleClick: (id) => { if (!d.fullscreen) focusRole(id); },
        frame: $('diagram-panel'),
        unit: state.model.time_unit || 'step',
      });
      state.diagram = d;
      const showView = () => {
        $('diagram-view').setAttribute('aria-pressed', String(d.view === 'paths'));
        $('diagram-view').classList.toggle('on', d.view === 'paths');
      };
      const saveBlob = (blob, ext) => {
        const url = URL.createObjectURL(blob);
        const a = el('a', { href: url, download: `${slug(whatIfName())}-impact.${ext}` });
        document.body.appendChild(a);
        a.click();
        a.remove();
        setTimeout(() => URL.revokeObjectURL(url), 10000);
      };
      $('diagram-view').addEventListener('click', () => { d.setView(d.view === 'paths' ? 'whole' : 'paths'); showView(); });
      $('diagram-fit').addEventListener('click', () => d.fit());
      $('diagram-zoom-in').addEventListener('click', () => d.zoomBy(1.25));
      $('diagram-zoom-out').addEventListener('click', () => d.zoomBy(0.8));
      $('diagram-full').addEventListener('click', () => d.toggleFullscreen());
      new MutationObserver(() => {
        const on = $('diagram').dataset.fullscreen === 'true';
        $('diagram-full').setAttribute('aria-pressed', String(on));
        $('diagram-full').textContent = on ? 'Exit full screen' : 'Full screen';
      }).observe($('diagram'), { attributes: true, attributeFilter: ['data-fullscreen'] });
      $('diagram-export-svg').addEventListener('click', () => saveBlob(d.exportSvg(), 'svg'));
      $('diagram-export-png').addEventListener('click', async () => {
        try { saveBlob(await d.exportPng(), 'png'); } catch (e) { $('diagram-status').textContent = `(${e.message})`; }
      });
      showView();
      if (state.run) showDiagram(state.run);
    } catch (e) {
      $('diagram-status').textContent = `(cannot draw: ${e.message})`;
    }
  })();
  window.orgsimDiagram = () => diagramReady.then(() => state.diagram);  // for tests and the console
  // --- end diagram ---

  document.body.dataset.ready = 'true';
  update();
}

main();

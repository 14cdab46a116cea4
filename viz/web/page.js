// The orgsim what-if page: sliders and fields build a what-if, the server simulates
// and draws it (docs/api.md). Every name from the model reaches the page through
// textContent or an attribute, never as HTML.

const $ = (id) => document.getElementById(id);
const DEBOUNCE_MS = 25;
// Pictures take 0.1-0.5 s and are drawn one at a time: while a slider moves, only
// the figures follow it; the diagram is asked for once the hand rests.
const RENDER_DEBOUNCE_MS = 250;

const state = {
  model: null,       // GET /api/model
  start: null,       // the starting what-if (reset, compare)
  whatIf: null,      // the current what-if, as the API takes it
  compare: false,
  simulateAbort: null,
  renderAbort: null,
  timer: null,
  renderTimer: null,
  inputAt: 0,        // performance.now() of the change being shown
  chart: null,
  chartSeries: 0,
  // The CX axis starts at 0 unless the facilitator asks to zoom: a 5-point dip drawn on
  // an axis from 80 looks like a collapse to a room.
  zoomChart: false,
  updates: 0,
};

// --- helpers --------------------------------------------------------------

function el(tag, props = {}, children = []) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === 'text') e.textContent = v;
    else if (k === 'class') e.className = v;
    else if (k.startsWith('data-') || k.startsWith('aria-')) e.setAttribute(k, v);
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

// The secret of the URL `orgsim serve` printed (?token=..., docs/api.md "Security"):
// kept for this tab (a reload still works), taken out of the address bar, and sent
// with every API call. Empty if the server runs with --no-token.
const TOKEN = (() => {
  const url = new URL(window.location.href);
  let token = url.searchParams.get('token');
  if (token !== null) {
    url.searchParams.delete('token');
    window.history.replaceState(window.history.state, '', url.pathname + url.search + url.hash);
  }
  try {
    if (token !== null) sessionStorage.setItem('orgsim-token', token);
    else token = sessionStorage.getItem('orgsim-token');
  } catch (e) { /* no storage: the token lives as long as the page */ }
  return token || '';
})();

async function api(path, body, signal, accept = 'json') {
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

function requestBody() {
  const w = copyWhatIf(state.whatIf);
  w.name = $('scenario-name').value || state.start.name;
  return w;
}

// --- building the controls ---------------------------------------------------

function buildRoles() {
  const box = $('roles');
  box.replaceChildren();
  const byDept = new Map(state.model.departments.map((d) => [d.id, []]));
  for (const r of state.model.roles) {
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
  const list = $('role-ids');
  list.replaceChildren(...state.model.roles.map((r) => el('option', { value: r.id, text: r.name || r.id })));
}

function roleRow(r) {
  const f = failureOf(r.id);
  const pct = f ? Math.round(f.degrade * 100) : 0;
  const slider = el('input', {
    type: 'range', min: 0, max: 100, step: 1, value: pct, class: 'degrade',
    'data-role': r.id, 'data-testid': 'degrade', 'aria-label': `Degrade ${r.name || r.id} (%)`,
  });
  const value = el('output', { class: 'pct', text: `${pct}%` });
  const from = el('input', {
    type: 'number', min: 0, step: 1, value: f ? f.from : 0, class: 'from',
    'data-role': r.id, 'data-testid': 'from', 'aria-label': `Failure of ${r.name || r.id} starts at step`,
  });
  const duration = el('input', {
    type: 'number', min: 0, step: 1, value: f && f.to !== null ? f.to - f.from : '',
    placeholder: 'end', class: 'duration', 'data-role': r.id, 'data-testid': 'duration',
    'aria-label': `Failure of ${r.name || r.id} lasts (steps)`,
  });
  const row = el('div', { class: 'role' + (pct > 0 ? ' failed' : ''), 'data-role': r.id, 'data-testid': 'role' }, [
    el('span', { class: 'name', text: r.name || r.id, title: r.name && r.name !== r.id ? `${r.name} (${r.id})` : r.id }),
    slider, value,
    el('label', { class: 'small', text: 'from ' }, [from]),
    el('label', { class: 'small', text: 'for ' }, [duration]),
  ]);
  if (r.touchpoint > 0) row.querySelector('.name').classList.add('touchpoint');
  const changed = () => {
    const d = Number(slider.value) / 100;
    value.textContent = `${slider.value}%`;
    row.classList.toggle('failed', d > 0);
    const fromStep = Math.max(0, Math.floor(Number(from.value) || 0));
    const steps = duration.value === '' ? 0 : Math.max(0, Math.floor(Number(duration.value)));
    setFailure(r.id, d, fromStep, steps);
    schedule();
  };
  slider.addEventListener('input', changed);
  from.addEventListener('change', changed);
  duration.addEventListener('change', changed);
  return row;
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
      class: 'change-value', 'data-index': String(i), 'data-testid': 'change-value',
      'aria-label': changeLabel(c),
    });
    input.addEventListener('input', () => {
      const v = Number(input.value);
      if (input.value === '' || Number.isNaN(v)) return;
      state.whatIf.changes[i][key] = v;
      schedule();
    });
    const remove = el('button', { type: 'button', text: '✕', class: 'remove', 'data-testid': 'change-remove', 'aria-label': 'Remove this change' });
    remove.addEventListener('click', () => {
      state.whatIf.changes.splice(i, 1);
      buildChanges();
      schedule();
    });
    box.appendChild(el('div', { class: 'change', 'data-testid': 'change' }, [
      el('span', { class: 'name', text: changeLabel(c) }), input, remove,
    ]));
  });
  if (state.whatIf.changes.length === 0) box.appendChild(el('p', { class: 'muted', text: 'None: add one below.' }));
}

function buildAll() {
  $('scenario-name').value = state.whatIf.name || '';
  $('steps').value = state.whatIf.steps;
  $('static-mode').checked = !!state.whatIf.static;
  buildRoles();
  buildChanges();
  const note = $('initial-note');
  note.hidden = state.whatIf.initial.length === 0;
  note.textContent = state.whatIf.initial.length === 0 ? '' :
    `Starts with ${state.whatIf.initial.length} role(s) already degraded: ` +
    state.whatIf.initial.map((s) => `${roleName(s.role)} ${Math.round(s.q * 100)}%`).join(', ');
  filterRoles();
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

// --- results ------------------------------------------------------------------
// A run is the document of docs/schema/run.schema.json (what `orgsim run --json` writes,
// without `roles` and `run_record`): run.cx holds the figures and the CX series.

function showGauge(run) {
  const s = run.cx;
  const isStatic = run.scenario.mode === 'static';
  $('cx-baseline').textContent = fmt(s.baseline);
  $('cx-min').textContent = fmt(s.min);
  $('cx-min-step').textContent = isStatic ? 'fixed point' : `at step ${s.min_step}`;
  $('cx-final').textContent = fmt(s.final);
  $('cx-recovery').textContent = isStatic ? '' : !s.degraded ? 'never left the band'
    : s.recovery_step === null ? 'not recovered' : `recovered at step ${s.recovery_step}`;
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
  return { width: Math.max(300, box.clientWidth), height: 200 };
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

function showChart(run, baseline) {
  const cx = run.cx.trajectory;
  const xs = cx.map((_, i) => i);
  const data = [xs, cx];
  if (baseline) {
    // The two runs may differ in length: pad the shorter with nulls.
    const base = baseline.cx.trajectory;
    const n = Math.max(cx.length, base.length);
    data[0] = Array.from({ length: n }, (_, i) => i);
    data[1] = Array.from({ length: n }, (_, i) => (i < cx.length ? cx[i] : null));
    data.push(Array.from({ length: n }, (_, i) => (i < base.length ? base[i] : null)));
  }
  if (typeof window.uPlot !== 'function') {
    $('cx-chart').textContent = `CX: ${cx.map((v) => v.toFixed(1)).join(' ')}`;
    return;
  }
  if (!state.chart || state.chartSeries !== data.length) {
    if (state.chart) state.chart.destroy();
    const series = [{ label: 'step' }, { label: 'CX (this what-if)', stroke: '#c0392b', width: 3 }];
    if (data.length === 3) series.push({ label: 'CX (start scenario)', stroke: '#2c3e50', width: 2, dash: [8, 6] });
    state.chart = new window.uPlot({
      ...chartSize(),
      series,
      scales: {
        x: { time: false, range: (u, min, max) => [0, Math.max(1, Number(max) || 0)] },
        y: { range: (u, min, max) => cxRange(min, max) },
      },
      hooks: { setScale: [(u, key) => { if (key === 'y') noteCxAxis(u); }] },
      // Axis text readable from the back of a room.
      axes: [
        { label: 'step', font: '15px sans-serif', labelFont: 'bold 15px sans-serif' },
        { label: 'CX', font: '15px sans-serif', labelFont: 'bold 15px sans-serif' },
      ],
    }, data, $('cx-chart'));
    state.chartSeries = data.length;
  } else {
    state.chart.setData(data);
  }
}

async function showDiagram(body) {
  if (state.renderAbort) state.renderAbort.abort();
  const abort = new AbortController();
  state.renderAbort = abort;
  $('diagram-status').textContent = 'drawing…';
  try {
    const svgText = await api('/api/render', body, abort.signal, 'text');
    const doc = new DOMParser().parseFromString(svgText, 'image/svg+xml');
    const svg = doc.documentElement;
    if (svg.nodeName !== 'svg' || doc.querySelector('parsererror')) throw new Error('the picture is not SVG');
    // Defence in depth: the server escapes names, and CSP forbids inline script anyway.
    for (const s of svg.querySelectorAll('script, foreignObject')) s.remove();
    for (const node of svg.querySelectorAll('*')) {
      for (const a of [...node.attributes]) if (a.name.toLowerCase().startsWith('on')) node.removeAttribute(a.name);
    }
    $('diagram').replaceChildren(document.importNode(svg, true));
    $('diagram-status').textContent = '';
  } catch (e) {
    if (e.name === 'AbortError') return;
    $('diagram-status').textContent = `(cannot draw: ${e.message})`;
  }
}

async function update() {
  if (state.simulateAbort) state.simulateAbort.abort();
  const abort = new AbortController();
  state.simulateAbort = abort;
  const started = state.inputAt || performance.now();
  const body = requestBody();
  try {
    let run, baseline = null;
    if (state.compare) {
      const start = copyWhatIf(state.start);
      start.static = body.static;
      const both = await api('/api/compare', { baseline: start, what_if: body }, abort.signal);
      run = both.what_if;
      baseline = both.baseline;
    } else {
      run = await api('/api/simulate', body, abort.signal);
    }
    if (abort.signal.aborted) return;
    clearError();
    showGauge(run);
    showPaths(run);
    showChart(run, baseline);
    const box = $('compare-result');
    box.hidden = !baseline;
    if (baseline) {
      $('compare-baseline-min').textContent = fmt(baseline.cx.min);
      $('compare-difference').textContent = `this what-if: ${signed(cxDifference(run, baseline))} points at worst`;
    }
    const ms = performance.now() - started;
    state.updates += 1;
    document.body.dataset.updates = String(state.updates);
    document.body.dataset.lastUpdateMs = ms.toFixed(1);
    $('update-time').textContent = `updated in ${Math.round(ms)} ms`;
    state.inputAt = 0;
    clearTimeout(state.renderTimer);
    $('diagram-status').textContent = 'drawing…';
    state.renderTimer = setTimeout(() => showDiagram(body), RENDER_DEBOUNCE_MS);
  } catch (e) {
    if (e.name === 'AbortError') return;
    showError(e.message, e.details || []);
  }
}

function cxDifference(run, baseline) {
  return run.cx.min - baseline.cx.min;
}

// Coalesces a burst of slider events into one request; a request still running
// for an older state is cancelled by update().
function schedule() {
  if (!state.inputAt) state.inputAt = performance.now();
  clearTimeout(state.timer);
  state.timer = setTimeout(update, DEBOUNCE_MS);
}

// --- buttons ----------------------------------------------------------------------

function reset() {
  state.whatIf = copyWhatIf(state.start);
  buildAll();
  schedule();
}

function toggleCompare() {
  state.compare = !state.compare;
  $('compare').setAttribute('aria-pressed', String(state.compare));
  $('compare').classList.toggle('on', state.compare);
  schedule();
}

function slug(name) {
  const s = name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  return (s || 'what-if').slice(0, 60);
}

async function save() {
  try {
    const body = requestBody();
    const yaml = await api('/api/scenario', body, undefined, 'text');
    const url = URL.createObjectURL(new Blob([yaml], { type: 'application/yaml' }));
    const a = el('a', { href: url, download: `${slug(body.name)}.yaml` });
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
    clearError();
  } catch (e) {
    showError(e.message, e.details || []);
  }
}

async function load(file) {
  try {
    const text = await file.text();
    const w = await api('/api/parse', text);
    state.whatIf = w;
    buildAll();
    clearError();
    schedule();
  } catch (e) {
    showError(`${file.name}: ${e.message}`, e.details || []);
  }
}

function addChange(event) {
  event.preventDefault();
  const role = $('change-role').value.trim();
  const kind = $('change-kind').value;
  if (!state.model.rolesById.has(role)) {
    showError(`unknown role '${role}'`);
    return;
  }
  const r = state.model.rolesById.get(role);
  let change;
  if (kind === 'weight') {
    const on = $('change-depends-on').value.trim();
    if (!state.model.rolesById.has(on)) {
      showError(`unknown role '${on}'`);
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
  clearError();
  buildChanges();
  schedule();
}

// --- start --------------------------------------------------------------------------

async function main() {
  try {
    const model = await api('/api/model');
    model.rolesById = new Map(model.roles.map((r) => [r.id, r]));
    state.model = model;
    state.start = copyWhatIf(model.scenario);
    state.whatIf = copyWhatIf(model.scenario);
    $('model-name').textContent = model.name || model.file;
    document.title = `orgsim: ${model.name || model.file}`;
    $('steps').max = model.limits.max_steps;
    buildAll();
  } catch (e) {
    showError(`cannot load the model: ${e.message}`);
    return;
  }
  $('role-search').addEventListener('input', filterRoles);
  $('steps').addEventListener('change', () => {
    const n = Math.floor(Number($('steps').value));
    if (n >= 1) { state.whatIf.steps = n; schedule(); }
  });
  $('static-mode').addEventListener('change', () => {
    state.whatIf.static = $('static-mode').checked;
    schedule();
  });
  $('scenario-name').addEventListener('change', schedule);
  $('reset').addEventListener('click', reset);
  $('compare').addEventListener('click', toggleCompare);
  $('chart-zoom').addEventListener('click', toggleChartZoom);
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
  $('add-change').addEventListener('submit', addChange);
  window.addEventListener('resize', () => { if (state.chart) state.chart.setSize(chartSize()); });
  document.body.dataset.ready = 'true';
  update();
}

main();

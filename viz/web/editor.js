// The orgsim model editor (`orgsim serve MODEL --edit`, docs/editor.md): the model lives
// in this page; every change is checked by the server as `orgsim validate` checks a file
// (POST /api/edit/check), and each problem is shown on its row and field. Save writes
// MODEL (POST /api/edit/save). Every name typed or loaded reaches the page through
// textContent, values or attributes, never as HTML.

import { History } from './history.js';
import { takeToken } from './token.js';

const $ = (id) => document.getElementById(id);
const SVG = 'http://www.w3.org/2000/svg';
const CHECK_DELAY_MS = 120;  // a burst of typing is checked once it pauses

// The model as the page edits it. Items carry a `key` of their own (never shown, never
// sent), so a rename keeps every reference: a role names its department by key, a
// dependency its two roles. Numbers are kept as typed (text).
let model = null;
let nextKey = 1;
let file = '';
let version = 0;        // bumped by every change; body[data-version]
let savedText = '';     // the model as last saved or loaded, for "unsaved changes"
let checkTimer = null;
let checkAbort = null;
let problems = [];      // of the version last checked
let history = null;

// --- the server ---------------------------------------------------------------

const TOKEN = takeToken();

// Resolves with {status, body}; throws only when the server cannot be reached.
async function api(path, body, signal) {
  const headers = { 'Content-Type': 'application/json' };
  if (TOKEN) headers['X-Orgsim-Token'] = TOKEN;
  const res = await fetch(path, {
    method: body === undefined ? 'GET' : 'POST',
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    signal,
  });
  let answer = null;
  try { answer = await res.json(); } catch (e) { answer = { error: `HTTP ${res.status}` }; }
  return { status: res.status, body: answer };
}

// --- the model -----------------------------------------------------------------

const numberText = (v) => (v === null || v === undefined ? '' : String(v));

function fromJson(m) {
  const deptKeys = new Map();
  const roleKeys = new Map();
  const departments = (m.departments || []).map((d) => {
    const item = { key: nextKey++, id: d.id || '', name: d.name && d.name !== d.id ? d.name : '' };
    if (!deptKeys.has(item.id)) deptKeys.set(item.id, item.key);
    return item;
  });
  const roles = (m.roles || []).map((r) => {
    const item = {
      key: nextKey++, id: r.id || '', name: r.name && r.name !== r.id ? r.name : '',
      department: deptKeys.get(r.department) ?? null,
      touchpoint: r.touchpoint ? numberText(r.touchpoint) : '',
      recovery: numberText(r.recovery), description: r.description || '',
    };
    if (!roleKeys.has(item.id)) roleKeys.set(item.id, item.key);
    return item;
  });
  const dependencies = (m.dependencies || []).map((d) => ({
    key: nextKey++, role: roleKeys.get(d.role) ?? null, on: roleKeys.get(d.depends_on) ?? null,
    weight: numberText(d.weight),
  }));
  return {
    name: m.name || '', description: m.description || '', time_unit: m.time_unit || 'step',
    cx_baseline: numberText(m.cx_baseline ?? 100), departments, roles, dependencies,
  };
}

// A number field as the server takes it: empty -> null (left out), a number, or the
// text typed (the loader refuses it in its own words).
function numberValue(text) {
  const t = String(text).trim();
  if (t === '') return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : t;
}

function toJson(m = model) {
  const deptId = new Map(m.departments.map((d) => [d.key, d.id]));
  const roleId = new Map(m.roles.map((r) => [r.key, r.id]));
  return {
    name: m.name,
    description: m.description,
    time_unit: m.time_unit,
    cx_baseline: numberValue(m.cx_baseline),
    departments: m.departments.map((d) => ({ id: d.id, name: d.name })),
    roles: m.roles.map((r) => ({
      id: r.id, name: r.name,
      department: r.department === null ? null : deptId.get(r.department) ?? null,
      recovery: numberValue(r.recovery), touchpoint: numberValue(r.touchpoint),
      description: r.description,
    })),
    dependencies: m.dependencies.map((d) => ({
      role: d.role === null ? null : roleId.get(d.role) ?? null,
      depends_on: d.on === null ? null : roleId.get(d.on) ?? null,
      weight: numberValue(d.weight),
    })),
  };
}

const snapshot = () => JSON.stringify(model);
const label = (r) => r.name || r.id || '(no id)';
const roleByKey = (key) => model.roles.find((r) => r.key === key);

// A fresh id not yet used in `list`: role-1, role-2, ...
function freshId(list, stem) {
  const used = new Set(list.map((x) => x.id));
  for (let i = list.length + 1; ; ++i) if (!used.has(`${stem}-${i}`)) return `${stem}-${i}`;
}

// --- elements --------------------------------------------------------------------

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

// A text input bound to item[field]; `control` names it for undo bursts.
function field(item, name, { kind, placeholder = '', size = 10, numeric = false, aria }) {
  const input = el('input', {
    value: item[name], placeholder, size, autocomplete: 'off', spellcheck: false,
    'data-field': name === 'on' ? 'depends_on' : name, 'data-testid': `${kind}-${name}`, 'aria-label': aria,
  });
  if (numeric) input.inputMode = 'decimal';
  input.addEventListener('input', () => {
    item[name] = input.value;
    if (kind === 'role' && (name === 'id' || name === 'name')) relabelRole(item);
    if (kind === 'department' && (name === 'id' || name === 'name')) relabelDepartment(item);
    changed(`${kind}:${item.key}:${name}`);
  });
  return input;
}

function select(item, name, options, { kind, aria, empty }) {
  const s = el('select', { 'data-field': name === 'on' ? 'depends_on' : name, 'data-testid': `${kind}-${name}`, 'aria-label': aria });
  if (item[name] === null || empty) s.appendChild(el('option', { value: '', text: empty || '(none)' }));
  for (const [key, text] of options) s.appendChild(el('option', { value: String(key), text }));
  s.value = item[name] === null ? '' : String(item[name]);
  s.addEventListener('change', () => {
    item[name] = s.value === '' ? null : Number(s.value);
    changed();
  });
  return s;
}

function removeButton(what, onClick) {
  const b = el('button', { type: 'button', class: 'remove', text: '✕', title: `Remove ${what}`, 'aria-label': `Remove ${what}`, 'data-testid': 'remove' });
  b.addEventListener('click', onClick);
  return b;
}

// A row of a list, with the row under it that holds its problems.
function row(kind, index, key, cells) {
  const tr = el('tr', { 'data-kind': kind, 'data-index': String(index), 'data-key': String(key), 'data-testid': kind }, [
    el('td', { class: 'num muted', text: String(index + 1) }), ...cells.map((c) => el('td', {}, [c])),
  ]);
  const note = el('tr', { class: 'row-problems', 'data-problems-of': `${kind}:${index}`, hidden: true }, [
    el('td', {}), el('td', { colSpan: cells.length }, [el('ul', { class: 'problems', 'data-testid': 'row-problems' })]),
  ]);
  return [tr, note];
}

function relabelRole(r) {
  for (const o of document.querySelectorAll(`select[data-field=role] option[value="${r.key}"], select[data-field=depends_on] option[value="${r.key}"]`)) o.textContent = label(r);
}

function relabelDepartment(d) {
  for (const o of document.querySelectorAll(`select[data-field=department] option[value="${d.key}"]`)) o.textContent = d.name || d.id || '(no id)';
}

function renderLists() {
  const deptOptions = model.departments.map((d) => [d.key, d.name || d.id || '(no id)']);
  const roleOptions = model.roles.map((r) => [r.key, label(r)]);

  $('departments').tBodies[0].replaceChildren(...model.departments.flatMap((d, i) => row('department', i, d.key, [
    field(d, 'id', { kind: 'department', placeholder: 'id', aria: `Department ${i + 1} id` }),
    field(d, 'name', { kind: 'department', placeholder: '(the id)', size: 16, aria: `Department ${i + 1} name` }),
    removeButton(`department ${d.id}`, () => {
      // Its roles keep no department: the check says so on each of them.
      for (const r of model.roles) if (r.department === d.key) r.department = null;
      model.departments = model.departments.filter((x) => x !== d);
      structureChanged();
    }),
  ])));

  $('roles').tBodies[0].replaceChildren(...model.roles.flatMap((r, i) => row('role', i, r.key, [
    field(r, 'id', { kind: 'role', placeholder: 'id', size: 9, aria: `Role ${i + 1} id` }),
    field(r, 'name', { kind: 'role', placeholder: '(the id)', size: 16, aria: `Role ${i + 1} name` }),
    select(r, 'department', deptOptions, { kind: 'role', aria: `Role ${i + 1} department` }),
    field(r, 'touchpoint', { kind: 'role', placeholder: '0', size: 4, numeric: true, aria: `Role ${i + 1} touchpoint weight` }),
    field(r, 'recovery', { kind: 'role', placeholder: '0.5', size: 4, numeric: true, aria: `Role ${i + 1} recovery` }),
    removeButton(`role ${r.id}`, () => {
      // Its dependencies go with it: they would name a role that is gone.
      model.roles = model.roles.filter((x) => x !== r);
      model.dependencies = model.dependencies.filter((d) => d.role !== r.key && d.on !== r.key);
      structureChanged();
    }),
  ])));

  $('dependencies').tBodies[0].replaceChildren(...model.dependencies.flatMap((d, i) => row('dependency', i, d.key, [
    select(d, 'role', roleOptions, { kind: 'dependency', aria: `Dependency ${i + 1}: the role that depends` }),
    el('span', { class: 'muted', text: '→' }),
    select(d, 'on', roleOptions, { kind: 'dependency', aria: `Dependency ${i + 1}: the role it depends on` }),
    field(d, 'weight', { kind: 'dependency', placeholder: 'weight', size: 4, numeric: true, aria: `Dependency ${i + 1} weight` }),
    removeButton(`dependency ${i + 1}`, () => {
      model.dependencies = model.dependencies.filter((x) => x !== d);
      structureChanged();
    }),
  ])));

  $('model-name').value = model.name;
  $('cx-baseline').value = model.cx_baseline;
  $('time-unit').value = model.time_unit;
}

// --- the diagram -------------------------------------------------------------------

function svg(tag, attrs = {}, text) {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  if (text !== undefined) e.textContent = text;
  return e;
}

// Cuts `text` to about `chars` characters on one line.
const clip = (text, chars) => (text.length > chars ? `${text.slice(0, chars - 1)}…` : text);

// Departments are columns, their roles stacked in model order; a role without a known
// department goes to a last column. A simple grid, drawn in the page (no Graphviz
// layout): it follows every keystroke, and a model with errors draws as well as one
// without.
function renderDiagram() {
  const box = $('diagram');
  const columns = model.departments.map((d) => ({ key: d.key, title: d.name || d.id || '(no id)', roles: [] }));
  const byKey = new Map(columns.map((c) => [c.key, c]));
  const orphans = { key: null, title: '(no department)', roles: [] };
  for (const r of model.roles) (byKey.get(r.department) || orphans).roles.push(r);
  if (orphans.roles.length) columns.push(orphans);
  if (!columns.length) {
    box.replaceChildren(el('p', { class: 'empty muted', text: 'Add a department, then roles: they appear here.' }));
    return;
  }
  const W = 180, H = 50, GAP_X = 60, GAP_Y = 28, TOP = 40, PAD = 16;
  const where = new Map();
  columns.forEach((c, ci) => c.roles.forEach((r, ri) => {
    where.set(r.key, { x: PAD + ci * (W + GAP_X), y: TOP + ri * (H + GAP_Y) });
  }));
  const rows = Math.max(1, ...columns.map((c) => c.roles.length));
  const width = PAD * 2 + columns.length * W + (columns.length - 1) * GAP_X;
  const height = TOP + rows * (H + GAP_Y) + PAD;
  const root = svg('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': 'Diagram of the model', 'data-testid': 'diagram-svg' });
  root.style.maxHeight = `${Math.max(height, 160)}px`;
  const defs = svg('defs');
  const marker = svg('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: 10, refY: 5, markerWidth: 8, markerHeight: 8, orient: 'auto-start-reverse' });
  marker.appendChild(svg('path', { d: 'M 0 0 L 10 5 L 0 10 z', class: 'arrow-head' }));
  defs.appendChild(marker);
  const errorMarker = marker.cloneNode(true);
  errorMarker.setAttribute('id', 'arrow-error');
  errorMarker.firstChild.setAttribute('class', 'arrow-head error');
  defs.appendChild(errorMarker);
  root.appendChild(defs);

  columns.forEach((c, ci) => {
    const x = PAD + ci * (W + GAP_X);
    root.appendChild(svg('rect', { x: x - 8, y: 4, width: W + 16, height: height - 8, rx: 8, class: 'lane' }));
    root.appendChild(svg('text', { x: x + W / 2, y: 26, class: 'lane-title', 'text-anchor': 'middle' }, clip(c.title, 22)));
  });

  const bad = new Map();  // role / dependency key -> 'error' | 'warning'
  for (const p of problems) {
    const item = p.element.kind === 'role' ? model.roles[p.element.index] : p.element.kind === 'dependency' ? model.dependencies[p.element.index] : null;
    if (item && bad.get(item.key) !== 'error') bad.set(item.key, p.severity);
  }

  // Neighbouring columns (and one column) are joined by a curve through the gap between
  // them; longer edges run in the gaps (beside the columns, under the source's row), so
  // no line passes behind a box. Each edge is nudged a little so parallel ones show.
  const edges = svg('g');
  model.dependencies.forEach((d, i) => {
    const from = where.get(d.on), to = where.get(d.role);  // the impact flows from `on` to `role`
    if (!from || !to) return;
    const g = svg('g', { class: `edge ${bad.get(d.key) || ''}`, 'data-testid': 'diagram-edge' });
    const nudge = ((i % 5) - 2) * 4;
    const columnsApart = Math.round(Math.abs(to.x - from.x) / (W + GAP_X));
    let path;
    let lx, ly;
    if (d.on === d.role) {
      path = `M ${from.x + W} ${from.y + 14} c 40 -30 40 50 0 22`;
      lx = from.x + W + 30; ly = from.y + 25;
    } else if (columnsApart === 0) {
      const x = from.x + W, y1 = from.y + H / 2 + nudge, y2 = to.y + H / 2 + nudge;
      path = `M ${x} ${y1} C ${x + 45} ${y1}, ${x + 45} ${y2}, ${x} ${y2}`;
      lx = x + 34; ly = (y1 + y2) / 2;
    } else if (columnsApart === 1) {
      const right = to.x > from.x;
      const x1 = from.x + (right ? W : 0), x2 = to.x + (right ? 0 : W);
      const y1 = from.y + H / 2 + nudge, y2 = to.y + H / 2 + nudge;
      const mx = (x1 + x2) / 2;
      path = `M ${x1} ${y1} C ${mx} ${y1}, ${mx} ${y2}, ${x2} ${y2}`;
      lx = mx; ly = (y1 + y2) / 2;
    } else {
      // Down from the source's bottom into the channel under its row, along it, then up
      // or down the gap beside the target's column, into the target's side.
      const right = to.x > from.x;
      const x1 = from.x + W / 2 + nudge * 3, x2 = to.x + (right ? 0 : W);
      const g2 = x2 - (right ? 1 : -1) * (GAP_X / 2 - nudge);
      const y2 = to.y + H / 2 + nudge;
      const gy = from.y + H + GAP_Y / 2 + nudge;
      path = `M ${x1} ${from.y + H} V ${gy} H ${g2} V ${y2} H ${x2}`;
      const g1 = x1;
      lx = (g1 + g2) / 2; ly = gy;  // in the channel between rows: room for the label
    }
    g.appendChild(svg('path', { d: path, 'marker-end': bad.get(d.key) === 'error' ? 'url(#arrow-error)' : 'url(#arrow)' }));
    const weight = String(d.weight).trim() || '?';
    g.appendChild(svg('rect', { x: lx - 17, y: ly - 10, width: 34, height: 18, rx: 4, class: 'weight-bg' }));
    g.appendChild(svg('text', { x: lx, y: ly + 4, 'text-anchor': 'middle', class: 'weight' }, clip(weight, 5)));
    g.appendChild(svg('title', {}, `${label(roleByKey(d.role))} depends on ${label(roleByKey(d.on))}, weight ${weight}`));
    edges.appendChild(g);
  });

  for (const r of model.roles) {
    const at = where.get(r.key);
    const touch = Number(r.touchpoint) > 0;
    const g = svg('g', { class: `node ${touch ? 'touchpoint' : ''} ${bad.get(r.key) || ''}`, 'data-testid': 'diagram-role', 'data-key': r.key });
    g.appendChild(svg('rect', { x: at.x, y: at.y, width: W, height: H, rx: 6 }));
    g.appendChild(svg('text', { x: at.x + W / 2, y: at.y + (touch ? 21 : 30), 'text-anchor': 'middle', class: 'role-name' }, clip(label(r), 22)));
    if (touch) g.appendChild(svg('text', { x: at.x + W / 2, y: at.y + 40, 'text-anchor': 'middle', class: 'role-detail' }, `touchpoint ${clip(String(r.touchpoint).trim(), 6)}`));
    g.appendChild(svg('title', {}, `${label(r)} (${r.id})`));
    g.addEventListener('pointerdown', (e) => startDrag(e, root, r, at.x + W / 2, at.y + H / 2));
    root.appendChild(g);
  }
  root.appendChild(edges);
  box.replaceChildren(root);
}

// A press on a box: a click edits the role; a drag to another box draws an arrow from
// this role to that one, which then depends on it (weight 0.5, ready to change).
function startDrag(down, root, source, cx, cy) {
  if (down.button !== 0) return;
  down.preventDefault();
  const toSvg = (e) => {
    const m = root.getScreenCTM();
    const p = new DOMPoint(e.clientX, e.clientY).matrixTransform(m ? m.inverse() : new DOMMatrix());
    return p;
  };
  let line = null;
  const move = (e) => {
    if (!line && Math.hypot(e.clientX - down.clientX, e.clientY - down.clientY) < 6) return;
    if (!line) {
      line = svg('line', { x1: cx, y1: cy, class: 'drag-line', 'marker-end': 'url(#arrow)', 'data-testid': 'drag-line' });
      root.appendChild(line);
    }
    const p = toSvg(e);
    line.setAttribute('x2', p.x);
    line.setAttribute('y2', p.y);
  };
  const up = (e) => {
    window.removeEventListener('pointermove', move);
    window.removeEventListener('pointerup', up);
    if (!line) {  // a click
      const input = document.querySelector(`tr[data-kind=role][data-key="${source.key}"] input[data-field=id]`);
      if (input) { input.focus(); input.scrollIntoView({ block: 'nearest' }); }
      return;
    }
    line.remove();
    const hit = document.elementFromPoint(e.clientX, e.clientY);
    const node = hit && hit.closest('g[data-testid=diagram-role]');
    const target = node && roleByKey(Number(node.dataset.key));
    if (!target || target === source) return;
    const existing = model.dependencies.find((d) => d.role === target.key && d.on === source.key);
    if (!existing) {
      model.dependencies.push({ key: nextKey++, role: target.key, on: source.key, weight: '0.5' });
      structureChanged();
    }
    focusDependency(existing || model.dependencies[model.dependencies.length - 1]);
  };
  window.addEventListener('pointermove', move);
  window.addEventListener('pointerup', up);
}

function focusDependency(d) {
  const input = document.querySelector(`tr[data-kind=dependency][data-key="${d.key}"] input[data-field=weight]`);
  if (input) { input.focus(); input.select(); input.scrollIntoView({ block: 'nearest' }); }
}

// --- problems ----------------------------------------------------------------------

const LISTS = { departments: 'department', roles: 'role', dependencies: 'dependency' };

function describe(e) {
  if (e.kind === 'model') return LISTS[e.field] ? e.field[0].toUpperCase() + e.field.slice(1) : `Model${e.field ? ` ${e.field.replace('_', ' ')}` : ''}`;
  const list = e.kind === 'role' ? model.roles : e.kind === 'department' ? model.departments : model.dependencies;
  const item = list[e.index];
  let what = `${e.kind[0].toUpperCase()}${e.kind.slice(1)} ${e.index + 1}`;
  if (item && e.kind !== 'dependency' && item.id) what += ` '${item.id}'`;
  if (item && e.kind === 'dependency') {
    const a = roleByKey(item.role), b = roleByKey(item.on);
    what += ` (${a ? a.id : '?'} → ${b ? b.id : '?'})`;
  }
  return e.field ? `${what}, ${e.field.replace('_', ' ')}` : what;
}

function problemItem(p) {
  return el('li', { class: p.severity, 'data-severity': p.severity }, [
    el('span', { class: 'severity', text: `${p.severity}: ` }), el('span', { class: 'text', text: p.message }),
  ]);
}

function showProblems() {
  for (const e of document.querySelectorAll('[aria-invalid]')) e.removeAttribute('aria-invalid');
  for (const e of document.querySelectorAll('[data-problem]')) e.removeAttribute('data-problem');
  for (const tr of document.querySelectorAll('tr.row-problems')) { tr.hidden = true; tr.querySelector('ul').replaceChildren(); }
  for (const id of ['model-problems', 'departments-problems', 'roles-problems', 'dependencies-problems']) { $(id).hidden = true; $(id).replaceChildren(); }

  const list = $('problems');
  list.replaceChildren();
  for (const p of problems) {
    const e = p.element;
    let target = null;    // the list (ul) the message goes in, on the element
    let owner = null;     // the row or field marked
    if (e.kind === 'model') {
      target = $(LISTS[e.field] ? `${e.field}-problems` : 'model-problems');
      owner = LISTS[e.field] ? null : document.querySelector(`[data-kind=model][data-field="${e.field}"]`);
      if (owner) owner.setAttribute('aria-invalid', 'true');
    } else {
      const tr = document.querySelector(`tr[data-kind=${e.kind}][data-index="${e.index}"]`);
      const note = document.querySelector(`tr[data-problems-of="${e.kind}:${e.index}"]`);
      if (tr && note) {
        target = note.querySelector('ul');
        note.hidden = false;
        if (tr.dataset.problem !== 'error') tr.dataset.problem = p.severity;
        note.dataset.problem = tr.dataset.problem;
        const input = e.field && tr.querySelector(`[data-field="${e.field}"]`);
        if (input && p.severity === 'error') input.setAttribute('aria-invalid', 'true');
      }
    }
    if (target) { target.appendChild(problemItem(p)); target.hidden = false; }

    const item = problemItem(p);
    item.prepend(el('button', { type: 'button', class: 'link', text: describe(e), 'data-testid': 'problem-link' }));
    item.querySelector('button').addEventListener('click', () => focusElement(e));
    list.appendChild(item);
  }
  const errors = problems.filter((p) => p.severity === 'error').length;
  const warnings = problems.length - errors;
  $('problem-count').textContent = problems.length ? `(${errors} ${errors === 1 ? 'error' : 'errors'}, ${warnings} ${warnings === 1 ? 'warning' : 'warnings'})` : '';
  if (!problems.length) list.appendChild(el('li', { class: 'ok', text: 'None: orgsim validate accepts this model.' }));
  updateStatus();
}

function focusElement(e) {
  let target = null;
  if (e.kind === 'model') target = LISTS[e.field] ? $(`add-${LISTS[e.field]}`) : document.querySelector(`[data-kind=model][data-field="${e.field}"]`);
  else {
    const tr = document.querySelector(`tr[data-kind=${e.kind}][data-index="${e.index}"]`);
    target = tr && ((e.field && tr.querySelector(`[data-field="${e.field}"]`)) || tr.querySelector('input, select'));
  }
  if (target) { target.focus(); target.scrollIntoView({ block: 'nearest' }); }
}

function updateStatus() {
  const s = $('status');
  const checked = Number(document.body.dataset.checked || -1) === version;
  const errors = problems.filter((p) => p.severity === 'error').length;
  const warnings = problems.length - errors;
  const dirty = snapshot() !== savedText;
  let text;
  if (!checked) text = 'checking…';
  else if (errors) text = `${errors} ${errors === 1 ? 'error' : 'errors'}`;
  else text = warnings ? `valid, ${warnings} ${warnings === 1 ? 'warning' : 'warnings'}` : 'valid';
  s.textContent = text + (dirty ? ' · unsaved changes' : ' · saved');
  s.dataset.state = !checked ? 'checking' : errors ? 'error' : 'ok';
  $('save').classList.toggle('primary', dirty && checked && !errors);
}

// --- changes, checks, undo -----------------------------------------------------------

function scheduleCheck() {
  clearTimeout(checkTimer);
  checkTimer = setTimeout(check, CHECK_DELAY_MS);
}

async function check() {
  if (checkAbort) checkAbort.abort();
  checkAbort = new AbortController();
  const asked = version;
  try {
    const { status, body } = await api('/api/edit/check', toJson(), checkAbort.signal);
    if (asked !== version) return;  // a newer change has its own check coming
    if (status !== 200) { showMessage(body.error || `HTTP ${status}`); return; }
    problems = body.problems;
    hideMessage();
    renderDiagram();
    showProblems();
    document.body.dataset.checked = String(asked);
    document.body.dataset.errors = String(body.errors);
    updateStatus();
  } catch (e) {
    if (e.name !== 'AbortError') showMessage(`cannot reach orgsim serve: ${e.message}`);
  }
}

function bump() {
  version += 1;
  document.body.dataset.version = String(version);
  updateStatus();
  scheduleCheck();
}

// A field changed (no lists to rebuild). `control`: the field, for undo bursts.
function changed(control = null) {
  history.note(control);
  renderDiagram();
  bump();
}

// Items added or removed: the lists are rebuilt.
function structureChanged() {
  renderLists();
  renderDiagram();
  history.note();
  bump();
}

// The focused field, to find again after the lists are rebuilt (undo, redo).
function focusKey() {
  const a = document.activeElement;
  const tr = a && a.closest('tr[data-key]');
  return tr ? { key: tr.dataset.key, field: a.dataset.field } : a && a.id ? { id: a.id } : null;
}

function restoreFocus(f) {
  if (!f) return;
  const target = f.id ? $(f.id) : document.querySelector(`tr[data-key="${f.key}"] [data-field="${f.field}"]`);
  if (target) target.focus();
}

function restore(text) {
  const f = focusKey();
  model = JSON.parse(text);
  renderLists();
  renderDiagram();
  restoreFocus(f);
  bump();
}

function updateHistoryButtons() {
  $('undo').disabled = !history.canUndo();
  $('redo').disabled = !history.canRedo();
}

function showMessage(text, kind = 'error') {
  const m = $('message');
  m.textContent = text;
  m.dataset.kind = kind;
  m.hidden = false;
}

function hideMessage() {
  if ($('message').dataset.kind === 'error') $('message').hidden = true;
}

async function save() {
  history.flush();
  const asked = version;
  const sent = snapshot();
  $('save').disabled = true;
  try {
    const { status, body } = await api('/api/edit/save', toJson());
    if (status === 200) {
      savedText = sent;
      showMessage(`Saved ${body.saved} (${body.bytes} bytes) at ${new Date().toLocaleTimeString()}.`, 'ok');
      document.body.dataset.saved = String(asked);
    } else {
      showMessage(body.error || `HTTP ${status}`);
      if (body.check && asked === version) { problems = body.check.problems; renderDiagram(); showProblems(); }
    }
  } catch (e) {
    showMessage(`not saved: cannot reach orgsim serve: ${e.message}`);
  } finally {
    $('save').disabled = false;
    document.body.dataset.saves = String(Number(document.body.dataset.saves || 0) + 1);
    updateStatus();
  }
}

function onKey(e) {
  const mod = e.ctrlKey || e.metaKey;
  if (!mod || e.altKey) return;
  const k = e.key.toLowerCase();
  // The model's undo, not the field's: a field's own undo would leave the model behind.
  if (k === 'z' && !e.shiftKey) { e.preventDefault(); history.undo(); }
  else if (k === 'y' || (k === 'z' && e.shiftKey)) { e.preventDefault(); history.redo(); }
  else if (k === 's') { e.preventDefault(); save(); }
}

function wire() {
  $('model-name').addEventListener('input', () => { model.name = $('model-name').value; changed('model:name'); });
  $('cx-baseline').addEventListener('input', () => { model.cx_baseline = $('cx-baseline').value; changed('model:cx'); });
  $('time-unit').addEventListener('input', () => { model.time_unit = $('time-unit').value; changed('model:unit'); });
  $('add-department').addEventListener('click', () => {
    const id = freshId(model.departments, 'dept');
    model.departments.push({ key: nextKey++, id, name: '' });
    structureChanged();
    focusLast('department');
  });
  $('add-role').addEventListener('click', () => {
    const last = model.roles[model.roles.length - 1];
    const department = last ? last.department : model.departments.length ? model.departments[0].key : null;
    model.roles.push({ key: nextKey++, id: freshId(model.roles, 'role'), name: '', department, touchpoint: '', recovery: '0.5', description: '' });
    structureChanged();
    focusLast('role');
  });
  $('add-dependency').addEventListener('click', () => {
    const [a, b] = model.roles;
    model.dependencies.push({ key: nextKey++, role: a ? a.key : null, on: b ? b.key : null, weight: '0.5' });
    structureChanged();
    focusLast('dependency', 'role');
  });
  $('undo').addEventListener('click', () => history.undo());
  $('redo').addEventListener('click', () => history.redo());
  $('save').addEventListener('click', save);
  document.addEventListener('keydown', onKey);
  window.addEventListener('beforeunload', (e) => {
    if (snapshot() !== savedText) { e.preventDefault(); e.returnValue = ''; }
  });
}

// After an item is added: its first field, ready to type into.
function focusLast(kind, name = 'id') {
  const rows = document.querySelectorAll(`tr[data-kind=${kind}]`);
  const input = rows.length && rows[rows.length - 1].querySelector(`[data-field=${name}]`);
  if (input) { input.focus(); if (input.select) input.select(); }
}

async function start() {
  try {
    const { status, body } = await api('/api/edit/model');
    if (status !== 200) { showMessage(body.error || `HTTP ${status}`); return; }
    file = body.file;
    model = fromJson(body.model);
    savedText = body.exists ? snapshot() : '';
    $('file').textContent = body.exists ? file : `${file} (new: written on Save)`;
    document.title = `${file}: orgsim model editor`;
  } catch (e) {
    showMessage(`cannot reach orgsim serve: ${e.message}`);
    return;
  }
  history = new History(snapshot, restore, { onChange: updateHistoryButtons });
  wire();
  renderLists();
  renderDiagram();
  history.reset();
  bump();
  document.body.dataset.ready = 'true';
}

start();

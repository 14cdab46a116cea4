// One role's page of `orgsim diagram --all --interactive` (app/role_pages.cpp): the
// role's picture (diagram.js on the model's layout, paths-only view, the role
// highlighted) and its figures, recomputed by the engine in WebAssembly whenever the
// reader moves the degrade slider or changes the duration. A classic script, not a
// module: pages opened from file:// may load scripts but not import files, so it reads
// what assets/orgsim_data.js and assets/orgsim_modules.js set, and imports diagram.js
// from a data: URL (as offline.js does). No request leaves the page.
(function () {
  'use strict';

  const data = window.orgsimRolePages;
  const sources = window.orgsimRoleModules || {};
  const focus = document.body.dataset.role;
  const $ = (id) => document.getElementById(id);
  const model = data.model;
  const names = new Map(model.roles.map((r) => [r.id, r.name || r.id]));
  const unit = model.time_unit || 'step';
  const plural = (n) => (n === 1 ? unit : /[^aeiou]y$/.test(unit) ? `${unit.slice(0, -1)}ies`
    : /(s|x|z|ch|sh)$/.test(unit) ? `${unit}es` : `${unit}s`);
  const steps = (model.scenario && model.scenario.steps) || 30;
  const fixed = (x, d = 1) => (typeof x === 'number' && Number.isFinite(x) ? x.toFixed(d) : '–');

  function fail(message) {
    const box = $('error');
    box.textContent = message;
    box.hidden = false;
  }

  // --- the modules, from data: URLs (their './x.js' imports replaced by theirs) -----
  const urls = new Map();
  function moduleUrl(name, seen = new Set()) {
    if (urls.has(name)) return urls.get(name);
    if (!(name in sources)) throw new Error(`${name} is not in assets/orgsim_modules.js`);
    if (seen.has(name)) throw new Error(`the modules import each other in a cycle (${name})`);
    seen.add(name);
    const code = sources[name].replace(
      /(\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)(['"])\.\/([\w.-]+\.js)\2/g,
      (all, lead, quote, dep) => `${lead}${quote}${moduleUrl(dep, seen)}${quote}`);
    const url = `data:text/javascript;charset=utf-8,${encodeURIComponent(code).replace(/'/g, '%27')}`;
    urls.set(name, url);
    return url;
  }

  // --- the controls ---------------------------------------------------------------
  const slider = $('degrade');
  const duration = $('duration');
  duration.max = String(steps);
  duration.value = String(Math.max(1, Math.round(steps / 2)));
  $('duration-unit').textContent = `${plural(2)} (of the ${steps} simulated)`;
  const degrade = () => Number(slider.value) / 100;
  const days = () => Math.max(1, Math.min(steps, Math.floor(Number(duration.value) || 1)));

  function whatIf() {
    const d = degrade();
    return {
      name: `${names.get(focus)} ${slider.value}% down for ${days()} ${plural(days())}`,
      failures: d > 0 ? [{ role: focus, degrade: d, from: 0, to: days() }] : [],
      steps,
    };
  }

  // --- the figures ----------------------------------------------------------------
  function roleLink(id) {
    const page = data.pages[id];
    const a = document.createElement(page && id !== focus ? 'a' : 'b');
    if (page && id !== focus) a.href = page;
    a.textContent = names.get(id) || id;
    return a;
  }

  function showPaths(run) {
    const list = $('paths');
    const paths = run.impact_paths ? run.impact_paths.paths : [];
    if (paths.length === 0) {
      const li = document.createElement('li');
      li.className = 'muted';
      li.textContent = degrade() > 0 ? 'No path reaches the customer.' : 'Move the slider above 0% to see them.';
      list.replaceChildren(li);
      return;
    }
    list.replaceChildren(...paths.map((p) => {
      const li = document.createElement('li');
      const route = document.createElement('span');
      route.className = 'route';
      p.roles.forEach((id, i) => {
        if (i > 0) route.append(' → ');
        route.append(roleLink(id));
      });
      route.append(' → customers');
      const figure = document.createElement('span');
      figure.className = 'points';
      figure.textContent = `${fixed(p.cx_points, 2)} CX points (${Math.round(p.share * 100)}%)`;
      li.append(route, figure);
      return li;
    }));
  }

  function showLine(cx) {
    const svg = $('cx-line');
    const w = svg.clientWidth || 240;
    const h = svg.clientHeight || 60;
    const t = cx.trajectory;
    const lo = Math.min(...t, cx.baseline) - 0.5;
    const hi = Math.max(...t, cx.baseline) + 0.5;
    const x = (k) => 4 + (k / Math.max(1, t.length - 1)) * (w - 8);
    const y = (v) => 4 + (1 - (v - lo) / (hi - lo)) * (h - 18);
    const ns = 'http://www.w3.org/2000/svg';
    const el = (tag, attrs, text) => {
      const e = document.createElementNS(ns, tag);
      for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
      if (text !== undefined) e.textContent = text;
      return e;
    };
    const failedTo = degrade() > 0 ? x(days()) : x(0);
    svg.replaceChildren(
      el('rect', { x: x(0), y: 2, width: Math.max(0, failedTo - x(0)), height: h - 14, fill: '#fde2e4' }),
      el('line', { x1: x(0), x2: x(t.length - 1), y1: y(cx.baseline), y2: y(cx.baseline), stroke: '#9a9a9a', 'stroke-dasharray': '4 3' }),
      el('polyline', { points: t.map((v, k) => `${x(k)},${y(v)}`).join(' '), fill: 'none', stroke: '#1f4e8c', 'stroke-width': 2.5 }),
      el('text', { x: 4, y: h - 2, 'font-size': 11, fill: '#555555' }, `${unit} 0`),
      el('text', { x: w - 4, y: h - 2, 'font-size': 11, fill: '#555555', 'text-anchor': 'end' }, `${unit} ${t.length - 1}`),
      el('text', { x: (x(0) + failedTo) / 2, y: h - 2, 'font-size': 11, fill: '#a4001d', 'text-anchor': 'middle' }, degrade() > 0 ? 'failing' : ''));
  }

  function showFigures(run) {
    const cx = run.cx;
    $('cx-baseline').textContent = fixed(cx.baseline);
    $('cx-min').textContent = fixed(cx.min);
    $('cx-min-step').textContent = cx.change < 0 ? `${unit} ${cx.min_step}` : 'no change';
    $('cx-change').textContent = fixed(Math.max(0, cx.baseline - cx.min));
    $('cx-final').textContent = fixed(cx.final);
    $('cx-final-step').textContent = `${unit} ${cx.trajectory.length - 1}`;
    $('degrade-value').textContent = `${slider.value}%`;
    showPaths(run);
    showLine(cx);
  }

  // --- the engine and the diagram ---------------------------------------------------
  let engine = null;
  let diagram = null;  // set once diagram.js is imported
  let pending = false;
  let busy = false;

  // One run at a time; a change made while one runs is run right after it.
  async function update() {
    if (busy) { pending = true; return; }
    busy = true;
    try {
      do {
        pending = false;
        const run = JSON.parse(engine.simulateSteps(JSON.stringify(whatIf())));
        if (run.error !== undefined && run.schema_version === undefined) {
          fail(`The engine could not run this what-if: ${run.error}`);
          break;
        }
        showFigures(run);
        if (diagram) {
          diagram.restyle(run);
          keepFocus();
        }
        document.body.dataset.updates = String(Number(document.body.dataset.updates || 0) + 1);
        await new Promise((r) => requestAnimationFrame(() => r()));
      } while (pending);
    } finally {
      busy = false;
    }
  }

  // With a failure, the paths-only view is the role's picture and its red outline marks
  // it: diagram.js's highlight would dim path roles that are not one hop nearer the
  // customer. Without one (0%), the whole model shows, and the highlight finds the role.
  function keepFocus() {
    if (diagram) diagram.highlightRole(degrade() > 0 ? null : focus);
  }

  // Above this many roles, the picture holds only the roles on the role's paths (the
  // same positions): drawing every role of a 10,000-role model costs seconds per page and
  // per slider move. The paths do not depend on the degrade or the duration (each path's
  // CX points scale with the degrade), so one probe run finds them all.
  const WHOLE_LAYOUT_UP_TO = 150;
  function pictureLayout() {
    const layout = data.layout;
    if (layout.roles.length <= WHOLE_LAYOUT_UP_TO) return layout;
    const probe = JSON.parse(engine.simulate(JSON.stringify(
      { failures: [{ role: focus, degrade: 1, from: 0, to: 1 }], steps: 1 })));
    const keep = new Set([focus]);
    for (const p of (probe.impact_paths ? probe.impact_paths.paths : [])) p.roles.forEach((id) => keep.add(id));
    const roles = layout.roles.filter((r) => keep.has(r.id));
    const departments = new Set(roles.map((r) => r.department));
    return {
      ...layout,
      roles,
      departments: layout.departments.filter((d) => departments.has(d.id)),
      edges: layout.edges.filter((e) => keep.has(e.from) && keep.has(e.to)),
      cx_edges: layout.cx_edges.filter((e) => keep.has(e.from)),
    };
  }

  async function start() {
    if (!data || !focus) throw new Error('assets/orgsim_data.js did not load');
    if (typeof window.OrgsimEngine !== 'function') throw new Error('assets/orgsim_engine.js did not load');
    const m = await window.OrgsimEngine();
    engine = new m.Engine(JSON.stringify(model));
    const error = engine.error();
    if (error) throw new Error(JSON.parse(error).error);
    const { createDiagram } = await import(moduleUrl('diagram.js'));
    const box = $('diagram');
    diagram = createDiagram(box, pictureLayout(), {
      unit,
      // Another role: its page. The focus: keep it highlighted (diagram.js toggles it).
      onRoleClick: (id) => {
        if (id !== focus && data.pages[id]) window.location.href = data.pages[id];
        else keepFocus();
      },
    });
    diagram.setView('paths');
    // diagram.js highlights the role clicked, or clears it on the background: this page
    // keeps its own choice.
    box.addEventListener('pointerup', () => keepFocus());
    slider.addEventListener('input', () => { update(); });
    duration.addEventListener('input', () => { update(); });
    await update();
    document.body.dataset.ready = 'true';
  }

  if (!data) { fail('This page could not start: assets/orgsim_data.js is missing. Keep the assets folder next to the pages.'); return; }
  start().catch((e) => fail(`This page could not start: ${e.message || e}`));
})();

// The impact diagram of the workshop page, drawn by the browser from the layout the
// server computed once for the model (GET /api/layout, docs/schema/layout.schema.json).
// A what-if only restyles it: fills by q, path edges thicker by the CX points they
// carry, labels. Positions never change, so the room keeps its bearings.
//
//   const d = createDiagram(container, layout, { onRoleClick, onRoleHover, unit: 'day' });
//   d.restyle(run);  // run: the POST /api/simulate?role_steps=peaks (or =1) answer
//   d.setRoleSteps(run.role_steps);  // the same run's q per step (?role_steps=1), later
//   d.showStep(k);   // colours at step k (null: each role's peak)
//
// Every name from the model is set with textContent or setAttribute, never as markup.
// Styles are presentation attributes, not CSS classes, so an exported SVG looks the same.

const SVG_NS = 'http://www.w3.org/2000/svg';
const FAILED_RED = '#c8102e';
const PATH_INK = '#1f1f1f';
const QUIET_EDGE = '#c4c4c4';
const OUTLINE = '#4d4d4d';
const DIM = 0.15;
const PATHS_VIEW_ABOVE = 150;  // roles: larger models open on "paths only"
const ZOOM_STEP = 1.25;

function svg(tag, attrs = {}, parent = null) {
  const e = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  if (parent) parent.appendChild(e);
  return e;
}

function text(parent, value, attrs) {
  const t = svg('text', attrs, parent);
  t.textContent = value;
  return t;
}

// Sets an attribute only when it changes: a restyle touches thousands of elements. The
// value last put is kept on the element (no DOM read per attribute); attributes put here
// are set nowhere else.
function put(e, name, value) {
  const v = String(value);
  const last = e.orgsimPut || (e.orgsimPut = Object.create(null));
  if (last[name] === v) return;
  last[name] = v;
  e.setAttribute(name, v);
}

const fixed = (x, d = 2) => (x === null || x === undefined || Number.isNaN(x) ? '–' : Number(x).toFixed(d));

function splinePath(points) {
  if (points.length === 0) return '';
  let d = `M${points[0][0]},${points[0][1]}`;
  for (let i = 1; i + 2 < points.length; i += 3) {
    d += `C${points[i][0]},${points[i][1]} ${points[i + 1][0]},${points[i + 1][1]} ${points[i + 2][0]},${points[i + 2][1]}`;
  }
  if (points.length < 4) for (let i = 1; i < points.length; i += 1) d += `L${points[i][0]},${points[i][1]}`;
  return d;
}

// The arrowhead from the spline's end (its base) to `tip`, `scale` times wider.
function arrowPoints(base, tip, scale) {
  const dx = tip[0] - base[0];
  const dy = tip[1] - base[1];
  const len = Math.hypot(dx, dy) || 1;
  const w = (len * 0.45) * scale;
  const nx = -dy / len;
  const ny = dx / len;
  const back = [tip[0] - dx * scale, tip[1] - dy * scale];
  return `${tip[0]},${tip[1]} ${back[0] + nx * w},${back[1] + ny * w} ${back[0] - nx * w},${back[1] - ny * w}`;
}

function straightArrow(a, b, gap) {
  // A straight edge between two boxes' centres, ending `gap` before b's border.
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const len = Math.hypot(dx, dy) || 1;
  const tip = [b[0] - (dx / len) * gap, b[1] - (dy / len) * gap];
  const base = [tip[0] - (dx / len) * 10, tip[1] - (dy / len) * 10];
  return { points: [a, a, base, base], tip };
}

export function createDiagram(container, layout, { onRoleClick, onRoleHover, frame, unit = 'step' } = {}) {
  const fonts = layout.fonts;
  const fills = layout.colours.fill;
  const inks = layout.colours.ink;
  const colourIndex = (q) => Math.max(0, Math.min(100, Math.round((Number(q) || 0) * 100)));
  const fullFrame = frame || container;

  const state = {
    run: null,
    step: null,
    view: layout.roles.length > PATHS_VIEW_ABOVE ? 'paths' : 'whole',
    highlighted: null,
    peak: new Map(),       // role id -> peak q
    peakStep: new Map(),   // role id -> step of the peak
    series: new Map(),     // role id -> q per step
    failed: new Map(),     // role id -> degrade
    onPaths: new Set(),    // role ids on the top paths (and failed roles)
    k: 1, tx: 0, ty: 0,
    moved: false,          // the user panned or zoomed since the last fit
    full: false,
  };

  // --- the drawing, built once -----------------------------------------------------

  container.replaceChildren();
  const root = svg('svg', {
    xmlns: SVG_NS, width: '100%', height: '100%', role: 'img', 'data-testid': 'diagram-svg',
    'font-family': fonts.family, 'aria-label': 'Impact diagram',
  }, container);
  root.style.display = 'block';
  root.style.touchAction = 'none';
  const background = svg('rect', { x: 0, y: 0, width: '100%', height: '100%', fill: '#ffffff' }, root);
  const viewport = svg('g', { class: 'viewport' }, root);
  const deptLayer = svg('g', {}, viewport);
  const edgeLayer = svg('g', { fill: 'none' }, viewport);
  const extraLayer = svg('g', { fill: 'none' }, viewport);
  const headLayer = svg('g', {}, viewport);
  const roleLayer = svg('g', {}, viewport);
  const cxLayer = svg('g', {}, viewport);
  const hud = svg('g', { class: 'hud', 'pointer-events': 'none' }, root);

  const depts = new Map();
  for (const d of layout.departments) {
    const g = svg('g', { 'data-department': d.id }, deptLayer);
    svg('rect', { x: d.x, y: d.y, width: d.width, height: d.height, rx: 12, fill: '#f4f4f4', stroke: '#9a9a9a', 'stroke-width': 1.5 }, g);
    const label = text(g, '', { x: d.x + 14, y: d.y + 14, 'font-size': fonts.cluster, 'font-weight': 'bold', fill: '#333333', class: 'dept-label' });
    d.lines.forEach((line, i) => {
      const t = svg('tspan', { x: d.x + 14, dy: i === 0 ? fonts.cluster * 0.95 : fonts.cluster * 1.2 }, label);
      t.textContent = line;
    });
    depts.set(d.id, { data: d, g });
  }

  const roles = new Map();
  for (const r of layout.roles) {
    const g = svg('g', { 'data-role': r.id, 'data-testid': 'diagram-role', transform: `translate(${r.x},${r.y})`, cursor: 'pointer' }, roleLayer);
    const x0 = -r.width / 2;
    const y0 = -r.height / 2;
    let shape;
    if (r.touchpoint > 0) {
      const p = Math.min(22, r.height / 3);
      shape = svg('polygon', {
        points: `${x0},${y0} ${-x0 - p},${y0} ${-x0},0 ${-x0 - p},${-y0} ${x0},${-y0}`,
      }, g);
    } else {
      shape = svg('rect', { x: x0, y: y0, width: r.width, height: r.height, rx: 10 }, g);
    }
    shape.setAttribute('fill', fills[0]);
    shape.setAttribute('stroke', OUTLINE);
    shape.setAttribute('stroke-width', 1.5);
    const lineHeight = fonts.name * 1.2;
    const block = r.lines.length * lineHeight + fonts.detail * 1.2;
    const top = -block / 2;
    const name = text(g, '', { 'text-anchor': 'middle', 'font-size': fonts.name, 'font-weight': 'bold', fill: inks[0], class: 'role-label' });
    r.lines.forEach((line, i) => {
      const t = svg('tspan', { x: 0, y: top + lineHeight * (i + 0.8) }, name);
      t.textContent = line;
    });
    const detail = text(g, '', { 'text-anchor': 'middle', y: top + r.lines.length * lineHeight + fonts.detail * 0.95, 'font-size': fonts.detail, 'font-weight': 'bold', fill: inks[0], class: 'role-detail' });
    roles.set(r.id, { data: r, g, shape, name, detail, out: [], in: [], cx: null });
  }

  // The CX node.
  const cxBox = layout.cx;
  const cxG = svg('g', { 'data-testid': 'diagram-cx' }, cxLayer);
  svg('rect', { x: cxBox.x, y: cxBox.y, width: cxBox.width, height: cxBox.height, rx: 16, fill: '#fff8e1', stroke: '#333333', 'stroke-width': 3 }, cxG);
  const cxMid = cxBox.x + cxBox.width / 2;
  // Lines as Graphviz set them when it measured the box: about 1.05 em each.
  const cxTop = cxBox.y + (cxBox.height - (fonts.cx + fonts.name + fonts.detail) * 1.05) / 2;
  text(cxG, 'CX', { x: cxMid, y: cxTop + fonts.cx * 0.85, 'text-anchor': 'middle', 'font-size': fonts.cx, 'font-weight': 'bold', fill: '#000000' });
  const cxFigure = text(cxG, '', { x: cxMid, y: cxTop + fonts.cx * 1.05 + fonts.name * 0.85, 'text-anchor': 'middle', 'font-size': fonts.name, 'font-weight': 'bold', fill: '#000000', 'data-testid': 'diagram-cx-figure' });
  text(cxG, 'customer experience', { x: cxMid, y: cxTop + (fonts.cx + fonts.name) * 1.05 + fonts.detail * 0.85, 'text-anchor': 'middle', 'font-size': fonts.detail, fill: '#333333' });

  function drawEdge(e, to, layer) {
    const path = svg('path', { d: splinePath(e.points), stroke: QUIET_EDGE, 'stroke-width': 1.2 }, layer);
    let head = null;
    if (e.arrow) {
      const base = e.points[e.points.length - 1];
      head = svg('polygon', { points: arrowPoints(base, e.arrow, 1), fill: QUIET_EDGE }, headLayer);
    }
    return { data: e, from: e.from, to, path, head };
  }
  const edges = new Map();  // "from\u0000to" -> edge
  for (const e of layout.edges) {
    const edge = drawEdge(e, e.to, edgeLayer);
    edges.set(`${e.from}\u0000${e.to}`, edge);
    roles.get(e.from).out.push(edge);
    roles.get(e.to).in.push(edge);
  }
  const cxEdges = new Map();  // from -> edge into CX
  for (const e of layout.cx_edges) {
    const edge = drawEdge(e, null, edgeLayer);
    cxEdges.set(e.from, edge);
    roles.get(e.from).cx = edge;
  }

  // Hops from each role to the customer along edges (1: a touchpoint); Infinity if none.
  const hops = new Map([...roles.keys()].map((id) => [id, Infinity]));
  {
    const queue = [];
    for (const from of cxEdges.keys()) { hops.set(from, 1); queue.push(from); }
    while (queue.length) {
      const id = queue.shift();
      for (const e of roles.get(id).in) {
        if (hops.get(e.from) === Infinity) { hops.set(e.from, hops.get(id) + 1); queue.push(e.from); }
      }
    }
  }

  // --- the overlay: title, CX figures, legend (screen units, not zoomed) ---------

  const hudTitle = text(hud, '', { x: 12, 'font-weight': 'bold', fill: '#000000', 'data-testid': 'diagram-title' });
  const hudFigures = text(hud, '', { x: 12, fill: '#111111', 'data-testid': 'diagram-figures' });
  const legend = svg('g', {}, hud);
  const legendSwatches = [];
  for (let i = 0; i <= 10; i += 1) legendSwatches.push(svg('rect', { fill: fills[i * 10], stroke: '#888888', 'stroke-width': 0.5 }, legend));
  const legendLow = text(legend, 'q 0 working', { fill: '#111111' });
  const legendHigh = text(legend, '1 stopped', { fill: '#111111' });
  const legendPath = svg('line', { stroke: PATH_INK }, legend);
  const legendPathText = text(legend, 'top paths to CX: thicker = more CX points', { fill: '#111111' });
  const legendFailed = svg('rect', { fill: '#ffffff', stroke: FAILED_RED }, legend);
  const legendFailedText = text(legend, 'failed role', { fill: '#111111' });

  function hudSizes() {
    // Full screen is for the room: larger type. top/bottom: the bands kept free of
    // the diagram for the title and figures, and for the legend.
    if (!state.full) return { title: 20, figures: 17, legend: 15, top: 54, bottom: 30 };
    const title = Math.round(Math.max(26, Math.min(44, size().height * 0.036)));
    const figures = Math.round(title * 0.85);
    const legend = Math.round(title * 0.7);
    return { title, figures, legend, top: title + figures + 20, bottom: Math.round(legend * 1.2 + 14) };
  }

  // Places the legend's parts one after the other, each as wide as its text.
  function layoutHud() {
    const s = hudSizes();
    const { width } = size();
    // A narrow frame gets a smaller legend rather than a cut one.
    const end = placeHud(s, s.legend);
    if (end > width - 8) placeHud(s, Math.max(9, Math.floor(s.legend * (width - 20) / end)));
  }

  function placeHud(s, legendSize) {
    const { height } = size();
    put(hudTitle, 'font-size', s.title);
    put(hudTitle, 'y', s.title + 4);
    put(hudFigures, 'font-size', s.figures);
    put(hudFigures, 'y', s.title + s.figures + 10);
    const y = height - s.bottom + (s.bottom - legendSize * 1.2) / 2;
    const base = y + legendSize * 0.95;
    const w = legendSize * 1.3;
    const gap = legendSize * 0.6;
    let x = 12;
    const place = (t) => {
      t.setAttribute('font-size', legendSize);
      t.setAttribute('x', x);
      t.setAttribute('y', base);
      x += t.getComputedTextLength() + gap;
    };
    place(legendLow);
    legendSwatches.forEach((r, i) => {
      r.setAttribute('x', x + i * w);
      r.setAttribute('y', y);
      r.setAttribute('width', w);
      r.setAttribute('height', legendSize * 1.2);
    });
    x += 11 * w + gap;
    place(legendHigh);
    x += gap;
    legendPath.setAttribute('x1', x);
    legendPath.setAttribute('x2', x + legendSize * 2);
    legendPath.setAttribute('y1', y + legendSize * 0.6);
    legendPath.setAttribute('y2', y + legendSize * 0.6);
    legendPath.setAttribute('stroke-width', legendSize / 3);
    x += legendSize * 2 + gap;
    place(legendPathText);
    x += gap;
    legendFailed.setAttribute('x', x);
    legendFailed.setAttribute('y', y);
    legendFailed.setAttribute('width', legendSize * 1.6);
    legendFailed.setAttribute('height', legendSize * 1.2);
    legendFailed.setAttribute('stroke-width', 4);
    x += legendSize * 1.6 + gap;
    place(legendFailedText);
    return x;
  }

  function showFigures() {
    const run = state.run;
    if (!run) {
      hudTitle.textContent = '';
      hudFigures.textContent = '';
      return;
    }
    const cx = run.cx;
    hudTitle.textContent = run.scenario.name || 'what-if';
    const isStatic = run.scenario.mode === 'static';
    let figures = `CX ${fixed(cx.baseline, 1)} → worst ${fixed(cx.min, 1)}` +
      (isStatic ? ' (fixed point)' : ` at ${unit} ${cx.min_step}`) + ` · final ${fixed(cx.final, 1)}`;
    let shown = cx.min;
    if (state.step !== null && cx.trajectory[state.step] !== undefined) {
      shown = cx.trajectory[state.step];
      figures = `${unit} ${state.step}: CX ${fixed(shown, 1)} · ${figures}`;
    }
    hudFigures.textContent = figures;
    cxFigure.textContent = `${fixed(cx.baseline, 1)} → ${fixed(shown, 1)}`;
  }

  // --- pan and zoom ----------------------------------------------------------------

  function size() {
    const r = root.getBoundingClientRect();
    return { width: Math.max(1, r.width), height: Math.max(1, r.height) };
  }

  function applyTransform() {
    viewport.setAttribute('transform', `translate(${state.tx},${state.ty}) scale(${state.k})`);
  }

  // The box of what the current view shows, in layout units.
  function contentBox() {
    if (state.view === 'whole' || state.onPaths.size === 0) return { x: 0, y: 0, width: layout.width, height: layout.height };
    let x0 = cxBox.x;
    let y0 = cxBox.y;
    let x1 = cxBox.x + cxBox.width;
    let y1 = cxBox.y + cxBox.height;
    const add = (x, y, w, h) => {
      x0 = Math.min(x0, x); y0 = Math.min(y0, y); x1 = Math.max(x1, x + w); y1 = Math.max(y1, y + h);
    };
    for (const id of state.onPaths) {
      const r = roles.get(id);
      if (!r) continue;
      const d = depts.get(r.data.department);
      if (d) add(d.data.x, d.data.y, d.data.width, d.data.height);
      else add(r.data.x - r.data.width / 2, r.data.y - r.data.height / 2, r.data.width, r.data.height);
    }
    return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
  }

  function fit() {
    layoutHud();
    const { width, height } = size();
    const s = hudSizes();
    const box = contentBox();
    const pad = 10;
    const availW = width - 2 * pad;
    const availH = height - s.top - s.bottom - 2 * pad;
    const k = Math.max(0.02, Math.min(availW / box.width, availH / box.height));
    state.k = k;
    state.tx = pad + (availW - box.width * k) / 2 - box.x * k;
    state.ty = s.top + pad + (availH - box.height * k) / 2 - box.y * k;
    state.moved = false;
    applyTransform();
  }

  function zoomBy(f, at = null) {
    const { width, height } = size();
    const [cx, cy] = at || [width / 2, height / 2];
    const k = Math.max(0.02, Math.min(20, state.k * f));
    const g = k / state.k;
    state.tx = cx - (cx - state.tx) * g;
    state.ty = cy - (cy - state.ty) * g;
    state.k = k;
    state.moved = true;
    applyTransform();
  }

  root.addEventListener('wheel', (e) => {
    e.preventDefault();
    const r = root.getBoundingClientRect();
    zoomBy(Math.exp(-e.deltaY * 0.0015), [e.clientX - r.left, e.clientY - r.top]);
  }, { passive: false });

  let drag = null;
  root.addEventListener('pointerdown', (e) => {
    if (e.button !== 0) return;
    drag = { x: e.clientX, y: e.clientY, tx: state.tx, ty: state.ty, moved: false };
  });
  root.addEventListener('pointermove', (e) => {
    if (drag) {
      const dx = e.clientX - drag.x;
      const dy = e.clientY - drag.y;
      if (!drag.moved && Math.hypot(dx, dy) > 4) {
        drag.moved = true;
        root.setPointerCapture(e.pointerId);
      }
      if (drag.moved) {
        state.tx = drag.tx + dx;
        state.ty = drag.ty + dy;
        state.moved = true;
        applyTransform();
        return;
      }
    }
    hover(e);
  });
  root.addEventListener('pointerup', (e) => {
    const wasDrag = drag && drag.moved;
    drag = null;
    if (wasDrag) return;
    const g = e.target.closest && e.target.closest('[data-role]');
    const id = g ? g.getAttribute('data-role') : null;
    highlightRole(id && id !== state.highlighted ? id : null);
    if (id && onRoleClick) onRoleClick(id);
  });
  root.addEventListener('pointerleave', () => { drag = null; hideTip(); });

  // --- hover -------------------------------------------------------------------------

  const tip = document.createElement('div');
  tip.className = 'diagram-tip';
  tip.setAttribute('data-testid', 'diagram-tip');
  tip.setAttribute('role', 'tooltip');
  tip.hidden = true;
  container.appendChild(tip);
  let hovered = null;

  function qAt(id) {
    const s = state.series.get(id);
    if (state.step !== null && s && s[state.step] !== undefined) return s[state.step];
    return state.peak.get(id) || 0;
  }

  function hover(e) {
    const g = e.target.closest && e.target.closest('[data-role]');
    const id = g ? g.getAttribute('data-role') : null;
    if (id !== hovered) {
      hovered = id;
      if (onRoleHover) onRoleHover(id);
    }
    if (!id) { hideTip(); return; }
    const r = roles.get(id).data;
    const lines = [r.name || r.id];
    const dept = depts.get(r.department);
    if (dept) lines.push(dept.data.name || dept.data.id);
    if (state.step !== null) lines.push(`q at ${unit} ${state.step}: ${fixed(qAt(id))}`);
    const peak = state.peak.get(id) || 0;
    lines.push(`peak q ${fixed(peak)}` + (peak > 0 && state.peakStep.has(id) ? ` (${unit} ${state.peakStep.get(id)})` : ''));
    if (state.failed.has(id)) lines.push(`failed: degraded ${Math.round(state.failed.get(id) * 100)}%`);
    lines.push(r.touchpoint > 0 ? `touchpoint weight ${fixed(r.touchpoint)}` : 'not a touchpoint');
    tip.replaceChildren(...lines.map((l, i) => {
      const div = document.createElement('div');
      div.textContent = l;
      if (i === 0) div.className = 'diagram-tip-name';
      return div;
    }));
    tip.hidden = false;
    const box = container.getBoundingClientRect();
    const x = e.clientX - box.left + 16;
    const y = e.clientY - box.top + 16;
    tip.style.left = `${Math.min(x, box.width - tip.offsetWidth - 4)}px`;
    tip.style.top = `${Math.min(y, box.height - tip.offsetHeight - 4)}px`;
  }

  function hideTip() {
    tip.hidden = true;
    if (hovered !== null) {
      hovered = null;
      if (onRoleHover) onRoleHover(null);
    }
  }

  // --- styling -------------------------------------------------------------------------

  let flows = new Map();   // edge key -> CX points; "from\u0000" for the edge into CX
  let maxFlow = 0;
  let extras = [];         // path edges the layout has not got (a dependency a what-if added)

  function colourRoles() {
    for (const [id, r] of roles) {
      const i = colourIndex(qAt(id));
      put(r.shape, 'fill', fills[i]);
      put(r.name, 'fill', inks[i]);
      put(r.detail, 'fill', inks[i]);
      const failed = state.failed.get(id);
      put(r.detail, 'font-weight', failed ? 'bold' : 'normal');
      const detail = failed ? `FAILED ${Math.round(failed * 100)}%` : `q ${fixed(qAt(id))}`;
      if (r.detail.textContent !== detail) r.detail.textContent = detail;
      put(r.shape, 'stroke', failed ? FAILED_RED : OUTLINE);
      put(r.shape, 'stroke-width', failed ? 6 : 1.5);
    }
    showFigures();
  }

  function styleEdge(edge, flow) {
    const on = flow > 0;
    const share = on && maxFlow > 0 ? flow / maxFlow : 0;
    const width = on ? 3 + 11 * share : 1.2;
    put(edge.path, 'stroke', on ? PATH_INK : QUIET_EDGE);
    put(edge.path, 'stroke-width', width.toFixed(1));
    if (edge.head) {
      put(edge.head, 'fill', on ? PATH_INK : QUIET_EDGE);
      const scale = on ? 1 + share : 1;
      if (edge.headScale !== scale) {  // most edges stay quiet: no new points string
        edge.headScale = scale;
        const base = edge.data.points[edge.data.points.length - 1];
        put(edge.head, 'points', arrowPoints(base, edge.data.arrow, scale));
      }
    }
    edge.on = on;
  }

  function styleEdges() {
    for (const [key, edge] of edges) styleEdge(edge, flows.get(key) || 0);
    for (const [from, edge] of cxEdges) styleEdge(edge, flows.get(`${from}\u0000`) || 0);
    for (const x of extras) { x.path.remove(); if (x.head) x.head.remove(); }
    extras = [];
    for (const [key, flow] of flows) {
      const [from, to] = key.split('\u0000');
      if (to === '' ? cxEdges.has(from) : edges.has(key)) continue;
      const a = roles.get(from);
      const b = to === '' ? null : roles.get(to);
      if (!a || (to !== '' && !b)) continue;
      const end = b ? [b.data.x, b.data.y] : [cxBox.x + cxBox.width / 2, cxBox.y + cxBox.height / 2];
      const gap = b ? Math.min(b.data.width, b.data.height) / 2 : Math.min(cxBox.width, cxBox.height) / 2;
      const s = straightArrow([a.data.x, a.data.y], end, gap);
      const edge = drawEdge({ from, to, points: s.points, arrow: s.tip }, b ? to : null, extraLayer);
      put(edge.path, 'stroke-dasharray', '12 6');
      styleEdge(edge, flow);
      extras.push(edge);
    }
  }

  // Which roles, edges and departments the view shows, and which are dimmed.
  function applyView() {
    const paths = state.view === 'paths' && state.onPaths.size > 0;
    const lit = highlightSets();
    const shownRole = (id) => !paths || state.onPaths.has(id);
    for (const [id, r] of roles) {
      put(r.g, 'display', shownRole(id) ? 'inline' : 'none');
      put(r.g, 'opacity', !lit || lit.roles.has(id) ? 1 : DIM);
    }
    const edgeShown = (e) => shownRole(e.from) && (e.to === null || shownRole(e.to)) && (!paths || e.on);
    const all = [...edges.values(), ...cxEdges.values(), ...extras];
    for (const e of all) {
      const show = edgeShown(e);
      const o = !lit || lit.edges.has(e) ? (e.on || paths ? 1 : 0.7) : DIM;
      put(e.path, 'display', show ? 'inline' : 'none');
      put(e.path, 'opacity', o);
      if (e.head) {
        put(e.head, 'display', show ? 'inline' : 'none');
        put(e.head, 'opacity', o);
      }
    }
    const used = new Set();
    for (const [id, r] of roles) if (shownRole(id)) used.add(r.data.department);
    for (const [id, d] of depts) put(d.g, 'display', used.has(id) ? 'inline' : 'none');
  }

  function highlightSets() {
    const id = state.highlighted;
    if (!id || !roles.has(id)) return null;
    const lit = { roles: new Set([id]), edges: new Set() };
    // Its paths to CX: the edges that bring it one hop closer to the customer each
    // time (feedback loops make nearly everything downstream of everything else).
    const queue = [id];
    while (queue.length) {
      const from = queue.shift();
      const r = roles.get(from);
      for (const e of r.out) {
        if (!(hops.get(e.to) < hops.get(from))) continue;
        lit.edges.add(e);
        if (!lit.roles.has(e.to)) { lit.roles.add(e.to); queue.push(e.to); }
      }
      if (r.cx) lit.edges.add(r.cx);
    }
    // What it depends on: its direct suppliers.
    for (const e of roles.get(id).in) { lit.edges.add(e); lit.roles.add(e.from); }
    for (const e of extras) if (lit.roles.has(e.from) && (e.to === null || lit.roles.has(e.to))) lit.edges.add(e);
    return lit;
  }

  function highlightRole(id) {
    state.highlighted = id && roles.has(id) ? id : null;
    for (const [rid, r] of roles) put(r.g, 'data-highlighted', rid === state.highlighted ? 'true' : 'false');
    applyView();
  }

  // Each role's peak, and its q per step where the answer has them.
  function readRoleSteps(roleSteps) {
    state.peak = new Map();
    state.peakStep = new Map();
    state.series = new Map();
    for (const r of roleSteps.roles) {
      state.peak.set(r.id, r.peak);
      state.peakStep.set(r.id, r.peak_step);
      if (r.q) state.series.set(r.id, r.q);
    }
  }

  // The steps of the run shown, asked after it (play, the scrubber): colours only.
  function setRoleSteps(roleSteps) {
    readRoleSteps(roleSteps);
    colourRoles();
  }

  function restyle(run) {
    state.run = run;
    if (run.role_steps) {
      readRoleSteps(run.role_steps);
    } else {
      state.peak = new Map();
      state.peakStep = new Map();
      state.series = new Map();
      for (const r of run.most_degraded || []) {
        state.peak.set(r.id, r.peak);
        state.peakStep.set(r.id, r.peak_step);
      }
    }
    state.failed = new Map();
    for (const f of run.scenario.failures || []) {
      state.failed.set(f.role, Math.max(state.failed.get(f.role) || 0, f.degrade));
    }
    flows = new Map();
    const onPaths = new Set(state.failed.keys());
    for (const p of (run.impact_paths ? run.impact_paths.paths : [])) {
      for (let i = 0; i < p.roles.length; i += 1) {
        onPaths.add(p.roles[i]);
        const key = i + 1 < p.roles.length ? `${p.roles[i]}\u0000${p.roles[i + 1]}` : `${p.roles[i]}\u0000`;
        flows.set(key, (flows.get(key) || 0) + p.cx_points);
      }
    }
    maxFlow = Math.max(0, ...flows.values());
    const viewChanged = onPaths.size !== state.onPaths.size || [...onPaths].some((id) => !state.onPaths.has(id));
    state.onPaths = onPaths;
    const steps = run.cx.trajectory.length - 1;
    if (state.step !== null && state.step > steps) state.step = steps;
    colourRoles();
    styleEdges();
    applyView();
    if (!state.fitted || (state.view === 'paths' && viewChanged && !state.moved)) {
      state.fitted = true;
      fit();
    }
    container.dataset.restyles = String(Number(container.dataset.restyles || 0) + 1);
  }

  function showStep(k) {
    state.step = k === null || k === undefined ? null : Math.max(0, Math.floor(k));
    container.dataset.step = state.step === null ? 'peak' : String(state.step);
    colourRoles();
  }

  function setView(view) {
    if (view !== 'paths' && view !== 'whole') throw new Error(`setView: 'paths' or 'whole', got '${view}'`);
    state.view = view;
    container.dataset.view = view;
    applyView();
    fit();
  }

  // --- full screen ------------------------------------------------------------------------

  function setFull(on) {
    state.full = on;
    fullFrame.classList.toggle('diagram-fullscreen', on);
    container.dataset.fullscreen = String(on);
    requestAnimationFrame(() => { layoutHud(); fit(); });
  }

  function toggleFullscreen() {
    const on = !state.full;
    if (on) {
      if (fullFrame.requestFullscreen) fullFrame.requestFullscreen().catch(() => { /* the class still fills the window */ });
    } else if (document.fullscreenElement && document.exitFullscreen) {
      document.exitFullscreen().catch(() => {});
    }
    setFull(on);
  }

  document.addEventListener('fullscreenchange', () => {
    if (!document.fullscreenElement && state.full) setFull(false);
  });

  document.addEventListener('keydown', (e) => {
    const t = e.target;
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    // Typing wins in text and number fields; on a slider the keys still reach the diagram.
    if (t && (t.isContentEditable || ['TEXTAREA', 'SELECT'].includes(t.tagName) ||
              (t.tagName === 'INPUT' && ['text', 'search', 'number', ''].includes(t.type)))) return;
    if (e.key === 'f' || e.key === 'F') { toggleFullscreen(); e.preventDefault(); }
    else if (e.key === '+' || e.key === '=') { zoomBy(ZOOM_STEP); e.preventDefault(); }
    else if (e.key === '-' || e.key === '_') { zoomBy(1 / ZOOM_STEP); e.preventDefault(); }
    else if (e.key === '0') { fit(); e.preventDefault(); }
    else if (e.key === 'Escape' && state.full) { toggleFullscreen(); }
  });

  if (typeof ResizeObserver === 'function') {
    let last = '';
    new ResizeObserver(() => {
      const s = size();
      const key = `${Math.round(s.width)}x${Math.round(s.height)}`;
      if (key === last) return;
      last = key;
      layoutHud();
      if (!state.moved) fit();
    }).observe(root);
  }

  // --- export ------------------------------------------------------------------------------

  function exportText() {
    const { width, height } = size();
    const copy = root.cloneNode(true);
    copy.setAttribute('width', String(Math.round(width)));
    copy.setAttribute('height', String(Math.round(height)));
    copy.setAttribute('viewBox', `0 0 ${Math.round(width)} ${Math.round(height)}`);
    copy.removeAttribute('style');
    copy.querySelector('rect').setAttribute('width', String(Math.round(width)));
    copy.querySelector('rect').setAttribute('height', String(Math.round(height)));
    return { text: new XMLSerializer().serializeToString(copy), width, height };
  }

  function exportSvg() {
    return new Blob([exportText().text], { type: 'image/svg+xml' });
  }

  function exportPng(scale = 2) {
    const { text: svgText, width, height } = exportText();
    const url = URL.createObjectURL(new Blob([svgText], { type: 'image/svg+xml' }));
    return new Promise((resolve, reject) => {
      const img = new Image();
      img.onload = () => {
        const canvas = document.createElement('canvas');
        canvas.width = Math.round(width * scale);
        canvas.height = Math.round(height * scale);
        const ctx = canvas.getContext('2d');
        ctx.fillStyle = '#ffffff';
        ctx.fillRect(0, 0, canvas.width, canvas.height);
        ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
        URL.revokeObjectURL(url);
        canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('the PNG could not be made'))), 'image/png');
      };
      img.onerror = () => { URL.revokeObjectURL(url); reject(new Error('the diagram could not be drawn as an image')); };
      img.src = url;
    });
  }

  function positions() {
    const out = {};
    for (const [id, r] of roles) {
      const m = /translate\(([-\d.e]+),([-\d.e]+)\)/.exec(r.g.getAttribute('transform'));
      out[id] = [Number(m[1]), Number(m[2])];
    }
    return out;
  }

  container.dataset.view = state.view;
  container.dataset.fullscreen = 'false';
  layoutHud();
  fit();
  background.setAttribute('data-testid', 'diagram-background');

  return {
    restyle, setRoleSteps, showStep, setView, fit, zoomBy: (f) => zoomBy(f), toggleFullscreen, highlightRole,
    exportSvg, exportPng, positions,
    get view() { return state.view; },
    get step() { return state.step; },
    get fullscreen() { return state.full; },
  };
}

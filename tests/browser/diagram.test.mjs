// Browser tests of the workshop page's impact diagram (viz/web/diagram.js): laid out once
// by the server (GET /api/layout), restyled per what-if. Debian's chromium driven by
// playwright-core, against the real server, at 1280x720 (a projector) and 1920x1080.
//
//   ORGSIM=build/orgsim node tests/browser/diagram.test.mjs      (from the repository root)
//
// Environment: ORGSIM (required), ORGSIM_BROWSER_OUT (screenshots; default a temporary
// folder), CHROMIUM (default /usr/bin/chromium). Exit 77 only when chromium cannot start.
// docs/images/diagram-*.png are copies of the screenshots this writes.

import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
const orgsim = process.env.ORGSIM;
if (!orgsim) {
  console.error('diagram.test.mjs: set ORGSIM to the orgsim binary');
  process.exit(2);
}
const outDir = process.env.ORGSIM_BROWSER_OUT || mkdtempSync(path.join(tmpdir(), 'orgsim-diagram-'));
mkdirSync(outDir, { recursive: true });
const chromiumPath = process.env.CHROMIUM || '/usr/bin/chromium';
const WAIT_MS = 30000;
const PNG_SIGNATURE = [137, 80, 78, 71, 13, 10, 26, 10];

let chromium;
try {
  ({ chromium } = await import('playwright-core'));
} catch (e) {
  console.error(`diagram.test.mjs: playwright-core is not installed (${e.message}); run npm ci --prefix tests/browser`);
  process.exit(1);
}
let browser;
try {
  browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-quic', '--no-first-run',
           '--disable-background-networking', '--disable-component-update', '--disable-sync',
           '--disable-default-apps', '--disable-extensions', '--mute-audio'],
    timeout: 60000,
  });
} catch (e) {
  console.log(`SKIP: chromium cannot start (${chromiumPath}): ${e.message.split('\n')[0]}`);
  process.exit(77);
}

function serve(args) {
  return new Promise((resolve, reject) => {
    const child = spawn(orgsim, ['serve', ...args, '--port', '0'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const timer = setTimeout(() => { child.kill('SIGTERM'); reject(new Error(`orgsim serve did not start: ${out}`)); }, WAIT_MS);
    child.stderr.on('data', (d) => { out += d; });
    child.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/ at (http:\/\/127\.0\.0\.1:\d+)\/(\?token=([0-9a-f]{32}))?\n/);
      if (m) {
        clearTimeout(timer);
        const exited = new Promise((r) => child.once('exit', (code) => r(code)));
        resolve({ url: m[1], token: m[3] || '', pageUrl: `${m[1]}/${m[2] || ''}`, stop: async () => { child.kill('SIGTERM'); return exited; } });
      }
    });
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`orgsim serve exited ${code}: ${out}`)); });
  });
}

async function openPage(server, viewport) {
  const context = await browser.newContext({ viewport, acceptDownloads: true });
  const page = await context.newPage();
  const requests = [];
  const posts = [];  // {url, body} of every POST
  const pageErrors = [];
  page.on('request', (r) => {
    requests.push(r.url());
    if (r.method() === 'POST') posts.push({ url: r.url(), body: r.postData() });
  });
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(server.pageUrl);
  await page.waitForSelector('body[data-ready=true]', { timeout: WAIT_MS });
  await waitRestyles(page, 1);
  return { context, page, requests, posts, pageErrors };
}

async function api(server, apiPath, body) {
  const res = await fetch(server.url + apiPath, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Orgsim-Token': server.token },
    body,
  });
  assert.equal(res.status, 200, `${apiPath}: ${res.status}`);
  return res.json();
}

// The fill of each role the diagram should show for a run with its steps: at step k, or
// at its peak (k null). Roles the failure never reaches have the first colour.
function expectedFills(layout, run, k) {
  const at = new Map(run.role_steps.roles.map((r) => [r.id, k === null ? r.peak : r.q[k]]));
  return Object.fromEntries(layout.roles.map((r) =>
    [r.id, layout.colours.fill[Math.max(0, Math.min(100, Math.round((at.get(r.id) || 0) * 100)))]]));
}

const simulatePosts = (posts, from) => posts.slice(from).filter((x) => new URL(x.url).pathname === '/api/simulate');

const restyles = (page) => page.evaluate(() => Number(document.getElementById('diagram').dataset.restyles || 0));

async function waitRestyles(page, atLeast) {
  await page.waitForFunction((n) => Number(document.getElementById('diagram').dataset.restyles || 0) >= n &&
    document.getElementById('diagram-status').textContent === '', atLeast, { timeout: WAIT_MS });
}

// The diagram's own positions and where each role stands on the screen.
async function where(page) {
  return page.evaluate(async () => {
    const d = await window.orgsimDiagram();
    const screen = {};
    for (const g of document.querySelectorAll('#diagram [data-testid=diagram-role]')) {
      const r = g.getBoundingClientRect();
      screen[g.getAttribute('data-role')] = [Math.round(r.x * 10) / 10, Math.round(r.y * 10) / 10];
    }
    return { layout: d.positions(), screen };
  });
}

async function fills(page) {
  return page.evaluate(() => Object.fromEntries([...document.querySelectorAll('#diagram [data-testid=diagram-role]')]
    .map((g) => [g.getAttribute('data-role'), g.firstElementChild.getAttribute('fill')])));
}

async function moveSlider(page, role, percent) {
  const before = await restyles(page);
  await page.locator(`[data-role="${role}"] input[data-testid=degrade]`).first().fill(String(percent));
  await waitRestyles(page, before + 1);
}

function checkOffline(requests, origin) {
  const outside = requests.filter((u) => !(u.startsWith(origin + '/') || u.startsWith(`blob:${origin}/`) || u.startsWith('data:')));
  assert.deepEqual(outside, [], 'the page asked for something outside the server');
  assert.ok(requests.some((u) => u.startsWith(`${origin}/api/layout`)), 'no layout request');
  assert.ok(requests.some((u) => u.startsWith(`${origin}/diagram.js`)), 'diagram.js not loaded');
}

const demo = 'scenarios/contact-center/slow-payments.yaml';

for (const viewport of [{ width: 1280, height: 720 }, { width: 1920, height: 1080 }]) {
  const size = `${viewport.width}x${viewport.height}`;
  describe(`impact diagram at ${size}`, () => {
    let server;
    let p;

    test('starts, draws every role of the demo and no Graphviz picture', async () => {
      server = await serve([demo]);
      p = await openPage(server, viewport);
      assert.equal(await p.page.locator('#diagram [data-testid=diagram-role]').count(), 32);
      assert.equal(await p.page.locator('#diagram [data-testid=diagram-cx]').count(), 1);
      assert.ok(!p.requests.some((u) => u.includes('/api/render')), 'the page still asks for /api/render');
      // The failed role is outlined in red and says so.
      const payments = p.page.locator('#diagram [data-role=payments]');
      assert.equal(await payments.locator('.role-detail').textContent(), 'FAILED 50%');
      assert.match(await p.page.locator('[data-testid=diagram-title]').textContent(), /Slow payment processing/);
      await p.page.screenshot({ path: path.join(outDir, `diagram-${size}.png`) });
    });

    test('node positions are the same across three different what-ifs', async () => {
      const { page } = p;
      const first = await where(page);
      assert.equal(Object.keys(first.layout).length, 32);
      await moveSlider(page, 'payments', 90);
      const second = await where(page);
      await moveSlider(page, 'telecom', 70);
      const third = await where(page);
      assert.deepEqual(second.layout, first.layout);
      assert.deepEqual(third.layout, first.layout);
      // The whole-org view is not refitted by a what-if: the screen positions hold too.
      assert.equal(await page.evaluate(async () => (await window.orgsimDiagram()).view), 'whole');
      assert.deepEqual(second.screen, first.screen);
      assert.deepEqual(third.screen, first.screen);
      const f = await fills(page);
      assert.notEqual(f.telecom, f.payroll, 'telecom failed at 70% but is coloured like an untouched role');
    });

    test('a slider move asks for peaks only; the steps come once, when play or the scrubber needs them', async () => {
      const { page } = p;
      const layout = await api(server, '/api/layout');
      let from = p.posts.length;
      await moveSlider(page, 'payments', 65);
      const asked = simulatePosts(p.posts, from);
      assert.ok(asked.length >= 1, 'no /api/simulate after the slider move');
      assert.deepEqual(asked.map((x) => new URL(x.url).search), asked.map(() => '?role_steps=peaks'),
        'a slider move asked for every role\'s q per step');
      // The peaks colour every role, not only the ten most degraded.
      const full = await api(server, '/api/simulate?role_steps=1', asked[asked.length - 1].body);
      assert.ok(full.role_steps.roles.length > full.most_degraded.length, 'the demo reaches too few roles to tell');
      assert.deepEqual(await fills(page), expectedFills(layout, full, null));

      // The scrubber: the steps are asked once, then kept for this what-if.
      from = p.posts.length;
      await page.locator('#step').fill('3');
      await page.waitForFunction(() => document.getElementById('diagram').dataset.step === '3' &&
        document.getElementById('diagram-status').textContent === '', undefined, { timeout: WAIT_MS });
      assert.deepEqual(await fills(page), expectedFills(layout, full, 3));
      await page.locator('#step').fill('6');
      await page.waitForFunction(() => document.getElementById('diagram').dataset.step === '6', undefined, { timeout: WAIT_MS });
      assert.deepEqual(await fills(page), expectedFills(layout, full, 6));
      await page.locator('#play').click();
      await page.waitForFunction(() => Number(document.body.dataset.step) >= 8, undefined, { timeout: WAIT_MS });
      await page.locator('#play').click();
      const stepAsks = simulatePosts(p.posts, from);
      assert.deepEqual(stepAsks.map((x) => new URL(x.url).search), ['?role_steps=1'], 'the steps were not asked exactly once');
      assert.equal(stepAsks[0].body, asked[asked.length - 1].body, 'the steps of another what-if');

      // A new what-if while a step is shown brings its steps with it (one request);
      // back at the peak, slider moves ask for peaks again.
      from = p.posts.length;
      await moveSlider(page, 'payments', 75);
      assert.deepEqual(simulatePosts(p.posts, from).map((x) => new URL(x.url).search), ['?role_steps=1']);
      await page.locator('#peak').click();
      from = p.posts.length;
      await moveSlider(page, 'payments', 90);
      assert.deepEqual(simulatePosts(p.posts, from).map((x) => new URL(x.url).search), ['?role_steps=peaks']);
    });

    test('the scrubber changes the fills, and Peak goes back to the peak', async () => {
      const { page } = p;
      if (await page.locator('#peak').isEnabled()) await page.locator('#peak').click();
      const peak = await fills(page);
      // The scrubber asks for this what-if's steps (the slider move brought peaks only).
      await page.locator('#step').fill('1');
      await page.waitForFunction(() => document.getElementById('diagram').dataset.step === '1', undefined, { timeout: WAIT_MS });
      const early = await fills(page);
      const changed = Object.keys(peak).filter((id) => peak[id] !== early[id]);
      assert.ok(changed.length >= 1, 'no role changed colour at step 1');
      assert.match(await page.locator('[data-testid=diagram-figures]').textContent(), /^day 1: CX \d+\.\d/);
      await page.locator('#peak').click();
      assert.deepEqual(await fills(page), peak);
    });

    test('hover shows q, peak and touchpoint weight; a click highlights and brings the slider', async () => {
      const { page } = p;
      const role = page.locator('#diagram [data-role=checkout]');
      await role.hover();
      const tip = page.locator('[data-testid=diagram-tip]');
      await tip.waitFor({ state: 'visible', timeout: WAIT_MS });
      const text = await tip.textContent();
      assert.match(text, /Website and online checkout/);
      assert.match(text, /peak q \d\.\d\d/);
      assert.match(text, /touchpoint weight \d\.\d\d/);
      await role.click();
      assert.equal(await role.getAttribute('data-highlighted'), 'true');
      // What it does not reach nor depend on is dimmed.
      assert.equal(await page.locator('#diagram [data-role=payroll]').getAttribute('opacity'), '0.15');
      await page.waitForFunction(() => document.activeElement && document.activeElement.closest('[data-role=checkout]') !== null &&
        document.activeElement.tagName === 'INPUT', undefined, { timeout: WAIT_MS });
      await role.click();  // again: highlight off
      assert.equal(await role.getAttribute('data-highlighted'), 'false');
    });

    test('exports a PNG and an SVG', async () => {
      const { page } = p;
      const head = await page.evaluate(async () => {
        const b = await (await window.orgsimDiagram()).exportPng();
        return [...new Uint8Array(await b.arrayBuffer()).slice(0, 8)];
      });
      assert.deepEqual(head, PNG_SIGNATURE);
      const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#diagram-export-png').click()]);
      const saved = path.join(outDir, `export-${size}.png`);
      await download.saveAs(saved);
      assert.deepEqual([...readFileSync(saved).subarray(0, 8)], PNG_SIGNATURE);
      const svgText = await page.evaluate(async () => (await window.orgsimDiagram()).exportSvg().text());
      assert.match(svgText, /^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
      assert.match(svgText, /Payment processing/);
      writeFileSync(path.join(outDir, `export-${size}.svg`), svgText);
    });

    test('full screen "paths only" of the demo: every role label at least 16 px tall, CX figures shown', async () => {
      // A fresh page: the demo as it starts (the tests above changed the what-if).
      const fresh = await openPage(server, viewport);
      p.requests.push(...fresh.requests);
      const { page } = fresh;
      await page.locator('#diagram-panel h2').click();
      await page.keyboard.press('f');
      await page.waitForFunction(() => document.getElementById('diagram').dataset.fullscreen === 'true', undefined, { timeout: WAIT_MS });
      if ((await page.locator('#diagram-view').getAttribute('aria-pressed')) !== 'true') await page.locator('#diagram-view').click();
      await page.waitForTimeout(300);  // the fit after the frame's new size
      const m = await page.evaluate(() => {
        const box = document.getElementById('diagram').getBoundingClientRect();
        const labels = [];
        for (const g of document.querySelectorAll('#diagram [data-testid=diagram-role]')) {
          if (g.getAttribute('display') === 'none') continue;
          for (const t of g.querySelectorAll('.role-label tspan')) {
            const r = t.getBoundingClientRect();
            labels.push({ role: g.getAttribute('data-role'), text: t.textContent, height: r.height, inside: r.left >= box.left - 1 && r.right <= box.right + 1 && r.top >= box.top - 1 && r.bottom <= box.bottom + 1 });
          }
        }
        const cx = document.querySelector('#diagram [data-testid=diagram-cx]').getBoundingClientRect();
        return { labels, frame: [box.width, box.height], cxInside: cx.right <= box.right + 1 && cx.bottom <= box.bottom + 1, figures: document.querySelector('[data-testid=diagram-figures]').textContent };
      });
      await page.screenshot({ path: path.join(outDir, `diagram-${size}-full.png`) });
      assert.ok(m.labels.length >= 3, `only ${m.labels.length} labels shown`);
      assert.ok(m.frame[0] >= viewport.width - 40, `full screen frame ${m.frame}`);
      const small = m.labels.filter((l) => l.height < 16);
      assert.deepEqual(small, [], `labels under 16 px: ${JSON.stringify(small)}`);
      assert.deepEqual(m.labels.filter((l) => !l.inside), [], 'labels outside the frame');
      assert.ok(m.cxInside, 'the CX node is cut off');
      assert.match(m.figures, /CX \d+\.\d → worst \d+\.\d/);
      const shown = m.labels.map((l) => l.role);
      assert.ok(shown.includes('payments') && !shown.includes('payroll'), JSON.stringify([...new Set(shown)]));
      console.log(`# ${size} full screen paths only: ${m.labels.length} label lines, smallest ${Math.min(...m.labels.map((l) => l.height)).toFixed(1)} px`);
      await page.keyboard.press('f');
      await page.waitForFunction(() => document.getElementById('diagram').dataset.fullscreen === 'false', undefined, { timeout: WAIT_MS });
      assert.deepEqual(fresh.pageErrors, []);
      await fresh.context.close();
    });

    test('the page asks only its own server and has no script errors', async () => {
      checkOffline(p.requests, server.url);
      assert.deepEqual(p.pageErrors, []);
      await p.context.close();
      assert.equal(await server.stop(), 0);
    });
  });
}

// Names from the model are text, never markup.
describe('a model with markup in its names', () => {
  test('shows the names as text', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'orgsim-diagram-names-'));
    const model = path.join(dir, 'model.yaml');
    writeFileSync(model, [
      'name: Markup',
      'departments:',
      '  - id: d',
      '    name: "<b>Dept</b>"',
      'roles:',
      '  - id: a',
      '    name: "<img src=x onerror=alert(1)> & co"',
      '    department: d',
      '    touchpoint: 1',
      '  - id: b',
      '    name: "B <script>"',
      '    department: d',
      'dependencies:',
      '  - {role: a, depends_on: b, weight: 0.5}',
      '',
    ].join('\n'));
    const server = await serve([model]);
    try {
      const p = await openPage(server, { width: 1280, height: 720 });
      const names = await p.page.evaluate(() => [...document.querySelectorAll('#diagram .role-label')].map((t) => t.textContent));
      assert.ok(names.some((n) => n.includes('<img src=x')), JSON.stringify(names));
      assert.equal(await p.page.locator('#diagram img, #diagram script, #diagram b').count(), 0);
      assert.deepEqual(p.pageErrors, []);
      await p.context.close();
    } finally {
      await server.stop();
    }
  });
});

after(async () => {
  await browser.close();
  console.log(`# screenshots in ${outDir}`);
});

// What the browser tests of `orgsim serve` share (workshop.test.mjs, room.test.mjs):
// Debian's chromium through playwright-core, a server started on a free port, a page
// with a request log. Exit code 77 (ctest's SKIP_RETURN_CODE) only when chromium
// cannot start at all.
//
// Environment:
//   ORGSIM              the orgsim binary (required; ctest passes it)
//   ORGSIM_BROWSER_OUT  folder for screenshots, downloads and latency.json
//                       (default: a new temporary folder; never the repository)
//   CHROMIUM            the browser (default /usr/bin/chromium)

import assert from 'node:assert/strict';
import { spawn, execFile } from 'node:child_process';
import { mkdtempSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

export const execFileP = promisify(execFile);
const here = path.dirname(fileURLToPath(import.meta.url));
export const root = path.resolve(here, '..', '..');

export const orgsim = process.env.ORGSIM;
if (!orgsim) {
  console.error('tests/browser: set ORGSIM to the orgsim binary');
  process.exit(2);
}
export const outDir = process.env.ORGSIM_BROWSER_OUT || mkdtempSync(path.join(tmpdir(), 'orgsim-browser-'));
mkdirSync(outDir, { recursive: true });
const chromiumPath = process.env.CHROMIUM || '/usr/bin/chromium';
export const WAIT_MS = 30000;

let chromium;
try {
  ({ chromium } = await import('playwright-core'));
} catch (e) {
  console.error(`tests/browser: playwright-core is not installed (${e.message}); ` +
                'run scripts/setup.sh or npm ci --prefix tests/browser');
  process.exit(1);
}

// The flags Chromium needs as root in a container, and those that keep it from
// reaching any outside host (../shared/stack.md). playwright-core gives it a new empty
// profile folder of its own.
export let browser;
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

// Starts `orgsim serve ARGS --port 0` and resolves with { url, token, pageUrl, stop } once
// it listens: url is the origin, pageUrl what it printed (url/?token=..., the URL to open).
export function serve(args) {
  return new Promise((resolve, reject) => {
    const child = spawn(orgsim, ['serve', ...args, '--port', '0'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    const timer = setTimeout(() => { child.kill('SIGTERM'); reject(new Error(`orgsim serve did not start: ${out}${err}`)); }, WAIT_MS);
    child.stderr.on('data', (d) => { err += d; });
    child.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/ at (http:\/\/127\.0\.0\.1:\d+)\/(\?token=([0-9a-f]{32}))?\n/);
      if (m) {
        clearTimeout(timer);
        const exited = new Promise((r) => child.once('exit', (code, signal) => r({ code, signal, out, err })));
        resolve({
          url: m[1],
          token: m[3] || '',
          pageUrl: `${m[1]}/${m[2] || ''}`,
          stop: async () => { child.kill('SIGTERM'); return exited; },
        });
      }
    });
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`orgsim serve exited ${code}: ${out}${err}`)); });
  });
}

export async function runJson(scenario, extra = []) {
  const { stdout } = await execFileP(orgsim, ['run', scenario, '--json', '-', ...extra], { cwd: root, maxBuffer: 64 << 20 });
  // The text report comes first; the JSON document is the last thing printed.
  return JSON.parse(stdout.slice(stdout.indexOf('\n{') + 1));
}

// The API as the page calls it: JSON, with the server's token (docs/api.md "Security").
export async function post(server, apiPath, body) {
  const res = await fetch(server.url + apiPath, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Orgsim-Token': server.token },
    body: JSON.stringify(body),
  });
  assert.equal(res.status, 200, `${apiPath}: ${res.status}`);
  return res.json();
}

export async function getJson(server, apiPath) {
  const res = await fetch(server.url + apiPath, { headers: { 'X-Orgsim-Token': server.token } });
  assert.equal(res.status, 200, `${apiPath}: ${res.status}`);
  return res.json();
}

export const fmt1 = (x) => Number(x).toFixed(1);  // how the page shows CX figures

export const updates = (page) => page.evaluate(() => Number(document.body.dataset.updates || 0));

export async function waitUpdates(page, atLeast) {
  await page.waitForFunction((n) => Number(document.body.dataset.updates || 0) >= n, atLeast, { timeout: WAIT_MS });
}

// The diagram follows each update asynchronously (a step shown may wait for the run's
// steps): wait until it says it is neither drawing nor loading.
export async function waitDiagram(page) {
  await page.waitForFunction(() => {
    const status = document.getElementById('diagram-status');
    return !status || !/drawing|loading/.test(status.textContent);
  }, undefined, { timeout: WAIT_MS });
}

// For a screenshot: the diagram drawn for the last update (its status empty), or, after
// `ms`, as it is (the picture is diagram.js's; this only times the shot).
export async function settleDiagram(page, ms = 15000) {
  await page.waitForTimeout(400);  // the page asks for the diagram once the hand rests
  await page.waitForFunction(() => {
    const status = document.getElementById('diagram-status');
    return !status || status.textContent === '';
  }, undefined, { timeout: ms }).catch(() => {});
}

// A page with a request log: every URL it asks for, the runs it was answered, its
// script errors. `viewport`: {width, height}.
export async function openPage(server, { viewport = { width: 1920, height: 1080 }, initScript } = {}) {
  const context = await browser.newContext({ viewport, acceptDownloads: true });
  const page = await context.newPage();
  const requests = [];
  const runs = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('response', async (r) => {
    const p = new URL(r.url()).pathname;
    if (p === '/api/simulate' && r.status() === 200) {
      try { runs.push({ path: p, body: await r.json() }); } catch (e) { /* aborted by a newer change */ }
    }
  });
  const pageErrors = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  if (initScript) await page.addInitScript(initScript);
  await page.goto(server.pageUrl);
  await page.waitForSelector('body[data-ready=true]', { timeout: WAIT_MS });
  await waitUpdates(page, 1);
  await waitDiagram(page);
  return { context, page, requests, runs, pageErrors };
}

// Moves a role's slider the way a hand does (an input event) and waits for the
// figures of the change.
export async function moveSlider(page, role, percent) {
  const before = await updates(page);
  await page.locator(`div[data-testid=role][data-role="${role}"] input[data-testid=degrade]`).fill(String(percent));
  await waitUpdates(page, before + 1);
  await waitDiagram(page);
}

export const text = (page, id) => page.locator(`#${id}`).textContent();
export const lastRun = (runs) => runs[runs.length - 1].body;

// The window as a projector shows it, and the whole page below it.
export async function shoot(page, name) {
  await page.evaluate(() => document.activeElement && document.activeElement.blur());
  await page.screenshot({ path: path.join(outDir, `${name}.png`) });
  await page.screenshot({ path: path.join(outDir, `${name}-full.png`), fullPage: true });
}

export function checkOffline(requests, origin) {
  const outside = requests.filter((u) => !(u.startsWith(origin + '/') || u.startsWith(`blob:${origin}/`) || u.startsWith('data:')));
  assert.deepEqual(outside, [], 'the page asked for something outside the server');
  assert.ok(requests.length >= 5, `only ${requests.length} requests logged`);
}

// Whether a locator's box lies inside the viewport (the room sees it without scrolling).
export async function inViewport(page, locator) {
  const box = await locator.boundingBox();
  const vp = page.viewportSize();
  return !!box && box.x >= 0 && box.y >= 0 && box.x + box.width <= vp.width + 0.5 && box.y + box.height <= vp.height + 0.5;
}

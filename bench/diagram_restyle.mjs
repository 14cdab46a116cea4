// Restyle latency of the workshop page's impact diagram on a generated model: a slider
// moved (an input event) -> the diagram restyled with that what-if -> the frame painted
// (the task after the next animation frame). Also the restyle alone: restyle(run) with
// the run in hand -> painted. Debian's chromium via tests/browser's playwright-core.
//
//   ORGSIM=build/orgsim node bench/diagram_restyle.mjs [ROLES=300] [CHANGES=40] [--exported]
//
// --exported measures the file `orgsim export s0001.yaml -o workshop.html` writes, opened
// from file://, where the engine in WebAssembly answers instead of `orgsim serve`
// (ORGSIM_ENGINE or the source tree's build-em/orgsim_engine.js: make export-assets).
// Prints one JSON line: p50/p95/max of both, in ms (docs/performance.md "Impact diagram").

import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const orgsim = process.env.ORGSIM || path.join(root, 'build', 'orgsim');
const exported = process.argv.includes('--exported');
const [rolesArg, changesArg] = process.argv.slice(2).filter((a) => a !== '--exported');
const roles = Number(rolesArg || 300);
const changes = Number(changesArg || 40);
const { chromium } = await import(path.join(root, 'tests/browser/node_modules/playwright-core/index.mjs'));

const dir = mkdtempSync(path.join(tmpdir(), 'orgsim-restyle-'));
execFileSync(orgsim, ['generate', '--roles', String(roles), '--departments', '12', '--seed', '7',
                      '--scenarios', '1', '-o', dir, '--force'], { cwd: root });
const scenario = path.join(dir, 'scenarios', 's0001.yaml');
let child = null;
let pageUrl;
if (exported) {
  const file = path.join(dir, 'workshop.html');
  execFileSync(orgsim, ['export', scenario, '-o', file], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  pageUrl = pathToFileURL(file).href;
} else {
  child = spawn(orgsim, ['serve', scenario, '--port', '0'], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  pageUrl = await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/ at (http:\/\/127\.0\.0\.1:\d+\/(\?token=[0-9a-f]{32})?)\n/);
      if (m) resolve(m[1]);
    });
    child.once('exit', (code) => reject(new Error(`orgsim serve exited ${code}`)));
  });
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-quic', '--no-first-run',
         '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const page = await (await browser.newContext({ viewport: { width: 1920, height: 1080 } })).newPage();
  await page.goto(pageUrl);
  await page.waitForSelector('body[data-ready=true]');
  await page.waitForFunction(() => Number(document.getElementById('diagram').dataset.restyles || 0) >= 1, undefined, { timeout: 60000 });
  // The observer: input event -> data-restyles raised -> painted.
  await page.evaluate(() => {
    const probe = { inputAt: 0, paintedAt: 0 };
    window.__restyle = probe;
    document.addEventListener('input', () => { probe.inputAt = performance.now(); probe.paintedAt = 0; }, true);
    new MutationObserver(() => {
      if (!probe.inputAt || probe.paintedAt) return;
      requestAnimationFrame(() => setTimeout(() => { probe.paintedAt = performance.now(); }, 0));
    }).observe(document.getElementById('diagram'), { attributes: true, attributeFilter: ['data-restyles'] });
  });
  // The page's API: the server's, or in an exported file its stand-in (viz/web/offline.js).
  await page.evaluate(() => {
    window.__api = async (route, body) => {
      if (window.orgsimOffline) return JSON.parse((await window.orgsimOffline.api(route, body)).text);
      const headers = { 'Content-Type': 'application/json', 'X-Orgsim-Token': sessionStorage.getItem('orgsim-token') || '' };
      const init = body === undefined ? { headers } : { method: 'POST', headers, body: JSON.stringify(body) };
      return (await fetch(route, init)).json();
    };
  });
  const model = await page.evaluate(() => window.__api('/api/model'));
  const role = [...model.roles].sort((a, b) => b.touchpoint - a.touchpoint || a.id.localeCompare(b.id))[0].id;
  const endToEnd = [];
  for (let i = 0; i < changes; i += 1) {
    const percent = i % 2 === 0 ? 1 + i / 2 : 100 - (i - 1) / 2;
    await page.locator(`[data-role="${role}"] input[data-testid=degrade]`).first().fill(String(percent));
    await page.waitForFunction(() => window.__restyle.paintedAt > 0, undefined, { timeout: 30000 });
    endToEnd.push(await page.evaluate(() => window.__restyle.paintedAt - window.__restyle.inputAt));
    await page.waitForTimeout(50);
  }
  // The restyle alone: two runs in hand, restyled in turn.
  const restyleOnly = await page.evaluate(async (n) => {
    const d = await window.orgsimDiagram();
    const model = await window.__api('/api/model');
    const runs = [];
    for (const degrade of [0.2, 0.9]) {
      const body = { ...model.scenario, failures: [{ role: model.roles[0].id, degrade, from: 0, to: null }, ...model.scenario.failures] };
      runs.push(await window.__api('/api/simulate?role_steps=1', body));
    }
    const out = [];
    for (let i = 0; i < n; i += 1) {
      const t0 = performance.now();
      d.restyle(runs[i % 2]);
      await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
      out.push(performance.now() - t0);
    }
    return out;
  }, changes);
  const stats = (xs) => {
    const s = [...xs].sort((a, b) => a - b);
    const at = (p) => s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)];
    return { p50: +at(0.5).toFixed(1), p95: +at(0.95).toFixed(1), max: +s[s.length - 1].toFixed(1) };
  };
  console.log(JSON.stringify({ page: exported ? 'exported' : 'served', roles, changes, role, input_to_painted_ms: stats(endToEnd), restyle_to_painted_ms: stats(restyleOnly), chromium: browser.version() }));
} finally {
  await browser.close();
  if (child) child.kill('SIGTERM');
}

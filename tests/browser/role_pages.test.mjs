// The trainer's set of role pages (`orgsim diagram MODEL --all --interactive -o DIR`,
// issue 17) in Debian's chromium, opened from file:// with every request that is not
// for a file aborted, after the folder was moved (as a learning platform would host
// it): a role page loads, the degrade slider and the duration change the figures (the
// same as `orgsim run --json` of that what-if), clicking a neighbour in the picture
// opens its page, and "All roles" leads back to the index. At 1280x720; screenshots of
// a role page and of the index go to ORGSIM_BROWSER_OUT.
//
//   ORGSIM=build/orgsim ORGSIM_ENGINE=build-em/orgsim_engine.js node tests/browser/role_pages.test.mjs
//
// Exit code 77 (ctest's SKIP_RETURN_CODE) when the engine was not built and neither CI
// nor ORGSIM_REQUIRE_WASM is set, as tests/browser/offline.test.mjs.

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, cpSync, existsSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const enginePath = process.env.ORGSIM_ENGINE;
if (!enginePath || !existsSync(enginePath)) {
  const why = `role_pages.test.mjs: the engine ${enginePath || '(ORGSIM_ENGINE unset)'} does not exist: build it with \`make export-assets\``;
  if (process.env.CI || process.env.ORGSIM_REQUIRE_WASM) {
    console.error(`${why} (CI or ORGSIM_REQUIRE_WASM is set: the test must run)`);
    process.exit(1);
  }
  console.error(`${why}; skipped`);
  process.exit(77);
}

const { browser, execFileP, orgsim, outDir, root, runJson, fmt1, text, WAIT_MS } = await import('./harness.mjs');

const model = path.join(root, 'scenarios/contact-center/model.yaml');
const written = path.join(outDir, 'role-pages');
const moved = path.join(outDir, 'role-pages-moved');
rmSync(written, { recursive: true, force: true });
rmSync(moved, { recursive: true, force: true });
const { stdout } = await execFileP(orgsim, ['diagram', model, '--all', '--interactive', '-o', written, '--engine', enginePath], { cwd: root });
cpSync(written, moved, { recursive: true });
rmSync(written, { recursive: true, force: true });  // nothing may point back at it

const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
const requests = [];
await context.route('**/*', (route) => (route.request().url().startsWith('file:') ? route.continue() : route.abort()));
const page = await context.newPage();
page.on('request', (r) => requests.push(r.url()));
const pageErrors = [];
page.on('pageerror', (e) => pageErrors.push(e.message));
const consoleErrors = [];
page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });

after(async () => { await browser.close(); });

const ready = () => page.waitForSelector('body[data-ready=true]', { timeout: WAIT_MS });
const updates = () => page.evaluate(() => Number(document.body.dataset.updates || 0));
const waitUpdates = (n) => page.waitForFunction((m) => Number(document.body.dataset.updates || 0) >= m, n, { timeout: WAIT_MS });

test('the command writes the index, 32 pages and the shared assets', () => {
  assert.match(stdout, /^Wrote .*index\.html and 32 role pages \(\d+ KB shared in .*assets\/\)/);
  const files = readdirSync(moved);
  assert.equal(files.filter((f) => f.endsWith('.html')).length, 33);
  assert.ok(files.includes('payroll.html') && files.includes('assets'));
});

test('a role page loads from file:// with no request but files', async () => {
  await page.goto(pathToFileURL(path.join(moved, 'payroll.html')).href);
  await ready();
  assert.equal(await page.locator('#error').isHidden(), true, await text(page, 'error'));
  assert.equal(await text(page, 'role-name'), 'Payroll');
  assert.equal(await text(page, 'cx-baseline'), '85.0');
  assert.notEqual(await text(page, 'cx-min'), '–');
  assert.ok(await page.locator('#paths li a').count() > 0, 'no paths listed');
  // The role's picture: it failed (its red outline and label), its paths drawn.
  assert.equal(await page.locator('#diagram [data-role=payroll] .role-detail').textContent(), 'FAILED 50%');
  assert.ok(await page.locator('#diagram [data-role=voice-agents]').isVisible(), 'voice agents (on a path) not drawn');
  assert.equal(await page.locator('#diagram [data-role=sponsors]').isVisible(), false, 'a role off the paths is drawn');
  await page.screenshot({ path: path.join(outDir, 'role-page.png') });
});

test('the slider and the duration change the figures, as orgsim run computes them', async () => {
  const before = await text(page, 'cx-min');
  let n = await updates();
  await page.locator('#degrade').fill('90');
  await waitUpdates(n + 1);
  await page.waitForFunction((m) => document.getElementById('cx-min').textContent !== m, before, { timeout: WAIT_MS });
  assert.equal(await text(page, 'degrade-value'), '90%');
  const at90 = await text(page, 'cx-min');
  n = await updates();
  await page.locator('#duration').fill('5');
  await waitUpdates(n + 1);
  await page.waitForFunction((m) => document.getElementById('cx-min').textContent !== m, at90, { timeout: WAIT_MS });
  // The same what-if as a scenario file, run by the CLI.
  copyFileSync(model, path.join(outDir, 'model.yaml'));
  const scenario = path.join(outDir, 'role-page-what-if.yaml');
  writeFileSync(scenario, 'name: payroll 90% for 5 days\nmodel: model.yaml\nsteps: 30\n' +
    'failures:\n  - {role: payroll, degrade: 0.9, from: 0, to: 5}\n');
  const cli = await runJson(scenario);
  assert.equal(await text(page, 'cx-min'), fmt1(cli.cx.min));
  assert.equal(await text(page, 'cx-final'), fmt1(cli.cx.final));
  // 0%: no failure, no path, CX stays where it was.
  n = await updates();
  await page.locator('#degrade').fill('0');
  await waitUpdates(n + 1);
  assert.equal(await text(page, 'cx-min'), '85.0');
  assert.match(await text(page, 'paths'), /above 0%/);
  // No failure to outline: the whole model shows and the highlight marks the role.
  assert.equal(await page.locator('#diagram [data-role=payroll]').getAttribute('data-highlighted'), 'true');
  await page.locator('#degrade').fill('50');
});

test('clicking a neighbour in the picture opens its page', async () => {
  const node = page.locator('#diagram [data-role=voice-agents]');
  await node.waitFor({ state: 'visible', timeout: WAIT_MS });
  await Promise.all([page.waitForURL(/voice-agents\.html$/, { timeout: WAIT_MS }), node.click()]);
  await ready();
  assert.equal(await text(page, 'role-name'), 'Voice agents');
  assert.equal(await page.locator('#error').isHidden(), true, await text(page, 'error'));
});

test('"All roles" leads to the index, which links every role', async () => {
  await Promise.all([page.waitForURL(/index\.html$/, { timeout: WAIT_MS }), page.locator('[data-testid=back]').click()]);
  assert.equal(await page.locator('.roles a').count(), 32);
  assert.equal(await page.locator('a[href="payroll.html"]').textContent(), 'Payroll');
  await page.screenshot({ path: path.join(outDir, 'role-index.png') });
});

test('nothing but files was requested, and nothing failed', () => {
  const outside = requests.filter((u) => !u.startsWith('file:') && !u.startsWith('data:'));
  assert.deepEqual(outside, []);
  assert.ok(requests.every((u) => !u.startsWith('file:') || u.startsWith(pathToFileURL(moved).href)), 'a request left the folder');
  assert.deepEqual(pageErrors, []);
  assert.deepEqual(consoleErrors, []);
});

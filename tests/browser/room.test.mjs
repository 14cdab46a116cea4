// The workshop page in a room (issue 11): at a projector's 1280x720 and a screen's
// 1920x1080, on the contact-center demo. Time you can play, undo, errors in view, the
// failed role on screen at load, what-ifs side by side and their CSV, a header on one
// line, nothing fetched from outside. Debian's chromium via playwright-core
// (harness.mjs).
//
//   ORGSIM=build/orgsim node tests/browser/room.test.mjs      (from the repository root)

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  browser, checkOffline, execFileP, orgsim, root, fmt1, getJson, inViewport, moveSlider, openPage, outDir, post, serve,
  settleDiagram, shoot, text, updates, waitDiagram, waitUpdates, WAIT_MS,
} from './harness.mjs';

const demo = 'scenarios/contact-center/slow-payments.yaml';
const slider = (page, role) => page.locator(`div[data-testid=role][data-role="${role}"] input[data-testid=degrade]`);

// Every fill painted in the diagram, in document order: a change of colour anywhere shows.
const diagramFills = (page) => page.evaluate(() =>
  [...document.querySelectorAll('#diagram svg *')].map((e) => getComputedStyle(e).fill).join('|'));

for (const viewport of [{ width: 1280, height: 720 }, { width: 1920, height: 1080 }]) {
  const size = `${viewport.width}x${viewport.height}`;

  describe(`the page in a room at ${size}`, () => {
    let server;
    let p;
    let model;

    before(async () => {
      server = await serve([demo]);
      p = await openPage(server, { viewport });
      model = await getJson(server, '/api/model');
    });
    after(async () => {
      if (p) await p.context.close();
      if (server) assert.equal((await server.stop()).code, 0);
    });

    test('the failed role is listed first and its slider is on screen at load', async () => {
      const { page } = p;
      assert.equal(await page.evaluate(() => window.scrollY), 0);
      const first = page.locator('#in-scenario div[data-testid=role]');
      assert.deepEqual(await first.evaluateAll((rows) => rows.map((r) => r.dataset.role)), ['payments']);
      assert.equal(await page.locator('#in-scenario h3').textContent(), 'In this scenario');
      assert.ok(await inViewport(page, slider(page, 'payments')), 'the payments slider is below the fold');
      assert.equal(await slider(page, 'payments').inputValue(), '50');
      // Listed once: not again under its department.
      assert.equal(await page.locator('div[data-testid=role][data-role=payments]').count(), 1);
      await settleDiagram(page);
      await shoot(page, `room-${size}-load`);
    });

    test('the figures and the whole impact diagram are on screen at load, beside the controls', async () => {
      const { page } = p;
      assert.equal(await page.evaluate(() => window.scrollY), 0);
      await page.evaluate(() => window.orgsimDiagram());
      assert.ok(await inViewport(page, page.locator('#gauge')), 'the CX figures are off screen');
      assert.ok(await inViewport(page, page.locator('#play')), 'the play button is off screen');
      assert.ok(await inViewport(page, page.locator('#diagram')), 'the impact diagram is below the fold');
      assert.ok(await inViewport(page, page.locator('#diagram [data-testid=diagram-cx]')), 'the CX node is off screen');
      const box = await page.locator('#diagram').boundingBox();
      // Most of the window's height and more than half its width: a picture, not a stamp.
      assert.ok(box.height >= viewport.height * 0.5, `the diagram is ${box.height} px tall`);
      assert.ok(box.width >= viewport.width * 0.55, `the diagram is ${box.width} px wide`);
      // Names readable in the list: the failed role's name is not cut.
      const name = page.locator('#in-scenario div[data-testid=role] .name');
      assert.ok(await name.evaluate((n) => n.scrollWidth <= n.clientWidth), 'the failed role\'s name is cut');
    });

    test('the header holds on one line', async () => {
      const { page } = p;
      const boxes = await page.locator('header > *:visible').evaluateAll((items) =>
        items.map((e) => { const r = e.getBoundingClientRect(); return { top: r.top, bottom: r.bottom, id: e.id }; }));
      const header = await page.locator('header').evaluate((h) => ({ height: h.getBoundingClientRect().height, scroll: h.scrollWidth, width: h.clientWidth }));
      assert.ok(boxes.length >= 4, JSON.stringify(boxes));
      // One line: every item overlaps the first vertically, and nothing overflows.
      for (const b of boxes) assert.ok(b.top < boxes[0].bottom && b.bottom > boxes[0].top, `${b.id} wrapped: ${JSON.stringify(boxes)}`);
      assert.ok(header.scroll <= header.width, `header overflows: ${JSON.stringify(header)}`);
      assert.ok(header.height < 64, `header ${header.height} px tall`);
      for (const id of ['undo', 'redo', 'reset', 'save', 'load']) assert.ok(await inViewport(page, page.locator(`#${id}`)), `#${id} off screen`);
    });

    test('the skip link comes first, and / finds a role', async () => {
      const { page } = p;
      // Nothing was focused since the page loaded: the first Tab starts at the top.
      await page.keyboard.press('Tab');
      assert.equal(await page.evaluate(() => document.activeElement.id), 'skip-link');
      assert.ok(await inViewport(page, page.locator('#skip-link')));
      await page.keyboard.press('Enter');
      assert.equal(await page.evaluate(() => document.activeElement.dataset.role), 'payments');
      await page.keyboard.press('/');
      assert.equal(await page.evaluate(() => document.activeElement.id), 'role-search');
      await page.keyboard.press('Escape');
    });

    test('which roles matter most: asked once on screen, `orgsim rank`\'s first role first, a click shows it', async () => {
      const { page } = p;
      const { stdout } = await execFileP(orgsim, ['rank', demo, '--json', '-'], { cwd: root });
      const ranked = JSON.parse(stdout).roles;
      // Below the diagram: not asked at load, so it never delays the figures or the diagram.
      assert.equal(await inViewport(page, page.locator('#ranking')), false);
      assert.deepEqual(p.requests.filter((u) => u.includes('/api/rank')), []);
      await page.locator('#ranking').scrollIntoViewIfNeeded();
      const rows = page.locator('[data-testid=rank-role]');
      await rows.first().waitFor({ timeout: WAIT_MS });
      assert.equal(await rows.count(), Math.min(10, ranked.length));
      assert.equal(await rows.first().getAttribute('data-role'), ranked[0].role_id);
      assert.equal(await rows.first().locator('.rank-name').evaluate((n) => n.firstChild.textContent), ranked[0].role_name);
      assert.equal(await rows.first().locator('.num').textContent(), `−${ranked[0].cx_points.toFixed(2)}`);
      assert.equal(await rows.nth(1).getAttribute('data-role'), ranked[1].role_id);
      // The failing role is marked in words, not only by colour.
      const failing = rows.locator('.failing');
      for (const row of await rows.all()) {
        const marked = await row.locator('.failing').count();
        assert.equal(marked, (await row.getAttribute('data-role')) === 'payments' ? 1 : 0);
      }
      assert.ok(await failing.count() <= 1);
      await shoot(page, `room-${size}-ranking`);
      // A click: the role lit on the diagram, its slider focused (as the diagram's click).
      await rows.first().click();
      const id = ranked[0].role_id;
      await page.locator(`#diagram [data-role="${id}"][data-highlighted=true]`).waitFor({ timeout: WAIT_MS });
      assert.equal(await page.evaluate(() => document.activeElement.closest('[data-testid=role]')?.dataset.role), id);
      await page.evaluate(() => window.orgsimDiagram().then((d) => d.highlightRole(null)));
      await page.evaluate(() => { document.activeElement.blur(); window.scrollTo(0, 0); });
    });

    test('play advances the step, with a cursor on the CX chart', async () => {
      const { page } = p;
      assert.equal(await text(page, 'step-label'), 'peak: each role at its worst');
      await page.locator('#play').click();
      assert.equal(await page.locator('#play').getAttribute('aria-pressed'), 'true');
      await page.waitForFunction(() => Number(document.body.dataset.step) >= 3, undefined, { timeout: WAIT_MS });
      const a = Number(await page.evaluate(() => document.body.dataset.step));
      await page.waitForFunction((k) => Number(document.body.dataset.step) > k, a, { timeout: WAIT_MS });
      await page.locator('#play').click();  // pause
      assert.equal(await page.locator('#play').getAttribute('aria-pressed'), 'false');
      const k = await page.evaluate(() => document.body.dataset.step);
      assert.equal(await page.locator('#cx-chart').getAttribute('data-cursor-step'), k);
      assert.equal(await page.locator('#step').inputValue(), k);
      assert.match(await text(page, 'step-label'), new RegExp(`^${model.time_unit || 'step'} ${k} · CX \\d+\\.\\d$`));
      // Played to the end, it stops there.
      await page.locator('#step').fill(String(Number(await page.locator('#step').getAttribute('max')) - 2));
      await page.locator('#play').click();
      await page.waitForFunction(() => document.getElementById('play').getAttribute('aria-pressed') === 'false', undefined, { timeout: WAIT_MS });
      assert.equal(await page.locator('#step').inputValue(), await page.locator('#step').getAttribute('max'));
      await page.locator('#peak').click();
      assert.equal(await page.evaluate(() => document.body.dataset.step), 'peak');
      assert.equal(await page.locator('#cx-chart').getAttribute('data-cursor-step'), '');
    });

    test('play changes the colour of at least one role in the diagram', async (t) => {
      const { page } = p;
      // diagram.js loads the layout after the page is ready: wait for it, if it is there.
      const hasDiagram = await page.evaluate(() => (window.orgsimDiagram ? window.orgsimDiagram().then((d) => !!d) : false));
      if (!hasDiagram) {
        t.skip('SKIP: viz/web/diagram.js is not in this build (state.diagram absent): no colours to compare');
        return;
      }
      await page.locator('#step').fill('0');
      const atStart = await diagramFills(page);
      await page.locator('#play').click();
      await page.waitForFunction(() => Number(document.body.dataset.step) >= 8, undefined, { timeout: WAIT_MS });
      await page.locator('#play').click();
      assert.notEqual(await diagramFills(page), atStart, 'no fill changed between step 0 and step 8');
      await page.locator('#peak').click();
    });

    test('undo restores the previous figures, redo brings the change back', async () => {
      const { page } = p;
      const before = { min: await text(page, 'cx-min'), final: await text(page, 'cx-final') };
      await moveSlider(page, 'payments', 95);
      await page.waitForFunction((m) => document.getElementById('cx-min').textContent !== m, before.min, { timeout: WAIT_MS });
      const changed = await text(page, 'cx-min');
      // Ctrl+Z with the slider focused: the page's undo, not the browser's.
      let n = await updates(page);
      await slider(page, 'payments').focus();
      await page.keyboard.press('Control+z');
      await waitUpdates(page, n + 1);
      assert.equal(await slider(page, 'payments').inputValue(), '50');
      assert.equal(await text(page, 'cx-min'), before.min);
      assert.equal(await text(page, 'cx-final'), before.final);
      assert.equal(await page.locator('#redo').isEnabled(), true);
      n = await updates(page);
      await page.keyboard.press('Control+Shift+Z');
      await waitUpdates(page, n + 1);
      assert.equal(await slider(page, 'payments').inputValue(), '95');
      assert.equal(await text(page, 'cx-min'), changed);
      // The buttons do the same.
      n = await updates(page);
      await page.locator('#undo').click();
      await waitUpdates(page, n + 1);
      assert.equal(await text(page, 'cx-min'), before.min);
      assert.equal(await page.locator('#undo').isDisabled(), true, 'nothing before the start to undo');
      await waitDiagram(page);
    });

    test('a role typed by a wrong name gets a "did you mean" beside the field', async () => {
      const { page } = p;
      await page.locator('#change-role').fill('Payment procesing');
      await page.locator('#change-kind').selectOption('touchpoint');
      await page.locator('#change-add').click();
      const note = page.locator('#change-role-error');
      assert.equal(await note.textContent(), "unknown role 'Payment procesing'; did you mean 'Payment processing'?");
      assert.equal(await page.locator('#change-role').getAttribute('aria-invalid'), 'true');
      assert.ok(await inViewport(page, note), 'the message is off screen');
      assert.equal(await page.locator('div[data-testid=change]').count(), 0);
    });

    test('an error of the what-if shows beside its field and in view, and the figures are marked not updated', async () => {
      const { page } = p;
      const figures = await text(page, 'cx-min');
      // By name, as the room says it: payments becomes a touchpoint (0 at first: fine).
      let n = await updates(page);
      await page.locator('#change-role').fill('Payment processing');
      await page.locator('#change-kind').selectOption('touchpoint');
      await page.locator('#change-add').click();
      await waitUpdates(page, n + 1);
      assert.equal(await page.locator('#change-role-error').count(), 0);
      const value = page.locator('input[data-testid=change-value]').first();
      assert.equal(await value.getAttribute('aria-label'), 'Payment processing: touchpoint weight');
      // 0.9 more touchpoint weight: the weights sum over 1, the server refuses it.
      await value.fill('0.9');
      await page.locator('#stale-note').waitFor({ state: 'visible', timeout: WAIT_MS });
      const note = page.locator('div[data-testid=change] [data-testid=field-error]');
      await note.waitFor({ state: 'visible' });
      assert.match(await note.textContent(), /^touchpoint weights sum to more than 1/);
      // "Not updated" is said beside the field too, not only over the figures.
      assert.match(await note.textContent(), /figures are not updated until this is fixed/);
      assert.equal(await value.getAttribute('aria-invalid'), 'true');
      assert.ok(await inViewport(page, note), 'the message beside the field is off screen');
      assert.ok(await inViewport(page, value), 'the field is off screen');
      assert.ok(await inViewport(page, page.locator('#error')), 'the error bar is off screen');
      // The error bar covers neither the field nor its message.
      const bar = await page.locator('#error').boundingBox();
      for (const [what, box] of [['field', await value.boundingBox()], ['message', await note.boundingBox()]]) {
        const overlap = box.y < bar.y + bar.height && bar.y < box.y + box.height && box.x < bar.x + bar.width && bar.x < box.x + box.width;
        assert.ok(!overlap, `the error bar covers the ${what}: ${JSON.stringify({ bar, box })}`);
      }
      assert.match(await text(page, 'error'), /changes\[0\]\.touchpoint: touchpoint weights sum to more than 1/);
      assert.equal(await page.locator('#gauge').getAttribute('data-stale'), 'true');
      assert.equal(await text(page, 'cx-min'), figures, 'the figures changed although the what-if failed');
      // The ranking is of the last structure that worked: dimmed with the other figures.
      const rankingOpacity = () => page.locator('#ranking-list').evaluate((e) => Number(getComputedStyle(e).opacity));
      assert.ok(await rankingOpacity() < 1, 'the ranking is not marked as not updated');
      await shoot(page, `room-${size}-error`);
      // Fixed: the marks go.
      n = await updates(page);
      await value.fill('0');
      await waitUpdates(page, n + 1);
      assert.equal(await page.locator('#stale-note').isHidden(), true);
      assert.equal(await page.locator('#error').isHidden(), true);
      assert.equal(await page.locator('[data-testid=field-error]').count(), 0);
      assert.equal(await page.locator('#gauge').getAttribute('data-stale'), 'false');
      assert.equal(await rankingOpacity(), 1);
      n = await updates(page);
      await page.locator('button[data-testid=change-remove]').click();
      await waitUpdates(page, n + 1);
      await waitDiagram(page);
    });

    test('what-ifs side by side, and their table as CSV', async () => {
      const { page } = p;
      // Keep two what-ifs beside the start: payments at 80 %, then at 80 % with a backup.
      await moveSlider(page, 'payments', 80);
      await page.locator('#scenario-name').fill('Payments at 80%');
      let n = await updates(page);
      await page.locator('#scenario-name').press('Enter');
      await waitUpdates(page, n + 1);
      await page.locator('#keep').click();
      const rows = page.locator('tr[data-testid=compare-row]');
      assert.equal(await rows.count(), 2);
      assert.equal(await text(page, 'kept-count'), '2 of 6 kept');

      const expected = await post(server, '/api/simulate', { ...model.scenario, failures: [{ ...model.scenario.failures[0], degrade: 0.8 }] });
      assert.equal(await rows.nth(1).locator('.worst').textContent(), fmt1(expected.cx.min));

      await page.locator('#compare-table input[data-testid=compare-show]').nth(1).check();  // the start
      assert.equal(await page.locator('#cx-chart').getAttribute('data-series'), '3');
      // The table fits the window: no sideways scrolling on a projector.
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `the page is ${overflow} px wider than the window`);
      await page.evaluate(() => window.scrollTo(0, 0));
      await settleDiagram(page);
      await shoot(page, `room-${size}-side-by-side`);
      await page.locator('#compare').scrollIntoViewIfNeeded();
      await shoot(page, `room-${size}-table`);

      const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#compare-csv').click()]);
      assert.equal(download.suggestedFilename(), 'contact-center-what-ifs.csv');
      const file = path.join(outDir, `what-ifs-${size}.csv`);
      await download.saveAs(file);
      const lines = readFileSync(file, 'utf8').split('\r\n');
      assert.equal(lines[0], 'what_if,mode,worst_cx,worst_step,final_cx,recovery_step,linear_drop_cx_points,top_path,top_path_cx_points,time_unit');
      assert.equal(lines.length, 5, 'header, the current what-if, two kept, and the final line end');
      assert.match(lines[1], /^Payments at 80%,dynamic,/);
      assert.match(lines[2], /^Slow payment processing \(start\),dynamic,/);
      assert.equal(lines[3].split(',')[2], String(expected.cx.min));

      // Showing and keeping are undoable changes too: the tick first, then the keep.
      await page.locator('#undo').click();
      assert.equal(await page.locator('#cx-chart').getAttribute('data-series'), '2');
      assert.equal(await rows.count(), 2);
      await page.locator('#undo').click();
      assert.equal(await rows.count(), 1);
      await page.locator('#redo').click();
      assert.equal(await rows.count(), 2);
    });

    test('the description is saved with the what-if', async () => {
      const { page } = p;
      assert.equal(await page.locator('#description-note').isVisible(), (model.scenario.description || '') !== '');
      await page.locator('#description').fill('Payments at 80 % for ten days: what the room asked at 10:40.');
      assert.equal(await page.locator('#description-note').isHidden(), true);
      const [download] = await Promise.all([
        page.waitForEvent('download', { timeout: WAIT_MS }).catch(async (e) => {
          throw new Error(`no download (${e.message.split('\n')[0]}); the page says: ${await text(page, 'error')}`);
        }),
        page.locator('#save').click()]);
      const file = path.join(outDir, `described-${size}.yaml`);
      await download.saveAs(file);
      assert.match(readFileSync(file, 'utf8'), /^description: "?Payments at 80 % for ten days: what the room asked at 10:40\."?$/m);
    });

    test('the page asks only the server it came from, and has no script errors', () => {
      checkOffline(p.requests, server.url);
      assert.deepEqual(p.pageErrors, []);
    });
  });
}

after(async () => {
  await browser.close();
  console.log(`# screenshots and downloads in ${outDir}`);
});

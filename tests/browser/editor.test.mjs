// The model editor (`orgsim serve MODEL --edit`, issue 16) in a real browser at a
// projector's 1280x720: a 5-role model built from nothing, connected and weighted; a
// validation error shown on its element, then fixed; undo and redo; Save, and the
// saved file through `orgsim validate`; the saved file opened again. Debian's chromium
// via playwright-core (harness.mjs).
//
//   ORGSIM=build/orgsim node tests/browser/editor.test.mjs      (from the repository root)

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { browser, execFileP, orgsim, outDir, root, serve, WAIT_MS } from './harness.mjs';

const folder = mkdtempSync(path.join(tmpdir(), 'orgsim-editor-'));
const modelFile = path.join(folder, 'shop.yaml');

// Every change is checked by the server: wait until the check of the last one is shown.
const checked = (page) => page.waitForFunction(
  () => document.body.dataset.checked === document.body.dataset.version, undefined, { timeout: WAIT_MS });

const rowOf = (page, kind, index) => page.locator(`tr[data-kind=${kind}][data-index="${index}"]`);
const problemsOf = (page, kind, index) => page.locator(`tr[data-problems-of="${kind}:${index}"] li`);

async function open(server) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  const pageErrors = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(server.pageUrl);
  await page.waitForSelector('body[data-ready=true]', { timeout: WAIT_MS });
  await checked(page);
  return { context, page, pageErrors };
}

// Adds an item with its button (pressed from the keyboard) and types into its new row.
async function addDepartment(page, id, name) {
  await page.locator('#add-department').focus();
  await page.keyboard.press('Enter');
  const n = await page.locator('tr[data-kind=department]').count();
  const row = rowOf(page, 'department', n - 1);
  // The new row's id field has the focus, its text selected: typing replaces it.
  assert.equal(await page.evaluate(() => document.activeElement.dataset.field), 'id');
  await page.keyboard.type(id);
  await row.locator('input[data-field=name]').fill(name);
}

async function addRole(page, { id, name, department, touchpoint }) {
  await page.locator('#add-role').click();
  const n = await page.locator('tr[data-kind=role]').count();
  const row = rowOf(page, 'role', n - 1);
  await row.locator('input[data-field=id]').fill(id);
  await row.locator('input[data-field=name]').fill(name);
  await row.locator('select[data-field=department]').selectOption({ label: department });
  if (touchpoint !== undefined) await row.locator('input[data-field=touchpoint]').fill(String(touchpoint));
}

async function addDependency(page, role, dependsOn, weight) {
  await page.locator('#add-dependency').click();
  const n = await page.locator('tr[data-kind=dependency]').count();
  const row = rowOf(page, 'dependency', n - 1);
  await row.locator('select[data-field=role]').selectOption({ label: role });
  await row.locator('select[data-field=depends_on]').selectOption({ label: dependsOn });
  await row.locator('input[data-field=weight]').fill(String(weight));
}

async function save(page) {
  const before = Number(await page.evaluate(() => document.body.dataset.saves || 0));
  await page.keyboard.press('Control+S');
  await page.waitForFunction((n) => Number(document.body.dataset.saves || 0) > n, before, { timeout: WAIT_MS });
  return page.locator('#message').textContent();
}

describe('the model editor', () => {
  let server;
  let p;

  before(async () => {
    server = await serve([modelFile, '--edit']);
    p = await open(server);
  });
  after(async () => {
    if (p) await p.context.close();
    if (server) assert.equal((await server.stop()).code, 0);
  });

  test('a new file starts empty, and says what is missing', async () => {
    const { page } = p;
    assert.equal(existsSync(modelFile), false);
    assert.match(await page.locator('#file').textContent(), /shop\.yaml \(new/);
    assert.equal(await page.locator('#model-name').inputValue(), 'shop');
    // The loader's own words, on the lists they are about.
    assert.equal(await page.locator('#departments-problems li').textContent(), "error: field 'departments' must not be empty");
    assert.equal(await page.locator('#roles-problems li').textContent(), "error: field 'roles' must not be empty");
    assert.match(await page.locator('#status').textContent(), /^2 errors/);
  });

  test('build five roles in three departments, connect them and weigh each dependency', async () => {
    const { page } = p;
    await page.locator('#model-name').fill('Online shop');
    await addDepartment(page, 'finance', 'Finance');
    await addDepartment(page, 'it', 'IT');
    await addDepartment(page, 'support', 'Customer support');
    await addRole(page, { id: 'payments', name: 'Payment processing', department: 'Finance' });
    await addRole(page, { id: 'payroll', name: 'Payroll', department: 'Finance' });
    await addRole(page, { id: 'web', name: 'Web team', department: 'IT' });
    await addRole(page, { id: 'agents', name: 'Voice agents', department: 'Customer support', touchpoint: 0.5 });
    await addRole(page, { id: 'chat', name: 'Chat <b>agents</b>', department: 'Customer support', touchpoint: 0.3 });
    await addDependency(page, 'Voice agents', 'Payroll', 0.3);
    await addDependency(page, 'Voice agents', 'Payment processing', 0.4);
    await addDependency(page, 'Chat <b>agents</b>', 'Web team', 0.6);
    await addDependency(page, 'Web team', 'Payment processing', 0.2);
    await checked(page);
    assert.equal(await page.locator('tr[data-kind=role]').count(), 5);
    assert.equal(await page.locator('[data-testid=diagram-role]').count(), 5);
    assert.equal(await page.locator('[data-testid=diagram-edge]').count(), 4);
    // A name is text, never markup: in the table, the selects and the diagram.
    assert.equal(await page.locator('#diagram b, #dependencies b').count(), 0);
    assert.match(await page.locator('[data-testid=diagram-role]', { hasText: 'Chat <b>' }).textContent(), /Chat <b>agents/);
    assert.equal(await page.locator('#status').textContent(), 'valid · unsaved changes');
    assert.equal(await page.locator('#problems li').textContent(), 'None: orgsim validate accepts this model.');
  });

  test('an error is shown on its element, and goes once fixed', async () => {
    const { page } = p;
    const weight = rowOf(page, 'dependency', 2).locator('input[data-field=weight]');
    await weight.fill('1.5');
    await checked(page);
    assert.deepEqual(await problemsOf(page, 'dependency', 2).allTextContents(), ['error: weight must be in (0, 1], got 1.5']);
    assert.equal(await weight.getAttribute('aria-invalid'), 'true');
    assert.equal(await rowOf(page, 'dependency', 2).getAttribute('data-problem'), 'error');
    assert.equal(await page.locator('[data-testid=diagram-edge].error').count(), 1);
    assert.match(await page.locator('#status').textContent(), /^1 error/);
    // Touchpoints over 1 in all: said at the role that tips the sum, on its touchpoint.
    const chatTouch = rowOf(page, 'role', 4).locator('input[data-field=touchpoint]');
    await chatTouch.fill('0.6');
    await checked(page);
    assert.deepEqual(await problemsOf(page, 'role', 4).allTextContents(),
      ["error: touchpoint weights sum to more than 1 (1.1 after role 'chat'): the CX score could fall below 0"]);
    assert.equal(await chatTouch.getAttribute('aria-invalid'), 'true');
    await page.screenshot({ path: path.join(outDir, 'editor-1280x720-errors.png') });
    // A model with errors is not saved.
    assert.match(await save(page), /^not saved: the model has 2 errors/);
    assert.equal(existsSync(modelFile), false);
    // Fixed: the messages go.
    await chatTouch.fill('0.3');
    await weight.fill('0.6');
    await checked(page);
    assert.equal(await page.locator('tr.row-problems:not([hidden])').count(), 0);
    assert.equal(await page.locator('[aria-invalid]').count(), 0);
    assert.equal(await page.locator('#status').textContent(), 'valid · unsaved changes');
  });

  test('undo and redo with the keyboard', async () => {
    const { page } = p;
    await page.locator('#add-role').click();
    await checked(page);
    assert.equal(await page.locator('tr[data-kind=role]').count(), 6);
    // The new role reaches no touchpoint: a warning on it.
    assert.match((await problemsOf(page, 'role', 5).allTextContents()).join(), /warning: role 'role-6' has no path to any touchpoint/);
    await page.keyboard.press('Control+Z');
    await checked(page);
    assert.equal(await page.locator('tr[data-kind=role]').count(), 5);
    await page.keyboard.press('Control+Y');
    await checked(page);
    assert.equal(await page.locator('tr[data-kind=role]').count(), 6);
    await page.keyboard.press('Control+Z');
    await checked(page);
    assert.equal(await page.locator('tr[data-kind=role]').count(), 5);
    // Removing a role takes its dependencies with it; undo brings both back.
    await rowOf(page, 'role', 2).locator('button.remove').click();
    assert.equal(await page.locator('tr[data-kind=dependency]').count(), 2);
    await page.locator('#undo').click();
    await checked(page);
    assert.equal(await page.locator('tr[data-kind=dependency]').count(), 4);
    assert.equal(await page.locator('#status').textContent(), 'valid · unsaved changes');
  });

  test('a drag from one box to another draws a dependency', async () => {
    const { page } = p;
    const box = async (name) => page.locator('[data-testid=diagram-role]', { hasText: name }).boundingBox();
    const from = await box('Payroll');
    const to = await box('Chat <b>agents');
    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await page.mouse.down();
    await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 8 });
    assert.equal(await page.locator('[data-testid=drag-line]').count(), 1);
    await page.mouse.up();
    await checked(page);
    assert.equal(await page.locator('[data-testid=drag-line]').count(), 0);
    assert.equal(await page.locator('tr[data-kind=dependency]').count(), 5);
    const row = rowOf(page, 'dependency', 4);
    // Chat agents now depend on payroll; its weight has the focus, ready to type.
    assert.equal(await row.locator('select[data-field=role] option:checked').textContent(), 'Chat <b>agents</b>');
    assert.equal(await row.locator('select[data-field=depends_on] option:checked').textContent(), 'Payroll');
    assert.equal(await page.evaluate(() => document.activeElement.dataset.field), 'weight');
    assert.equal(await page.locator('[data-testid=diagram-edge]').count(), 5);
    await page.keyboard.press('Control+Z');
    await checked(page);
    assert.equal(await page.locator('tr[data-kind=dependency]').count(), 4);
  });

  test('the editor at 1280x720 (screenshot)', async () => {
    const { page } = p;
    await page.evaluate(() => document.activeElement && document.activeElement.blur());
    await page.screenshot({ path: path.join(outDir, 'editor-1280x720.png') });
    // The header and the whole diagram are on screen.
    const diagram = await page.locator('#diagram svg').boundingBox();
    assert.ok(diagram && diagram.y + diagram.height <= 720, JSON.stringify(diagram));
    for (const id of ['undo', 'redo', 'save', 'status']) {
      const box = await page.locator(`#${id}`).boundingBox();
      assert.ok(box && box.x + box.width <= 1280 && box.y + box.height <= 720, `#${id} off screen`);
    }
  });

  test('save writes a file orgsim validate accepts, and it opens again the same', async () => {
    const { page, pageErrors } = p;
    assert.match(await save(page), /^Saved shop\.yaml \(\d+ bytes\)/);
    assert.equal(await page.locator('#status').textContent(), 'valid · saved');
    const { stdout } = await execFileP(orgsim, ['validate', modelFile], { cwd: root });
    assert.equal(stdout, `${modelFile}: ok: model with 5 roles, 3 departments, 4 dependencies; 0 warnings\n`);
    const text = readFileSync(modelFile, 'utf8');
    assert.match(text, /^name: Online shop\n/);
    assert.match(text, /- \{role: chat, depends_on: web, weight: 0\.6\}/);
    assert.match(text, /name: "Chat <b>agents<\/b>"/);
    assert.deepEqual(pageErrors, []);

    // The saved file in a new editor: the same model, and Save writes the same bytes.
    const again = await serve([modelFile, '--edit']);
    const q = await open(again);
    try {
      assert.equal(await q.page.locator('#file').textContent(), 'shop.yaml');
      assert.deepEqual(await q.page.locator('tr[data-kind=role] input[data-field=id]').evaluateAll((e) => e.map((x) => x.value)),
        ['payments', 'payroll', 'web', 'agents', 'chat']);
      assert.equal(await q.page.locator('#status').textContent(), 'valid · saved');
      assert.match(await save(q.page), /^Saved/);
      assert.equal(readFileSync(modelFile, 'utf8'), text);
      assert.deepEqual(q.pageErrors, []);
    } finally {
      await q.context.close();
      await again.stop();
    }
  });
});

after(async () => {
  await browser.close();
  rmSync(folder, { recursive: true, force: true });
});

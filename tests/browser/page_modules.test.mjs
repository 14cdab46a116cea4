// The page's pure modules (viz/web/units.js, history.js, role_names.js, whatifs.js) in
// node, without a browser: the words of time, undo steps, roles by name, the CSV.
//
//   node --test tests/browser/page_modules.test.mjs

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pluralUnit, timeWords } from '../../viz/web/units.js';
import { History } from '../../viz/web/history.js';
import { RoleNames } from '../../viz/web/role_names.js';
import { comparisonCsv, CSV_HEADER, runFigures } from '../../viz/web/whatifs.js';

test('windows are written one way, in the model unit', () => {
  assert.deepEqual(['day', 'step', 'batch', 'study', 'business-day'].map(pluralUnit),
    ['days', 'steps', 'batches', 'studies', 'business-days']);
  const d = timeWords('day');
  assert.equal(d.range(0, 15), 'days 0-14');
  assert.equal(d.range(3, 4), 'day 3');
  assert.equal(d.range(3, null), 'days 3 to the end');
  assert.equal(d.step(12), 'day 12');
  assert.equal(timeWords(undefined).range(0, 10), 'steps 0-9');
});

test('undo: a burst on one control is one step, any other change a step of its own', async () => {
  let live = 'a';
  const h = new History(() => live, (s) => { live = s; }, { restMs: 20 });
  h.reset();
  live = 'b'; h.note('slider');
  live = 'c'; h.note('slider');  // the same drag
  live = 'd'; h.note();          // a click: its own step, and the drag is recorded first
  assert.equal(h.undo(), true);
  assert.equal(live, 'c');
  assert.equal(h.undo(), true);
  assert.equal(live, 'a');
  assert.equal(h.undo(), false);
  assert.equal(h.redo(), true);
  assert.equal(live, 'c');
  live = 'e'; h.note('slider');
  await new Promise((r) => setTimeout(r, 40));  // the hand rests
  assert.equal(h.canRedo(), false, 'a new change drops the redo steps');
  assert.equal(h.undo(), true);
  assert.equal(live, 'c');
});

test('roles are picked by name, id or "Name (id)", with a did-you-mean', () => {
  const names = new RoleNames([{ id: 'payments', name: 'Payment processing' },
    { id: 'web', name: 'Website' }, { id: 'web2', name: 'Website' }]);
  assert.deepEqual(names.labels(), ['Payment processing', 'Website (web)', 'Website (web2)']);
  assert.deepEqual(names.resolve('payment processing'), { id: 'payments' });
  assert.deepEqual(names.resolve('payments'), { id: 'payments' });
  assert.deepEqual(names.resolve('Website (web2)'), { id: 'web2' });
  assert.deepEqual(names.resolve('Payment procesing'), { error: "unknown role 'Payment procesing'; did you mean 'Payment processing'?" });
  assert.deepEqual(names.resolve('Website'), { error: "unknown role 'Website'; did you mean 'Website (web)'?" });
  assert.deepEqual(names.resolve('zzzz'), { error: "unknown role 'zzzz'" });
});

test('the comparison CSV: one header, numbers unrounded, formulas defused', () => {
  const run = {
    scenario: { mode: 'dynamic' },
    cx: { min: 79.94081040440461, min_step: 11, final: 85, degraded: true, recovery_step: 24 },
    impact_paths: { total_cx_points: 6.1, paths: [{ roles: ['payments', 'web'], cx_points: 3.8 }] },
  };
  const f = runFigures(run, (id) => ({ payments: 'Payment processing', web: 'Website, online' }[id]));
  const csv = comparisonCsv([{ name: '=HYPERLINK("x")', figures: f }], 'day');
  const lines = csv.split('\r\n');
  assert.equal(lines[0], CSV_HEADER.join(','));
  assert.equal(lines[1], `"'=HYPERLINK(""x"")",dynamic,${run.cx.min},11,85,24,6.1,"Payment processing → Website, online",3.8,day`);
  assert.equal(lines[2], '');
});

// The WebAssembly engine (wasm/, built by `make export-assets`) against the native one:
// every scenario in scenarios/ run both ways, the CX trajectory and the static fixed
// point (every role's q and the CX) equal to 1e-12, `orgsim rank --json` (linear and
// --exact) against Engine.rank to 1e-12 with the same order, and Engine.simulate's and
// simulatePeaks's documents equal to the server's POST /api/simulate answers (without and
// with ?role_steps=peaks). The model and the what-if reach the
// engine as the page gets them: `orgsim serve SCENARIO` (loopback, any free port) and
// its GET /api/model, whose `scenario` is the scenario's what-if.
//
//   ORGSIM=build/orgsim ORGSIM_ENGINE=build-em/orgsim_engine.js node tests/wasm/engine.test.mjs
//
// Exit code 77 (ctest's SKIP_RETURN_CODE) when the engine was not built and neither CI
// nor ORGSIM_REQUIRE_WASM is set: emscripten is not part of the ordinary build. Under CI
// and in `make check`/`make test` (which build the engine first) a missing engine fails.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFile } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const execFileP = promisify(execFile);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const orgsim = process.env.ORGSIM;
const enginePath = process.env.ORGSIM_ENGINE;
const TOLERANCE = 1e-12;

if (!orgsim || !enginePath) {
  console.error('engine.test.mjs: set ORGSIM (the orgsim binary) and ORGSIM_ENGINE (orgsim_engine.js)');
  process.exit(2);
}
if (!existsSync(enginePath)) {
  const why = `engine.test.mjs: ${enginePath} does not exist: build it with \`make export-assets\``;
  if (process.env.CI || process.env.ORGSIM_REQUIRE_WASM) {
    console.error(`${why} (CI or ORGSIM_REQUIRE_WASM is set: the test must run)`);
    process.exit(1);
  }
  console.error(`${why}; skipped (emscripten is optional outside CI and make test)`);
  process.exit(77);
}
const OrgsimEngine = createRequire(import.meta.url)(path.resolve(enginePath));
const engineModule = await OrgsimEngine();

// Every scenario file (a YAML file with a top-level `model:` line) and every model.
function inputs(dir) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) out.push(...inputs(file));
    else if (name.endsWith('.yaml')) out.push(file);
  }
  return out;
}
const files = inputs(path.join(root, 'scenarios'));

// GET /api/model from `orgsim serve file`, and POST /api/simulate of its starting
// what-if, dynamic and static; then the server is stopped.
async function served(file) {
  const server = spawn(orgsim, ['serve', file, '--port', '0', '--no-token'],
                       { stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    const url = await new Promise((resolve, reject) => {
      let text = '';
      const timer = setTimeout(() => reject(new Error(`no URL from orgsim serve: ${text}`)), 30000);
      const read = (chunk) => {
        text += chunk;
        const m = text.match(/http:\/\/127\.0\.0\.1:\d+\//);
        if (m) { clearTimeout(timer); resolve(m[0]); }
      };
      server.stdout.on('data', read);
      server.stderr.on('data', read);
      server.on('exit', (code) => reject(new Error(`orgsim serve exited ${code}: ${text}`)));
    });
    const res = await fetch(`${url}api/model`);
    assert.equal(res.status, 200);
    const model = await res.json();
    const simulate = async (isStatic, query = '') => {
      const r = await fetch(`${url}api/simulate${query}`, {
        method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ...model.scenario, static: isStatic }) });
      assert.equal(r.status, 200);
      return await r.json();
    };
    return { model, simulated: [await simulate(false), await simulate(true)],
             servedPeaks: await simulate(false, '?role_steps=peaks') };
  } finally {
    server.kill('SIGTERM');
  }
}

async function nativeRun(file, extra) {
  const { stdout } = await execFileP(orgsim, ['run', file, '--json', '-', ...extra],
                                     { maxBuffer: 64 << 20 });
  return JSON.parse(stdout);
}

function wasmRun(engine, whatIf) {
  const run = JSON.parse(engine.run(JSON.stringify(whatIf)));
  assert.equal(run.error, undefined, `the engine refused the what-if: ${JSON.stringify(run)}`);
  return run;
}

// Largest |a - b| over two equal-length lists, and how many are the same bits.
function differences(what, a, b) {
  assert.equal(a.length, b.length, `${what}: lengths differ`);
  let worst = 0, same = 0;
  for (let i = 0; i < a.length; ++i) {
    const d = Math.abs(a[i] - b[i]);
    assert.ok(d <= TOLERANCE, `${what}[${i}]: ${a[i]} (wasm) vs ${b[i]} (native), off by ${d}`);
    worst = Math.max(worst, d);
    if (Object.is(a[i], b[i])) ++same;
  }
  return { worst, same, count: a.length };
}

const report = [];
for (const file of files) {
  const rel = path.relative(root, file);
  test(`${rel}: wasm equals orgsim run to ${TOLERANCE}`, async () => {
    const { model, simulated, servedPeaks } = await served(file);
    const engine = new engineModule.Engine(JSON.stringify(model));
    try {
      assert.equal(engine.error(), '', 'the engine refused the model');
      const whatIf = model.scenario;
      const [dynNative, staticNative] =
          await Promise.all([nativeRun(file, []), nativeRun(file, ['--static'])]);
      const dyn = wasmRun(engine, { ...whatIf, static: false });
      const stat = wasmRun(engine, { ...whatIf, static: true });
      const roleIds = (run) => run.roles.map((r) => r.id);
      assert.deepEqual(roleIds(dyn), roleIds(dynNative));
      const t = differences('cx.trajectory', dyn.cx.trajectory, dynNative.cx.trajectory);
      const peaks = differences('roles[].peak', dyn.roles.map((r) => r.peak),
                                dynNative.roles.map((r) => r.peak));
      const q = differences('static roles[].final', stat.roles.map((r) => r.final),
                            staticNative.roles.map((r) => r.final));
      const cx = differences('static cx.trajectory', stat.cx.trajectory,
                             staticNative.cx.trajectory);
      // The static solver's report: the same solves, the residual to the tolerance.
      const { residual: r1, ...solver } = stat.solver;
      const { residual: r2, ...solverNative } = staticNative.solver;
      assert.deepEqual(solver, solverNative);
      assert.ok(Math.abs(r1 - r2) <= TOLERANCE, `solver residual ${r1} vs ${r2}`);
      // The figures people read must not differ at all.
      assert.equal(dyn.cx.min_step, dynNative.cx.min_step);
      assert.equal(dyn.cx.recovery_step, dynNative.cx.recovery_step);
      assert.deepEqual(dyn.most_degraded.map((r) => r.id),
                       dynNative.most_degraded.map((r) => r.id));
      // Impact paths and feedback loops: the same roles in the same order.
      const pathRoles = (run) => (run.impact_paths?.paths ?? []).map((p) => p.roles);
      assert.deepEqual(pathRoles(dyn), pathRoles(dynNative));
      assert.ok(pathRoles(dynNative).length > 0 || dynNative.scenario.failures?.length === 0 ||
                !dynNative.impact_paths, `${rel}: no impact paths to compare`);
      const loopRoles = (run) => (run.feedback_loops ?? []).map((l) => l.roles);
      assert.deepEqual(loopRoles(dyn), loopRoles(dynNative));
      // simulate() is POST /api/simulate in the browser: the same document, but for the
      // model file, which the server names with its folder and the page by name alone.
      const local = (isStatic, call = 'simulate') => {
        const doc = JSON.parse(engine[call](JSON.stringify({ ...whatIf, static: isStatic })));
        assert.equal(doc.scenario.model_file, model.file);
        doc.scenario.model_file = simulated[isStatic ? 1 : 0].scenario.model_file;
        return doc;
      };
      assert.deepEqual(local(false), simulated[0]);
      assert.deepEqual(local(true), simulated[1]);
      // ?role_steps=peaks, what the page asks on every slider move: each role's peak.
      assert.deepEqual(local(false, 'simulatePeaks'), servedPeaks);
      assert.ok(servedPeaks.role_steps, 'the server sent no role_steps for ?role_steps=peaks');
      // The adjoint ranking (`orgsim rank`), linear and exact, of the model after the
      // scenario's changes: the same roles in the same order, the figures to 1e-12.
      const ranks = [];
      for (const [degrade, exact] of [[0.5, true], [1, false]]) {
        const extra = ['--degrade', String(degrade), ...(exact ? ['--exact'] : [])];
        const { stdout } = await execFileP(orgsim, ['rank', file, '--json', '-', ...extra],
                                           { maxBuffer: 64 << 20 });
        const native = JSON.parse(stdout);
        const local = JSON.parse(engine.rank(JSON.stringify(whatIf), degrade, exact));
        assert.equal(local.error, undefined, `the engine refused rank: ${JSON.stringify(local)}`);
        assert.equal(local.run_record, undefined);
        assert.deepEqual([local.degrade, local.exact, local.model.roles, local.model.cx_baseline],
                         [native.degrade, native.exact, native.model.roles, native.model.cx_baseline]);
        const fields = (doc) => doc.roles.map(({ rank, role_id, role_name, department, differs }) =>
          ({ rank, role_id, role_name, department, differs }));
        assert.deepEqual(fields(local), fields(native));
        for (const key of exact ? ['cx_points', 'share_of_worst', 'exact_cx_points']
                                : ['cx_points', 'share_of_worst']) {
          ranks.push(differences(`rank ${degrade}${exact ? ' exact' : ''} ${key}`,
                                 local.roles.map((r) => r[key]), native.roles.map((r) => r[key])));
        }
      }
      const rank = ranks.reduce((a, b) => ({ worst: Math.max(a.worst, b.worst),
        same: a.same + b.same, count: a.count + b.count }));
      report.push({ scenario: rel, trajectory: t, peaks, static_q: q, static_cx: cx, rank });
    } finally {
      engine.delete();
    }
  });
}

test('a bad what-if and a bad model are answered, not thrown', () => {
  const model = { name: 'm', cx_baseline: 100, departments: [{ id: 'd', name: 'D' }],
                  roles: [{ id: 'a', name: 'A', department: 'd', touchpoint: 1, recovery: 0.5 }],
                  dependencies: [] };
  const engine = new engineModule.Engine(JSON.stringify(model));
  try {
    assert.equal(engine.error(), '');
    const bad = JSON.parse(engine.run('{"failures": [{"role": "b", "degrade": 2}]}'));
    assert.deepEqual(bad.details, ["failures[0].role: unknown role 'b'",
                                   'failures[0].degrade: degrade must be in (0, 1], got 2']);
    const ok = JSON.parse(engine.run('{"failures": [{"role": "a", "degrade": 0.5}], "steps": 3}'));
    // One role, no dependencies: q(k+1) = q(k) + k_a (c - q(k)) from q(0) = 0 with c = 0.5
    // and k_a = 0.5, so q = 0, 0.25, 0.375, 0.4375 and CX = 100 (1 - q).
    assert.deepEqual(ok.cx.trajectory, [100, 75, 62.5, 56.25]);
    assert.match(engine.run('{'), /"error":"malformed JSON: parse error at line 1, column 2/);
    // One role alone: its failure costs B x degrade x w = 100 x 0.5 x 1 CX points.
    const ranked = JSON.parse(engine.rank('{}', 0.5, true));
    assert.deepEqual(ranked.roles.map((r) => [r.role_id, r.cx_points, r.exact_cx_points]),
                     [['a', 50, 50]]);
    assert.deepEqual(JSON.parse(engine.rank('{}', 0, false)).error,
                     'degrade must be in (0, 1], got 0');
    assert.match(JSON.parse(engine.rank('{"changes": [{"role": "b", "touchpoint": 0.5}]}', 0.5, false))
                     .details[0], /changes\[0\].*'b'/);
  } finally {
    engine.delete();
  }
  const refused = (doc) => {
    const e = new engineModule.Engine(typeof doc === 'string' ? doc : JSON.stringify(doc));
    try {
      const error = e.error();
      assert.notEqual(error, '', `accepted ${JSON.stringify(doc)}`);
      assert.equal(e.run('{}'), error);  // a broken model answers every what-if so
      return JSON.parse(error);
    } finally {
      e.delete();
    }
  };
  const a = model.roles[0];
  assert.deepEqual(refused({ ...model, dependencies: [{ role: 'a', depends_on: 'a', weight: 0.5 }] })
                       .details, ["dependencies[0]: role 'a' cannot depend on itself"]);
  assert.deepEqual(refused({ ...model, roles: [a, { ...a, recovery: 0, department: 'x' }] }).details,
                   ['roles[1].recovery: recovery must be in (0, 1], got 0',
                    "roles[1].department: unknown department 'x'",
                    "roles[1].id: duplicate role id 'a'"]);
  assert.deepEqual(refused({ ...model, roles: [{ ...a, touchpoint: '1' }], cx_baseline: 0 }).details,
                   ['cx_baseline: cx_baseline must be in (0, 100], got 0',
                    'roles[0].touchpoint: must be a number']);
  // A whole-model rule (model::validate_model): touchpoints summing over 1.
  assert.match(refused({ ...model, roles: [a, { ...a, id: 'b' }] }).details[0],
               /^model: .*touchpoint/);
  assert.equal(refused('[1]').error, 'invalid model: the model must be a JSON object');
});

test('report', () => {
  for (const r of report) {
    console.log(`${r.scenario}: trajectory ${r.trajectory.same}/${r.trajectory.count} same bits ` +
                `(worst ${r.trajectory.worst}), static q ${r.static_q.same}/${r.static_q.count} ` +
                `(worst ${r.static_q.worst}), static CX worst ${r.static_cx.worst}, ` +
                `rank ${r.rank.same}/${r.rank.count} same bits (worst ${r.rank.worst})`);
  }
});

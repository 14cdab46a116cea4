// Speed of the WebAssembly engine (wasm/, `make export-assets`) under node, for
// docs/performance.md: module start, model read, and one what-if answer (dynamic and
// static, as Engine.simulate gives the page) on the contact-center demo and on generated models, against the native
// engine doing the same work in `orgsim serve` (POST /api/simulate, loopback).
//
//   ORGSIM=build/orgsim ORGSIM_ENGINE=build-em/orgsim_engine.js node bench/wasm_engine.mjs
//
// Not a test: it prints figures (median and fastest of REPEATS runs) and asserts nothing.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

const orgsim = process.env.ORGSIM || 'build/orgsim';
const enginePath = path.resolve(process.env.ORGSIM_ENGINE || 'build-em/orgsim_engine.js');
const REPEATS = Number(process.env.REPEATS || 21);

// "median (fastest)" in ms: on a shared machine the fastest run is the engine's own
// cost, the median adds what other processes took.
const median = (xs) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const m = sorted[Math.floor(sorted.length / 2)];
  return { toFixed: (d) => `${m.toFixed(d)} (${sorted[0].toFixed(d)})` };
};
function timeIt(f) {
  const times = [];
  for (let i = 0; i < REPEATS; ++i) {
    const t0 = performance.now();
    f();
    times.push(performance.now() - t0);
  }
  return median(times);
}
async function timeAsync(f) {
  const times = [];
  for (let i = 0; i < REPEATS; ++i) {
    const t0 = performance.now();
    await f();
    times.push(performance.now() - t0);
  }
  return median(times);
}

async function withServer(file, body) {
  const server = spawn(orgsim, ['serve', file, '--port', '0', '--no-token'],
                       { stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    const url = await new Promise((resolve, reject) => {
      let text = '';
      const read = (c) => {
        text += c;
        const m = text.match(/http:\/\/127\.0\.0\.1:\d+\//);
        if (m) resolve(m[0]);
      };
      server.stdout.on('data', read);
      server.stderr.on('data', read);
      server.on('exit', (code) => reject(new Error(`orgsim serve exited ${code}: ${text}`)));
    });
    return await body(url);
  } finally {
    server.kill('SIGTERM');
  }
}

const t0 = performance.now();
const OrgsimEngine = createRequire(import.meta.url)(enginePath);
const m = await OrgsimEngine();
const startMs = performance.now() - t0;
console.log(`module: ${enginePath}, ${statSync(enginePath).size} bytes, ` +
            `load and instantiate ${startMs.toFixed(1)} ms`);

const cases = [['contact-center demo', 'scenarios/contact-center/slow-payments.yaml']];
const dir = mkdtempSync(path.join(tmpdir(), 'orgsim-wasm-bench-'));
for (const roles of [300, 10000]) {
  execFileSync(orgsim, ['generate', '--roles', String(roles), '--departments', '10',
                        '--seed', '7', '--scenarios', '1', '-o', `${dir}/r${roles}`]);
  cases.push([`generated, ${roles} roles`, `${dir}/r${roles}/scenarios/s0001.yaml`]);
}
for (const [label, file] of cases) {
  // Errors are printed here: the emscripten module turns an unhandled rejection into
  // a throw from its own (minified) source line.
  try {
    await withServer(file, bench.bind(null, label));
  } catch (e) {
    console.log(`${label}: ${e.stack || e}${e.cause ? ` (cause: ${e.cause})` : ""}`);
    process.exitCode = 1;
  }
}

async function bench(label, url) {
  const modelText = await (await fetch(`${url}api/model`)).text();
  const whatIf = JSON.parse(modelText).scenario;
  const dyn = JSON.stringify({ ...whatIf, static: false });
  const stat = JSON.stringify({ ...whatIf, static: true });
  // The server first: it closes connections that come after a long idle spell.
  const post = (body) => fetch(`${url}api/simulate`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body }).then((r) => r.text());
  const nativeDyn = await timeAsync(() => post(dyn));
  const nativeStatic = await timeAsync(() => post(stat));
  let engine;
  const readMs = timeIt(() => { if (engine) engine.delete(); engine = new m.Engine(modelText); });
  const wasmDyn = timeIt(() => engine.simulate(dyn));
  const wasmStatic = timeIt(() => engine.simulate(stat));
  engine.delete();
  const model = JSON.parse(modelText);
  console.log(`${label} (${model.roles.length} roles, ${model.dependencies.length} dependencies, ` +
              `${whatIf.steps} steps): model read ${readMs.toFixed(2)} ms; ` +
              `simulate wasm ${wasmDyn.toFixed(2)} ms, native API ${nativeDyn.toFixed(2)} ms; ` +
              `static wasm ${wasmStatic.toFixed(2)} ms, native API ${nativeStatic.toFixed(2)} ms`);
}

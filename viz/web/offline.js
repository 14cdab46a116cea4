// The exported page's stand-in for `orgsim serve` (issue 17): `orgsim export SCENARIO
// -o workshop.html` inlines this file, and only there (app/offline_page.cpp). It answers
// the page's API calls (page.js api()) in the browser, with no network:
//   GET  /api/model, /api/layout   the documents orgsim wrote into the file
//   POST /api/simulate[?role_steps=peaks|1]  the engine compiled to WebAssembly (wasm/)
//   POST /api/compare              two engine runs, in serve/api.cpp's answer shape
//   POST /api/scenario             the engine's scenario YAML (model/yaml_writer.cpp)
//   POST /api/rank[?degrade=&exact=]  the engine's rank(), `orgsim rank --json`'s answer
//   POST /api/parse, /api/render   not offline: an answer that says `orgsim serve` does it
// and starts the page's ES modules from data: URLs (a file:// page cannot import files).
// A classic script, not a module: it runs before the page's modules start.
(function () {
  'use strict';

  const text = (id) => document.getElementById(id).textContent;
  const modelText = text('orgsim-model');
  const layoutText = text('orgsim-layout');
  const model = JSON.parse(modelText);

  // An answer as the server would send it: the status and the body's text.
  const ok = (body) => ({ status: 200, text: body });
  const problem = (status, error, details = []) =>
    ({ status, text: JSON.stringify({ error, details }) });

  let engine = null;
  async function getEngine() {
    if (!engine) {
      engine = window.OrgsimEngine().then((m) => {
        const e = new m.Engine(modelText);
        const error = e.error();
        if (error) throw Object.assign(new Error(JSON.parse(error).error), { answer: error });
        return e;
      });
    }
    return engine;
  }

  // The engine answers a run, or {"error", "details"} for what the server answers 400.
  function runAnswer(body) {
    const parsed = JSON.parse(body);
    return parsed && parsed.error !== undefined && parsed.schema_version === undefined
      ? { status: 400, text: body, parsed } : { status: 200, text: body, parsed };
  }

  async function compare(body) {
    if (!body || typeof body !== 'object' || Array.isArray(body) || !('baseline' in body) ||
        !('what_if' in body) || Object.keys(body).length !== 2) {
      return problem(400, 'invalid comparison: the body must be {"baseline": what-if, "what_if": what-if}');
    }
    const e = await getEngine();
    const runs = {};
    for (const key of ['baseline', 'what_if']) {
      const r = runAnswer(e.simulate(JSON.stringify(body[key])));
      if (r.status !== 200) {
        return problem(r.status, `${key}: ${r.parsed.error}`,
                       (r.parsed.details || []).map((d) => `${key}.${d}`));
      }
      runs[key] = r.parsed;
    }
    const a = runs.baseline.cx, b = runs.what_if.cx;
    return ok(JSON.stringify({
      schema_version: runs.baseline.schema_version,
      baseline: runs.baseline,
      what_if: runs.what_if,
      difference: { min: b.min - a.min, final: b.final - a.final, min_step: b.min_step - a.min_step },
    }));
  }

  // POST /api/rank's query, checked as serve/api.cpp checks it (the same messages). No
  // role limit on `exact` here: it is this browser's time, not a shared server's.
  function rankQuery(query) {
    const param = (key) => {
      const m = new RegExp(`(?:^|&)${key}=([^&]*)`).exec(query);
      if (!m) return null;
      try { return decodeURIComponent(m[1].replace(/\+/g, ' ')); } catch (e) { return m[1]; }  // a stray %
    };
    const fail = (field, why) => ({ error: problem(400, `${field}: ${why}`, [`${field}: ${why}`]) });
    const d = param('degrade');
    const degrade = d === null ? 0.5 : /^[-+]?[0-9.]+(e[-+]?[0-9]+)?$/i.test(d) ? Number(d) : NaN;
    if (!(degrade > 0 && degrade <= 1)) {
      return fail('degrade', `must be a number in (0, 1] (0.5: half), got '${(d || '').slice(0, 40)}'`);
    }
    const x = param('exact');
    if (x !== null && !['true', '1', 'false', '0'].includes(x)) {
      return fail('exact', `must be true or false, got '${x.slice(0, 40)}'`);
    }
    return { degrade, exact: x === 'true' || x === '1' };
  }

  const needsServer = (what) => problem(501,
    `${what} needs \`orgsim serve\`: this page runs offline, without the server's ` +
    `${what === 'Loading a scenario file' ? 'YAML reader (libyaml is not built for WebAssembly)' : 'Graphviz'}. ` +
    'Run `orgsim serve SCENARIO` and open the page it prints.');

  // `path` as the page fetches it; `body` a what-if object, YAML text, or undefined (GET).
  async function api(path, body) {
    const [route, query = ''] = path.split('?');
    try {
      switch (route) {
        case '/api/model': return ok(modelText);
        case '/api/layout': return ok(layoutText);
        case '/api/simulate': {
          const e = await getEngine();
          // As the server: ?role_steps=peaks adds each role's peak (every slider move),
          // ?role_steps=1 also its q per step (play).
          const steps = (/(^|&)role_steps=([^&]*)/.exec(query) || [])[2];
          const w = JSON.stringify(body === undefined ? null : body);
          if (steps === 'peaks') return runAnswer(e.simulatePeaks(w));
          return runAnswer(steps === '1' || steps === 'true' ? e.simulateSteps(w) : e.simulate(w));
        }
        case '/api/compare': return compare(body);
        case '/api/scenario': {
          const yaml = (await getEngine()).scenario(JSON.stringify(body === undefined ? null : body),
                                                    model.file || 'model.yaml');
          return yaml.startsWith('{') ? runAnswer(yaml) : ok(yaml);
        }
        case '/api/rank': {
          const q = rankQuery(query);
          if (q.error) return q.error;
          const e = await getEngine();
          return runAnswer(e.rank(JSON.stringify(body === undefined ? null : body), q.degrade, q.exact));
        }
        case '/api/parse': return needsServer('Loading a scenario file');
        case '/api/render': return needsServer('The impact picture drawn by Graphviz');
        default: return problem(404, `not found: ${path}`);
      }
    } catch (err) {
      if (err.answer) return { status: 500, text: err.answer };
      return problem(500, `internal error: ${err.message || err}`);
    }
  }
  window.orgsimOffline = { api };

  // The page's modules, each imported from a data: URL whose text has its own imports
  // ('./x.js') replaced by theirs; one URL per module, so each runs once.
  const sources = JSON.parse(text('orgsim-modules'));
  const urls = new Map();
  function moduleUrl(name, seen = new Set()) {
    if (urls.has(name)) return urls.get(name);
    if (!(name in sources)) throw new Error(`the page imports ${name}, which is not in this file`);
    if (seen.has(name)) throw new Error(`the page's modules import each other in a cycle (${name})`);
    seen.add(name);
    const code = sources[name].replace(
      /(\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)(['"])\.\/([\w.-]+\.js)\2/g,
      (all, lead, quote, dep) => `${lead}${quote}${moduleUrl(dep, seen)}${quote}`);
    // encodeURIComponent leaves ' as is: the URL goes between quotes in the importer.
    const url = `data:text/javascript;charset=utf-8,${encodeURIComponent(code).replace(/'/g, '%27')}`;
    urls.set(name, url);
    return url;
  }

  function start() {
    import(moduleUrl(JSON.parse(text('orgsim-entry')))).catch((err) => {
      const box = document.getElementById('error');
      if (box) {
        box.textContent = `This page could not start: ${err.message || err}`;
        box.hidden = false;
      }
    });
  }
  // The page module ran deferred when served: start it once the document is parsed.
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();

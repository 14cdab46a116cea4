#!/usr/bin/python3
"""The ctests schema.documents and schema.self_test (tests/CMakeLists.txt).

    /usr/bin/python3 tests/schema/schema_test.py --orgsim build/orgsim --out DIR [--self-test]

documents: writes, into DIR, the JSON of `orgsim run --json` for every scenario of
scenarios/contact-center (dynamic; a few --static; --samples), `orgsim compare --json`,
each row of `orgsim batch --format jsonl` (with and without --samples), and
the answers of `orgsim serve` (POST /api/simulate, /api/compare; a server on a free port),
then checks each file against its schema in docs/schema/ with validate.py.

--self-test: documents with one value of a wrong type, or without schema_version, must be
refused by validate.py (exit 1, naming the file and the JSON path), so the check above
cannot pass by accepting anything.

Run from the repository root (ctest does). Exit status 0: pass; 1: a failure, each
named with its file and JSON path.
"""

import argparse
import copy
import json
import os
import pathlib
import re
import signal
import subprocess
import sys
import threading
import urllib.error
import urllib.request

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE))
import validate  # noqa: E402  (after the path is set)

SCENARIOS = ROOT / "scenarios" / "contact-center"
DEMO = SCENARIOS / "slow-payments.yaml"
BACKUP = SCENARIOS / "slow-payments-with-backup.yaml"
STATIC = ["slow-payments", "slow-payments-with-backup", "after-the-outage"]
SERVE_START_SECONDS = 30


class Failure(Exception):
    pass


def rel(path):
    return os.path.relpath(path, ROOT)


def orgsim(binary, args):
    """Runs orgsim from the repository root; returns its stdout or raises Failure."""
    r = subprocess.run([binary, *args], cwd=ROOT, capture_output=True, text=True, timeout=300)
    if r.returncode != 0:
        raise Failure(f"orgsim {' '.join(args)}: exit {r.returncode}\n{r.stderr}{r.stdout}")
    return r.stdout


def is_scenario(path):
    return re.search(r"(?m)^model:", path.read_text(encoding="utf-8")) is not None


def write_json(path, document):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(document, indent=1) + "\n", encoding="utf-8")
    return path


# --- the documents ------------------------------------------------------------------


def cli_documents(binary, out):
    """[(schema, file)] of `orgsim run --json` and `orgsim compare --json`."""
    docs = []

    def run(name, args):
        f = out / "run" / f"{name}.json"
        f.parent.mkdir(parents=True, exist_ok=True)
        orgsim(binary, ["run", *args, "--json", str(f)])
        docs.append(("run.schema.json", f))

    scenarios = sorted(p for p in SCENARIOS.glob("*.yaml") if is_scenario(p))
    if len(scenarios) < 10:
        raise Failure(f"only {len(scenarios)} scenarios in {rel(SCENARIOS)}")
    for s in scenarios:
        run(s.stem, [rel(s)])
    for stem in STATIC:
        run(f"{stem}.static", [rel(SCENARIOS / f"{stem}.yaml"), "--static"])
    uncertain = rel(SCENARIOS / "uncertain-payments.yaml")
    run("uncertain-payments.mc",
        [uncertain, "--samples", "200", "--seed", "42", "--threshold", "80", "--jobs", "2"])
    run("uncertain-payments.mc.static", [uncertain, "--samples", "50", "--static"])
    run("model", [rel(SCENARIOS / "model.yaml")])  # a bare model: nothing failed, no paths

    def compare(name, base, *what_ifs):
        f = out / "compare" / f"{name}.json"
        f.parent.mkdir(parents=True, exist_ok=True)
        orgsim(binary, ["compare", rel(base), *map(rel, what_ifs), "--json", str(f)])
        docs.append(("compare.schema.json", f))

    compare("slow-payments-with-backup", DEMO, BACKUP)
    compare("model-vs-slow-payments", SCENARIOS / "model.yaml", DEMO)  # total_cx_points null
    compare("three-way", DEMO, BACKUP, SCENARIOS / "phone-line-quality.yaml")  # "what_ifs" only

    def batch(name, args):
        jsonl = out / "batch" / f"{name}.jsonl"
        jsonl.parent.mkdir(parents=True, exist_ok=True)
        orgsim(binary, ["batch", rel(SCENARIOS), "--format", "jsonl", "-q", "-o", str(jsonl),
                        *args])
        rows = jsonl.read_text(encoding="utf-8").splitlines()
        if len(rows) < 10:
            raise Failure(f"{jsonl}: only {len(rows)} rows")
        for i, row in enumerate(rows, 1):
            docs.append(("batch-row.schema.json", write_json(out / "batch" / name / f"row{i}.json",
                                                             json.loads(row))))

    batch("nominal", [])
    batch("sampled", ["--samples", "20", "--seed", "3", "--threshold", "80"])
    return docs


class Server:
    """`orgsim serve SCENARIO --port 0` as a child process, at self.url once it listens;
    requests send the token of the URL it printed (docs/api.md "Security")."""

    def __init__(self, binary, scenario):
        self.child = subprocess.Popen([binary, "serve", rel(scenario), "--port", "0"], cwd=ROOT,
                                      stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                      text=True)
        timer = threading.Timer(SERVE_START_SECONDS, self.child.kill)
        timer.start()
        seen = []
        try:
            for line in self.child.stdout:
                seen.append(line)
                m = re.search(r" at (http://127\.0\.0\.1:\d+)/\?token=([0-9a-f]{32})$", line)
                if m:
                    self.url, self.token = m.group(1), m.group(2)
                    break
            else:
                raise Failure(f"orgsim serve did not start:\n{''.join(seen)}")
        finally:
            timer.cancel()
        # Keep reading its output, so the pipe never fills.
        threading.Thread(target=self.child.stdout.read, daemon=True).start()
        self.opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))

    def request(self, path, body=None):
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(self.url + path, data=data,
                                     headers={"Content-Type": "application/json",
                                              "X-Orgsim-Token": self.token})
        try:
            with self.opener.open(req, timeout=60) as res:
                return json.load(res)
        except urllib.error.HTTPError as e:
            raise Failure(f"{path} {json.dumps(body)}: HTTP {e.code}: {e.read()[:500]}") from e

    def stop(self):
        self.child.send_signal(signal.SIGTERM)
        try:
            code = self.child.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.child.kill()
            raise Failure("orgsim serve did not stop on SIGTERM")
        if code != 0:
            raise Failure(f"orgsim serve exited {code} on SIGTERM")


def api_documents(binary, out):
    """[(schema, file)] of the server's answers that carry runs."""
    docs = []
    server = Server(binary, DEMO)
    try:
        start = server.request("/api/model")["scenario"]
        late = copy.deepcopy(start)
        late["failures"].append({"role": "billing", "degrade": 0.3, "from": 99})  # a warning
        changed = copy.deepcopy(start)
        changed["changes"] = [{"role": "checkout", "depends_on": "payments", "weight": 0.1},
                              {"role": "refunds", "recovery": 0.6}]
        what_ifs = {
            "start": start,
            "nothing": {},
            "static": {**start, "static": True},
            "late-failure": late,
            "changed": changed,
        }
        for name, body in what_ifs.items():
            f = write_json(out / "api" / f"simulate.{name}.json",
                           server.request("/api/simulate", body))
            docs.append(("run.schema.json", f))
        # The page's play data (?role_steps=1) and its diagram's layout (GET /api/layout).
        for name, body in (("start", start), ("static", what_ifs["static"])):
            f = write_json(out / "api" / f"simulate-role-steps.{name}.json",
                           server.request("/api/simulate?role_steps=1", body))
            docs.append(("run.schema.json", f))
        docs.append(("layout.schema.json",
                      write_json(out / "api" / "layout.json", server.request("/api/layout"))))
        for name, body in {"start-vs-changed": {"baseline": start, "what_if": changed},
                           "nothing-vs-static": {"baseline": {}, "what_if": what_ifs["static"]}
                           }.items():
            f = write_json(out / "api" / f"compare.{name}.json",
                           server.request("/api/compare", body))
            docs.append(("api-compare.schema.json", f))
    finally:
        server.stop()
    return docs


def check_documents(binary, out):
    schemas = validate.Schemas()
    docs = cli_documents(binary, out) + api_documents(binary, out)
    bad = 0
    for schema, f in docs:
        found = validate.problems(schemas.validator(schema), validate.load_json(f))
        for path, message in found:
            print(f"FAIL {rel(f) if f.is_relative_to(ROOT) else f}: {path}: {message} "
                  f"(schema docs/schema/{schema})")
        bad += bool(found)
        if not found:
            print(f"ok   {f.name} ({schema})")
    by_schema = {}
    for schema, _ in docs:
        by_schema[schema] = by_schema.get(schema, 0) + 1
    print(f"# {len(docs)} documents: {by_schema}")
    if bad:
        raise Failure(f"{bad} of {len(docs)} documents do not match their schema")


# --- the self-test ------------------------------------------------------------------


def expect_refused(out, name, schema, document, json_path):
    """validate.py must exit 1 on the document, naming its file and `json_path`."""
    f = write_json(out / "self-test" / f"{name}.json", document)
    r = subprocess.run([sys.executable, str(HERE / "validate.py"), schema, str(f)],
                       capture_output=True, text=True, timeout=120)
    said = r.stdout + r.stderr
    if r.returncode != 1 or f"{f}: {json_path}: " not in said:
        raise Failure(f"{name}: validate.py should refuse {f} at {json_path} with exit 1, "
                      f"but exited {r.returncode}:\n{said}")
    print(f"ok   {name}: refused at {json_path}")


def self_test(binary, out):
    run_file = out / "self-test" / "run.json"
    compare_file = out / "self-test" / "compare.json"
    run_file.parent.mkdir(parents=True, exist_ok=True)
    orgsim(binary, ["run", rel(DEMO), "--json", str(run_file)])
    orgsim(binary, ["compare", rel(DEMO), rel(BACKUP), "--json", str(compare_file)])
    run = validate.load_json(run_file)
    compare = validate.load_json(compare_file)

    # The untouched documents pass, so a refusal below is the one change's doing.
    for schema, f in (("run.schema.json", run_file), ("compare.schema.json", compare_file)):
        r = subprocess.run([sys.executable, str(HERE / "validate.py"), schema, str(f)],
                           capture_output=True, text=True, timeout=120)
        if r.returncode != 0:
            raise Failure(f"validate.py refuses the untouched {f}:\n{r.stdout}{r.stderr}")

    wrong = copy.deepcopy(run)
    wrong["cx"]["min"] = str(wrong["cx"]["min"])  # a number written as a string
    expect_refused(out, "run.cx-min-string", "run.schema.json", wrong, "$.cx.min")
    unversioned = copy.deepcopy(run)
    del unversioned["schema_version"]
    expect_refused(out, "run.no-schema-version", "run.schema.json", unversioned, "$")
    renamed = copy.deepcopy(run)
    renamed["summary"] = renamed.pop("cx")  # the server's old key
    expect_refused(out, "run.old-summary-key", "run.schema.json", renamed, "$")
    played = copy.deepcopy(run)  # a q above 1 in the page's play data
    played["role_steps"] = {"steps": 1, "roles": [{"id": "payments", "peak": 0.5, "peak_step": 1,
                                                   "q": [0, 1.5]}], "omitted": 0}
    expect_refused(out, "run.role-steps-q-above-1", "run.schema.json", played,
                   "$.role_steps.roles[0].q[1]")
    # Inside a run of a compare document: the $ref to run.schema.json is followed.
    nested = copy.deepcopy(compare)
    nested["what_if"]["most_degraded"][0]["peak"] = None
    expect_refused(out, "compare.peak-null", "compare.schema.json", nested,
                   "$.what_if.most_degraded[0].peak")
    listed = copy.deepcopy(compare)
    listed["what_ifs"][0]["comparison"]["cx_min"]["change"] = "1.7"
    expect_refused(out, "compare.what-ifs-change-string", "compare.schema.json", listed,
                   "$.what_ifs[0].comparison.cx_min.change")
    half = copy.deepcopy(compare)
    del half["comparison"]  # a top-level "what_if" comes with its "comparison"
    expect_refused(out, "compare.what-if-without-comparison", "compare.schema.json", half, "$")
    # A batch row whose status says ok but whose figures are missing.
    jsonl = out / "self-test" / "batch.jsonl"
    orgsim(binary, ["batch", rel(DEMO), "--format", "jsonl", "-q", "-o", str(jsonl)])
    row = json.loads(jsonl.read_text(encoding="utf-8").splitlines()[0])
    row["cx_min"] = None
    expect_refused(out, "batch.ok-row-without-cx-min", "batch-row.schema.json", row,
                   "$.cx_min")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--orgsim", required=True, help="the orgsim binary")
    ap.add_argument("--out", required=True, help="folder for the documents (emptied first)")
    ap.add_argument("--self-test", action="store_true",
                    help="check that wrong documents are refused")
    args = ap.parse_args()
    out = pathlib.Path(args.out).resolve()
    out.mkdir(parents=True, exist_ok=True)
    for old in out.rglob("*.json"):
        old.unlink()
    try:
        if args.self_test:
            self_test(args.orgsim, out)
        else:
            check_documents(args.orgsim, out)
    except (Failure, ValueError) as e:
        print(f"schema_test.py: {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

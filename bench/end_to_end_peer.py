"""SciPy's side of bench/end_to_end.sh: the static IIM of one scenario, from the files.

Times, in this process, reading and parsing the scenario and its model (PyYAML's C
loader, through bench/peer_model.py, the way bench/rank_peer.py reads models), building
c from the failures active at step 0 and q = spsolve(I - A, c). Interpreter start and
imports are not counted. With --check JSON (orgsim run --json), compares q with
orgsim's roles[].final. Prints "scipy_seconds S max_difference D".
Usage: end_to_end_peer.py SCENARIO [--check ORGSIM_JSON] [--repeats N]
"""
import argparse
import json
import os
import time

import numpy as np
import scipy.sparse as sp
import scipy.sparse.linalg as spla
import yaml

import peer_model


def solve(scenario_path):
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with open(scenario_path, "rb") as f:
        scenario = yaml.load(f, Loader=loader)
    model_path = os.path.join(os.path.dirname(scenario_path), scenario["model"])
    m = peer_model.load(model_path)
    c = np.zeros(m.n)
    for failure in scenario.get("failures") or []:
        start = int(failure.get("from", 0))
        end = failure.get("to")
        if start <= 0 and (end is None or int(end) > 0):
            c[m.index[str(failure["role"])]] += float(failure["degrade"])
    c = np.minimum(c, 1.0)
    q = spla.spsolve((sp.identity(m.n, format="csc") - m.a).tocsc(), c)
    return m, q


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("scenario")
    ap.add_argument("--check")
    ap.add_argument("--repeats", type=int, default=3)
    args = ap.parse_args()
    best = float("inf")
    for _ in range(args.repeats):
        t0 = time.perf_counter()
        m, q = solve(args.scenario)
        best = min(best, time.perf_counter() - t0)
    diff = float("nan")
    if args.check:
        with open(args.check) as f:
            roles = json.load(f)["roles"]
        ours = np.array([r["final"] for r in roles])
        ids = [r["id"] for r in roles]
        assert ids == m.ids, "orgsim's roles are not in the model's order"
        diff = float(np.max(np.abs(ours - np.minimum(q, 1.0))))
    print(f"scipy_seconds {best:.6f} max_difference {diff:.3g}")


if __name__ == "__main__":
    main()

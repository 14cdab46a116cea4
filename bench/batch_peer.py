#!/usr/bin/env python3
"""The straightforward SciPy peer for `orgsim batch`, on the same scenario files.

Runs `orgsim batch DIR -o results.csv --jobs J` (timed, whole process), then, for a
random sample of the scenarios, reads each file with PyYAML and runs the dynamic model
of sim/engine.cpp as a plain loop of SciPy sparse mat-vecs:

    q(0) = 0,  q(k+1) = clip(q(k) + r * (A q(k) + c(k) - q(k)), 0, 1),
    c_i(k) = min(1, sum of the degrades of role i's failures with from <= k < to),
    CX(k) = B (1 - sum_i w_i q_i(k)),

then cx_min (first step of the minimum), cx_final and the recovery step (docs/model.md:
the first step after the minimum from which CX stays within 0.5 points of B) and
compares them with orgsim's rows. Sums run in orgsim's order (SciPy's CSR mat-vec goes
along each row as orgsim's does; the CX sum is a running sum over the touchpoints), so
the figures are expected to agree bit for bit. The sample's mean time per scenario,
times the number of scenarios, is compared with orgsim's wall time.
"""
import argparse
import csv
import os
import random
import resource
import subprocess
import sys
import time

import numpy as np
import scipy
import yaml

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import peer_model  # noqa: E402

RECOVERY_BAND = 0.5  # sim/summary.hpp kRecoveryBand


def load_line():
    return "load average %.2f %.2f %.2f" % os.getloadavg()


def find_scenarios(folder):
    """The scenario files orgsim batch finds: *.yaml with a top-level `model:` line."""
    found = []
    for root, _, files in os.walk(folder):
        for name in files:
            if not name.endswith(".yaml"):
                continue
            path = os.path.join(root, name)
            with open(path, "rb") as f:
                head = f.read(1 << 16)
            if head.startswith(b"model:") or b"\nmodel:" in head:
                found.append(path)
    return sorted(found)


def simulate(m, scenario):
    """CX per step (steps + 1 values), as orgsim's Engine and Trace record them."""
    if scenario.get("changes") or scenario.get("initial"):
        raise ValueError("the peer covers failures only (no changes, no initial state)")
    steps = int(scenario.get("steps", 30))
    failures = [(m.index[str(f["role"])], float(f["degrade"]), int(f.get("from", 0)),
                 f.get("to")) for f in scenario.get("failures") or []]
    tp = np.flatnonzero(m.w > 0.0)
    wt = m.w[tp]

    def cx(q):
        # A running sum in role order, as sim/cx_score.cpp adds them.
        loss = np.cumsum(wt * q[tp])[-1] if len(tp) else 0.0
        return m.baseline * (1.0 - loss)

    def perturbation(k):
        c = np.zeros(m.n)
        for role, degrade, start, end in failures:
            if k >= start and (end is None or k < int(end)):
                c[role] += degrade
        return np.minimum(c, 1.0)

    a, r = m.a, m.k
    q = np.zeros(m.n)
    out = [cx(q)]
    for k in range(steps):
        q = np.clip(q + r * (a @ q + perturbation(k) - q), 0.0, 1.0)
        out.append(cx(q))
    return np.array(out)


def summarize(m, cx):
    """cx_min, its step, cx_final and the recovery step (None: not recovered)."""
    step = int(np.argmin(cx))  # the first minimum, as std::min_element
    in_band = m.baseline - cx <= RECOVERY_BAND
    if in_band.all():
        recovery = 0
    else:
        k = len(cx)
        while k > step and in_band[k - 1]:
            k -= 1
        recovery = k if k < len(cx) else None
    return float(cx[step]), step, float(cx[-1]), recovery


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("scenarios", help="folder of scenario files (as given to orgsim batch)")
    p.add_argument("--orgsim", required=True, help="the orgsim executable")
    p.add_argument("--jobs", type=int, default=2)
    p.add_argument("--sample", type=int, default=100, help="scenarios run in SciPy")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--work", default=".", help="folder for the results and the model cache")
    args = p.parse_args()

    files = find_scenarios(args.scenarios)
    results = os.path.join(args.work, "results.csv")
    print(f"{len(files)} scenarios in {args.scenarios}; SciPy {scipy.__version__}, "
          f"NumPy {np.__version__}")
    print(f"orgsim batch --jobs {args.jobs} ({load_line()})")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    subprocess.run([args.orgsim, "batch", args.scenarios, "-o", results, "--jobs",
                    str(args.jobs), "--quiet"], check=True, stdout=subprocess.DEVNULL)
    orgsim_wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    with open(results, newline="") as f:
        rows = {row["file"]: row for row in csv.DictReader(f)}
    failed = sum(1 for row in rows.values() if row["status"] != "ok")
    print(f"  {orgsim_wall:.2f} s wall, {cpu:.2f} s CPU, {len(rows)} rows, {failed} failed "
          f"({load_line()})")

    sample = sorted(random.Random(args.seed).sample(files, min(args.sample, len(files))))
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    models = {}
    read_s = loop_s = 0.0
    exact = 0
    worst = {"cx_min": 0.0, "cx_final": 0.0}
    mismatched = []
    for path in sample:
        t = time.perf_counter()
        with open(path, "rb") as f:
            scenario = yaml.load(f, Loader=loader)
        model_path = os.path.normpath(os.path.join(os.path.dirname(path), scenario["model"]))
        if model_path not in models:  # read once, as orgsim's batch does
            models[model_path] = peer_model.load(model_path)
        m = models[model_path]
        read_s += time.perf_counter() - t
        t = time.perf_counter()
        got = summarize(m, simulate(m, scenario))
        loop_s += time.perf_counter() - t

        # orgsim's row for the same file: the path as orgsim batch printed it.
        row = rows.get(path) or rows.get(os.path.normpath(path))
        if row is None:
            mismatched.append(f"{path}: no row in {results}")
            continue
        ours = (float(row["cx_min"]), int(row["cx_min_step"]), float(row["cx_final"]),
                int(row["recovery_step"]) if row["recovery_step"] else None)
        worst["cx_min"] = max(worst["cx_min"], abs(got[0] - ours[0]))
        worst["cx_final"] = max(worst["cx_final"], abs(got[2] - ours[2]))
        if got == ours:
            exact += 1
        else:
            mismatched.append(f"{path}: SciPy {got}, orgsim {ours}")

    n = len(sample)
    per_loop, per_all = loop_s / n, (loop_s + read_s) / n
    print(f"scipy: {n} random scenarios (seed {args.seed}): {loop_s:.2f} s of step loops, "
          f"{read_s:.2f} s reading YAML (the model once) ({load_line()})")
    print(f"  mean {per_loop * 1e3:.2f} ms a scenario (loop), {per_all * 1e3:.2f} ms with reading")
    print(f"  {exact} of {n} identical to orgsim's rows (cx_min, cx_min_step, cx_final, "
          f"recovery_step); max |diff| cx_min {worst['cx_min']:.2e}, cx_final "
          f"{worst['cx_final']:.2e}")
    for line in mismatched[:5]:
        print("  " + line)
    total = len(files)
    for label, each in (("loops only", per_loop), ("with reading", per_all)):
        estimate = total * each
        print(f"  {total} scenarios x mean ({label}): {estimate:.1f} s on one core; orgsim batch "
              f"--jobs {args.jobs}: {orgsim_wall:.2f} s wall, {estimate / orgsim_wall:.1f}x faster; "
              f"per core (orgsim's CPU {cpu:.2f} s): {estimate / cpu:.1f}x")
    ok = exact == n and failed == 0
    print("agree" if ok else "DISAGREE")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

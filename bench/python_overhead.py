#!/usr/bin/env python3
"""What the Python module costs on top of orgsim's C++ (docs/performance.md, "Python").

1. Per-run overhead: Scenario.run() on a generated 1,000-role model, timed in Python,
   against Result.run_seconds, the time app::run_scenario itself took in the same call.
   The difference is the binding: the scenario copy, argument conversion, the result
   object. Reading .q (a copy) and .summary (parses the whole run JSON) are timed apart.
2. Batch: `orgsim batch --jobs 2` against orgsim.batch(jobs=2) and orgsim.dask.batch
   on a LocalCluster of 2 worker processes, on the same 10,000 generated scenarios,
   measured side by side in one run; the rows are checked to be equal.

Usage: /usr/bin/python3 bench/python_overhead.py [--binary build/orgsim]
       [--roles 1000] [--scenarios 10000] [--runs 200]
with PYTHONPATH=build/python (the module from the build tree).
"""

import argparse
import gc
import os
import statistics
import subprocess
import sys
import tempfile
import time

import pandas as pd


def generate(binary, folder, roles, scenarios):
    subprocess.run([binary, "generate", "--roles", str(roles), "--departments", "12",
                    "--seed", "1", "--scenarios", str(scenarios), "-o", folder],
                   check=True, stdout=subprocess.DEVNULL)


def per_run_overhead(orgsim, folder, runs):
    files = orgsim.find_scenarios(os.path.join(folder, "scenarios"))[:runs]
    scenarios = [orgsim.load_scenario(f) for f in files]
    for s in scenarios[:10]:
        s.run()  # warm up caches
    # Results are kept until the end of each loop, so that freeing one (its summary's
    # many Python objects) is not timed as part of the next run.
    gc.collect()
    wall, inner, q_copy, summary, results = [], [], [], [], []
    for s in scenarios:
        start = time.perf_counter()
        result = s.run()
        _ = result.cx
        wall.append(time.perf_counter() - start)
        inner.append(result.run_seconds)
        start = time.perf_counter()
        _ = result.q
        q_copy.append(time.perf_counter() - start)
        results.append(result)
    for result in results:
        start = time.perf_counter()
        _ = result.summary
        summary.append(time.perf_counter() - start)

    def ms(values):
        return statistics.median(values) * 1e3

    run_ms = ms(inner)
    over_ms = ms([w - i for w, i in zip(wall, inner)])
    roles = len(scenarios[0].model)
    print(f"per run ({len(scenarios)} scenarios of {roles} roles; dynamic, 5 paths, loops, "
          "q recorded; medians):")
    print(f"  C++ run (app::run_scenario)     {run_ms:8.3f} ms")
    print(f"  Scenario.run() + .cx            {ms(wall):8.3f} ms")
    print(f"  binding overhead                {over_ms:8.3f} ms  "
          f"({100 * over_ms / run_ms:.1f} % of the run)")
    print(f"  .q (a copy, steps+1 x roles)    {ms(q_copy):8.3f} ms  "
          f"({100 * ms(q_copy) / run_ms:.1f} % of the run)")
    print(f"  .summary (parse the run JSON)   {ms(summary):8.3f} ms  (once, when first read)")


def batch_side_by_side(orgsim, binary, folder):
    import orgsim.dask
    from dask.distributed import Client, LocalCluster

    scenarios = os.path.join(folder, "scenarios")
    out = os.path.join(folder, "results.csv")
    start = time.perf_counter()
    subprocess.run([binary, "batch", scenarios, "-o", out, "--jobs", "2", "--quiet"], check=True,
                   stdout=subprocess.DEVNULL)
    cli_s = time.perf_counter() - start
    expected = pd.read_csv(out).drop(columns="runtime_ms")

    start = time.perf_counter()
    rows = orgsim.batch(scenarios, jobs=2)
    py_s = time.perf_counter() - start
    pd.testing.assert_frame_equal(rows.drop(columns="runtime_ms"), expected, check_exact=True)

    start = time.perf_counter()
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster, Client(cluster) as client:
        client.run(lambda: __import__("orgsim.dask"))  # workers import the module
        ready_s = time.perf_counter() - start
        start = time.perf_counter()
        rows = orgsim.dask.batch(scenarios, client)
        dask_s = time.perf_counter() - start
    pd.testing.assert_frame_equal(rows.drop(columns="runtime_ms"), expected, check_exact=True)
    n = len(expected)
    print(f"batch of {n} scenarios (rows checked equal):")
    print(f"  orgsim batch --jobs 2           {cli_s:8.2f} s")
    print(f"  orgsim.batch(jobs=2)            {py_s:8.2f} s  ({py_s / cli_s:.2f}x)")
    print(f"  orgsim.dask.batch, 2 workers    {dask_s:8.2f} s  ({dask_s / cli_s:.2f}x; "
          f"cluster start {ready_s:.1f} s more)")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--binary", default=os.environ.get("ORGSIM_BINARY", "build/orgsim"))
    parser.add_argument("--roles", type=int, default=1000)
    parser.add_argument("--scenarios", type=int, default=10000)
    parser.add_argument("--runs", type=int, default=200)
    args = parser.parse_args()
    import orgsim

    print(f"orgsim {orgsim.__version__}, Python {sys.version.split()[0]}, "
          f"{os.cpu_count()} cores")
    with tempfile.TemporaryDirectory() as tmp:
        folder = os.path.join(tmp, "org")
        generate(args.binary, folder, args.roles, args.scenarios)
        per_run_overhead(orgsim, folder, args.runs)
        batch_side_by_side(orgsim, args.binary, folder)


if __name__ == "__main__":
    main()

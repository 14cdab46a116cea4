#!/usr/bin/env python3
"""The straightforward SciPy peer for `orgsim rank`, on the same model file.

orgsim rank gives, for every role i, the CX points lost when role i alone is degraded
by d in the linear static IIM (docs/model.md, "Role criticality"):

    loss_i = B w^T (I - A)^-1 (d e_i) = B d y_i,   where (I - A)^T y = w.

This script runs `orgsim rank MODEL --csv` (the whole process, timed), optionally
orgsim_rank_time (load, validate and the rank solve timed apart), then in SciPy:

  adjoint  one spsolve((I - A)^T, w): all n losses, checked against orgsim's CSV;
  singles  n separate "one role fails" solves spsolve(I - A, d e_i), loss = B w.q,
           timed on a random sample of roles and extrapolated to n (n x mean);
  factored splu(I - A) once, then lu.solve(d e_i) for the same sample: the cheapest
           way to do n separate solves in SciPy (factor + n x mean solve).

All three run once per SuperLU column ordering in --permc: COLAMD is spsolve's
default; NATURAL (no reordering) suits these layered models, whose I - A is nearly
triangular in file order. SciPy's times exclude reading the YAML; orgsim's whole
process includes it (orgsim_rank_time shows the stages apart).

Each SciPy phase runs in a child process and is stopped after --cap seconds; the
solves that finished by then are used. If not one finished, the figure is a lower
bound (one solve takes more than the cap). Prints the times, the ratios and whether
the numbers agree (max |difference| at most --tolerance x the largest loss).
"""
import argparse
import csv
import multiprocessing
import os
import random
import resource
import subprocess
import sys
import time

import numpy as np
import scipy
import scipy.sparse as sp
import scipy.sparse.linalg as spla

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import peer_model  # noqa: E402

_DONE = "__done__"


def _child(fn, conn):
    try:
        fn(conn.send)
        conn.send(_DONE)
    except Exception as e:  # reported to the parent, which prints it
        conn.send(("error", repr(e)))
    conn.close()
    os._exit(0)


def run_capped(fn, cap):
    """fn(send) in a forked child, for at most `cap` seconds.

    Returns (everything it sent, whether it finished)."""
    ctx = multiprocessing.get_context("fork")
    recv, send = ctx.Pipe(duplex=False)
    child = ctx.Process(target=_child, args=(fn, send))
    child.start()
    send.close()
    got, finished = [], False
    deadline = time.monotonic() + cap
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            break
        if recv.poll(min(left, 1.0)):
            try:
                msg = recv.recv()
            except EOFError:
                break
            if isinstance(msg, str) and msg == _DONE:
                finished = True
                break
            if isinstance(msg, tuple) and msg and msg[0] == "error":
                print(f"  scipy failed: {msg[1]}")
                break
            got.append(msg)
        elif not child.is_alive():
            break
    if child.is_alive():
        child.kill()
    child.join()
    return got, finished


def run_orgsim_rank(orgsim, model, csv_path, degrade, repeats):
    """Wall and CPU seconds of each whole `orgsim rank` process."""
    runs = []
    for _ in range(repeats):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        subprocess.run([orgsim, "rank", model, "--csv", csv_path, "--degrade", str(degrade),
                        "--max-input-mb", "4096"], check=True, stdout=subprocess.DEVNULL)
        wall = time.perf_counter() - t0
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        runs.append((wall, cpu))
    return runs


def read_rank_csv(path):
    with open(path, newline="") as f:
        return {row["role_id"]: float(row["cx_points"]) for row in csv.DictReader(f)}


def rank_stages(tool, model, degrade):
    out = subprocess.run([tool, model, str(degrade), "5"], check=True, capture_output=True,
                         text=True).stdout.split()
    fields = dict(zip(out[::2], out[1::2]))
    return {key: float(fields[key]) for key in ("load", "validate", "rank")}


def load_line():
    return "load average %.2f %.2f %.2f" % os.getloadavg()


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("model")
    p.add_argument("--orgsim", required=True, help="the orgsim executable")
    p.add_argument("--rank-time", help="orgsim_rank_time, to time the rank solve alone")
    p.add_argument("--degrade", type=float, default=0.5)
    p.add_argument("--sample", type=int, default=20, help="roles solved one by one")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--cap", type=float, default=180.0, help="seconds per SciPy phase")
    p.add_argument("--repeats", type=int, default=3, help="orgsim rank runs")
    p.add_argument("--permc", default="COLAMD",
                   help="SuperLU column orderings to try, comma-separated (COLAMD: spsolve's "
                   "default; NATURAL: none)")
    p.add_argument("--tolerance", type=float, default=1e-9)
    p.add_argument("--work", default=".", help="folder for the CSV and the model cache")
    args = p.parse_args()

    csv_path = os.path.join(args.work, "rank.csv")
    t0 = time.perf_counter()
    m = peer_model.load(args.model, os.path.join(args.work, "peer-cache"))
    print(f"model {args.model}: {m.n} roles, {m.a.nnz} dependencies, baseline {m.baseline:g} "
          f"(read in {time.perf_counter() - t0:.1f} s); degrade {args.degrade:g}; "
          f"SciPy {scipy.__version__}, NumPy {np.__version__}")

    print(f"orgsim rank --csv ({load_line()})")
    runs = run_orgsim_rank(args.orgsim, args.model, csv_path, args.degrade, args.repeats)
    orgsim_wall = min(wall for wall, _ in runs)
    print("  whole process: " + ", ".join(f"{w:.3f} s ({c:.3f} s CPU)" for w, c in runs) +
          f"; best {orgsim_wall:.3f} s")
    orgsim_rank = None
    if args.rank_time:
        stages = rank_stages(args.rank_time, args.model, args.degrade)
        orgsim_rank = stages["rank"]
        print(f"  stages (orgsim_rank_time): load {stages['load']:.3f} s, validate "
              f"{stages['validate']:.3f} s, rank_roles {orgsim_rank * 1e3:.1f} ms (best of 5)")
    ours = read_rank_csv(csv_path)
    orgsim_loss = np.array([ours[rid] for rid in m.ids])
    scale = np.abs(orgsim_loss).max()
    ok = True

    n, a, w, d, b = m.n, m.a, m.w, args.degrade, m.baseline
    i_minus_a = (sp.identity(n, format="csr") - a).tocsc()
    sample = random.Random(args.seed).sample(range(n), min(args.sample, n))

    def ratio(scipy_s, orgsim_s):
        r = scipy_s / orgsim_s
        return f"orgsim {r:,.1f}x faster" if r >= 1 else f"SciPy {1 / r:,.1f}x faster"

    def faster(seconds):
        """The speed ratio to a SciPy time, whole orgsim process and rank solve alone."""
        text = ratio(seconds, orgsim_wall) + " (whole process)"
        if orgsim_rank:
            text += ", " + ratio(seconds, orgsim_rank) + " (rank_roles alone)"
        return text

    def check_all(label, seconds, y):
        nonlocal ok
        diff = np.abs(b * d * y - orgsim_loss).max()
        agree = diff <= args.tolerance * scale
        ok &= agree
        print(f"  {label} {seconds:.3f} s; all {n} losses vs orgsim's CSV: max |diff| {diff:.2e} "
              f"({diff / scale:.1e} of the largest loss {scale:.4f}): "
              f"{'agree' if agree else 'DISAGREE'}; {faster(seconds)}")

    def report_solves(label, got, extra=0.0, finished=False):
        nonlocal ok
        solves = [g for g in got if isinstance(g[0], int)]
        if not solves:
            print(f"  no solve finished within {args.cap:g} s: one solve takes longer, so n "
                  f"solves take over {n * args.cap:,.0f} s; {faster(n * args.cap + extra)} "
                  f"(a lower bound)")
            return
        times = np.array([g[1] for g in solves])
        diffs = np.array([abs(g[2] - ours[m.ids[g[0]]]) for g in solves])
        qmax = max(g[3] for g in solves)
        agree = diffs.max() <= args.tolerance * scale
        ok &= agree
        estimate = extra + n * times.mean()
        print(f"  {len(solves)} of {len(sample)} sampled roles"
              f"{'' if finished else f' (stopped at the {args.cap:g} s cap)'}: mean "
              f"{times.mean():.4f} s (min {times.min():.4f}, max {times.max():.4f}); "
              f"largest q {qmax:.3f}; vs orgsim's figures for these roles: max |diff| "
              f"{diffs.max():.2e}: {'agree' if agree else 'DISAGREE'}")
        print(f"  {label}: {estimate:,.1f} s; {faster(estimate)}")
        if orgsim_rank:
            print(f"  ratio orgsim rank_roles / ({label}) = {orgsim_rank / estimate:.2e}")

    for permc in args.permc.split(","):
        print(f"== SciPy, SuperLU column ordering permc_spec={permc}")

        # (a) The adjoint: one solve for all n losses.
        def adjoint(send):
            mt = i_minus_a.T.tocsc()
            t = time.perf_counter()
            y = spla.spsolve(mt, w, permc_spec=permc)
            send((time.perf_counter() - t, y))

        print(f"adjoint: spsolve((I - A)^T, w) ({load_line()})")
        got, _ = run_capped(adjoint, args.cap)
        if got:
            check_all("spsolve", *got[0])
        else:
            print(f"  no answer within {args.cap:g} s")

        # (b) n separate solves of (I - A) q = d e_i, as n separate questions.
        def singles(send):
            for i in sample:
                rhs = np.zeros(n)
                rhs[i] = d
                t = time.perf_counter()
                q = spla.spsolve(i_minus_a, rhs, permc_spec=permc)
                send((i, time.perf_counter() - t, b * float(w @ q), float(q.max())))

        print(f"singles: spsolve(I - A, d e_i) on {len(sample)} random roles (seed {args.seed}) "
              f"({load_line()})")
        got, finished = run_capped(singles, args.cap)
        report_solves("n x mean spsolve", got, finished=finished)

        # (c) One LU factorisation shared by the transposed solve and the single solves.
        def factored(send):
            t = time.perf_counter()
            lu = spla.splu(i_minus_a, permc_spec=permc)
            send(("factor", time.perf_counter() - t, lu.L.nnz + lu.U.nnz))
            t = time.perf_counter()
            y = lu.solve(w, trans="T")
            send(("adjoint", time.perf_counter() - t, y))
            for i in sample:
                rhs = np.zeros(n)
                rhs[i] = d
                t = time.perf_counter()
                q = lu.solve(rhs)
                send((i, time.perf_counter() - t, b * float(w @ q), float(q.max())))

        print(f"factored: splu(I - A) once, lu.solve(w, trans='T'), then lu.solve(d e_i) "
              f"on the same roles ({load_line()})")
        got, finished = run_capped(factored, args.cap)
        by_kind = {g[0]: g for g in got if isinstance(g[0], str)}
        if "factor" not in by_kind:
            print(f"  the factorisation did not finish within {args.cap:g} s")
            continue
        factor = by_kind["factor"][1]
        print(f"  factorisation {factor:.3f} s, {by_kind['factor'][2]:,} entries in L + U")
        if "adjoint" in by_kind:
            check_all("factorisation + transposed solve", factor + by_kind["adjoint"][1],
                      by_kind["adjoint"][2])
        report_solves("factorisation + n x mean solve", got, extra=factor, finished=finished)

    print("agree" if ok else "DISAGREE")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

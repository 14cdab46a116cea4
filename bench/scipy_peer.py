#!/usr/bin/env python3
"""The straightforward SciPy peer for orgsim's engine, on the same generated input.

Reads a case written by orgsim_bench_export, solves the static IIM with
scipy.sparse.linalg.spsolve on (I - A) q = c, runs 100 dynamic steps with a plain
loop of sparse mat-vecs, checks both against orgsim's answers, and prints the times
and the ratio. Usage: scipy_peer.py CASE_DIR
"""
import sys
import time

import numpy as np
import scipy.io
import scipy.sparse as sp
import scipy.sparse.linalg as spla


def main(case):
    a = scipy.io.mmread(f"{case}/A.mtx").tocsr()
    c = np.loadtxt(f"{case}/c.txt")
    k = np.loadtxt(f"{case}/recovery.txt")
    q_static_orgsim = np.loadtxt(f"{case}/q_static.txt")
    q_dynamic_orgsim = np.loadtxt(f"{case}/q_dynamic.txt")
    static_orgsim, dynamic_orgsim = np.loadtxt(f"{case}/orgsim_times.txt")
    n = a.shape[0]

    t0 = time.perf_counter()
    q = spla.spsolve((sp.identity(n, format="csc") - a).tocsc(), c)
    static_scipy = time.perf_counter() - t0
    assert q.max() <= 1.0, "the clamp is active: the plain linear solve is not the peer"

    t0 = time.perf_counter()
    x = np.zeros(n)
    for _ in range(100):
        x = np.clip(x + k * (a @ x + c - x), 0.0, 1.0)
    dynamic_scipy = time.perf_counter() - t0

    d_static = np.abs(q - q_static_orgsim).max()
    d_dynamic = np.abs(x - q_dynamic_orgsim).max()
    print(f"roles {n} edges {a.nnz}")
    print(f"static   orgsim {static_orgsim:.4f} s  scipy {static_scipy:.4f} s  "
          f"ratio {static_scipy / static_orgsim:.1f}x  max|diff| {d_static:.2e}")
    print(f"dynamic  orgsim {dynamic_orgsim:.4f} s  scipy {dynamic_scipy:.4f} s  "
          f"ratio {dynamic_scipy / dynamic_orgsim:.1f}x  max|diff| {d_dynamic:.2e}")
    ok = d_static < 1e-9 and d_dynamic < 1e-12
    print("agree" if ok else "DISAGREE")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))

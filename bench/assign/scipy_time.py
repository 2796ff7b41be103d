#!/usr/bin/python3
"""The scipy side of bench/assign/run.sh.

    /usr/bin/python3 bench/assign/scipy_time.py gen DIR
        writes DIR/square.bin (2000x2000) and DIR/cap.bin (2000x700), dense
        scores uniform in [0,1) from a fixed seed; each file is two int64
        (rows, cols) then rows*cols float64, row-major, little-endian.

    /usr/bin/python3 bench/assign/scipy_time.py time DIR RUNS
        times scipy.optimize.linear_sum_assignment(W, maximize=True), best
        of RUNS, on square.bin and on cap.bin with every column repeated 3
        times (2000x2100: scipy has no capacities), and on real.bin (the
        engine's real workload, written by the Go side; -inf marks Forbidden
        pairs, which scipy never assigns) the same way if it is there, and
        prints one line per problem: "scipy NAME ROWS COLS BEST_SECONDS TOTAL".
        On real.bin every row has an allowed column and Solve's optimum
        assigns every row, so scipy's problem (every row assigned) has the
        same optimum.
"""
import os
import sys
import time

import numpy as np
import scipy
from scipy.optimize import linear_sum_assignment

PROBLEMS = [("square", 2000, 2000, 1), ("cap", 2000, 700, 3)]  # name, rows, cols, capacity
REAL = ("real", 2000, 700, 3)  # written by the Go side


def gen(d):
    rng = np.random.default_rng(20261123)
    for name, rows, cols, _ in PROBLEMS:
        w = rng.random((rows, cols))
        with open(os.path.join(d, name + ".bin"), "wb") as f:
            f.write(np.array([rows, cols], dtype="<i8").tobytes())
            f.write(w.astype("<f8").tobytes())


def load(d, name):
    with open(os.path.join(d, name + ".bin"), "rb") as f:
        rows, cols = np.frombuffer(f.read(16), dtype="<i8")
        return np.frombuffer(f.read(), dtype="<f8").reshape(rows, cols)


def timing(d, runs):
    print("# scipy %s, numpy %s" % (scipy.__version__, np.__version__), file=sys.stderr)
    problems = PROBLEMS
    if os.path.exists(os.path.join(d, "real.bin")):
        problems = PROBLEMS + [REAL]
    for name, rows, cols, cap in problems:
        w = np.ascontiguousarray(np.repeat(load(d, name), cap, axis=1))
        best, total = float("inf"), None
        for _ in range(runs):
            t = time.perf_counter()
            r, c = linear_sum_assignment(w, maximize=True)
            best = min(best, time.perf_counter() - t)
            total = float(w[r, c].sum())
        print("scipy %s %d %d %.6f %r" % (name, w.shape[0], w.shape[1], best, total))


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "gen":
        gen(sys.argv[2])
    elif len(sys.argv) == 4 and sys.argv[1] == "time":
        timing(sys.argv[2], int(sys.argv[3]))
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env bash
# Batch assignment against scipy: times mentoring.Solve and
# scipy.optimize.linear_sum_assignment side by side, in one run, on the same
# dense random matrices (scores uniform in [0,1), fixed seed):
#
#   2000×2000, capacity 1      scipy on the same matrix
#   2000×700, capacity 3       scipy on the 2000×2100 matrix with every column
#                              repeated 3 times (it has no capacities)
#
# and, for information (no bar), on the real workload's matrix: the engine's
# scores of demo.GeneratePool's 2000 newcomers × 700 volunteers taking 3 each
# (BenchmarkWholeJob's problem), written by mentoring's TestWriteRealMatrix.
#
# Each side times the solver alone (not reading the files), best of RUNS
# runs; the two sides take turns ROUNDS times and each keeps its best, so a
# burst of load on the machine hits both. The script checks that both reach
# the same Total (exit 1 if not) and ends with a markdown table for
# docs/benchmarks.md. It installs Debian's python3-scipy when
# /usr/bin/python3 lacks scipy, and always runs /usr/bin/python3.
#
#   bench/assign/run.sh
#   ROUNDS=5 RUNS=5 bench/assign/run.sh
#
# Takes about a minute. Run it on an otherwise idle machine.
set -euo pipefail

cd "$(dirname "$0")/../.."

ROUNDS=${ROUNDS:-3}
RUNS=${RUNS:-3}
PY=/usr/bin/python3

if ! "$PY" -c 'import scipy' 2>/dev/null; then
	SUDO=
	if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; fi
	$SUDO apt-get install -y python3-scipy ||
		{ $SUDO apt-get update && $SUDO apt-get install -y python3-scipy; }
fi

DIR=$(mktemp -d)
trap 'rm -rf "$DIR"' EXIT

echo "generating the matrices in $DIR" >&2
"$PY" bench/assign/scipy_time.py gen "$DIR"
go test -tags sqlite_fts5 -count=1 -run '^TestWriteRealMatrix$' ./mentoring/ -args -assign.real="$DIR/real.bin" >/dev/null
for round in $(seq "$ROUNDS"); do
	echo "round $round of $ROUNDS: scipy, then Solve, best of $RUNS each" >&2
	"$PY" bench/assign/scipy_time.py time "$DIR" "$RUNS" >>"$DIR/scipy.txt"
	go run -tags sqlite_fts5 ./bench/assign -dir "$DIR" -runs "$RUNS" >>"$DIR/go.txt"
done

cat "$DIR/scipy.txt" "$DIR/go.txt" >&2
echo >&2
echo "$(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), $(go version | cut -d' ' -f3), scipy $("$PY" -c 'import scipy; print(scipy.__version__)'), $(date -u '+%Y-%m-%d %H:%M UTC')"
echo
cat "$DIR/scipy.txt" "$DIR/go.txt" | awk '
	$1 == "scipy" { key = $2; if (!(key in ss) || $5 < ss[key]) ss[key] = $5; st[key] = $6; sdim[key] = $3 "×" $4 }
	$1 == "go" { key = $2; if (!(key in gs) || $5 < gs[key]) gs[key] = $5; gt[key] = $6 }
	END {
		label["square"] = "2000×2000, capacity 1"; bar["square"] = 1.0
		label["cap"] = "2000×700, capacity 3"; bar["cap"] = 0.5
		label["real"] = "real workload, 2000×700, capacity 3"
		print "| problem | scipy matrix | scipy s | Solve s | Solve/scipy | bar | Total (both) |"
		print "|---|---|---|---|---|---|---|"
		bad = 0
		n = split("square cap real", keys, " ")
		for (k = 1; k <= n; k++) {
			key = keys[k]
			if (!(key in ss) || !(key in gs)) continue
			d = st[key] - gt[key]; if (d < 0) d = -d
			m = st[key]; if (m < 0) m = -m; if (m < 1) m = 1
			if (d > 1e-9 * m) { bad = 1; printf "TOTALS DIFFER on %s: scipy %s, Solve %s\n", key, st[key], gt[key] > "/dev/stderr" }
			ratio = gs[key] / ss[key]
			verdict = "none (information)"
			if (key in bar) verdict = sprintf("≤ %.1f %s", bar[key], (ratio <= bar[key] ? "met" : "**missed**"))
			printf "| %s | %s | %.3f | %.3f | %.2f | %s | %.6f |\n", label[key], sdim[key], ss[key], gs[key], ratio, verdict, gt[key]
		}
		exit bad
	}'

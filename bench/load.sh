#!/usr/bin/env bash
# Load test of the public pages with wrk (issue 4): builds bin/broen, fills
# bench/data/search.db with the demo municipality plus 100,000 generated
# activities (bench/search -prepare; about three minutes the first time, then
# reused), serves it on a loopback port and loads, one after another, with the
# scripts in bench/wrk/:
#
#   /livez                     the constant baseline
#   /activities                the HTML search page, realistic searches
#   /activities/{id}           HTML activity pages, ids over the whole range
#   /api/v1/activities         the JSON search API, the same searches
#   /api/v1/activities/{id}    the JSON activity, ids over the whole range
#
# Each endpoint gets a short warm-up run, then the measured run. Every run
# must end without a non-2xx/3xx response and without a socket error
# (connect, read, write, timeout); otherwise the script prints what the
# server logged for the failed requests and exits 1. It ends with a markdown
# table for docs/benchmarks.md.
#
#   bench/load.sh
#   DURATION=60s CONNECTIONS=64 bench/load.sh
#
# Takes about 2.5 minutes once the database exists. Client and server share
# the machine: run it on an otherwise idle one.
set -euo pipefail

cd "$(dirname "$0")/.."

N=${N:-100000}                     # generated activities besides the demo ones
DB=${DB:-bench/data/search.db}
ADDR=${ADDR:-127.0.0.1:18080}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-16}
DURATION=${DURATION:-20s}
WARMUP=${WARMUP:-3s}
TIMEOUT=${TIMEOUT:-2s}             # wrk's own default: a slower answer is a socket error
MAX_ID=${MAX_ID:-}                 # highest activity id; read from the API when empty
BASE=http://$ADDR
LOGDIR=bench/data/load             # server log and wrk output of the last run

need() { # need COMMAND PACKAGE: install a Debian package when a command is missing
	command -v "$1" >/dev/null && return
	local sudo=
	[ "$(id -u)" -eq 0 ] || sudo=sudo
	$sudo apt-get update && $sudo apt-get install -y "$2"
}
need wrk wrk
need curl curl

echo "== build bin/broen"
go build -tags sqlite_fts5 -o bin/broen ./cmd/broen

echo "== prepare $DB (demo municipality + $N generated activities; reused when already filled)"
go run -tags sqlite_fts5 ./bench/search -db "$DB" -n "$N" -prepare

# A database made before a migration file was changed keeps the old schema
# (goose does not apply a migration twice), and would be measured without,
# say, a new index: compare it with a fresh database's schema.
if command -v sqlite3 >/dev/null; then
	fresh=$(mktemp -d)
	bin/broen migrate -db "$fresh/schema.db" >/dev/null
	if ! diff <(sqlite3 "$fresh/schema.db" .schema) <(sqlite3 -readonly "$DB" .schema) >"$fresh/schema.diff"; then
		echo "load.sh: $DB has a different schema from the migrations (< fresh, > $DB):" >&2
		cat "$fresh/schema.diff" >&2
		echo "it was made with older migration files: delete it and run again (bench/search fills a new one)" >&2
		rm -rf "$fresh"
		exit 1
	fi
	rm -rf "$fresh"
else
	echo "== sqlite3 not found: not checking $DB's schema against the migrations"
fi

if curl -s -o /dev/null --max-time 2 "$BASE/livez"; then
	echo "load.sh: something already answers on $ADDR; stop it or set ADDR" >&2
	exit 1
fi

mkdir -p "$LOGDIR"
rm -f "$LOGDIR"/*.txt "$LOGDIR"/serve.log
SERVER_PID=
cleanup() {
	if [ -n "$SERVER_PID" ]; then
		kill "$SERVER_PID" 2>/dev/null || true
		wait "$SERVER_PID" 2>/dev/null || true
	fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

echo "== serve $DB on $ADDR (log: $LOGDIR/serve.log)"
bin/broen serve -db "$DB" -addr "$ADDR" >"$LOGDIR/serve.log" 2>&1 &
SERVER_PID=$!
for i in $(seq 600); do
	if ! kill -0 "$SERVER_PID" 2>/dev/null; then
		echo "load.sh: the server exited:" >&2
		tail -n 20 "$LOGDIR/serve.log" >&2
		SERVER_PID=
		exit 1
	fi
	[ "$(curl -s -o /dev/null -w '%{http_code}' "$BASE/readyz")" = 200 ] && break
	[ "$i" -eq 600 ] && { echo "load.sh: $BASE/readyz not ready after 60 s" >&2; exit 1; }
	sleep 0.1
done

total=$(curl -sf "$BASE/api/v1/activities?per_page=1" | grep -o '"total":[0-9]*' | cut -d: -f2)
if [ "${total:-0}" -lt "$N" ]; then
	echo "load.sh: the server lists ${total:-no} public activities, fewer than $N" >&2
	exit 1
fi
if [ -z "$MAX_ID" ]; then
	# Ids are given in order and bench/search makes every activity public,
	# so they run from 1 to the total; check both ends and one past.
	MAX_ID=$total
	for probe in "1 200" "$MAX_ID 200" "$((MAX_ID + 1)) 404"; do
		set -- $probe
		got=$(curl -s -o /dev/null -w '%{http_code}' "$BASE/api/v1/activities/$1")
		if [ "$got" != "$2" ]; then
			echo "load.sh: /api/v1/activities/$1 answered $got, expected $2: ids are not 1..$total; set MAX_ID" >&2
			exit 1
		fi
	done
fi

# The server's own errors so far: the hourly sweep runs once at start, and a
# database made before an applied migration was changed fails there first.
sleep 0.5
if grep -q '"level":"ERROR"' "$LOGDIR/serve.log"; then
	grep '"level":"ERROR"' "$LOGDIR/serve.log" >&2
	echo "load.sh: the server logged errors at start; if they name a missing column or table, $DB" >&2
	echo "was made with older migrations: delete it and run again (bench/search fills a new one)" >&2
	exit 1
fi

cpu_model=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')
echo "== $(nproc) CPUs ($cpu_model), $total public activities, ids 1..$MAX_ID"
echo "== load average before the runs: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency (after a $WARMUP warm-up run each)"

# The server's CPU time (user + system) in clock ticks, read around each run:
# what one request costs the server, whatever else the machine is doing.
CLK_TCK=$(getconf CLK_TCK)
server_ticks() { awk '{ print $14 + $15 }' "/proc/$SERVER_PID/stat"; }

rows=()
failed=0
log_start=$(wc -l <"$LOGDIR/serve.log")
run() { # run NAME SCRIPT PATH [key=value…]
	local name=$1 script=$2 path=$3
	shift 3
	local phase dur seed out line ticks ticks_before cpu
	for phase in warmup measure; do
		if [ "$phase" = warmup ]; then dur=$WARMUP seed=1; else dur=$DURATION seed=2; fi
		out=$LOGDIR/$script-$phase.txt
		ticks_before=$(server_ticks)
		echo
		echo "-- $name ($phase, $dur): wrk -t$THREADS -c$CONNECTIONS -d$dur --latency -s bench/wrk/$script.lua $BASE --${*:+ $*} seed=$seed"
		if ! wrk -t"$THREADS" -c"$CONNECTIONS" -d"$dur" --timeout "$TIMEOUT" --latency -s "bench/wrk/$script.lua" "$BASE" -- "$@" seed=$seed >"$out" 2>&1; then
			cat "$out"
			echo "load.sh: wrk failed on $name" >&2
			failed=1
			continue
		fi
		ticks=$(($(server_ticks) - ticks_before))
		if [ "$phase" = measure ]; then cat "$out"; else grep -E '^(RESULT|responses|non-2xx|socket)' "$out" || true; fi
		line=$(grep '^RESULT ' "$out" || true)
		if [ -z "$line" ]; then
			echo "load.sh: no RESULT line from bench/wrk/$script.lua" >&2
			failed=1
			continue
		fi
		local requests rps p50 p99 bad socket
		requests=$(sed -E 's/.* requests=([0-9]+).*/\1/' <<<"$line")
		rps=$(sed -E 's/.* rps=([0-9.]+).*/\1/' <<<"$line")
		p50=$(sed -E 's/.* p50_ms=([0-9.]+).*/\1/' <<<"$line")
		p99=$(sed -E 's/.* p99_ms=([0-9.]+).*/\1/' <<<"$line")
		bad=$(sed -E 's/.* bad=([0-9]+).*/\1/' <<<"$line")
		socket=$(sed -E 's/.* socket=([0-9]+).*/\1/' <<<"$line")
		if [ "$bad" -ne 0 ] || [ "$socket" -ne 0 ] || [ "$requests" -eq 0 ]; then
			echo "load.sh: $name ($phase): $bad non-2xx/3xx responses, $socket socket errors, $requests requests" >&2
			failed=1
		fi
		if [ "$phase" = measure ]; then
			cpu=$(awk -v t="$ticks" -v hz="$CLK_TCK" -v n="$requests" 'BEGIN { printf "%.2f", n ? t * 1000 / hz / n : 0 }')
			echo "server CPU: $(awk -v t="$ticks" -v hz="$CLK_TCK" 'BEGIN { printf "%.1f", t / hz }') s, $cpu ms per request"
			rows+=("| \`$path\` | $requests | $(printf '%.0f' "$rps") | $p50 | $p99 | $cpu | $((bad + socket)) |")
		fi
	done
}

run "/livez (baseline)" livez /livez
run "HTML search page" search "/activities?…"
run "HTML activity page" activity "/activities/{id}" max_id="$MAX_ID"
run "JSON search API" api "/api/v1/activities?…"
run "JSON activity" api_activity "/api/v1/activities/{id}" max_id="$MAX_ID"

echo
echo "== load average after the runs: $(cut -d' ' -f1-3 /proc/loadavg)"
# What the server logged during the runs. wrk closes its connections when a
# run's time is up, with up to $CONNECTIONS requests in flight; the server
# logs those as failed with "context canceled". They never reach a client, so
# they are counted apart; anything else outside 2xx/3xx fails the test.
tail -n +"$((log_start + 1))" "$LOGDIR/serve.log" >"$LOGDIR/runs.log"
requests_logged=$(grep -c '"msg":"request"' "$LOGDIR/runs.log" || true)
canceled=$(grep '"msg":"request failed"' "$LOGDIR/runs.log" | grep -c 'context canceled' || true)
grep '"msg":"request failed"' "$LOGDIR/runs.log" | grep -v 'context canceled' >"$LOGDIR/failed.log" || true
grep '"msg":"request failed"' "$LOGDIR/runs.log" | grep 'context canceled' |
	grep -o '"request_id":"[^"]*"' >"$LOGDIR/canceled-ids.txt" || true
grep -E '"msg":"request".*"status":[014-9][0-9][0-9]' "$LOGDIR/runs.log" |
	grep -v -F -f "$LOGDIR/canceled-ids.txt" >"$LOGDIR/bad-status.log" || true
bad_logged=$(wc -l <"$LOGDIR/bad-status.log")
other_errors=$(grep '"level":"ERROR"' "$LOGDIR/runs.log" | grep -vc '"msg":"request' || true)
echo "== server log: $requests_logged requests (/livez is not logged); $canceled abandoned by wrk at the end of a run (context canceled, logged as 500);"
echo "   $bad_logged other answers outside 2xx/3xx, $(wc -l <"$LOGDIR/failed.log") other failed requests, $other_errors other errors"
if [ "$bad_logged" -ne 0 ] || [ -s "$LOGDIR/failed.log" ] || [ "$other_errors" -ne 0 ]; then
	echo "statuses by path:"
	sed -E 's/.*"path":"([^"]*)".*"status":([0-9]+).*/\2 \1/; s#/[0-9]+#/{id}#g' "$LOGDIR/bad-status.log" | sort | uniq -c | sort -rn | sed -n 1,20p || true
	echo "errors:"
	grep '"level":"ERROR"' "$LOGDIR/runs.log" | grep -v 'context canceled' | grep -v '"msg":"request",' |
		grep -o '"error":"[^"]*"' | sort | uniq -c | sort -rn | sed -n 1,20p || true
	failed=1
fi

echo
echo "wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency, $(nproc) CPUs shared by wrk and the server, $total activities, $(date -u +%Y-%m-%d)"
echo
echo "| endpoint | requests | requests/s | p50 ms | p99 ms | server CPU ms/request | errors |"
echo "|---|---|---|---|---|---|---|"
printf '%s\n' "${rows[@]}"
echo
echo "errors: non-2xx/3xx responses plus socket errors (connect, read, write, timeout)"

if [ "$failed" -ne 0 ]; then
	echo "load.sh: FAILED (see above and $LOGDIR/)" >&2
	exit 1
fi

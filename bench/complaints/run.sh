#!/usr/bin/env bash
# Complaint benchmark: Open311 intake (a write that places, links and looks for duplicates) and the
# overview's live read (today's and this week's counters and the rising signals), with wrk against a
# hub started here on the demo city. Each measurement runs RUNS times; the report gives the medians.
#
# Env (defaults): PORT 8189   DATA_DIR /tmp/citygraph-bench-complaints (wiped first)   DURATION 15s
#   WARMUP 5s   CONNECTIONS 8   THREADS 2   RUNS 3   JAR api/target/citygraph.jar
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
PORT="${PORT:-8189}"
DATA_DIR="${DATA_DIR:-/tmp/citygraph-bench-complaints}"
DURATION="${DURATION:-15s}"
WARMUP="${WARMUP:-5s}"
CONNECTIONS="${CONNECTIONS:-8}"
THREADS="${THREADS:-2}"
RUNS="${RUNS:-3}"
JAR="${JAR:-$ROOT/api/target/citygraph.jar}"
BASE="http://127.0.0.1:$PORT"
WORK="$(mktemp -d)"

log() { printf '%s %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
command -v wrk >/dev/null || { echo "wrk is needed (apt-get install wrk)" >&2; exit 1; }
[ -f "$JAR" ] || { echo "$JAR is missing: build it first (mvn -B verify)" >&2; exit 1; }

rm -rf "$DATA_DIR"
log "starting the hub on port $PORT (log: $WORK/hub.log)"
java -jar "$JAR" --server.port="$PORT" --citygraph.graph.data-dir="$DATA_DIR" \
  --citygraph.rate-limits.enabled=false --citygraph.feeds.polling=false >"$WORK/hub.log" 2>&1 &
HUB=$!
trap 'kill $HUB 2>/dev/null || true; wait $HUB 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  curl -s -o /dev/null "$BASE/open311/v2/services.json" && break
  kill -0 $HUB 2>/dev/null || { cat "$WORK/hub.log" >&2; exit 1; }
  sleep 1
done
sleep 3 # the demo complaints load once the hub is ready

cat >"$WORK/overview.json" <<'JSON'
{"query":"{ today: complaintCounters(period: TODAY) { total counts { district { id name } category count } } week: complaintCounters(period: WEEK) { total } risingComplaints { district { id } category recent usual } }"}
JSON

measure() { # name script extra-env...
  local name=$1 script=$2
  shift 2
  env "$@" wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" -s "$HERE/$script" "$BASE" >/dev/null 2>&1 || true
  for run in $(seq 1 "$RUNS"); do
    env "$@" wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -s "$HERE/$script" "$BASE" \
      | grep '^RESULT ' | sed 's/^RESULT //' >>"$WORK/$name.jsonl"
    log "$name run $run: $(tail -1 "$WORK/$name.jsonl")"
  done
}

measure intake form.lua PATH_ON_SERVER=/open311/v2/requests.json
# a read that fails is no measurement
curl -sf "$BASE/graphql" -H 'Content-Type: application/json' -H 'Accept: application/json' --data @"$WORK/overview.json" \
  | grep -q '"risingComplaints"' || { echo "the overview query failed" >&2; exit 1; }
complaints=$(curl -s "$BASE/graphql" -H 'Content-Type: application/json' \
  --data '{"query":"{ complaints(first: 1) { totalCount } }"}' | sed 's/.*"totalCount":\([0-9]*\).*/\1/')
measure overview post.lua BODY_FILE="$WORK/overview.json" PATH_ON_SERVER=/graphql

median() { # file field
  node -e '
    const rows = require("fs").readFileSync(process.argv[1], "utf8").trim().split("\n").map(JSON.parse);
    const v = rows.map((r) => r[process.argv[2]]).sort((a, b) => a - b);
    console.log(v[Math.floor(v.length / 2)]);' "$1" "$2"
}
echo
echo "complaints in the graph after the intake runs: $complaints ($(nproc) cores, $CONNECTIONS connections, $RUNS runs of $DURATION)"
printf '%-10s %10s %12s %12s %8s\n' what "req/s" "p50 ms" "p99 ms" errors
for name in intake overview; do
  [ -s "$WORK/$name.jsonl" ] || continue
  printf '%-10s %10.0f %12.2f %12.2f %8s\n' "$name" "$(median "$WORK/$name.jsonl" rps)" \
    "$(echo "$(median "$WORK/$name.jsonl" p50) / 1000" | bc -l)" "$(echo "$(median "$WORK/$name.jsonl" p99) / 1000" | bc -l)" \
    "$(median "$WORK/$name.jsonl" errors)"
done

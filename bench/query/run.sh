#!/usr/bin/env bash
# Query benchmark: CityGraph against the yardstick (@neo4j/graphql on the same Neo4j), five fixed queries,
# wrk at a few connection counts. See README.md beside this file.
#
# Env (defaults):
#   CITYGRAPH_URL  http://127.0.0.1:8080/graphql     YARDSTICK_URL  http://127.0.0.1:4000/graphql
#   DURATION 20s   WARMUP 5s (before each measured run)   CONNECTIONS "8 32"   THREADS 2   TIMEOUT 10s
#   INITIAL_WARMUP auto: before any measurement, each server and query runs at the highest connection count in
#     rounds of WARMUP_ROUND (20) seconds for at least WARMUP_MIN (240) seconds and until two rounds in a row gain
#     no more than 3 % on the best before them (at most WARMUP_MAX = 480 s), so that the JVM's JIT (and V8's) has compiled the hot paths. A duration
#     (e.g. 60s) runs one fixed round instead; 0 skips.
#   SERVERS "citygraph yardstick"   QUERIES "" (all; e.g. "list two-hop")
#   AGENCY_ID agc_nonsan-safety   DISTRICT_ID dst_ganggyeong   DEEP_OFFSET 5000
#   START_YARDSTICK 1: when YARDSTICK_URL does not answer and is the local default, start bench/yardstick
#     (npm ci first if its node_modules is missing) against NEO4J_URI (bolt://127.0.0.1:7687) with
#     NEO4J_PASSWORD or the contents of NEO4J_PASSWORD_FILE (bench/data/neo4j/bolt-password); stop it at the end.
#   START_CITYGRAPH 0: 1 to start CITYGRAPH_JAR (api/target/citygraph.jar) the same way (CITYGRAPH_ARGS, JAVA_OPTS)
#     and stop it at the end; another jar compares two builds on the same data.
#   RESULTS_DIR bench/results
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"

CITYGRAPH_URL="${CITYGRAPH_URL:-http://127.0.0.1:8080/graphql}"
YARDSTICK_URL="${YARDSTICK_URL:-http://127.0.0.1:4000/graphql}"
DURATION="${DURATION:-20s}"
WARMUP="${WARMUP:-5s}"
INITIAL_WARMUP="${INITIAL_WARMUP:-auto}"
WARMUP_ROUND="${WARMUP_ROUND:-20}"
WARMUP_MIN="${WARMUP_MIN:-240}"
WARMUP_MAX="${WARMUP_MAX:-480}"
CONNECTIONS="${CONNECTIONS:-8 32}"
THREADS="${THREADS:-2}"
TIMEOUT="${TIMEOUT:-10s}"
SERVERS="${SERVERS:-citygraph yardstick}"
export QUERIES="${QUERIES:-}"
export AGENCY_ID="${AGENCY_ID:-agc_nonsan-safety}"
export DISTRICT_ID="${DISTRICT_ID:-dst_ganggyeong}"
export DEEP_OFFSET="${DEEP_OFFSET:-5000}"
START_YARDSTICK="${START_YARDSTICK:-1}"
START_CITYGRAPH="${START_CITYGRAPH:-0}"
NEO4J_URI="${NEO4J_URI:-bolt://127.0.0.1:7687}"
NEO4J_PASSWORD_FILE="${NEO4J_PASSWORD_FILE:-$ROOT/bench/data/neo4j/bolt-password}"
CITYGRAPH_ARGS="${CITYGRAPH_ARGS:---citygraph.graph.data-dir=$ROOT/bench/data/neo4j --citygraph.graph.bolt-port=7687 --citygraph.demo.large-issues=100000 --citygraph.rate-limits.enabled=false}"
RESULTS_DIR="${RESULTS_DIR:-$ROOT/bench/results}"

STAMP="$(date +%Y-%m-%d-%H%M%S)"
WORK="$RESULTS_DIR/query-$STAMP"
REPORT="$RESULTS_DIR/query-$STAMP.md"
mkdir -p "$WORK"

log() { printf '%s %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

# --- tools -------------------------------------------------------------------------------------------
if ! command -v wrk >/dev/null 2>&1; then
  log "installing wrk"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get install -y wrk >/dev/null 2>&1 || { $SUDO apt-get update >/dev/null && $SUDO apt-get install -y wrk >/dev/null; }
fi
command -v node >/dev/null 2>&1 || { echo "node (20+) is needed" >&2; exit 1; }

answers() { # url -> 0 when a GraphQL POST answers 200
  curl -s -o /dev/null -w '%{http_code}' -m 5 -X POST -H 'Content-Type: application/json' \
    --data '{"query":"{ __typename }"}' "$1" 2>/dev/null | grep -q '^200$'
}

wait_for() { # url seconds pid
  local i
  for ((i = 0; i < $2; i++)); do
    answers "$1" && return 0
    kill -0 "$3" 2>/dev/null || return 1
    sleep 1
  done
  return 1
}

STARTED_PIDS=()
cleanup() {
  local pid
  for pid in "${STARTED_PIDS[@]}"; do
    if kill -0 "$pid" 2>/dev/null; then
      log "stopping process $pid"
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
    fi
  done
}
trap cleanup EXIT

# --- servers -----------------------------------------------------------------------------------------
if [[ " $SERVERS " == *" citygraph "* ]] && ! answers "$CITYGRAPH_URL"; then
  if [ "$START_CITYGRAPH" = "1" ]; then
    CITYGRAPH_JAR="${CITYGRAPH_JAR:-$ROOT/api/target/citygraph.jar}"
    [ -f "$CITYGRAPH_JAR" ] || { echo "$CITYGRAPH_JAR is missing: build it first" >&2; exit 1; }
    log "starting CityGraph (log: $WORK/citygraph.log); generating the large graph can take minutes"
    # shellcheck disable=SC2086
    (cd "$ROOT" && exec java ${JAVA_OPTS:-} -jar "$CITYGRAPH_JAR" $CITYGRAPH_ARGS) >"$WORK/citygraph.log" 2>&1 &
    STARTED_PIDS+=("$!")
    wait_for "$CITYGRAPH_URL" "${CITYGRAPH_START_TIMEOUT:-1800}" "$!" || { echo "CityGraph did not come up; see $WORK/citygraph.log" >&2; exit 1; }
  else
    echo "CityGraph does not answer at $CITYGRAPH_URL (start it, or set START_CITYGRAPH=1)" >&2
    exit 1
  fi
fi

if [[ " $SERVERS " == *" yardstick "* ]] && ! answers "$YARDSTICK_URL"; then
  if [ "$START_YARDSTICK" = "1" ] && [[ "$YARDSTICK_URL" =~ ^http://(127\.0\.0\.1|localhost):([0-9]+)/ ]]; then
    port="${BASH_REMATCH[2]}"
    if [ ! -d "$ROOT/bench/yardstick/node_modules/@neo4j/graphql" ]; then
      log "installing the yardstick's packages"
      if [ -f "$ROOT/bench/yardstick/package-lock.json" ]; then
        (cd "$ROOT/bench/yardstick" && npm ci --no-audit --no-fund >&2)
      else
        (cd "$ROOT/bench/yardstick" && npm install --no-audit --no-fund >&2)
      fi
    fi
    password="${NEO4J_PASSWORD:-}"
    if [ -z "$password" ] && [ -f "$NEO4J_PASSWORD_FILE" ]; then password="$(cat "$NEO4J_PASSWORD_FILE")"; fi
    log "starting the yardstick on port $port against $NEO4J_URI (log: $WORK/yardstick.log)"
    (cd "$ROOT/bench/yardstick" && PORT="$port" NEO4J_URI="$NEO4J_URI" NEO4J_PASSWORD="$password" exec node server.mjs) \
      >"$WORK/yardstick.log" 2>&1 &
    STARTED_PIDS+=("$!")
    wait_for "$YARDSTICK_URL" 60 "$!" || { echo "the yardstick did not come up:" >&2; cat "$WORK/yardstick.log" >&2; exit 1; }
  else
    echo "the yardstick does not answer at $YARDSTICK_URL (start bench/yardstick, or leave START_YARDSTICK=1)" >&2
    exit 1
  fi
fi

url_of() { if [ "$1" = citygraph ]; then echo "$CITYGRAPH_URL"; else echo "$YARDSTICK_URL"; fi; }

# --- check each query once, build the bodies -----------------------------------------------------------
for server in $SERVERS; do
  log "checking $server at $(url_of "$server")"
  node "$HERE/bench.mjs" prepare "$server" "$(url_of "$server")" "$HERE/queries/$server" "$WORK"
done

yardstick_version="$(node -p "require('$ROOT/bench/yardstick/node_modules/@neo4j/graphql/package.json').version" 2>/dev/null \
  || node -p "require('$ROOT/bench/yardstick/package.json').dependencies['@neo4j/graphql']")"
cat >"$WORK/run.json" <<EOF
{"date": "$(date -Iseconds)", "citygraph": "$CITYGRAPH_URL", "yardstick": "$YARDSTICK_URL",
 "yardstickVersion": "$yardstick_version", "threads": $THREADS, "duration": "$DURATION", "warmup": "$WARMUP", "initialWarmup": "$INITIAL_WARMUP",
 "agencyId": "$AGENCY_ID", "districtId": "$DISTRICT_ID",
 "deepOffset": "$(for s in $SERVERS; do f="$WORK/$s.deep-page.offset"; [ -f "$f" ] && printf '%s=%s ' "$s" "$(cat "$f")"; done)",
 "host": "$(nproc) cores, $(free -g | awk '/^Mem:/{print $2}') GiB, $(wrk --version 2>&1 | head -1 | cut -d' ' -f1-2), node $(node --version)"}
EOF

# --- load --------------------------------------------------------------------------------------------
# Query by query, each server in turn at each connection count, so both meet the same conditions.
for body in "$WORK"/*.json; do
  [ "$(basename "$body")" = run.json ] && continue
  name="$(basename "$body" .json)"; server="${name%%.*}"; query="${name#*.}"
  [ -f "$WORK/$name.ok" ] || continue
  echo "$query"
done | sort -u >"$WORK/queries.txt"

order="list two-hop three-hop-filtered count deep-page"
queries_in_order="$(for q in $order; do grep -qx "$q" "$WORK/queries.txt" && echo "$q"; done; grep -vxF -f <(tr ' ' '\n' <<<"$order") "$WORK/queries.txt" || true)"

max_conns="$(tr ' ' '\n' <<<"$CONNECTIONS" | sort -n | tail -1)"
rps_of() { grep '^RESULT ' "$1" | sed 's/^RESULT //' | node -e 'console.log(Math.round(JSON.parse(require("fs").readFileSync(0, "utf8")).rps))' 2>/dev/null || echo 0; }

# One server and query at the highest connection count until its throughput stops rising: the hub's JIT needs
# minutes of load on two cores (its compiler thread shares them with the request threads).
initial_warmup() { # server query
  local body="$WORK/$1.$2.json" url; url="$(url_of "$1")"
  local out="$WORK/$1.$2.initial-warmup.txt" round=0 best=0 flat=0 rps elapsed=0
  : >"$out"
  if [ "$INITIAL_WARMUP" != auto ]; then
    log "initial warm-up: $2 · $1 · $max_conns connections, $INITIAL_WARMUP"
    BODY_FILE="$body" wrk -t"$(( THREADS < max_conns ? THREADS : max_conns ))" -c"$max_conns" -d"$INITIAL_WARMUP" \
      --timeout "$TIMEOUT" -s "$HERE/post.lua" "$url" >>"$out" 2>&1 || true
    return
  fi
  while :; do
    round=$((round + 1))
    BODY_FILE="$body" wrk -t"$(( THREADS < max_conns ? THREADS : max_conns ))" -c"$max_conns" -d"${WARMUP_ROUND}s" \
      --timeout "$TIMEOUT" -s "$HERE/post.lua" "$url" >"$out.round" 2>&1 || true
    cat "$out.round" >>"$out"
    rps="$(rps_of "$out.round")"; elapsed=$((elapsed + WARMUP_ROUND))
    log "initial warm-up: $2 · $1 · $max_conns connections, round $round: $rps req/s"
    # steady: two rounds in a row no more than 3 % above the best round before them (the JIT's progress comes
    # in steps, with flat stretches between), or out of time
    if [ $((rps * 100)) -le $((best * 103)) ]; then flat=$((flat + 1)); else flat=0; fi
    [ "$rps" -gt "$best" ] && best="$rps"
    if [ "$flat" -ge 2 ] && [ "$elapsed" -ge "$WARMUP_MIN" ]; then break; fi
    if [ "$elapsed" -ge "$WARMUP_MAX" ]; then log "  not steady after ${WARMUP_MAX}s; measuring anyway"; break; fi
  done
  rm -f "$out.round"
}

if [ "${INITIAL_WARMUP%s}" != "0" ]; then
  for query in $queries_in_order; do
    for server in $SERVERS; do
      [ -f "$WORK/$server.$query.ok" ] && initial_warmup "$server" "$query"
    done
  done
fi

for query in $queries_in_order; do
  for conns in $CONNECTIONS; do
    for server in $SERVERS; do
      [ -f "$WORK/$server.$query.ok" ] || continue
      threads=$(( THREADS < conns ? THREADS : conns ))
      url="$(url_of "$server")"
      log "$query · $server · $conns connections: warm-up $WARMUP, then $DURATION"
      BODY_FILE="$WORK/$server.$query.json" BENCH_SERVER="$server" BENCH_QUERY="$query" BENCH_CONNS="$conns" \
        wrk -t"$threads" -c"$conns" -d"$WARMUP" --timeout "$TIMEOUT" -s "$HERE/post.lua" "$url" >"$WORK/$server.$query.c$conns.warmup.txt" 2>&1 || true
      BODY_FILE="$WORK/$server.$query.json" BENCH_SERVER="$server" BENCH_QUERY="$query" BENCH_CONNS="$conns" \
        wrk -t"$threads" -c"$conns" -d"$DURATION" --timeout "$TIMEOUT" --latency -s "$HERE/post.lua" "$url" >"$WORK/$server.$query.c$conns.txt" 2>&1 || true
      if grep -q '^RESULT ' "$WORK/$server.$query.c$conns.txt"; then
        grep '^RESULT ' "$WORK/$server.$query.c$conns.txt" | sed 's/^RESULT //' >>"$WORK/results.jsonl"
        grep '^RESULT ' "$WORK/$server.$query.c$conns.txt" | sed 's/^RESULT //' | node -e '
          const r = JSON.parse(require("fs").readFileSync(0, "utf8"));
          console.error(`         ${r.rps.toFixed(0)} req/s, p50 ${(r.p50 / 1000).toFixed(2)} ms, p99 ${(r.p99 / 1000).toFixed(2)} ms, ${r.errors} errors`);'
      else
        log "wrk printed no result; see $WORK/$server.$query.c$conns.txt"
      fi
    done
  done
done

node "$HERE/bench.mjs" report "$WORK" "$REPORT"
log "report: $REPORT (raw wrk output and bodies in $WORK/)"

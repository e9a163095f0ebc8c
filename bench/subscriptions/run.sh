#!/usr/bin/env bash
# Subscription benchmark: 1,000, 5,000 and 10,000 graphql-ws subscribers on one hub over loopback.
# Starts api/target/citygraph.jar on a fresh data directory (rate limits off: every socket comes from
# 127.0.0.x), logs in as the first admin, runs bench.mjs, writes bench/results/subscriptions-<time>.md,
# stops the hub. Not part of the test suite. See README.md beside this file.
#   bash bench/subscriptions/run.sh [--counts 1000,5000,10000] [--events 20] [--client java|node]
# Env: PORT 8090, JAVA_OPTS "-Xmx2g", JAR api/target/citygraph.jar (built with mvn -o -DskipTests package when missing)
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
PORT="${PORT:-8090}"
JAVA_OPTS="${JAVA_OPTS:--Xmx2g}"
JAR="${JAR:-$ROOT/api/target/citygraph.jar}"
DATA="$ROOT/bench/data/subscriptions"
RESULTS="$ROOT/bench/results"
STAMP="$(date +%Y-%m-%d-%H%M%S)"
PASSWORD="bench-$(head -c 12 /dev/urandom | base64 | tr -dc 'a-zA-Z0-9')"
log() { printf '%s %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

ulimit -n 20000
[ -f "$JAR" ] || (cd "$ROOT" && mvn -q -B -o -DskipTests package)
[ -d "$HERE/node_modules" ] || (cd "$HERE" && npm ci --no-audit --no-fund)
# the Java client (the default; --client node uses graphql-ws instead)
(cd "$HERE/java-client" && mvn -q -B package dependency:build-classpath -Dmdep.outputFile=target/classpath)
mkdir -p "$RESULTS"
rm -rf "$DATA"

log "starting the hub on :$PORT"
CITYGRAPH_SECURITY_ADMIN_PASSWORD="$PASSWORD" java $JAVA_OPTS -jar "$JAR" --server.port="$PORT" \
  --citygraph.graph.data-dir="$DATA/neo4j" --citygraph.rate-limits.enabled=false \
  --citygraph.feeds.polling=false >"$RESULTS/subscriptions-$STAMP.hub.log" 2>&1 &
HUB=$!
trap 'kill $HUB 2>/dev/null; wait $HUB 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  curl -sf "http://127.0.0.1:$PORT/actuator/health/readiness" >/dev/null && break
  kill -0 $HUB 2>/dev/null || { echo "the hub did not start; see $RESULTS/subscriptions-$STAMP.hub.log" >&2; exit 1; }
  sleep 1
done
TOKEN="$(curl -sf -X POST -H 'Content-Type: application/json' \
  --data "{\"username\":\"admin\",\"password\":\"$PASSWORD\"}" "http://127.0.0.1:$PORT/api/auth/login" \
  | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).token))')"

{
  echo "# Subscription benchmark, $STAMP"
  echo
  echo "$(nproc) cores, $(java -version 2>&1 | head -1), hub with $JAVA_OPTS; node $(node --version)"
  echo
  node "$HERE/bench.mjs" --http "http://127.0.0.1:$PORT" --token "$TOKEN" --pid "$HUB" "$@"
} | tee "$RESULTS/subscriptions-$STAMP.md"
log "report: $RESULTS/subscriptions-$STAMP.md"

#!/usr/bin/env bash
# Live briefing rooms under load: 200 rooms x 6 participants over loopback, 10 chat and control
# messages a second per room, send-to-receipt latency p50/p99. Not part of the test suite.
#   bash bench/briefings/run.sh            (ROOMS, PEOPLE, RATE, MEASURE_S, PROTOCOL=live|graphql override the defaults;
#                                           JAVA_OPTS is added to the hub's JVM, e.g. -XX:StartFlightRecording=filename=/tmp/b.jfr)
# Uses the built hub (api/target/citygraph.jar; build it first with `mvn -B package -DskipTests`),
# started on port 8187 with a fresh data directory, and node (graphql-ws + ws) as the clients.
set -euo pipefail
cd "$(dirname "$0")"
here=$(pwd)
jar=$(ls ../../api/target/citygraph*.jar 2>/dev/null | head -1)
[ -n "$jar" ] || { echo "build the hub first: mvn -B package -DskipTests" >&2; exit 2; }
[ -d node_modules ] || npm ci --no-audit --no-fund
port=${PORT:-8187}
data=$(mktemp -d /tmp/citygraph-bench-briefings.XXXXXX)
password="bench admin password $$"
ulimit -n 20000 || true
java -Xmx1g ${JAVA_OPTS:-} -jar "$jar" --server.port="$port" --citygraph.graph.data-dir="$data/neo4j" \
  --citygraph.security.admin-password="$password" --citygraph.rate-limits.enabled=false \
  --citygraph.feeds.polling=false --citygraph.realtime.max-subscriptions-per-connection=20 \
  --logging.level.org.citygraph.api.briefing=WARN > "$data/hub.log" 2>&1 &
hub=$!
# HUB_LOG=<file> keeps the hub's log
trap 'kill $hub 2>/dev/null; wait $hub 2>/dev/null || true; [ -z "${HUB_LOG:-}" ] || cp "$data/hub.log" "$HUB_LOG"; rm -rf "$data"' EXIT
for _ in $(seq 1 120); do
  curl -fs "http://127.0.0.1:$port/actuator/health/readiness" > /dev/null 2>&1 && break
  sleep 1
done
curl -fs "http://127.0.0.1:$port/actuator/health/readiness" > /dev/null || { tail -50 "$data/hub.log"; exit 1; }
BASE_URL="http://127.0.0.1:$port" ADMIN_PASSWORD="$password" node "$here/bench.mjs"

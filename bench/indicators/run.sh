#!/usr/bin/env bash
# Indicator benchmark: import rows/s of a local CSV through the real upload endpoint, and the latency
# of a 90-day hourly aggregation over all districts on the demo data. Not part of the test suite.
#   flock /tmp/citygraph-build.lock bash bench/indicators/run.sh
# Env (defaults): ROWS 1000000, PORT 8188, DATA /tmp/citygraph-bench-indicators, DURATION 20s,
#   BUILD 0 (1: package the jar first with mvn -o package -DskipTests; never install)
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
ROWS="${ROWS:-1000000}"
PORT="${PORT:-8188}"
DATA="${DATA:-/tmp/citygraph-bench-indicators}"
DURATION="${DURATION:-20s}"
JAR="$ROOT/api/target/citygraph.jar"
PASSWORD="bench-password-$$-long-enough"
URL="http://127.0.0.1:$PORT"
log() { printf '%s %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

if [ "${BUILD:-0}" = 1 ] || [ ! -f "$JAR" ]; then
  (cd "$ROOT" && mvn -B -o -q package -DskipTests)
fi
WORK="$(mktemp -d)"
rm -rf "$DATA"
log "starting the hub on :$PORT with a fresh data directory (demo city and demo indicators)"
started=$(date +%s.%N)
java -Xmx2g -jar "$JAR" --server.port="$PORT" --citygraph.graph.data-dir="$DATA" --citygraph.graph.page-cache=512MB \
  --citygraph.security.admin-password="$PASSWORD" --citygraph.feeds.polling=false \
  --citygraph.rate-limits.anonymous-per-minute=1000000 >"$WORK/hub.log" 2>&1 &
HUB=$!
trap 'kill $HUB 2>/dev/null; wait $HUB 2>/dev/null || true; rm -rf "$WORK"' EXIT
until curl -sf "$URL/actuator/health/readiness" >/dev/null; do
  kill -0 $HUB 2>/dev/null || { cat "$WORK/hub.log"; exit 1; }
  sleep 0.2
done
ready=$(date +%s.%N)
log "ready after $(echo "$ready - $started" | bc) s; $(grep -o 'Generated the demo indicators.*' "$WORK/hub.log")"

TOKEN=$(curl -sf -H 'Content-Type: application/json' -d "{\"username\":\"admin\",\"password\":\"$PASSWORD\"}" "$URL/api/auth/login" | jq -r .token)
export TOKEN
gql() { curl -sf -H 'Content-Type: application/json' -H "Authorization: Bearer $TOKEN" -d "$1" "$URL/graphql"; }
gql '{"query":"mutation { defineMetric(input: {datasetId: \"dts_floating-population-hourly\", code: \"bench-people\", name: \"벤치 유동인구\", resolution: HOUR, dimensions: [\"ageBand\", \"sex\"]}) { errors { code } } }"}' >/dev/null

log "writing $ROWS rows"
python3 "$HERE/gen.py" "$ROWS" "$WORK/bench.csv"
log "file: $(du -h "$WORK/bench.csv" | cut -f1)"
cat >"$WORK/mapping.json" <<'JSON'
{"values": {"bench-people": "유동인구수"}, "district": {"column": "행정동코드", "by": "CODE"},
 "time": {"column": "기준일시"}, "dimensions": {"ageBand": "연령대", "sex": "성별"}}
JSON
upload() { curl -s -H "Authorization: Bearer $TOKEN" -F "file=@$WORK/bench.csv;type=text/csv" \
  -F "mapping=<$WORK/mapping.json;type=application/json" "$URL/api/datasets/dts_floating-population-hourly/observations"; }
t0=$(date +%s.%N); first=$(upload); t1=$(date +%s.%N)
echo "$first" | jq -c '{outcome, rowsRead, rowsImported, badRows, millis}'
IMPORT_RATE=$(echo "$first" | jq '.rowsRead * 1000 / .millis | floor')
log "import: $IMPORT_RATE rows/s inside the hub; $(echo "$t1 - $t0" | bc) s wall time with the upload"
t0=$(date +%s.%N); second=$(upload); t1=$(date +%s.%N)
log "same file again: $(echo "$second" | jq -r .outcome) in $(echo "$t1 - $t0" | bc) s"

# 90 days of hours up to the latest demo observation, all districts.
FROM=$(date -u -d "$(date -u +%Y-%m-%dT%H:00:00Z) - 90 days" +%Y-%m-%dT%H:00:00Z)
aggregate() {
  local name="$1" args="$2"
  jq -n --arg q "{ indicators(metric: \"floating-population\", from: \"$FROM\", bucket: HOUR$args) { series { points { at value } } } }" \
    '{query: $q}' >"$WORK/$name.json"
  local points
  points=$(gql "$(cat "$WORK/$name.json")" | jq '[.data.indicators.series[].points | length] | add')
  BODY_FILE="$WORK/$name.json" wrk -t1 -c1 -d5s -s "$HERE/post.lua" "$URL/graphql" >/dev/null
  local result
  result=$(BODY_FILE="$WORK/$name.json" wrk -t1 -c1 -d"$DURATION" -s "$HERE/post.lua" "$URL/graphql" | grep '^RESULT' | cut -c8-)
  log "$name ($points points): $(echo "$result" | jq -c '{requests, p50_ms: (.p50/1000), p90_ms: (.p90/1000), p99_ms: (.p99/1000), max_ms: (.max/1000), non2xx}')"
}
aggregate "hourly-90d-all-districts" ""
aggregate "hourly-90d-by-district" ', groupBy: ["district"]'
aggregate "hourly-90d-women-by-age" ', groupBy: ["ageBand"], dimensions: [{name: "sex", values: ["F"]}]'

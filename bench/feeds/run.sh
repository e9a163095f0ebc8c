#!/usr/bin/env bash
# Feed ingestion benchmark: parse-only and end-to-end items/s, and one poll cycle over 1,000
# locally served feeds (new items, then all 304). Not part of the test suite.
#   bash bench/feeds/run.sh [feeds-in-cycle=1000] [end-to-end-feeds=500]
set -euo pipefail
cd "$(dirname "$0")/../.."
# package, never install: ~/.m2 is shared, and the reactor hands feeds this tree's graph-model jars
mvn -q -B -o package -DskipTests -pl graph-model,feeds -am \
  dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
cd feeds
exec java --add-opens java.base/java.nio=ALL-UNNAMED --add-opens java.base/java.io=ALL-UNNAMED \
  --add-opens java.base/sun.nio.ch=ALL-UNNAMED -Xmx2g ${BENCH_JAVA_OPTS:-} -Dlogback.configurationFile=src/test/resources/logback-test.xml \
  -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
  org.citygraph.feeds.bench.IngestBenchmark "$@"

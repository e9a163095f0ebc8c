#!/usr/bin/env bash
# Builds CityGraph (tests skipped) and starts it on http://localhost:8080 with its own Neo4j and the
# demo city of Nonsan. Arguments are passed to the application, e.g. ./run.sh --server.port=9090
set -euo pipefail
cd "$(dirname "$0")"
mvn -q -B -DskipTests install
exec java -Xmx1g -jar api/target/citygraph.jar "$@"

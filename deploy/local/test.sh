#!/usr/bin/env bash
# Runs every test: unit tests, integration tests against the real PostgreSQL, Redis and Kafka, and
# end-to-end tests that start each service as its own process (and kill some of them).
# Extra arguments go to Maven (e.g. -pl order-service -am).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)

"$HERE/require-tools.sh" browser
"$HERE/platform.sh" up
# A suite left running by run.sh would hold the ports and be tested instead of this build.
"$HERE/services.sh" stop
cd "$ROOT"
mvn -B -ntp -Dstyle.color=never verify "$@"

#!/usr/bin/env bash
# Reconciliation of one big day (e2e-tests' ReconciliationBenchmark): Alipay's bill of a day long past scripted in
# the sandbox to hold LINES trades, the same payments booked as ours, one run timed from start to completion.
# Prints the time, lines/s, what the run found and the CPU per 1,000 lines of every process. Starts what is not
# running.   Usage: reconciliation.sh [LINES=100000]
set -euo pipefail
HERE=$(cd "$(dirname "$0")/.." && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
cd "$ROOT"
"$HERE/platform.sh" up >/dev/null
"$HERE/services.sh" ensure channel-sandbox channel-router-service reconciliation-service
exec "$ROOT/deploy/local/bench/java-client.sh" 1g dev.paysaga.e2e.ReconciliationBenchmark "${1:-100000}"

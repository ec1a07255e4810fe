#!/usr/bin/env bash
# Ledger transfer throughput (e2e-tests' LedgerTransferBenchmark): single-phase transfers between
# ACCOUNTS funded wallets, one per request and in linked batches. Each phase is
# BATCH_SIZE:TRANSFERS:IN_FLIGHT; the default runs single transfers, batches of 100 and of 1,000.
# Prints posted transfers/s, request latency p50/p95/p99, CPU of the ledger JVM, PostgreSQL and the
# machine, PostgreSQL commits/s, and checks every account against the client's sums (exit 1 if not).
# Starts ledger-service if it is not running (the rest of the suite is not needed, and its CPU
# would be measured too).
# Usage: ledger-transfers.sh [ACCOUNTS=10000] [PHASES=1:20000:32,100:100000:8,1000:100000:2]
set -euo pipefail
HERE=$(cd "$(dirname "$0")/.." && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
cd "$ROOT"
"$HERE/platform.sh" up >/dev/null
"$HERE/services.sh" ensure ledger-service
exec "$ROOT/deploy/local/bench/java-client.sh" 1g dev.paysaga.e2e.LedgerTransferBenchmark "${1:-10000}" "${2:-1:20000:32,100:100000:8,1000:100000:2}"

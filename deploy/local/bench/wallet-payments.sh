#!/usr/bin/env bash
# Wallet payment sagas through the public API (e2e-tests' WalletPaymentBenchmark): N orders placed,
# then paid from one wallet with CONCURRENCY payments in flight (a client pays its next order when
# its saga ended). Prints completed sagas/s, end-to-end latency (pay request sent -> saga terminal),
# the failures, and the consistency checker's verdict (order, payment, ledger and notification agree
# for every saga; the ledger balances; the wallet holds exactly what was not spent). Exits 1 if not.
# Needs the suite running (deploy/local/run.sh).   Usage: wallet-payments.sh [N=1000] [CONCURRENCY=16]
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../../.." && pwd)
cd "$ROOT"
exec "$ROOT/deploy/local/bench/java-client.sh" 512m dev.paysaga.e2e.WalletPaymentBenchmark "${1:-1000}" "${2:-16}"

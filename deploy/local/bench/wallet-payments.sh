#!/usr/bin/env bash
# Wallet payment sagas through the public API (e2e-tests' WalletPaymentBenchmark); each payment's outcome
# is read from the public payment.events topic, as a merchant's consumer would.
#   wallet-payments.sh [N=1000] [CONCURRENCY=16]     closed loop: CONCURRENCY payments in flight
#   wallet-payments.sh --rate R [--seconds S=60]     open loop: R orders placed and paid per second
#   wallet-payments.sh --warmup W ...                 W payments first (16 in flight) to warm the JVMs up
#   wallet-payments.sh --webhooks ...                 the merchant has a webhook endpoint on a receiver in the
#                                                     client: also prints pay -> webhook and event -> webhook
# Prints completed sagas/s, latency percentiles (pay -> payment event, pay -> 202; in the open loop also
# from each payment's planned arrival), CPU ms per saga of every process on the machine, messages and
# committed transactions per saga, and the consistency checker's verdict (order, payment, ledger and
# notification agree for every saga; the ledger balances; the wallet holds exactly what was not spent).
# Exits 1 if not. Needs the suite running (deploy/local/run.sh); the merchant's write limit (50/s by
# default) caps the rate: start the suite with PAYSAGA_RATE_LIMIT_WRITE_PER_SECOND raised for fast runs.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../../.." && pwd)
cd "$ROOT"
exec "$ROOT/deploy/local/bench/java-client.sh" 512m dev.paysaga.e2e.WalletPaymentBenchmark "${@:-1000}"

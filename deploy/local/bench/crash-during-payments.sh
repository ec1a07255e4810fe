#!/usr/bin/env bash
# The wallet payment benchmark with crashes: kill -9 of the saga orchestrator 60 s after paying began and of
# a participant (ledger-service) 120 s later, each started again at once. Every saga must still end exactly
# once: the benchmark's consistency checker (order, payment, ledger and payment.events agree; the wallet holds
# exactly what was not spent) decides, and this script exits with the benchmark's status.
#   crash-during-payments.sh [N=10000] [CONCURRENCY=16]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
LOCAL=$(cd "$HERE/.." && pwd)
# The environment the benchmark's suite runs with (e2e-tests' Suite.TEST_ENV): a restarted service must match it.
export PAYSAGA_SAGA_ANSWER_WITHIN=PT2M PAYSAGA_RATE_LIMIT_READ_PER_SECOND=100000 PAYSAGA_RATE_LIMIT_READ_BURST=100000 \
  PAYSAGA_RATE_LIMIT_WRITE_PER_SECOND=100000 PAYSAGA_RATE_LIMIT_WRITE_BURST=100000 \
  PAYSAGA_RATE_LIMIT_MERCHANT_PER_SECOND=100000 PAYSAGA_RATE_LIMIT_MERCHANT_BURST=100000
log=$(mktemp)
"$HERE/wallet-payments.sh" "${1:-10000}" "${2:-16}" >"$log" 2>&1 &
bench=$!
tail -f "$log" --pid "$bench" &
until grep -q '^closed loop:' "$log"; do
  kill -0 "$bench" 2>/dev/null || { wait "$bench"; exit $?; }
  sleep 1
done
crash() { # after-seconds service
  sleep "$1"
  echo "[crash] kill -9 $2 at $(date +%T)"
  "$LOCAL/services.sh" kill "$2"
  "$LOCAL/services.sh" start "$2" >/dev/null
  "$LOCAL/services.sh" wait "$2" | tail -n 1 | sed 's/^/[crash] started again: /'
}
crash 60 saga-orchestrator
crash 120 ledger-service
wait "$bench"

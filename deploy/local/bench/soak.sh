#!/usr/bin/env bash
# Soak: wallet payments for MINUTES at RATE per second with short retention windows, printing the rows of
# the shared tables (outbox, inbox, TCC branches, idempotency keys, summed over every service's database)
# before, every minute, and after. With retention working the sizes level off instead of growing with
# the payments. A documented command, not a CI test.     Usage: soak.sh [MINUTES=10] [RATE=20]
#
# The windows reach the services through their environment: the benchmark client starts the suite with
# this script's environment when it is not running. A suite already running keeps the windows it was
# started with: stop it first (deploy/local/services.sh stop). Needs the platform up and the jars built:
#   deploy/local/platform.sh up && mvn -B -ntp -DskipTests package && deploy/local/bench/soak.sh 10 20
set -euo pipefail
MINUTES=${1:-10}
RATE=${2:-20}
ROOT=$(cd "$(dirname "$0")/../../.." && pwd)
cd "$ROOT"

# Short on purpose, far below what is safe in production (docs/architecture.md "Retention"): the services
# warn about it at start-up.
export PAYSAGA_RETENTION_INTERVAL=${PAYSAGA_RETENTION_INTERVAL:-10s}
export PAYSAGA_RETENTION_OUTBOX_MESSAGE_KEEP=${PAYSAGA_RETENTION_OUTBOX_MESSAGE_KEEP:-PT1M}
export PAYSAGA_RETENTION_INBOX_MESSAGE_KEEP=${PAYSAGA_RETENTION_INBOX_MESSAGE_KEEP:-PT2M}
export PAYSAGA_RETENTION_TCC_BRANCH_KEEP=${PAYSAGA_RETENTION_TCC_BRANCH_KEEP:-PT2M}
export PAYSAGA_RETENTION_IDEMPOTENCY_KEY_KEEP=${PAYSAGA_RETENTION_IDEMPOTENCY_KEY_KEEP:-PT2M}
# The payments must not be what the rate limits refuse.
export PAYSAGA_RATE_LIMIT_WRITE_PER_SECOND=${PAYSAGA_RATE_LIMIT_WRITE_PER_SECOND:-100000}
export PAYSAGA_RATE_LIMIT_WRITE_BURST=${PAYSAGA_RATE_LIMIT_WRITE_BURST:-100000}

databases=$(awk '!/^#/ && NF == 3 && $3 != "-" { print $3 }' deploy/services.txt)
sizes() {
  local outbox=0 inbox=0 branches=0 keys=0 row
  for db in $databases; do
    row=$(psql -h 127.0.0.1 -U postgres -Atq -F ' ' "$db" -c "select (select count(*) from outbox_message),
      (select count(*) from inbox_message), (select count(*) from tcc_branch), (select count(*) from idempotency_key)")
    read -r o i b k <<<"$row"
    outbox=$((outbox + o)) inbox=$((inbox + i)) branches=$((branches + b)) keys=$((keys + k))
  done
  printf '%-8s outbox_message %8d  inbox_message %8d  tcc_branch %8d  idempotency_key %8d\n' \
    "$1" "$outbox" "$inbox" "$branches" "$keys"
}

echo "soak: $MINUTES min at $RATE payments/s; windows: outbox $PAYSAGA_RETENTION_OUTBOX_MESSAGE_KEEP," \
  "inbox $PAYSAGA_RETENTION_INBOX_MESSAGE_KEEP, TCC $PAYSAGA_RETENTION_TCC_BRANCH_KEEP," \
  "keys $PAYSAGA_RETENTION_IDEMPOTENCY_KEY_KEEP, every $PAYSAGA_RETENTION_INTERVAL"
sizes before
"$ROOT/deploy/local/bench/wallet-payments.sh" --rate "$RATE" --seconds $((MINUTES * 60)) &
load=$!
trap 'kill "$load" 2>/dev/null || true' EXIT
minute=0
while kill -0 "$load" 2>/dev/null; do
  sleep 60
  minute=$((minute + 1))
  sizes "${minute} min"
done
wait "$load"
trap - EXIT
# Once the load stops, what is left leaves its window and goes (the longest window plus two runs).
sleep 150
sizes after

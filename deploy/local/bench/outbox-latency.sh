#!/usr/bin/env bash
# Outbox-to-consumer latency: places N orders through the public API (CONCURRENCY at a time) and
# measures, for each, the time from order-service inserting its order.created outbox row to
# notification-service committing the event it derived (both stamped by the same PostgreSQL clock).
# Needs the suite running (deploy/local/run.sh).   Usage: outbox-latency.sh [N=1000] [CONCURRENCY=4]
set -euo pipefail
N=${1:-1000}
CONCURRENCY=${2:-4}
ORDERS=${PAYSAGA_ORDERS_URL:-http://127.0.0.1:8081}
run=bench_$(date +%s)
merchant=mer_$run
psql_() { psql -h 127.0.0.1 -U postgres -Atq "$@"; }
ROOT=$(cd "$(dirname "$0")/../../.." && pwd)

# A merchant of this run's own (its events are counted below) and its key; the write limit per key
# (50/s) must not be what is measured, so start the suite with PAYSAGA_RATE_LIMIT_WRITE_* raised for
# runs faster than that.
platform=$(cat "$ROOT/.paysaga/keys/platform.key")
curl -fsS -o /dev/null -X POST -H "Authorization: Bearer $platform" -H 'content-type: application/json' \
  -d "{\"id\":\"$merchant\",\"name\":\"outbox latency benchmark\"}" "${PAYSAGA_API_URL:-http://127.0.0.1:8080}/v1/merchants"
auth="Authorization: Bearer $("$ROOT/deploy/local/merchant-key.sh" "$merchant")"

curl -fsS -o /dev/null -X PUT -H "$auth" -H 'content-type: application/json' -d "{\"on_hand\":$((N * 2))}" "$ORDERS/v1/inventory/sku_$run"
body="{\"merchant_id\":\"$merchant\",\"customer_id\":\"cus_bench\",\"currency\":\"CNY\",\"lines\":[{\"sku\":\"sku_$run\",\"quantity\":1,\"unit_amount\":100}]}"
echo "placing $N orders, $CONCURRENCY at a time (merchant $merchant)"
start=$(date +%s%N)
seq "$N" | xargs -P "$CONCURRENCY" -I{} curl -fsS -o /dev/null -X POST -H "$auth" -H 'content-type: application/json' -d "$body" "$ORDERS/v1/orders"
elapsed_ms=$((($(date +%s%N) - start) / 1000000))
echo "placed in ${elapsed_ms} ms ($((N * 1000 / (elapsed_ms > 0 ? elapsed_ms : 1))) orders/s)"

for _ in $(seq 600); do
  seen=$(psql_ notifications -c "select count(*) from merchant_event where merchant_id = '$merchant'")
  ((seen >= N)) && break
  sleep 0.1
done
echo "events recorded by notification-service: $seen of $N"
psql_ notifications -F ' ' -c "
  select 'outbox->consumer latency ms: p50 ' || round(percentile_cont(0.50) within group (order by ms)::numeric, 1)
      || '  p90 ' || round(percentile_cont(0.90) within group (order by ms)::numeric, 1)
      || '  p99 ' || round(percentile_cont(0.99) within group (order by ms)::numeric, 1)
      || '  max ' || round(max(ms)::numeric, 1)
    from (select extract(epoch from received_at - occurred_at) * 1000 as ms
            from merchant_event where merchant_id = '$merchant') l"
psql_ orders -F ' ' -c "
  select 'outbox->Kafka ack (relay) ms: p50 ' || round(percentile_cont(0.50) within group (order by ms)::numeric, 1)
      || '  p99 ' || round(percentile_cont(0.99) within group (order by ms)::numeric, 1)
    from (select extract(epoch from sent_at - created_at) * 1000 as ms
            from outbox_message where payload ->> 'merchant_id' = '$merchant') l"

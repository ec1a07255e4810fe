#!/usr/bin/env bash
# Wallet payment sagas through the public API: N orders are placed, then paid CONCURRENCY at a
# time; prints completed sagas/s, end-to-end latency (pay request accepted -> saga terminal, both
# stamped by the same PostgreSQL clock), failures, and the consistency verdict (order, payment,
# ledger and notification agree for every saga; the ledger balances).
# Needs the suite running (deploy/local/run.sh).   Usage: wallet-payments.sh [N=1000] [CONCURRENCY=16]
set -euo pipefail
N=${1:-1000}
CONCURRENCY=${2:-16}
ORDERS=${PAYSAGA_ORDERS_URL:-http://127.0.0.1:8081}
LEDGER=${PAYSAGA_LEDGER_URL:-http://127.0.0.1:8084}
run=bench_$(date +%s)
customer=cus_$run
J='content-type: application/json'
psql_() { psql -h 127.0.0.1 -U postgres -Atq "$@"; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

curl -fsS -o /dev/null -X PUT -H "$J" -d "{\"on_hand\":$N}" "$ORDERS/v1/inventory/sku_$run"
curl -fsS -o /dev/null -X POST -H "$J" -d "{\"amount\":$((N * 100)),\"currency\":\"CNY\"}" "$LEDGER/v1/wallets/$customer/top_ups"
echo "placing $N orders"
order_body="{\"merchant_id\":\"mer_bench\",\"customer_id\":\"$customer\",\"currency\":\"CNY\",\"lines\":[{\"sku\":\"sku_$run\",\"quantity\":1,\"unit_amount\":100}]}"
seq "$N" | xargs -P 8 -I{} curl -fsS -X POST -H "$J" -d "$order_body" "$ORDERS/v1/orders" | jq -r .id >"$work/orders"

echo "paying $N orders with the wallet, $CONCURRENCY at a time"
start=$(date +%s%N)
xargs -P "$CONCURRENCY" -I{} curl -fsS -o /dev/null -X POST -H "$J" -d '{"method":"wallet","terminal":"web"}' \
  "$ORDERS/v1/orders/{}/pay" <"$work/orders"
psql_ orders -F '|' -c "select outbox.saga_id, extract(epoch from outbox.created_at) from outbox_message outbox
  where outbox.type = 'payment.requested' and outbox.payload -> 'payment' ->> 'customer_id' = '$customer'" >"$work/requests"
echo "accepted in $((($(date +%s%N) - start) / 1000000)) ms; waiting for every saga to finish"

for _ in $(seq 1800); do
  open=$(psql_ sagas <<SQL
create temp table r (saga_id text, t double precision);
\\copy r from '$work/requests' with (delimiter '|')
select count(*) from r left join saga s on s.id = r.saga_id
 where s.status is null or s.status not in ('COMPLETED', 'CANCELLED', 'NEEDS_ATTENTION');
SQL
)
  ((open == 0)) && break
  sleep 1
done
psql_ sagas -F ' ' <<SQL
create temp table r (saga_id text, t double precision);
\\copy r from '$work/requests' with (delimiter '|')
select 'sagas: ' || count(*) || '  completed ' || count(*) filter (where s.status = 'COMPLETED')
    || '  cancelled ' || count(*) filter (where s.status = 'CANCELLED')
    || '  needs_attention ' || count(*) filter (where s.status = 'NEEDS_ATTENTION')
  from r join saga s on s.id = r.saga_id;
select 'throughput: ' || round(count(*) / greatest(extract(epoch from max(s.updated_at)) - min(r.t), 0.001)::numeric, 1)
    || ' completed sagas/s (first request to last saga finished)'
  from r join saga s on s.id = r.saga_id where s.status = 'COMPLETED';
select 'latency ms (pay accepted -> saga terminal): p50 ' || round(percentile_cont(0.50) within group (order by ms)::numeric, 1)
    || '  p95 ' || round(percentile_cont(0.95) within group (order by ms)::numeric, 1)
    || '  p99 ' || round(percentile_cont(0.99) within group (order by ms)::numeric, 1)
    || '  max ' || round(max(ms)::numeric, 1)
  from (select (extract(epoch from s.updated_at) - r.t) * 1000 as ms from r join saga s on s.id = r.saga_id) l;
SQL
# Consistency: every completed saga's payment succeeded and its transfer posted; the ledger balances.
succeeded=$(psql_ payments -c "select count(*) from payment where customer_id = '$customer' and status = 'SUCCEEDED'")
posted=$(psql_ ledger -c "select count(*) from transfer t join account a on a.id = t.debit_account_id
  where a.owner_id = '$customer' and t.code = 'payment' and t.status = 'PENDING_POSTED'")
paid=$(psql_ orders -c "select count(*) from orders where customer_id = '$customer' and status = 'PAID'")
wallet=$(curl -fsS "$LEDGER/v1/wallets/$customer?currency=CNY" | jq -r .available)
unbalanced=$(psql_ ledger -c "select count(*) from (select currency from account group by currency
  having sum(debits_posted) <> sum(credits_posted) or sum(debits_pending) <> sum(credits_pending)) x")
echo "consistency: payments succeeded $succeeded, orders paid $paid, transfers posted $posted, wallet left $wallet of $((N * 100)), unbalanced currencies $unbalanced"
if [[ $succeeded == "$posted" && $posted == "$paid" && $wallet == $((N * 100 - posted * 100)) && $unbalanced == 0 ]]; then
  echo "consistency: OK"
else
  echo "consistency: VIOLATED"; exit 1
fi

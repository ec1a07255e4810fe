#!/usr/bin/env bash
# One event through the pipeline, end to end: stock is set, an order is placed (order-service
# commits the order and its order.created message in one transaction), the outbox relay publishes
# it to Kafka, and notification-service's inbox records it in the merchant event log.
# Every API call goes through the gateway; only the sandbox's admin API (not public) is called directly.
set -euo pipefail
API=${PAYSAGA_API_URL:-http://127.0.0.1:8080}
KEYS=${PAYSAGA_STATE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)/.paysaga}/keys
# The demo merchant's secret key (made by merchant-key.sh) for everything a merchant does; the platform
# credential only for the wallet top-up, which no merchant may make.
MERCHANT_KEY=$("$(dirname "$0")/merchant-key.sh" mer_demo)
PLATFORM_KEY=$(cat "$KEYS/platform.key")
api() { curl -fsS -H "Authorization: Bearer $MERCHANT_KEY" "$@"; }
json() { api -H 'content-type: application/json' "$@"; }

sku=sku_latte_$(date +%s) # a fresh SKU each run, so old unpaid demo orders never hold its stock
trace=$(printf '%032x' "$(date +%s%N)")
echo "[demo] 1. stock: 100 x $sku"
json -X PUT "$API/v1/inventory/$sku" -d '{"on_hand":100}' | jq -c .

echo "[demo] 2. POST /v1/orders (trace $trace)"
order=$(json -X POST "$API/v1/orders" -H "traceparent: 00-$trace-00f067aa0ba902b7-01" \
  -d "{\"merchant_id\":\"mer_demo\",\"customer_id\":\"cus_demo\",\"currency\":\"CNY\",
       \"lines\":[{\"sku\":\"$sku\",\"quantity\":2,\"unit_amount\":1500}],\"metadata\":{\"table\":\"7\"}}")
order_id=$(jq -r .id <<<"$order")
jq -c '{id, status, amount, currency, expires_at}' <<<"$order"
json "$API/v1/inventory/$sku" | jq -c '{sku, on_hand, reserved, available}'

echo "[demo] 3. waiting for notification-service to record order.created for $order_id"
for _ in $(seq 100); do
  event=$(api "$API/v1/events?subject=$order_id" | jq -c '.data[0] // empty')
  [[ -n $event ]] && break
  sleep 0.1
done
[[ -n ${event:-} ]] || { echo "[demo] FAILED: no event for $order_id after 10 s" >&2; exit 1; }
jq -c '{id, type, subject, trace_id, occurred_at, received_at}' <<<"$event"
trace_seen=$(jq -r .trace_id <<<"$event")
echo "[demo] order $order_id: committed with its outbox message, relayed through Kafka, recorded once by the consumer."
[[ $trace_seen == "$trace" ]] && echo "[demo] trace context carried through Kafka: the event holds trace id $trace_seen"

# --- A wallet payment: the pay_order saga across payment, notification, order and ledger ---
customer=cus_demo_$(date +%s)
echo "[demo] 4. top up the wallet of $customer with 100.00 CNY"
curl -fsS -H "Authorization: Bearer $PLATFORM_KEY" -H 'content-type: application/json' -X POST \
  "$API/v1/wallets/$customer/top_ups" -d '{"amount":10000,"currency":"CNY","merchant_id":"mer_demo","reason":"demo funds"}' \
  | jq -c .wallet
order_id=$(json -X POST "$API/v1/orders" -d "{\"merchant_id\":\"mer_demo\",\"customer_id\":\"$customer\",
  \"currency\":\"CNY\",\"lines\":[{\"sku\":\"$sku\",\"quantity\":2,\"unit_amount\":1500}]}" | jq -r .id)
echo "[demo] 5. POST /v1/orders/$order_id/pay with the wallet"
paid=$(json -X POST "$API/v1/orders/$order_id/pay" -H "Idempotency-Key: demo-$order_id" -d '{"method":"wallet","terminal":"web"}')
jq -c . <<<"$paid"
saga_id=$(jq -r .saga_id <<<"$paid")
payment_id=$(jq -r .payment_id <<<"$paid")
for _ in $(seq 300); do
  status=$(api "$API/v1/sagas/$saga_id" 2>/dev/null | jq -r .status || true)
  [[ $status == completed || $status == cancelled || $status == needs_attention ]] && break
  sleep 0.1
done
echo "[demo] 6. saga $saga_id is ${status:-unknown}; its timeline:"
api "$API/v1/sagas/$saga_id" | jq -r '.steps[] | "       \(.step | . + "            " | .[0:13]) try \(.try.status) (\(.try.attempts)x)  confirm \(.confirm.status)  cancel \(.cancel.status)"'
api "$API/v1/payments/$payment_id" | jq -c '{payment: .id, status, amount, currency, method}'
api "$API/v1/orders/$order_id" | jq -c '{order: .id, status}'
api "$API/v1/wallets/$customer?currency=CNY" | jq -c '{wallet: .customer_id, available, pending}'
[[ $status == completed ]] || { echo "[demo] FAILED: the payment saga did not complete" >&2; exit 1; }

# --- A partial refund of that payment: the refund saga across payment, notification and ledger ---
echo "[demo] 7. POST /v1/payments/$payment_id/refunds 10.00 CNY"
refund=$(json -X POST "$API/v1/payments/$payment_id/refunds" -H "Idempotency-Key: demo-refund-$payment_id" \
  -d '{"amount":1000,"reason":"requested_by_customer"}')
jq -c '{refund: .id, status, amount, saga_id}' <<<"$refund"
refund_saga=$(jq -r .saga_id <<<"$refund")
for _ in $(seq 300); do
  status=$(api "$API/v1/sagas/$refund_saga" 2>/dev/null | jq -r .status || true)
  [[ $status == completed || $status == cancelled || $status == needs_attention ]] && break
  sleep 0.1
done
api "$API/v1/refunds/$(jq -r .id <<<"$refund")" | jq -c '{refund: .id, status, amount}'
api "$API/v1/payments/$payment_id" | jq -c '{payment: .id, status, amount, amount_refunded}'
api "$API/v1/wallets/$customer?currency=CNY" | jq -c '{wallet: .customer_id, available, pending}'
[[ $status == completed ]] || { echo "[demo] FAILED: the refund saga did not complete" >&2; exit 1; }

# --- An Alipay payment: channel-router speaks Alipay's protocol to the sandbox, whose customer pays ---
SANDBOX=${PAYSAGA_SANDBOX_URL:-http://127.0.0.1:8090}
order_id=$(json -X POST "$API/v1/orders" -d "{\"merchant_id\":\"mer_demo\",\"customer_id\":\"$customer\",
  \"currency\":\"CNY\",\"lines\":[{\"sku\":\"$sku\",\"quantity\":1,\"unit_amount\":1500}]}" | jq -r .id)
echo "[demo] 8. POST /v1/orders/$order_id/pay with Alipay: the answer carries the QR code"
paid=$(json -X POST "$API/v1/orders/$order_id/pay" -H "Idempotency-Key: demo-$order_id" -d '{"method":"alipay","terminal":"web"}')
jq -c . <<<"$paid"
saga_id=$(jq -r .saga_id <<<"$paid")
payment_id=$(jq -r .payment_id <<<"$paid")
for _ in $(seq 600); do
  status=$(api "$API/v1/sagas/$saga_id" 2>/dev/null | jq -r .status || true)
  [[ $status == completed || $status == cancelled || $status == needs_attention ]] && break
  sleep 0.1
done
echo "[demo] 9. the sandbox's customer paid; saga $saga_id is ${status:-unknown}:"
api "$API/v1/sagas/$saga_id" | jq -r '.steps[] | "       \(.step | . + "            " | .[0:13]) try \(.try.status) (\(.try.attempts)x)  confirm \(.confirm.status)  cancel \(.cancel.status)"'
curl -fsS "$SANDBOX/admin/channels/alipay/trades/$payment_id" | jq -c '{alipay_trade: .trade_no, status, total_amount}'
api "$API/v1/payments/$payment_id" | jq -c '{payment: .id, status, amount, method, channel}'
[[ $status == completed ]] || { echo "[demo] FAILED: the Alipay payment saga did not complete" >&2; exit 1; }

# --- Refunding the Alipay payment: the refund_channel saga sends the money back through Alipay ---
echo "[demo] 10. POST /v1/payments/$payment_id/refunds 5.00 CNY: back through Alipay"
refund=$(json -X POST "$API/v1/payments/$payment_id/refunds" -H "Idempotency-Key: demo-refund-$payment_id" \
  -d '{"amount":500,"reason":"requested_by_customer"}')
refund_saga=$(jq -r .saga_id <<<"$refund")
for _ in $(seq 600); do
  status=$(api "$API/v1/sagas/$refund_saga" 2>/dev/null | jq -r .status || true)
  [[ $status == completed || $status == cancelled || $status == needs_attention ]] && break
  sleep 0.1
done
api "$API/v1/refunds/$(jq -r .id <<<"$refund")" | jq -c '{refund: .id, status, amount}'
curl -fsS "$SANDBOX/admin/channels/alipay/trades/$payment_id" | jq -c '{alipay_trade: .trade_no, status, refunded_amount}'
[[ $status == completed ]] || { echo "[demo] FAILED: the refund through Alipay did not complete" >&2; exit 1; }

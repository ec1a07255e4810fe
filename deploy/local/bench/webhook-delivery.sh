#!/usr/bin/env bash
# Webhook delivery (e2e-tests' WebhookDeliveryBenchmark): a fresh merchant with one endpoint on a receiver in
# the client; EVENTS payment events published on payment.events at RATE/s (0: full speed). Prints deliveries/s,
# broker ack -> webhook received p50/p95/p99, and the CPU per delivery of every process. Starts
# notification-service if it is not running.   Usage: webhook-delivery.sh [EVENTS=2000] [RATE=50]
set -euo pipefail
HERE=$(cd "$(dirname "$0")/.." && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
cd "$ROOT"
"$HERE/platform.sh" up >/dev/null
"$HERE/services.sh" ensure notification-service
exec "$ROOT/deploy/local/bench/java-client.sh" 512m dev.paysaga.e2e.WebhookDeliveryBenchmark "${1:-2000}" "${2:-50}"

#!/usr/bin/env bash
# Live-stream fan-out (e2e-tests' SseFanOutBenchmark): opens STREAMS event streams on notification-service,
# publishes EVENTS payment events at RATE/s on payment.events, and prints the time from the broker's ack to
# each stream (and to the last of them), the heap and RSS the streams cost notification-service per stream,
# and the CPU per event of every process. Starts notification-service if it is not running (the rest of the
# suite is not needed).   Usage: sse-fanout.sh [STREAMS=1000] [EVENTS=200] [RATE=20]
set -euo pipefail
HERE=$(cd "$(dirname "$0")/.." && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
cd "$ROOT"
"$HERE/platform.sh" up >/dev/null
"$HERE/services.sh" ensure notification-service
exec "$ROOT/deploy/local/bench/java-client.sh" 512m dev.paysaga.e2e.SseFanOutBenchmark "${1:-1000}" "${2:-200}" "${3:-20}"

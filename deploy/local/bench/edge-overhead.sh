#!/usr/bin/env bash
# What the edge costs (e2e-tests' EdgeOverheadBenchmark): an authenticated GET /v1/orders/{id} at
# order-service directly and through the gateway, in the same run. Prints p50/p95/p99 latency one
# request at a time (and order-service's unauthenticated liveness check as the floor), then requests/s
# with CONCURRENCY clients and the CPU each process spent per request (order-service, nginx, client).
# Needs the suite running (deploy/local/run.sh).
# Usage: edge-overhead.sh [N=5000] [CONCURRENCY=8] [SECONDS=20]
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../../.." && pwd)
cd "$ROOT"
exec "$ROOT/deploy/local/bench/java-client.sh" 512m dev.paysaga.e2e.EdgeOverheadBenchmark "${1:-5000}" "${2:-8}" "${3:-20}"

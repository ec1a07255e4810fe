#!/usr/bin/env bash
# Checks and unit-tests the alerting rules with promtool: `promtool check rules alerts.yml` (syntax,
# PromQL, templates) and `promtool test rules alerts.test.yml` (each alert firing and not firing on
# given series). promtool comes with Debian's prometheus package, installed here where it is missing.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)

if ! command -v promtool >/dev/null; then
  echo "[monitoring] installing prometheus (for promtool)"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends prometheus >/dev/null
fi
cd "$HERE"
promtool check rules alerts.yml
promtool test rules alerts.test.yml

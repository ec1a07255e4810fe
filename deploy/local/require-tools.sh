#!/usr/bin/env bash
# The command-line tools the local scripts use, installed with apt where missing:
#   require-tools.sh            curl, jq, psql, prometheus and promtool (deploy/monitoring, docs/alerts.md)
#   require-tools.sh browser    also headless Chromium and its WebDriver (the tests of pages)
set -euo pipefail
declare -A package_of=([curl]=curl [jq]=jq [psql]=postgresql-client [prometheus]=prometheus [promtool]=prometheus
  [chromium]=chromium [chromedriver]=chromium-driver)
tools=(curl jq psql prometheus promtool)
[[ ${1:-} != browser ]] || tools+=(chromium chromedriver)
missing=()
for tool in "${tools[@]}"; do
  command -v "$tool" >/dev/null || missing+=("${package_of[$tool]}")
done
((${#missing[@]})) || exit 0
mapfile -t missing < <(printf '%s\n' "${missing[@]}" | sort -u)
echo "[tools] installing ${missing[*]}"
apt-get update -qq
for package in "${missing[@]}"; do
  # prometheus without the node exporter it recommends: the local scripts run Prometheus alone.
  [[ $package == prometheus ]] && options=(--no-install-recommends) || options=()
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${options[@]}" "$package" >/dev/null
done

#!/usr/bin/env bash
# The command-line tools the local scripts use, installed with apt where missing:
#   require-tools.sh            curl, jq, psql
#   require-tools.sh browser    also headless Chromium and its WebDriver (the tests of pages)
set -euo pipefail
declare -A package_of=([curl]=curl [jq]=jq [psql]=postgresql-client [chromium]=chromium [chromedriver]=chromium-driver)
tools=(curl jq psql)
[[ ${1:-} != browser ]] || tools+=(chromium chromedriver)
missing=()
for tool in "${tools[@]}"; do
  command -v "$tool" >/dev/null || missing+=("${package_of[$tool]}")
done
((${#missing[@]})) || exit 0
echo "[tools] installing ${missing[*]}"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null

#!/usr/bin/env bash
# The few command-line tools the local scripts use, installed with apt where missing.
set -euo pipefail
missing=()
for tool in curl jq psql; do
  command -v "$tool" >/dev/null || missing+=("$tool")
done
((${#missing[@]})) || exit 0
packages=("${missing[@]/psql/postgresql-client}")
echo "[tools] installing ${packages[*]}"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${packages[@]}" >/dev/null

#!/usr/bin/env bash
# Prints a working test secret key of merchant $1 (default mer_demo), kept in .paysaga/keys/<merchant>.key:
# the one there if the services accept it, else a new one issued through the API with the platform
# credential, once every service has learnt it (each reads the merchant.keys topic).
#   KEY=$(deploy/local/merchant-key.sh); curl -H "Authorization: Bearer $KEY" localhost:8080/v1/orders/…
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
KEYS=${PAYSAGA_STATE_DIR:-$ROOT/.paysaga}/keys
API=${PAYSAGA_API_URL:-http://127.0.0.1:8080}
merchant=${1:-mer_demo}
file=$KEYS/$merchant.key
accepted() { [[ $(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $1" "$API$2") != 401 ]]; }
everywhere() {
  local path
  for path in /v1/orders/ord_none /v1/payments/pay_none /v1/sagas/sag_none /v1/events/evt_none "/v1/wallets/cus_none?currency=CNY"; do
    accepted "$1" "$path" || return 1
  done
}
if [[ -s $file ]] && everywhere "$(cat "$file")"; then cat "$file"; exit 0; fi
platform=$(cat "$KEYS/platform.key")
key=$(curl -fsS -X POST -H "Authorization: Bearer $platform" -H 'content-type: application/json' \
  "$API/v1/merchants/$merchant/api_keys" -d '{"type":"secret","mode":"test"}' | jq -r .secret)
(umask 077; printf '%s' "$key" >"$file")
for _ in $(seq 150); do everywhere "$key" && { printf '%s' "$key"; exit 0; }; sleep 0.2; done
echo "merchant-key.sh: the services did not accept the new key of $merchant within 30 s" >&2
exit 1

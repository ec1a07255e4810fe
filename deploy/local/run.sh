#!/usr/bin/env bash
# Builds PaySaga, starts the local platform (PostgreSQL, Redis, Kafka) and every service plus the
# channel sandbox, waits until all are ready, then runs the demo.
#   run.sh              build, start, demo
#   run.sh --no-build   start and demo with the jars already built
#   run.sh --prometheus also run a local Prometheus scraping every service, with the alerting rules
#                       (deploy/local/prometheus.sh; PAYSAGA_PROMETHEUS=1 does the same)
#   run.sh stop         stop the services, Prometheus and what the platform script started
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)

if [[ ${1:-} == stop ]]; then
  "$HERE/prometheus.sh" stop
  "$HERE/services.sh" stop
  "$HERE/platform.sh" down
  exit 0
fi

build=true
prometheus=${PAYSAGA_PROMETHEUS:-0}
for arg in "$@"; do
  case $arg in
    --no-build) build=false ;;
    --prometheus) prometheus=1 ;;
    *) echo "usage: $0 [--no-build] [--prometheus] | stop" >&2; exit 2 ;;
  esac
done

"$HERE/require-tools.sh"
if $build; then
  echo "[run] building (mvn -DskipTests package)"
  (cd "$ROOT" && mvn -B -q -Dstyle.color=never -DskipTests package)
fi
"$HERE/platform.sh" up
# Restart so the services run the jars just built.
"$HERE/services.sh" stop >/dev/null
"$HERE/services.sh" start
echo "[run] waiting for every service to be ready"
"$HERE/services.sh" wait
[[ $prometheus != 1 ]] || "$HERE/prometheus.sh" start
"$HERE/demo.sh"
cat <<MSG

[run] PaySaga is running. Logs: $ROOT/.paysaga/logs/. Stop everything with: deploy/local/run.sh stop
MSG

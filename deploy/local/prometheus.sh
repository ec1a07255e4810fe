#!/usr/bin/env bash
# A real Prometheus (Debian's prometheus package) scraping every service of deploy/services.txt on
# 127.0.0.1:<port>/q/metrics (not the channel sandbox, which has no metrics), with the alerting rules of deploy/monitoring/alerts.yml loaded. Local intervals
# are short (scrape and evaluate every 2 s) so that the suite's tests see alerts within seconds.
#   prometheus.sh start    write the configuration, start, wait until ready (a running one is left as it is)
#   prometheus.sh stop
#   prometheus.sh status
# Listens on 127.0.0.1:${PAYSAGA_PROMETHEUS_PORT:-9095} (not 9090, where a packaged Prometheus may run);
# configuration, data, log and pid live in .paysaga/.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
STATE=${PAYSAGA_STATE_DIR:-$ROOT/.paysaga}
DIR=$STATE/prometheus
PORT=${PAYSAGA_PROMETHEUS_PORT:-9095}
PID_FILE=$STATE/pids/prometheus.pid
mkdir -p "$DIR/data" "$STATE/logs" "$STATE/pids"

alive() { [[ -s $PID_FILE ]] && kill -0 "$(cat "$PID_FILE")" 2>/dev/null; }

# One job per process, named after it: the alerts' `job` label is the service's name, as on Kubernetes.
config() {
  cat <<YAML
global:
  scrape_interval: 2s
  scrape_timeout: 2s
  evaluation_interval: 2s
rule_files:
  - $ROOT/deploy/monitoring/alerts.yml
scrape_configs:
YAML
  awk '!/^#/ && NF && $1 != "channel-sandbox" {print $1, $2}' "$ROOT/deploy/services.txt" | while read -r name port; do
    cat <<YAML
  - job_name: $name
    metrics_path: /q/metrics
    static_configs:
      - targets: ["127.0.0.1:$port"]
YAML
  done
}

start() {
  if alive; then echo "prometheus already running (pid $(cat "$PID_FILE"))"; return; fi
  command -v prometheus >/dev/null || "$ROOT/deploy/local/require-tools.sh"
  config >"$DIR/prometheus.yml"
  promtool check config "$DIR/prometheus.yml" >/dev/null
  nohup prometheus --config.file="$DIR/prometheus.yml" --storage.tsdb.path="$DIR/data" \
    --web.listen-address="127.0.0.1:$PORT" --storage.tsdb.retention.time=1d \
    >>"$STATE/logs/prometheus.log" 2>&1 &
  echo $! >"$PID_FILE"
  for _ in $(seq 150); do
    if curl -fs -o /dev/null "http://127.0.0.1:$PORT/-/ready"; then
      echo "prometheus http://127.0.0.1:$PORT (rules: deploy/monitoring/alerts.yml)"
      return
    fi
    alive || { echo "prometheus exited; last log lines:" >&2; tail -n 20 "$STATE/logs/prometheus.log" >&2; exit 1; }
    sleep 0.2
  done
  echo "prometheus not ready after 30 s" >&2
  exit 1
}

stop() {
  if alive; then
    local pid; pid=$(cat "$PID_FILE")
    kill "$pid"
    for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
    echo "prometheus stopped"
  fi
  rm -f "$PID_FILE"
}

case ${1:-status} in
  start) start ;;
  stop) stop ;;
  status) if alive; then echo "prometheus up (pid $(cat "$PID_FILE"), port $PORT)"; else echo "prometheus down"; fi ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac

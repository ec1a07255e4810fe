#!/usr/bin/env bash
# Runs PaySaga's services as plain JVM processes from their built jars (mvn package first).
#   services.sh start [NAME...]   start (all by default); a running one is left as it is
#   services.sh wait [NAME...]    wait until each answers /q/health/ready, print URL, time and RSS
#   services.sh stop [NAME...]    SIGTERM, then SIGKILL after 20 s
#   services.sh kill NAME...      SIGKILL at once (crash tests)
#   services.sh status
#   services.sh ensure NAME...    build a missing jar, start what is not running, wait until ready (benchmarks)
#   services.sh replica NAME...   start a second instance of each: NAME-2 on port + 10000, same database,
#                                 consumer groups and topics (stop/kill/wait take NAME-2; stop alone stops them too)
# Environment passes through to the JVMs (e.g. PAYSAGA_OUTBOX_RELAY_ENABLED=false);
# JAVA_OPTS sets JVM options. Logs and pids live in .paysaga/.
# start first creates the channels' local test keys where missing (GenerateChannelKeys.java) in
# .paysaga/channel-keys and hands that directory to every service as PAYSAGA_CHANNEL_KEYS, and the
# local suite's credentials where missing in .paysaga/keys (docs/api.md "Authentication"): the
# platform operator credential (services get only its SHA-256) and the service credential.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
STATE=${PAYSAGA_STATE_DIR:-$ROOT/.paysaga}
mkdir -p "$STATE/logs" "$STATE/pids"
JAVA_OPTS=${JAVA_OPTS:--Xms64m -Xmx512m -XX:+UseSerialGC}
READY_TIMEOUT=${PAYSAGA_READY_TIMEOUT:-180}
CHANNEL_KEYS=$ROOT/.paysaga/channel-keys
KEYS=$ROOT/.paysaga/keys

mapfile -t ALL < <(awk '!/^#/ && NF {print $1}' "$ROOT/deploy/services.txt")
# A second replica is NAME-2: its service's jar and database, port + 10000.
base_of() { echo "${1%-2}"; }
port_of() {
  local port; port=$(awk -v n="$(base_of "$1")" '$1 == n {print $2}' "$ROOT/deploy/services.txt")
  [[ -z $port || $1 == "$(base_of "$1")" ]] && echo "$port" || echo $((port + 10000))
}
replicas() { for f in "$STATE"/pids/*-2.pid; do [[ -e $f ]] && basename "$f" .pid; done; true; }
pid_of() { cat "$STATE/pids/$1.pid" 2>/dev/null || true; }
# Alive and not a zombie (a killed JVM whose parent has not reaped it yet still answers kill -0).
alive() {
  local pid state; pid=$(pid_of "$1")
  [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null || return 1
  state=$(ps -o stat= -p "$pid" 2>/dev/null || true)
  [[ -n $state && $state != Z* ]]
}
# A port still held after 5 s belongs to someone else (a dying process frees it sooner).
port_busy() {
  for _ in $(seq 25); do (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null || return 1; sleep 0.2; done
}
# The JVM (a source-file launch takes seconds) runs only when a key file is missing.
channel_keys() {
  local pair
  for pair in alipay-app alipay-platform wechatpay-merchant wechatpay-platform; do
    if [[ ! -f $CHANNEL_KEYS/$pair-private.pem || ! -f $CHANNEL_KEYS/$pair-public.pem ]]; then
      java "$ROOT/deploy/local/GenerateChannelKeys.java" "$CHANNEL_KEYS"
      return
    fi
  done
  local file
  for file in wechatpay-apiv3.key stripe-secret.key stripe-webhook.secret unionpay-root-ca.pem unionpay-middle-ca.pem unionpay-sign-cert.pem \
      unionpay-sign-private.pem unionpay-merchant-cert.pem unionpay-merchant-private.pem; do
    if [[ ! -f $CHANNEL_KEYS/$file ]]; then
      java "$ROOT/deploy/local/GenerateChannelKeys.java" "$CHANNEL_KEYS"
      return
    fi
  done
}
# The platform credential (opk_ + 256 random bits, hex) and the service credential, made once.
credentials() {
  mkdir -p "$KEYS" && chmod 700 "$KEYS"
  [[ -s $KEYS/platform.key ]] || (umask 077; printf 'opk_%s' "$(od -An -tx1 -N32 /dev/urandom | tr -d ' \n')" >"$KEYS/platform.key")
  [[ -s $KEYS/service.token ]] || (umask 077; printf 'svc_%s' "$(od -An -tx1 -N32 /dev/urandom | tr -d ' \n')" >"$KEYS/service.token")
  PAYSAGA_AUTH_PLATFORM_KEY_SHA256=$(sha256sum <"$KEYS/platform.key" | cut -d' ' -f1)
  PAYSAGA_AUTH_SERVICE_TOKEN=$(cat "$KEYS/service.token")
  export PAYSAGA_AUTH_PLATFORM_KEY_SHA256 PAYSAGA_AUTH_SERVICE_TOKEN
  # Two named operators with keys of their own (docs/api.md "Authentication"): maker-checker needs two people.
  local operator
  OPERATOR_OPTS=""
  mkdir -p "$KEYS/operators"
  for operator in alice bob; do
    [[ -s $KEYS/operators/$operator.key ]] || (umask 077; printf 'opk_%s' "$(od -An -tx1 -N32 /dev/urandom | tr -d ' \n')" >"$KEYS/operators/$operator.key")
    OPERATOR_OPTS+=" -Dpaysaga.auth.operators.$operator.sha256=$(sha256sum <"$KEYS/operators/$operator.key" | cut -d' ' -f1)"
  done
}
names() { if (($#)); then printf '%s\n' "$@"; else printf '%s\n' "${ALL[@]}"; fi; }

start() {
  local name jar
  channel_keys
  credentials
  export PAYSAGA_CHANNEL_KEYS=$CHANNEL_KEYS
  # The local suite is a development deployment: webhooks may go to receivers on this machine.
  export PAYSAGA_WEBHOOKS_ALLOW_PRIVATE_ADDRESSES=${PAYSAGA_WEBHOOKS_ALLOW_PRIVATE_ADDRESSES:-true}
  for name in $(names "$@"); do
    [[ -n $(port_of "$name") ]] || { echo "unknown service $name" >&2; exit 2; }
    if alive "$name"; then echo "$name already running (pid $(pid_of "$name"))"; continue; fi
    if port_busy "$(port_of "$name")"; then
      echo "port $(port_of "$name") of $name is taken by another process (a suite started from another checkout?)" >&2
      exit 1
    fi
    jar=$ROOT/$(base_of "$name")/target/quarkus-app/quarkus-run.jar
    [[ -f $jar ]] || { echo "$jar missing: build first (mvn -DskipTests package)" >&2; exit 1; }
    # shellcheck disable=SC2086
    QUARKUS_HTTP_PORT=$(port_of "$name") nohup java $JAVA_OPTS $OPERATOR_OPTS -jar "$jar" >>"$STATE/logs/$name.log" 2>&1 &
    echo $! >"$STATE/pids/$name.pid"
    date +%s%N >"$STATE/pids/$name.started"
  done
}

wait_ready() {
  local name port deadline started ready_ms rss
  printf '%-24s %-24s %10s %9s\n' SERVICE URL READY_AFTER RSS
  for name in $(names "$@"); do
    port=$(port_of "$name")
    deadline=$((SECONDS + READY_TIMEOUT))
    until curl -fs -o /dev/null "http://127.0.0.1:$port/q/health/ready"; do
      if ! alive "$name"; then echo "$name exited; last log lines:" >&2; tail -n 40 "$STATE/logs/$name.log" >&2; exit 1; fi
      if ((SECONDS > deadline)); then echo "$name not ready after ${READY_TIMEOUT}s" >&2; tail -n 40 "$STATE/logs/$name.log" >&2; exit 1; fi
      sleep 0.2
    done
    started=$(cat "$STATE/pids/$name.started" 2>/dev/null || date +%s%N)
    ready_ms=$((($(date +%s%N) - started) / 1000000))
    rss=$(($(ps -o rss= -p "$(pid_of "$name")") / 1024))
    printf '%-24s %-24s %9ss %6d MB\n' "$name" "http://127.0.0.1:$port" "$(awk -v ms="$ready_ms" 'BEGIN {printf "%.1f", ms / 1000}')" "$rss"
  done
}

stop() {
  local name pid stopping=()
  # SIGTERM to all first, then wait: the services shut down in parallel.
  for name in $(names "$@") $( (($#)) || replicas); do
    if alive "$name"; then kill "$(pid_of "$name")"; stopping+=("$name"); else rm -f "$STATE/pids/$name.pid"; fi
  done
  for name in "${stopping[@]}"; do
    pid=$(pid_of "$name")
    for _ in $(seq 200); do alive "$name" || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
    rm -f "$STATE/pids/$name.pid"
    echo "$name stopped"
  done
}

kill9() {
  local name pid
  for name in "$@"; do
    if alive "$name"; then
      pid=$(pid_of "$name")
      kill -9 "$pid"
      # SIGKILL is asynchronous: return once the process is gone and its port is free again.
      for _ in $(seq 100); do alive "$name" || break; sleep 0.1; done
    fi
    rm -f "$STATE/pids/$name.pid"
  done
}

status() {
  local name
  for name in "${ALL[@]}"; do
    if alive "$name"; then echo "$name up (pid $(pid_of "$name"), port $(port_of "$name"))"; else echo "$name down"; fi
  done
}

ensure() {
  local name
  for name in "$@"; do
    alive "$name" && continue
    [[ -f $ROOT/$(base_of "$name")/target/quarkus-app/quarkus-run.jar ]] \
      || (cd "$ROOT" && mvn -B -ntp -q -pl "$(base_of "$name")" -am -DskipTests package)
    start "$name"
    wait_ready "$name"
  done
}

cmd=${1:-status}; shift || true
case $cmd in
  start) start "$@" ;;
  replica) (($#)) || { echo "usage: $0 replica NAME..." >&2; exit 2; }; start "${@/%/-2}" ;;
  wait) wait_ready "$@" ;;
  stop) stop "$@" ;;
  kill) kill9 "$@" ;;
  status) status ;;
  ensure) ensure "$@" ;;
  *) echo "usage: $0 start|wait|stop|kill|status|ensure [NAME...]" >&2; exit 2 ;;
esac

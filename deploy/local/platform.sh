#!/usr/bin/env bash
# The local platform PaySaga runs on, without Docker: PostgreSQL, Redis, a real Apache Kafka broker
# (single-node KRaft, run from the Maven Central jars) and the API gateway (nginx, on
# 127.0.0.1:${PAYSAGA_GATEWAY_PORT:-8080}, configured from deploy/routes.txt).
#   platform.sh up      ensure all four run, create databases and topics (safe to re-run; the
#                       gateway's configuration is rendered again and reloaded)
#   platform.sh down    stop what this script started, by PID (never a server it found running)
#   platform.sh status
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
STATE=${PAYSAGA_STATE_DIR:-$ROOT/.paysaga}
KAFKA_HOME=$STATE/kafka
DATABASES=(orders payments channels ledger notifications reconciliation sagas)
TEST_DATABASES=(runtime_test) # service-runtime's own integration tests
PG_HOST=127.0.0.1 PG_PORT=5432 REDIS_PORT=6379 KAFKA_PORT=9092 CONTROLLER_PORT=9093
GATEWAY=$STATE/gateway GATEWAY_PORT=${PAYSAGA_GATEWAY_PORT:-8080}
PATH=$PATH:/usr/sbin # nginx's home on Debian

log() { printf '[platform] %s\n' "$*"; }
listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
wait_for_port() { # port seconds what
  local deadline=$((SECONDS + $2))
  until listening "$1"; do
    ((SECONDS < deadline)) || { log "$3 did not open port $1 within $2 s"; return 1; }
    sleep 0.2
  done
}

apt_updated=
apt_install() {
  [[ -n $apt_updated ]] || { log "apt-get update"; apt-get update -qq; apt_updated=1; }
  log "installing $*"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

ensure_postgres() {
  if listening $PG_PORT; then log "PostgreSQL: running on $PG_PORT"; else
    if ! ls /etc/postgresql/*/main >/dev/null 2>&1; then
      apt_install postgresql
      # A fresh install asks for passwords on TCP; the local platform connects as postgres, trusted on loopback only.
      local hba; hba=$(ls /etc/postgresql/*/main/pg_hba.conf | head -n 1)
      sed -i '1i host all all 127.0.0.1/32 trust\nhost all all ::1/128 trust' "$hba"
    fi
    local version; version=$(ls /etc/postgresql | sort -V | tail -n 1)
    pg_ctlcluster --skip-systemctl-redirect "$version" main start
    touch "$STATE/postgres.started-here"
    wait_for_port $PG_PORT 30 PostgreSQL
    log "PostgreSQL: started"
  fi
  command -v psql >/dev/null || apt_install postgresql-client
  for db in "${DATABASES[@]}" "${TEST_DATABASES[@]}"; do
    if [[ -z $(psql -h $PG_HOST -p $PG_PORT -U postgres -Atc "select 1 from pg_database where datname = '$db'") ]]; then
      psql -h $PG_HOST -p $PG_PORT -U postgres -qc "create database \"$db\"" && log "database $db created"
    fi
  done
}

ensure_redis() {
  if listening $REDIS_PORT; then log "Redis: running on $REDIS_PORT"; return; fi
  command -v redis-server >/dev/null || apt_install redis-server
  redis-server --daemonize yes --bind 127.0.0.1 --port $REDIS_PORT --save "" --appendonly no \
    --dir "$STATE" --logfile "$STATE/redis.log" --pidfile "$STATE/redis.pid"
  wait_for_port $REDIS_PORT 15 Redis
  log "Redis: started"
}

kafka_jars() {
  if [[ ! -f $KAFKA_HOME/lib/.complete ]]; then
    log "Kafka: fetching broker jars from Maven Central (once)"
    mvn -B -q -Dstyle.color=never -f "$ROOT/deploy/local/kafka/pom.xml" dependency:copy-dependencies \
      -DoutputDirectory="$KAFKA_HOME/lib" -DincludeScope=runtime
    touch "$KAFKA_HOME/lib/.complete"
  fi
}

ensure_kafka() {
  if listening $KAFKA_PORT; then log "Kafka: running on $KAFKA_PORT"; else
    kafka_jars
    mkdir -p "$KAFKA_HOME/data"
    cat > "$KAFKA_HOME/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.bootstrap.servers=127.0.0.1:$CONTROLLER_PORT
listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT,CONTROLLER://127.0.0.1:$CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=$KAFKA_HOME/data
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=false
num.partitions=4
log.retention.hours=168
PROPS
    cat > "$KAFKA_HOME/log4j2.properties" <<'PROPS'
rootLogger.level=WARN
rootLogger.appenderRef.out.ref=out
appender.out.type=Console
appender.out.name=out
appender.out.layout.type=PatternLayout
appender.out.layout.pattern=%d{ISO8601} %-5p [%c] %m%n
logger.server.name=kafka.server.KafkaRaftServer
logger.server.level=INFO
logger.broker.name=kafka.server.BrokerServer
logger.broker.level=INFO
PROPS
    if [[ ! -f $KAFKA_HOME/data/meta.properties ]]; then
      local cid; cid=$(java -cp "$KAFKA_HOME/lib/*" kafka.tools.StorageTool random-uuid 2>/dev/null | tail -n 1)
      java -Dlog4j2.configurationFile="$KAFKA_HOME/log4j2.properties" -cp "$KAFKA_HOME/lib/*" \
        kafka.tools.StorageTool format -t "$cid" -c "$KAFKA_HOME/server.properties" --standalone >/dev/null
    fi
    local started=$SECONDS
    nohup java -Xms256m -Xmx512m -Dlog4j2.configurationFile="$KAFKA_HOME/log4j2.properties" \
      -cp "$KAFKA_HOME/lib/*" kafka.Kafka "$KAFKA_HOME/server.properties" >"$KAFKA_HOME/kafka.log" 2>&1 &
    echo $! >"$STATE/kafka.pid"
    wait_for_port $KAFKA_PORT 60 Kafka || { tail -n 30 "$KAFKA_HOME/kafka.log"; exit 1; }
    log "Kafka: started in $((SECONDS - started)) s (pid $(cat "$STATE/kafka.pid"))"
  fi
  kafka_jars
  java -cp "$KAFKA_HOME/lib/*" "$ROOT/deploy/local/CreateTopics.java" 127.0.0.1:$KAFKA_PORT "$ROOT/deploy/topics.txt" \
    | sed 's/^/[platform] Kafka /'
}

# nginx as a plain process of its own (prefix, pid, logs and temp files in .paysaga/gateway), never
# the system's nginx service. Its configuration is rendered from deploy/routes.txt every time.
ensure_gateway() {
  command -v nginx >/dev/null || apt_install nginx
  mkdir -p "$GATEWAY/tmp"
  "$ROOT/deploy/local/gateway-conf.sh" "$GATEWAY" "$GATEWAY_PORT" >"$GATEWAY/nginx.conf.new"
  nginx -t -q -e "$GATEWAY/error.log" -p "$GATEWAY" -c "$GATEWAY/nginx.conf.new"
  mv "$GATEWAY/nginx.conf.new" "$GATEWAY/nginx.conf"
  if [[ -f $GATEWAY/nginx.pid ]] && kill -0 "$(cat "$GATEWAY/nginx.pid")" 2>/dev/null; then
    nginx -e "$GATEWAY/error.log" -p "$GATEWAY" -c "$GATEWAY/nginx.conf" -s reload
    log "gateway: routes reloaded, http://127.0.0.1:$GATEWAY_PORT"
  elif listening "$GATEWAY_PORT"; then
    log "gateway: port $GATEWAY_PORT is taken by a process this script did not start (another checkout's gateway?): left as it is"
  else
    nginx -e "$GATEWAY/error.log" -p "$GATEWAY" -c "$GATEWAY/nginx.conf"
    wait_for_port "$GATEWAY_PORT" 10 gateway || { tail -n 20 "$GATEWAY/error.log"; exit 1; }
    log "gateway: started on http://127.0.0.1:$GATEWAY_PORT (pid $(cat "$GATEWAY/nginx.pid"))"
  fi
}

stop_pid() { # name pidfile
  [[ -f $2 ]] || return 0
  local pid; pid=$(cat "$2")
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid"
    for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
    log "$1 stopped (pid $pid)"
  fi
  rm -f "$2"
}

mkdir -p "$STATE"
case "${1:-up}" in
  up)
    ensure_postgres
    ensure_redis
    ensure_kafka
    ensure_gateway
    ;;
  down)
    stop_pid gateway "$GATEWAY/nginx.pid"
    stop_pid Kafka "$STATE/kafka.pid"
    stop_pid Redis "$STATE/redis.pid"
    if [[ -f $STATE/postgres.started-here ]]; then
      pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | sort -V | tail -n 1)" main stop && log "PostgreSQL stopped"
      rm -f "$STATE/postgres.started-here"
    fi
    ;;
  restart-kafka) # for the broker-restart test: a graceful stop, then the same broker on the same data
    # The broker may belong to another checkout's platform.sh: it is restarted with its own command
    # line and working directory, so it comes back with its own data and settings.
    # A pid file can outlive its broker (another checkout restarted it): then the broker is looked for.
    pid=$(cat "$STATE/kafka.pid" 2>/dev/null || true)
    kill -0 "$pid" 2>/dev/null || pid=$(pgrep -f 'kafka\.Kafka .*server\.properties' | head -n 1 || true)
    [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null || { echo "no Kafka broker process to restart" >&2; exit 1; }
    mapfile -d '' cmd <"/proc/$pid/cmdline"
    dir=$(readlink "/proc/$pid/cwd")
    echo "$pid" >"$STATE/kafka.restart.pid"
    stop_pid Kafka "$STATE/kafka.restart.pid"
    for _ in $(seq 100); do listening $KAFKA_PORT || break; sleep 0.1; done
    started=$SECONDS
    (cd "$dir" || exit 1; nohup "${cmd[@]}" >>"$STATE/kafka-restarted.log" 2>&1 & echo $! >"$STATE/kafka.restart.pid")
    [[ -f $STATE/kafka.pid ]] && mv "$STATE/kafka.restart.pid" "$STATE/kafka.pid" || rm -f "$STATE/kafka.restart.pid"
    wait_for_port $KAFKA_PORT 60 Kafka || { tail -n 30 "$STATE/kafka-restarted.log"; exit 1; }
    log "Kafka: restarted in $((SECONDS - started)) s"
    ;;
  status)
    for p in "PostgreSQL $PG_PORT" "Redis $REDIS_PORT" "Kafka $KAFKA_PORT" "gateway $GATEWAY_PORT"; do
      set -- $p; if listening "$2"; then log "$1: up on $2"; else log "$1: down"; fi
    done
    ;;
  *) echo "usage: $0 up|down|status|restart-kafka" >&2; exit 2 ;;
esac

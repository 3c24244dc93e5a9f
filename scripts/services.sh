#!/usr/bin/env bash
# Private MariaDB and Redis for tests and the demo.
#
#   scripts/services.sh up       install if missing, start (or reuse), write .local/services.env
#   scripts/services.sh down     stop what this script started (by pid file)
#   scripts/services.sh status   print state; exit 0 only if both answer
#
# Ports: SMK_DB_PORT (33306) and SMK_REDIS_PORT (36379), both bound to 127.0.0.1, so they never
# collide with a system MariaDB/Redis on 3306/6379. SMK_EXTERNAL_SERVICES=1 reuses servers named
# by DB_HOST/DB_PORT/DB_USER/DB_PASSWORD[/DB_NAME]/REDIS_HOST/REDIS_PORT instead.
# SMK_LOCAL_DIR moves the state directory (default <repo>/.local); the self-check uses it.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
LOCAL="${SMK_LOCAL_DIR:-$ROOT/.local}"
DB_DIR="$LOCAL/mariadb"
REDIS_DIR="$LOCAL/redis"
ENV_FILE="$LOCAL/services.env"
# SMK_DB_PORT insists on a port; otherwise the default, or the next free one if a stranger holds it.
DB_PORT_DEFAULT="${SMK_DB_DEFAULT_PORT:-33306}"
DB_PORT_WANTED="${SMK_DB_PORT:-$DB_PORT_DEFAULT}"
REDIS_PORT_DEFAULT="${SMK_REDIS_DEFAULT_PORT:-36379}"
REDIS_PORT_WANTED="${SMK_REDIS_PORT:-$REDIS_PORT_DEFAULT}"
TIMEOUT="${SMK_SERVICES_TIMEOUT:-30}"
# mariadbd lives in sbin, which a non-login shell may not have on PATH.
export PATH="$PATH:/usr/sbin:/usr/local/sbin:/sbin"

log() { echo "services: $*" >&2; }
die() { echo "services: ERROR: $*" >&2; exit 1; }
first_cmd() { local c; for c in "$@"; do command -v "$c" >/dev/null 2>&1 && { echo "$c"; return 0; }; done; return 1; }

# A unix socket path must fit in 108 bytes; fall back to /tmp for deeply nested checkouts.
sock_path() {
  local p="$1/$2"
  if (( ${#p} > 100 )); then p="/tmp/smk-$(printf '%s' "$1" | cksum | cut -d' ' -f1)-$2"; fi
  echo "$p"
}
DB_SOCK="$(sock_path "$DB_DIR" mysqld.sock)"
DB_PID="$DB_DIR/mysqld.pid"
DB_LOG="$DB_DIR/mysqld.log"
REDIS_SOCK="$(sock_path "$REDIS_DIR" redis.sock)"
REDIS_PID="$REDIS_DIR/redis.pid"
REDIS_LOG="$REDIS_DIR/redis.log"

# True when something accepts TCP connections on host:port.
port_open() {
  local t=(); command -v timeout >/dev/null 2>&1 && t=(timeout 2)
  "${t[@]}" bash -c "exec 3<>/dev/tcp/$1/$2" 2>/dev/null
}

# The first port from $1 upwards on which nothing listens.
free_port_from() {
  local port="$1"
  while port_open 127.0.0.1 "$port"; do
    port=$((port + 1))
    (( port < $1 + 100 )) || die "no free port in $1..$((port - 1))"
  done
  echo "$port"
}

# Prints the pid from $1 if that process is alive and its name matches $2 (a regex).
live_pid() {
  local pid comm
  [[ -s "$1" ]] || return 1
  pid="$(tr -dc 0-9 <"$1")"
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null || return 1
  comm="$(cat "/proc/$pid/comm" 2>/dev/null || ps -o comm= -p "$pid" 2>/dev/null || true)"
  [[ "$comm" =~ $2 ]] || return 1
  echo "$pid"
}

# ---------------------------------------------------------------- binaries

resolve_binaries() {
  MARIADBD="$(first_cmd mariadbd mysqld || true)"
  INSTALL_DB="$(first_cmd mariadb-install-db mysql_install_db || true)"
  DB_CLI="$(first_cmd mariadb mysql || true)"
  REDIS_SERVER="$(first_cmd redis-server || true)"
  REDIS_CLI="$(first_cmd redis-cli || true)"
}

ensure_binaries() {
  resolve_binaries
  if [[ -n "$MARIADBD" && -n "$INSTALL_DB" && -n "$DB_CLI" && -n "$REDIS_SERVER" && -n "$REDIS_CLI" ]]; then
    return 0
  fi
  log "MariaDB/Redis binaries missing; installing mariadb-server mariadb-client redis-server with apt-get"
  command -v apt-get >/dev/null 2>&1 \
    || die "apt-get not found: install MariaDB (mariadbd, mariadb-install-db, mariadb) and Redis (redis-server, redis-cli) yourself"
  local sudo=()
  if [[ "$(id -u)" != 0 ]]; then
    command -v sudo >/dev/null 2>&1 || die "not root and no sudo: install mariadb-server mariadb-client redis-server yourself"
    sudo=(sudo)
  fi
  # noninteractive + keep existing conffiles: never stop at a prompt.
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q >&2
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
    -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold \
    mariadb-server mariadb-client redis-server >&2
  resolve_binaries
  [[ -n "$MARIADBD" && -n "$INSTALL_DB" && -n "$DB_CLI" && -n "$REDIS_SERVER" && -n "$REDIS_CLI" ]] \
    || die "still missing after apt-get install: mariadbd=${MARIADBD:-?} install-db=${INSTALL_DB:-?} client=${DB_CLI:-?} redis-server=${REDIS_SERVER:-?} redis-cli=${REDIS_CLI:-?}"
}

# ---------------------------------------------------------------- MariaDB

db_root() { "$DB_CLI" --no-defaults -uroot --socket="$DB_SOCK" --connect-timeout=2 "$@"; }

db_init() {
  [[ -d "$DB_DIR/mysql" ]] && return 0
  log "initialising MariaDB data directory $DB_DIR"
  # Initialise aside and rename, so an interrupted run never leaves a half-made data dir.
  local tmp="$DB_DIR.init" user=()
  [[ "$(id -u)" == 0 ]] && user=(--user=root)
  rm -rf "$tmp"
  mkdir -p "$LOCAL"
  if ! "$INSTALL_DB" --no-defaults --datadir="$tmp" "${user[@]}" \
      --auth-root-authentication-method=normal --skip-test-db >"$LOCAL/mariadb-install.log" 2>&1; then
    tail -n 30 "$LOCAL/mariadb-install.log" >&2
    die "mariadb-install-db failed (full log: $LOCAL/mariadb-install.log)"
  fi
  # Keep any log or state file a previous failed start left behind.
  if [[ -d "$DB_DIR" ]]; then cp -a "$DB_DIR"/. "$tmp"/ 2>/dev/null || true; rm -rf "$DB_DIR"; fi
  mv "$tmp" "$DB_DIR"
}

db_start() {
  local user=() pid
  [[ "$(id -u)" == 0 ]] && user=(--user=root)
  log "starting MariaDB on 127.0.0.1:$DB_PORT_WANTED"
  : >"$DB_LOG"
  # setsid + closed stdio and lock fd: the server must not hold the caller's pipes (npm would
  # wait on them) nor the services.lock (the next `up` would wait on it).
  setsid "$MARIADBD" --no-defaults --datadir="$DB_DIR" --socket="$DB_SOCK" --pid-file="$DB_PID" \
    --port="$DB_PORT_WANTED" --bind-address=127.0.0.1 "${user[@]}" \
    --character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci \
    --skip-log-bin --innodb-flush-log-at-trx-commit=2 --max-connections=500 \
    --innodb-buffer-pool-size="${SMK_DB_BUFFER_POOL:-1G}" \
    --default-time-zone=+00:00 \
    --sql-mode=STRICT_TRANS_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION \
    </dev/null >>"$DB_LOG" 2>&1 9>&- &
  pid=$!
  wait_until "MariaDB" "$DB_LOG" "$pid" db_answers
}

db_answers() { db_root -N -e 'select 1' >/dev/null 2>&1; }

# wait_until NAME LOG PID CHECK: poll CHECK until it passes, PID dies, or the deadline.
wait_until() {
  local name="$1" logf="$2" pid="$3" check="$4" deadline=$((SECONDS + TIMEOUT))
  until "$check"; do
    if ! kill -0 "$pid" 2>/dev/null; then
      tail -n 30 "$logf" >&2 || true
      die "$name exited during start-up (log: $logf)"
    fi
    if (( SECONDS >= deadline )); then
      tail -n 30 "$logf" >&2 || true
      die "$name not ready after ${TIMEOUT}s (log: $logf)"
    fi
    sleep 0.2
  done
}

db_up() {
  local pid port
  if pid="$(live_pid "$DB_PID" '^(mariadbd|mysqld)$')"; then
    wait_until "MariaDB" "$DB_LOG" "$pid" db_answers
    port="$(db_root -N -e 'select @@port')"
    [[ -z "${SMK_DB_PORT:-}" || "$port" == "$SMK_DB_PORT" ]] \
      || die "our MariaDB already runs on port $port, not $SMK_DB_PORT (SMK_DB_PORT): run 'scripts/services.sh down' first"
    DB_PORT_WANTED="$port"
    log "MariaDB already running (pid $pid, port $port)"
  else
    rm -f "$DB_PID"
    if port_open 127.0.0.1 "$DB_PORT_WANTED"; then
      # Another checkout's private instance (or any server with our app user): reuse it.
      if "$DB_CLI" --no-defaults -usmk -psmk -h127.0.0.1 -P"$DB_PORT_WANTED" --connect-timeout=5 -N \
          -e 'CREATE DATABASE IF NOT EXISTS smk CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci' >/dev/null 2>&1; then
        log "reusing the MariaDB already answering on 127.0.0.1:$DB_PORT_WANTED (user smk)"
        return 0
      fi
      [[ -z "${SMK_DB_PORT:-}" ]] || die "port $SMK_DB_PORT (SMK_DB_PORT) is used by a server that does not know user smk"
      DB_PORT_WANTED="$(free_port_from $((DB_PORT_WANTED + 1)))"
      log "port $DB_PORT_DEFAULT is taken by another server; using $DB_PORT_WANTED"
    fi
    db_init
    db_start
    log "MariaDB ready (pid $(tr -dc 0-9 <"$DB_PID" 2>/dev/null || echo ?), port $DB_PORT_WANTED)"
  fi
  # Idempotent; a private, loopback-only instance, so the app user may do anything.
  db_root <<'SQL'
CREATE USER IF NOT EXISTS 'smk'@'127.0.0.1' IDENTIFIED BY 'smk';
CREATE USER IF NOT EXISTS 'smk'@'localhost' IDENTIFIED BY 'smk';
ALTER USER 'smk'@'127.0.0.1' IDENTIFIED BY 'smk';
ALTER USER 'smk'@'localhost' IDENTIFIED BY 'smk';
GRANT ALL PRIVILEGES ON *.* TO 'smk'@'127.0.0.1' WITH GRANT OPTION;
GRANT ALL PRIVILEGES ON *.* TO 'smk'@'localhost' WITH GRANT OPTION;
CREATE DATABASE IF NOT EXISTS smk CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
SQL
  "$DB_CLI" --no-defaults -usmk -psmk -h127.0.0.1 -P"$DB_PORT_WANTED" --connect-timeout=5 smk -N -e 'select 1' >/dev/null \
    || die "MariaDB answers on its socket but user smk cannot log in over 127.0.0.1:$DB_PORT_WANTED"
}

# ---------------------------------------------------------------- Redis

redis_answers() { [[ "$("$REDIS_CLI" -s "$REDIS_SOCK" ping 2>/dev/null)" == PONG ]]; }

redis_start() {
  local pid
  log "starting Redis on 127.0.0.1:$REDIS_PORT_WANTED"
  mkdir -p "$REDIS_DIR"
  : >"$REDIS_LOG"
  # No persistence: Redis holds queues only, and tests empty their own prefix anyway.
  setsid "$REDIS_SERVER" --port "$REDIS_PORT_WANTED" --bind 127.0.0.1 --save "" --appendonly no \
    --daemonize no --dir "$REDIS_DIR" --pidfile "$REDIS_PID" \
    --unixsocket "$REDIS_SOCK" --unixsocketperm 700 \
    </dev/null >>"$REDIS_LOG" 2>&1 9>&- &
  pid=$!
  wait_until "Redis" "$REDIS_LOG" "$pid" redis_answers
}

redis_up() {
  local pid port
  if pid="$(live_pid "$REDIS_PID" '^redis-server')"; then
    wait_until "Redis" "$REDIS_LOG" "$pid" redis_answers
    port="$("$REDIS_CLI" -s "$REDIS_SOCK" config get port | tail -n 1)"
    [[ -z "${SMK_REDIS_PORT:-}" || "$port" == "$SMK_REDIS_PORT" ]] \
      || die "our Redis already runs on port $port, not $SMK_REDIS_PORT (SMK_REDIS_PORT): run 'scripts/services.sh down' first"
    REDIS_PORT_WANTED="$port"
    log "Redis already running (pid $pid, port $port)"
  else
    rm -f "$REDIS_PID"
    if port_open 127.0.0.1 "$REDIS_PORT_WANTED"; then
      # Another checkout's private Redis: reuse it (each run keeps to its own key prefix).
      if [[ "$("$REDIS_CLI" -h 127.0.0.1 -p "$REDIS_PORT_WANTED" ping 2>/dev/null)" == PONG ]]; then
        log "reusing the Redis already answering on 127.0.0.1:$REDIS_PORT_WANTED"
        return 0
      fi
      [[ -z "${SMK_REDIS_PORT:-}" ]] || die "port $SMK_REDIS_PORT (SMK_REDIS_PORT) is used by something that is not Redis"
      REDIS_PORT_WANTED="$(free_port_from $((REDIS_PORT_WANTED + 1)))"
      log "port $REDIS_PORT_DEFAULT is taken by something else; using $REDIS_PORT_WANTED"
    fi
    redis_start
    log "Redis ready (pid $(tr -dc 0-9 <"$REDIS_PID" 2>/dev/null || echo ?), port $REDIS_PORT_WANTED)"
  fi
  [[ "$("$REDIS_CLI" -h 127.0.0.1 -p "$REDIS_PORT_WANTED" ping)" == PONG ]] \
    || die "Redis answers on its socket but not on 127.0.0.1:$REDIS_PORT_WANTED"
}

# ---------------------------------------------------------------- env file

# Plain KEY=VALUE lines, no quotes or comments: `source`-able and trivially parsed by Node.
write_env() {
  mkdir -p "$LOCAL"
  local tmp="$ENV_FILE.$$"
  printf '%s\n' \
    "DB_HOST=$1" "DB_PORT=$2" "DB_USER=$3" "DB_PASSWORD=$4" "DB_NAME=$5" \
    "REDIS_HOST=$6" "REDIS_PORT=$7" >"$tmp"
  mv "$tmp" "$ENV_FILE"
  log "wrote $ENV_FILE"
}

external_up() {
  local v
  for v in DB_HOST DB_PORT DB_USER DB_PASSWORD REDIS_HOST REDIS_PORT; do
    [[ -n "${!v:-}" ]] || die "SMK_EXTERNAL_SERVICES=1 needs $v in the environment"
  done
  local db_name="${DB_NAME:-smk}"
  resolve_binaries
  if [[ -n "$DB_CLI" ]]; then
    "$DB_CLI" --no-defaults -u"$DB_USER" -p"$DB_PASSWORD" -h"$DB_HOST" -P"$DB_PORT" --connect-timeout=5 \
      -N -e "CREATE DATABASE IF NOT EXISTS \`$db_name\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci" >/dev/null \
      || die "cannot log in to MySQL at $DB_HOST:$DB_PORT as $DB_USER (or create database $db_name)"
  else
    port_open "$DB_HOST" "$DB_PORT" || die "nothing answers at $DB_HOST:$DB_PORT (DB_HOST/DB_PORT)"
    log "no mariadb client: only checked that $DB_HOST:$DB_PORT accepts connections"
  fi
  if [[ -n "$REDIS_CLI" ]]; then
    [[ "$("$REDIS_CLI" -h "$REDIS_HOST" -p "$REDIS_PORT" ping 2>&1)" == PONG ]] \
      || die "Redis at $REDIS_HOST:$REDIS_PORT does not answer PING (REDIS_HOST/REDIS_PORT)"
  else
    port_open "$REDIS_HOST" "$REDIS_PORT" || die "nothing answers at $REDIS_HOST:$REDIS_PORT (REDIS_HOST/REDIS_PORT)"
  fi
  log "external services answer: MySQL $DB_HOST:$DB_PORT, Redis $REDIS_HOST:$REDIS_PORT"
  write_env "$DB_HOST" "$DB_PORT" "$DB_USER" "$DB_PASSWORD" "$db_name" "$REDIS_HOST" "$REDIS_PORT"
}

# ---------------------------------------------------------------- commands

# One `up`/`down` at a time: parallel test runs would otherwise race to start the same data dir.
lock() {
  mkdir -p "$LOCAL"
  command -v flock >/dev/null 2>&1 || return 0
  exec 9>"$LOCAL/services.lock"
  flock -w 120 9 || die "another scripts/services.sh holds $LOCAL/services.lock"
}

cmd_up() {
  lock
  if [[ "${SMK_EXTERNAL_SERVICES:-}" == 1 ]]; then external_up; return; fi
  ensure_binaries
  mkdir -p "$LOCAL"
  db_up
  redis_up
  write_env 127.0.0.1 "$DB_PORT_WANTED" smk smk smk 127.0.0.1 "$REDIS_PORT_WANTED"
}

# stop NAME PIDFILE REGEX: TERM, wait up to the deadline, then KILL.
stop() {
  local name="$1" pidf="$2" pid deadline
  if ! pid="$(live_pid "$pidf" "$3")"; then
    [[ -e "$pidf" ]] && rm -f "$pidf" && log "$name: removed stale pid file"
    log "$name not running"
    return 0
  fi
  log "stopping $name (pid $pid)"
  kill -TERM "$pid"
  deadline=$((SECONDS + TIMEOUT))
  while kill -0 "$pid" 2>/dev/null; do
    if (( SECONDS >= deadline )); then
      log "$name did not stop in ${TIMEOUT}s; killing it"
      kill -KILL "$pid" 2>/dev/null || true
      break
    fi
    sleep 0.2
  done
  rm -f "$pidf"
}

cmd_down() {
  lock
  stop MariaDB "$DB_PID" '^(mariadbd|mysqld)$'
  stop Redis "$REDIS_PID" '^redis-server'
}

cmd_status() {
  local ok=0 pid
  resolve_binaries
  if [[ "${SMK_EXTERNAL_SERVICES:-}" == 1 ]]; then echo "mode: external (SMK_EXTERNAL_SERVICES=1)"; fi
  if pid="$(live_pid "$DB_PID" '^(mariadbd|mysqld)$')"; then
    if [[ -n "$DB_CLI" ]] && db_answers; then
      echo "mariadb: running pid=$pid port=$(db_root -N -e 'select @@port') datadir=$DB_DIR"
    else
      echo "mariadb: pid=$pid alive but not answering on $DB_SOCK"; ok=1
    fi
  else
    echo "mariadb: stopped (datadir $([[ -d "$DB_DIR/mysql" ]] && echo initialised || echo absent))"; ok=1
  fi
  if pid="$(live_pid "$REDIS_PID" '^redis-server')"; then
    if [[ -n "$REDIS_CLI" ]] && redis_answers; then
      echo "redis: running pid=$pid port=$("$REDIS_CLI" -s "$REDIS_SOCK" config get port | tail -n 1)"
    else
      echo "redis: pid=$pid alive but not answering on $REDIS_SOCK"; ok=1
    fi
  else
    echo "redis: stopped"; ok=1
  fi
  if [[ -f "$ENV_FILE" ]]; then echo "env file: $ENV_FILE"; sed 's/^/  /' "$ENV_FILE"; else echo "env file: absent"; fi
  return "$ok"
}

case "${1:-}" in
  up) cmd_up ;;
  down) cmd_down ;;
  status) cmd_status ;;
  *) echo "usage: $0 up|down|status" >&2; exit 2 ;;
esac

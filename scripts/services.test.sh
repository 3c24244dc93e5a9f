#!/usr/bin/env bash
# Self-check for scripts/services.sh. Runs in a throw-away state dir on its own ports, so the
# shared instance in .local/ (and anyone using it) is left alone.
#   scripts/services.test.sh
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
SVC="$HERE/services.sh"
TMP="$(mktemp -d)"
export SMK_LOCAL_DIR="$TMP/state" SMK_DB_PORT="${TEST_DB_PORT:-43306}" SMK_REDIS_PORT="${TEST_REDIS_PORT:-46379}"
export SMK_SERVICES_TIMEOUT=30
unset SMK_EXTERNAL_SERVICES
trap '"$SVC" down >/dev/null 2>&1 || true; rm -rf "$TMP"' EXIT

fail() { echo "FAIL: $*" >&2; exit 1; }
pass() { echo "ok - $*"; }
# A server that is not ours listening on port $1 (pid in $squatter), waited for until it answers.
squat() {
  python3 -c 'import socket,time,sys; s=socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); s.bind(("127.0.0.1", int(sys.argv[1]))); s.listen(); time.sleep(30)' "$1" &
  squatter=$!
  local deadline=$((SECONDS + 10))
  until (exec 3<>/dev/tcp/127.0.0.1/"$1") 2>/dev/null; do
    ((SECONDS < deadline)) || fail "the squatter on port $1 did not listen within 10 s"
    sleep 0.05
  done
}

# Ends the squatter and waits until it is gone, so that the port is free for the next squat.
unsquat() {
  kill "$squatter"
  wait "$squatter" 2>/dev/null || true
}

"$SVC" up 2>/dev/null
pass "up (fresh data dir)"
start=$SECONDS
"$SVC" up 2>/dev/null
(( SECONDS - start <= 10 )) || fail "second up took $((SECONDS - start))s"
pass "second up reuses the running instances"

"$SVC" status >/dev/null || fail "status should exit 0 when both run"
pass "status"

[[ "$(mariadb --no-defaults -usmk -psmk -h127.0.0.1 -P"$SMK_DB_PORT" -N -e 'select @@character_set_server, @@collation_server')" \
  == $'utf8mb4\tutf8mb4_unicode_ci' ]] || fail "charset"
[[ "$(redis-cli -p "$SMK_REDIS_PORT" ping)" == PONG ]] || fail "redis ping"
pass "smk over TCP, utf8mb4_unicode_ci, redis PONG"

# shellcheck disable=SC1091
(set -a; . "$SMK_LOCAL_DIR/services.env"; [[ "$DB_PORT" == "$SMK_DB_PORT" && "$REDIS_PORT" == "$SMK_REDIS_PORT" && "$DB_USER" == smk ]]) \
  || fail "services.env"
node -e '
  const env = Object.fromEntries(require("fs").readFileSync(process.argv[1], "utf8").trim().split("\n").map((l) => l.split("=")));
  if (env.DB_HOST !== "127.0.0.1" || env.DB_NAME !== "smk" || env.REDIS_PORT !== process.argv[2]) process.exit(1);
' "$SMK_LOCAL_DIR/services.env" "$SMK_REDIS_PORT" || fail "services.env from node"
pass "services.env sourceable by bash and parseable by node"

mariadb --no-defaults -usmk -psmk -h127.0.0.1 -P"$SMK_DB_PORT" smk -e 'create table keepme (id int)'
"$SVC" down 2>/dev/null
! "$SVC" status >/dev/null 2>&1 || fail "status should be non-zero when stopped"
"$SVC" up 2>/dev/null
mariadb --no-defaults -usmk -psmk -h127.0.0.1 -P"$SMK_DB_PORT" smk -e 'select * from keepme' >/dev/null || fail "data lost"
pass "down, up again keeps the data dir"

out="$(SMK_DB_PORT=3306 "$SVC" up 2>&1 || true)"
[[ "$out" == *"already runs on port $SMK_DB_PORT"* ]] || fail "port change while running: $out"
pass "refuses a port change while running"

"$SVC" down 2>/dev/null
if (exec 3<>/dev/tcp/127.0.0.1/"$SMK_REDIS_PORT") 2>/dev/null; then fail "redis port still open after down"; fi
squat "$SMK_DB_PORT"
out="$("$SVC" up 2>&1 || true)"
unsquat
[[ "$out" == *"port $SMK_DB_PORT (SMK_DB_PORT) is used by a server that does not know user smk"* ]] || fail "busy port message: $out"
pass "an explicitly chosen busy port fails naming SMK_DB_PORT"

# The default port taken by a server that is not ours: the next free port is used instead.
squat "$SMK_DB_PORT"
out="$(env -u SMK_DB_PORT SMK_DB_DEFAULT_PORT="$SMK_DB_PORT" "$SVC" up 2>&1 || true)"
unsquat
[[ "$out" == *"is taken by another server; using $((SMK_DB_PORT + 1))"* ]] || fail "default busy port: $out"
pass "a taken default port moves to the next free one"
"$SVC" down 2>/dev/null

"$SVC" up 2>/dev/null
out="$(SMK_EXTERNAL_SERVICES=1 SMK_LOCAL_DIR="$TMP/ext" DB_HOST=127.0.0.1 DB_PORT="$SMK_DB_PORT" DB_USER=smk DB_PASSWORD=smk \
  DB_NAME=smk_ext REDIS_HOST=127.0.0.1 REDIS_PORT="$SMK_REDIS_PORT" "$SVC" up 2>&1)" || fail "external: $out"
grep -qx DB_NAME=smk_ext "$TMP/ext/services.env" || fail "external env file"
[[ ! -e "$TMP/ext/mariadb" ]] || fail "external mode started a server"
out="$(SMK_EXTERNAL_SERVICES=1 SMK_LOCAL_DIR="$TMP/ext" DB_HOST=127.0.0.1 DB_PORT="$SMK_DB_PORT" DB_USER=smk DB_PASSWORD=wrong \
  REDIS_HOST=127.0.0.1 REDIS_PORT="$SMK_REDIS_PORT" "$SVC" up 2>&1 || true)"
[[ "$out" == *"cannot log in"* ]] || fail "external with a wrong password: $out"
pass "SMK_EXTERNAL_SERVICES=1 verifies and writes services.env"

echo "all services checks passed"

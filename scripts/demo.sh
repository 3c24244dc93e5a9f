#!/usr/bin/env bash
# `npm run demo`: local services, schema and reference data, a seeded Banten (generated once),
# then the API with the queue worker in one process; a stable matching round runs through the
# real queue, is published, and its summary is printed; the app then serves in the foreground
# until interrupted (Ctrl-C stops the app; `bash scripts/services.sh down` stops MariaDB and Redis).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash scripts/services.sh up
echo "== build"
npm run --silent build
echo "== migrations and reference data"
bash scripts/with-env.sh node_modules/.bin/typeorm migration:run -d dist/database/data-source.js >/dev/null
echo "   schema is up to date"
# The migrations load the country's regions once; this picks up an updated idn-area-data.
bash scripts/with-env.sh node dist/cli/seed-regions.js | sed 's/^/   /'

# Seeded, so every machine gets the same province; skipped when the graduates already exist.
echo "== demo data: Banten, 150 SMKs, 20,000 graduates of 2026, 1,500 companies, 4,000 slots"
bash scripts/with-env.sh node -r @swc-node/register scripts/generate/cli.ts --if-empty \
  --seed "${DEMO_SEED:-7}" --schools 150 --graduates 20000 --companies 1500 --slots 4000 --year 2026

# shellcheck disable=SC1091
source <(bash scripts/with-env.sh env | grep -E '^(PORT|ADMIN_EMAIL|ADMIN_PASSWORD)=' | sed 's/^/export /')
APP_LOG=.local/demo-app.log
echo "== starting the API and the worker on port ${PORT} (log: ${APP_LOG})"
bash scripts/with-env.sh env RUN_WORKER=true node dist/main.js >"$APP_LOG" 2>&1 &
APP_PID=$!

stop_app() {
  trap - INT TERM EXIT
  if kill -0 "$APP_PID" 2>/dev/null; then
    echo
    echo "== stopping the app (pid $APP_PID)"
    kill -TERM "$APP_PID" 2>/dev/null || true
    wait "$APP_PID" 2>/dev/null || true
  fi
}
trap 'stop_app; exit 130' INT TERM
trap stop_app EXIT

# The round waits for /health itself; a failed round is reported, and the API still serves.
if ! bash scripts/with-env.sh node -r @swc-node/register scripts/demo-round.ts; then
  kill -0 "$APP_PID" 2>/dev/null || { tail -n 30 "$APP_LOG" >&2; exit 1; }
  echo "   the round did not complete (see above and ${APP_LOG}); the API keeps serving"
fi

# One user of each role, tied by one offer of the round; prints every login.
if ! bash scripts/with-env.sh node -r @swc-node/register scripts/demo-users.ts; then
  echo "   the demo users could not be made (see above); the admin and coordinator logins still work"
fi

cat <<INFO

SMK Link is serving on port ${PORT} (Ctrl-C to stop)
  Console      http://localhost:${PORT}/
  API          http://localhost:${PORT}/api/v1
  Swagger      http://localhost:${PORT}/docs   (OpenAPI: /docs-json)
  Health       http://localhost:${PORT}/health
  Logins       printed above (admin ${ADMIN_EMAIL} / ${ADMIN_PASSWORD})
  Log          ${APP_LOG}
  Try          curl -s -XPOST localhost:${PORT}/api/v1/auth/login -H 'content-type: application/json' \\
                 -d '{"email":"${ADMIN_EMAIL}","password":"${ADMIN_PASSWORD}"}'

INFO
wait "$APP_PID"

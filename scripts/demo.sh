#!/usr/bin/env bash
# `npm run demo`: local services, schema and reference data, then the API with the queue
# worker in one process, in the foreground until interrupted (Ctrl-C stops the app;
# `bash scripts/services.sh down` stops MariaDB and Redis).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash scripts/services.sh up
echo "== build"
npm run --silent build
echo "== migrations and reference data"
bash scripts/with-env.sh node_modules/.bin/typeorm migration:run -d dist/database/data-source.js >/dev/null
echo "   schema is up to date"

# shellcheck disable=SC1091
source <(bash scripts/with-env.sh env | grep -E '^(PORT|ADMIN_EMAIL|ADMIN_PASSWORD)=' | sed 's/^/export /')
cat <<INFO

SMK Link is starting on port ${PORT}
  API        http://localhost:${PORT}/api/v1
  Swagger    http://localhost:${PORT}/docs   (OpenAPI: /docs-json)
  Health     http://localhost:${PORT}/health
  Admin      ${ADMIN_EMAIL} / ${ADMIN_PASSWORD}
  Try        curl -s -XPOST localhost:${PORT}/api/v1/auth/login -H 'content-type: application/json' \\
               -d '{"email":"${ADMIN_EMAIL}","password":"${ADMIN_PASSWORD}"}'

INFO
exec bash scripts/with-env.sh env RUN_WORKER=true node dist/main.js

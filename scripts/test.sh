#!/usr/bin/env bash
# The whole test suite: local services, lint, typecheck, the Docker files' offline check,
# unit tests, then e2e tests (which include the migration and OpenAPI drift checks).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash scripts/services.sh up
echo "== lint"; npx eslint . && npm run --silent format:check
echo "== typecheck"; npx tsc --noEmit -p tsconfig.json
echo "== docker files"; bash scripts/check-docker.sh
echo "== services script"; bash scripts/services.test.sh
echo "== unit"; npx jest --selectProjects unit --ci
echo "== e2e"; npx jest --selectProjects e2e --ci --maxWorkers=2

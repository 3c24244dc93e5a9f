#!/usr/bin/env bash
# The whole test suite: local services, lint, typecheck, the Docker files' offline check,
# the console's typecheck and build, the scan kernel's build check (scripts/kernel.sh), unit
# tests, e2e tests (which include the migration and OpenAPI drift checks), the console's
# browser tests in Debian's Chromium, then the fault tests (scripts/faults.sh: their own
# MariaDB and Redis, stopped and started mid-job; about 6 min).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash scripts/services.sh up
echo "== lint"; npx eslint .
npm run --silent format:check
echo "== typecheck"; npx tsc --noEmit -p tsconfig.json
echo "== docker files"; bash scripts/check-docker.sh
echo "== services script"; bash scripts/services.test.sh
echo "== web"; bash scripts/web-check.sh
echo "== scan kernel"; bash scripts/kernel.sh check
echo "== unit"; npx jest --selectProjects unit --ci
echo "== e2e"; npx jest --selectProjects e2e --ci --maxWorkers=2
echo "== browser"; bash scripts/browser-test.sh
echo "== faults"; bash scripts/faults.sh

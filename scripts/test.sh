#!/usr/bin/env bash
# The whole test suite: local services, lint, typecheck, the Docker files' offline check,
# the console's typecheck and build, the scan kernel's build check (scripts/kernel.sh), unit
# tests, e2e tests (which include the migration and OpenAPI drift checks), the console's
# browser tests in Debian's Chromium, then the fault tests (scripts/faults.sh: their own
# MariaDB and Redis, stopped and started mid-job; about 6 min).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

# Each step prints its name, then how long it took (CI must stay under 15 minutes).
step() {
  local name=$1 start=$SECONDS
  shift
  echo "== $name"
  "$@"
  echo "-- $name: $((SECONDS - start)) s"
}

bash scripts/services.sh up
step lint npx eslint .
step format npm run --silent format:check
step typecheck npx tsc --noEmit -p tsconfig.json
step "docker files" bash scripts/check-docker.sh
step "services script" bash scripts/services.test.sh
step web bash scripts/web-check.sh
step "scan kernel" bash scripts/kernel.sh check
step unit npx jest --selectProjects unit --ci
step e2e npx jest --selectProjects e2e --ci --maxWorkers=2
step browser bash scripts/browser-test.sh
step faults bash scripts/faults.sh
echo "== all steps passed in $SECONDS s"

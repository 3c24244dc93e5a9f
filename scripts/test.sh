#!/usr/bin/env bash
# The whole test suite: local services, lint, typecheck, the Docker files' offline check,
# the console's typecheck and build, the scan kernel's build check (scripts/kernel.sh), unit
# tests, e2e tests (which include the migration and OpenAPI drift checks), the console's
# browser tests in Debian's Chromium, and the fault tests (scripts/faults.sh: their own
# MariaDB and Redis, stopped and started mid-job; about 4–5 min, mostly waiting out outages).
#
# Two steps run beside the others, their output kept in .local/steps/ and shown when they end:
# lint beside the other static checks, and the fault tests (which mostly wait) beside
# everything up to the browser tests. The e2e tests, which keep both cores busy, run alone.
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

# `begin name cmd...` runs a step in the background; `finish name` waits for it, prints its
# output and fails as it failed. A run that stops early stops what it began.
declare -A began=()
logs=.local/steps
begin() {
  local name=$1
  shift
  mkdir -p "$logs"
  echo "== $name (beside the next steps: $logs/$name.log)"
  step "$name" "$@" >"$logs/$name.log" 2>&1 &
  began[$name]=$!
}
finish() {
  local name=$1 status=0
  wait "${began[$name]}" || status=$?
  unset "began[$name]"
  cat "$logs/$name.log"
  if ((status != 0)); then
    echo "!! $name failed (exit $status)"
    return "$status"
  fi
}
stop_begun() {
  local pid
  # The step's command is stopped; its shell then ends as the command does (the fault tests
  # first stop their app and services).
  for pid in "${began[@]}"; do pkill -TERM -P "$pid" 2>/dev/null || true; done
  for pid in "${began[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap stop_begun EXIT

bash scripts/services.sh up
begin faults bash scripts/faults.sh
begin lint npx eslint .
step format npm run --silent format:check
step typecheck npx tsc --noEmit -p tsconfig.json
step "docker files" bash scripts/check-docker.sh
step "services script" bash scripts/services.test.sh
step web bash scripts/web-check.sh
step "scan kernel" bash scripts/kernel.sh check
finish lint
step unit npx jest --selectProjects unit --ci --maxWorkers=2
step browser bash scripts/browser-test.sh
finish faults
step e2e npx jest --selectProjects e2e --ci --maxWorkers=2
echo "== all steps passed in $SECONDS s"

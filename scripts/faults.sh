#!/usr/bin/env bash
# Fault tests (test/faults/run.ts): the built API and worker against a private MariaDB and Redis
# that the tests stop and start mid-import and mid-round, and a worker killed with SIGKILL; as
# two processes and as one. Prints a table of scenario → outcome → recovery time; exit 1 if any
# scenario failed. Never touches the shared services: its own state directory and ports.
#
#   bash scripts/faults.sh
#
# SMK_FAULTS_DIR (default .local/faults) holds the services' data, the build and the logs;
# SMK_FAULTS_NO_BUILD=1 reuses the build there; SMK_FAULTS_OUTAGE_MS sets each outage (5000),
# SMK_FAULTS_LONG_OUTAGE_MS the outages longer than the retries (15000 mid-round, 34000
# mid-import); SMK_FAULTS_ONLY=regex runs the scenarios whose name matches it.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
dir="${SMK_FAULTS_DIR:-$PWD/.local/faults}"
export SMK_FAULTS_DIR="$dir" SMK_FAULTS_DIST="$dir/dist"
if [[ "${SMK_FAULTS_NO_BUILD:-}" != 1 || ! -f "$dir/dist/worker.js" ]]; then
  # `npm run build:api`, into a directory of its own: dist/ may be in use by other runs.
  rm -rf "$dir/dist"
  npx tsc -p tsconfig.build.json --outDir "$dir/dist"
fi
exec node -r @swc-node/register test/faults/run.ts

#!/usr/bin/env bash
# Every benchmark in turn, each printing its own table. Speed targets live here, never in tests.
#   bash scripts/bench.sh            all of them
#   bash scripts/bench.sh round      one of: engine, import, analytics, round, monitoring, console
#                                    (console measures the running demo: npm run demo first)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
which=("${@:-engine import analytics round monitoring}") # console: on its own, with the demo
# shellcheck disable=SC2206
which=(${which[*]})
bash scripts/services.sh up >/dev/null
for bench in "${which[@]}"; do
  echo "== bench: ${bench}"
  case "$bench" in
    engine) node bench/engine/run.js ;;
    import | analytics | round | monitoring | console) node -r @swc-node/register "bench/${bench}/run.ts" ;;
    *) echo "unknown benchmark: ${bench}" >&2; exit 2 ;;
  esac
done

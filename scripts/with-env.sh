#!/usr/bin/env bash
# Runs a command with the local services' addresses (.local/services.env, written by
# scripts/services.sh up) and the development defaults of scripts/dev.env.
# Variables already set in the environment win.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [[ -f "$root/.local/services.env" ]]; then
  while IFS='=' read -r key value; do
    [[ -z "$key" || "$key" == \#* ]] && continue
    if [[ -z "${!key:-}" ]]; then export "$key=$value"; fi
  done < "$root/.local/services.env"
fi
set -a
# shellcheck source=dev.env
source "$root/scripts/dev.env"
set +a
exec "$@"

#!/usr/bin/env bash
# The console's static checks, for `npm test`: its API types are those of the committed
# openapi.json (regenerate with `npm run web:types`), its pages typecheck against them, and it builds.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

fresh="$(mktemp --suffix=.d.ts)"
trap 'rm -f "$fresh"' EXIT
npx openapi-typescript openapi.json --default-non-nullable false -o "$fresh" >/dev/null 2>&1
if ! diff -q "$fresh" web/src/api/schema.d.ts >/dev/null; then
  echo "web/src/api/schema.d.ts is not generated from openapi.json: run npm run web:types" >&2
  exit 1
fi
npx tsc -p web/tsconfig.json
npm run --silent build:web

#!/usr/bin/env bash
# The console's browser tests (npm run test:browser): Debian's Chromium, the built console, the
# local services, then test/browser/*.browser-spec.ts against the real app. Screenshots of every
# page visited: .local/browser/<journey>/.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash scripts/browser.sh ensure
[[ -f web/dist/index.html ]] || npm run --silent build:web
bash scripts/services.sh up >/dev/null
npx jest -c test/browser/jest.config.js --ci --runInBand "$@"

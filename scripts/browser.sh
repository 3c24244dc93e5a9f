#!/usr/bin/env bash
# Debian's Chromium for the console's browser tests, installed like MariaDB and Redis: from the
# distribution's packages, when /usr/bin/chromium is missing (no browser download by npm), with
# its other UI languages (chromium-l10n: Debian's chromium holds English only), so that the tests
# see the browser as an Indonesian user's (a date input's day/month/year order is the browser's).
#   scripts/browser.sh ensure   install if missing, then print the version
set -euo pipefail

CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"

# Where Debian keeps Chromium's UI languages; only looked for with Debian's own chromium.
INDONESIAN_UI=/usr/lib/chromium/locales/id.pak

ensure() {
  if [[ ! -x "$CHROMIUM" || ( -z "${CHROMIUM_PATH:-}" && ! -f "$INDONESIAN_UI" ) ]]; then
    command -v apt-get >/dev/null 2>&1 || { echo "browser: $CHROMIUM is missing and there is no apt-get to install it" >&2; exit 1; }
    local sudo=(); [[ "$(id -u)" -eq 0 ]] || sudo=(sudo)
    echo "browser: installing Debian's chromium and its UI languages" >&2
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium chromium-l10n fonts-dejavu-core >/dev/null
  fi
  "$CHROMIUM" --version >&2
}

case "${1:-ensure}" in
  ensure) ensure ;;
  *) echo "usage: $0 ensure" >&2; exit 2 ;;
esac

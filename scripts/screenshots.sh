#!/usr/bin/env bash
# The README's screenshots (docs/screenshots/*.png), from the real app: the browser suite
# (scripts/browser-test.sh: the whole API, worker, MariaDB and Redis, a seeded Banten, Debian's
# Chromium) leaves a screenshot of every page it visits under .local/browser/<journey>/; the
# pages the README shows are copied from there. `--reuse` copies from the last run instead.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

if [[ "${1:-}" != "--reuse" ]]; then
  rm -rf .local/browser
  bash scripts/browser-test.sh
fi

OUT=docs/screenshots
mkdir -p "$OUT"
# <journey>/<page> <name in docs>
PAGES=(
  "school-admin/sign-in sign-in"
  "school-admin/import-done school-import-progress"
  "school-admin/student-competencies school-student-competencies"
  "coordinator/dashboard coordinator-dashboard-map"
  "coordinator/round-proposals coordinator-round-proposals"
  "coordinator/round-published coordinator-round-published"
  "coordinator/agreement-errors coordinator-agreement-field-error"
  "coordinator/cohort-detail coordinator-cohort"
  "student/open-slots student-open-slots-phone"
  "student/preferences student-preferences-phone"
  "student/offers student-offer-accepted-phone"
  "company-admin/slot-refused company-quota-refused"
  "company-admin/placements company-apprentice"
  "admin/users admin-users"
  "monitoring-student/journal-written student-journal-phone"
  "monitoring-student/attendance student-attendance-phone"
  "monitoring-certificate/certificate student-certificate-phone"
  "monitoring-certificate/verify certificate-verify-phone"
  "monitoring-teacher/teacher-home teacher-home"
  "monitoring-teacher/teacher-visit teacher-visit"
  "monitoring-mentor/mentor-queue mentor-journal-queue"
  "monitoring-mentor/assessment-error mentor-assessment-field-error"
  "monitoring-mentor/assessment-done mentor-assessment-certificate"
  "monitoring-school-admin/assign-teacher school-assign-teacher"
  "monitoring-school-admin/reports monitoring-reports"
)
for entry in "${PAGES[@]}"; do
  read -r from name <<<"$entry"
  src=$(ls .local/browser/"${from%%/*}"/*-"${from#*/}".png 2>/dev/null | head -n 1 || true)
  if [[ -z "$src" ]]; then
    echo "screenshots: no screenshot of ${from} (did its journey pass?)" >&2
    exit 1
  fi
  cp "$src" "$OUT/${name}.png"
  echo "  $OUT/${name}.png"
done

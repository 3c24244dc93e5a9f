#!/usr/bin/env bash
# Keeps docker/ honest without a Docker engine:
#   1. docker/compose.yml is valid (Debian's docker-compose 1.29 `config -q`; installed with apt
#      if missing; else a python3 YAML parse with structural checks; else skipped, said loudly);
#   2. every `npm run X` in docker/Dockerfile and docker/compose.yml is a script in package.json,
#      and every `node dist/X.js` has its src/X.ts;
#   3. the Dockerfile's node:N images match the major that package.json's engines.node allows,
#      and its final stage does not run as root;
#   4. the compose worker service scales (`--scale worker=N`): no container_name, no ports.
# Exits non-zero with a message on the first failing group.
#   scripts/check-docker.sh
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
COMPOSE=docker/compose.yml
DOCKERFILE=docker/Dockerfile

fail() { echo "check-docker: FAIL: $*" >&2; exit 1; }
note() { echo "check-docker: $*"; }

[[ -f "$COMPOSE" ]] || fail "$COMPOSE missing"
[[ -f "$DOCKERFILE" ]] || fail "$DOCKERFILE missing"

# ---------------------------------------------------------------- 1. compose file

if ! command -v docker-compose >/dev/null 2>&1 && [[ "$(id -u)" == 0 ]] && command -v apt-get >/dev/null 2>&1; then
  note "installing Debian's docker-compose to validate $COMPOSE"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends docker-compose >/dev/null 2>&1 \
    || { DEBIAN_FRONTEND=noninteractive apt-get update -q >/dev/null 2>&1 \
         && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends docker-compose >/dev/null 2>&1; } \
    || note "could not install docker-compose"
fi

if command -v docker-compose >/dev/null 2>&1; then
  out="$(docker-compose -f "$COMPOSE" config -q 2>&1)" || fail "docker-compose rejects $COMPOSE:"$'\n'"$out"
  note "ok: $COMPOSE valid ($(docker-compose version --short 2>/dev/null || echo docker-compose))"
elif command -v python3 >/dev/null 2>&1 && python3 -c 'import yaml' 2>/dev/null; then
  python3 - "$COMPOSE" <<'PY' || fail "$COMPOSE fails the YAML structure check"
import sys, yaml
doc = yaml.safe_load(open(sys.argv[1]))
services = doc.get("services") or {}
missing = {"mysql", "redis", "migrate", "api", "worker"} - set(services)
if missing:
    sys.exit(f"services missing: {sorted(missing)}")
for name, svc in services.items():
    if not (svc.get("image") or svc.get("build")):
        sys.exit(f"service {name} has neither image nor build")
    deps = svc.get("depends_on") or {}
    for dep in deps:
        if dep not in services:
            sys.exit(f"service {name} depends on unknown service {dep}")
PY
  note "ok: $COMPOSE parses as YAML with the expected services (docker-compose unavailable: not a full schema check)"
else
  note "SKIPPED compose validation: neither docker-compose nor python3 with PyYAML is available"
fi

# ---------------------------------------------------------------- 2 and 3 (node)

node - "$DOCKERFILE" "$COMPOSE" <<'JS'
const fs = require('fs');
const path = require('path');
const [dockerfilePath, composePath] = process.argv.slice(2);
const dockerfile = fs.readFileSync(dockerfilePath, 'utf8');
const compose = fs.readFileSync(composePath, 'utf8');
const pkg = JSON.parse(fs.readFileSync('package.json', 'utf8'));
const problems = [];

// `npm run X` in shell form or exec form (["npm", "run", "X"]); comments included on purpose:
// a comment naming a script that is gone is stale too.
const sep = String.raw`(?:\s+|"\s*,\s*")`;
const npmRun = new RegExp(String.raw`\bnpm${sep}run(?:-script)?${sep}([A-Za-z0-9:_.\-]+)`, 'g');
const scripts = pkg.scripts || {};
for (const [file, text] of [[dockerfilePath, dockerfile], [composePath, compose]]) {
  for (const m of text.matchAll(npmRun)) {
    if (!(m[1] in scripts)) problems.push(`${file}: "npm run ${m[1]}" but package.json has no script "${m[1]}"`);
  }
  // The image's entry points must exist in the sources the build compiles.
  const nodeDist = new RegExp(String.raw`\bnode${sep}dist/([A-Za-z0-9_\-/]+)\.js`, 'g');
  for (const m of text.matchAll(nodeDist)) {
    if (!fs.existsSync(path.join('src', `${m[1]}.ts`))) problems.push(`${file}: runs dist/${m[1]}.js but src/${m[1]}.ts does not exist`);
  }
}

// Node major: every FROM node:N... in the Dockerfile against package.json engines.node.
const froms = [...dockerfile.matchAll(/^\s*FROM\s+(?:--platform=\S+\s+)?node:(\d+)/gim)].map((m) => Number(m[1]));
if (froms.length === 0) problems.push(`${dockerfilePath}: no FROM node:<major> image`);
const engines = pkg.engines && pkg.engines.node;
if (!engines) {
  problems.push('package.json: engines.node is not set');
} else {
  let semver = null;
  try { semver = require(require.resolve('semver', { paths: [process.cwd()] })); } catch { /* fall back below */ }
  for (const major of new Set(froms)) {
    const ok = semver
      ? semver.satisfies(`${major}.0.0`, engines) || semver.intersects(engines, `^${major}.0.0`)
      : new RegExp(String.raw`(^|[^\d])${major}([^\d]|$)`).test(engines);
    if (!ok) problems.push(`${dockerfilePath}: node:${major} is outside package.json engines.node "${engines}"`);
  }
  if (semver) {
    const min = semver.minVersion(engines);
    if (min && froms.length && !froms.includes(min.major)) {
      problems.push(`${dockerfilePath}: images use node ${[...new Set(froms)].join(', ')}, engines.node "${engines}" starts at ${min.major}`);
    }
  }
}

// The last stage is what runs: it must switch to an unprivileged user.
const lastStage = dockerfile.split(/^\s*FROM\s/im).pop();
const users = [...lastStage.matchAll(/^\s*USER\s+(\S+)/gim)].map((m) => m[1]);
if (users.length === 0 || /^(root|0)(:|$)/.test(users[users.length - 1])) {
  problems.push(`${dockerfilePath}: the final stage runs as root (add USER node)`);
}
if (!/^\s*CMD\s+\[\s*"node"\s*,\s*"dist\/main\.js"\s*\]/m.test(lastStage)) {
  problems.push(`${dockerfilePath}: the final stage should end with CMD ["node", "dist/main.js"]`);
}

// A service scaled to N replicas cannot share a container name or a published host port.
const worker = /^  worker:\n((?:(?:    .*|\s*)\n)*)/m.exec(compose);
if (!worker) {
  problems.push(`${composePath}: no worker service`);
} else if (/^    (container_name|ports):/m.test(worker[1])) {
  problems.push(`${composePath}: the worker service sets container_name or ports: it could not scale (--scale worker=N)`);
}

if (problems.length) {
  console.error(problems.map((p) => `check-docker: FAIL: ${p}`).join('\n'));
  process.exit(1);
}
console.log(`check-docker: ok: npm scripts and entry points exist; node:${[...new Set(froms)].join(',')} fits engines "${engines}"; runs as ${users[users.length - 1]}; the worker scales`);
JS

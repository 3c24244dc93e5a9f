#!/usr/bin/env bash
# The engine's scan kernel: src/matching-engine/scan-kernel.c compiled to WebAssembly with
# Debian's clang and lld (installed like MariaDB and Chromium when missing), kept in the
# repository as src/matching-engine/scan-kernel.wasm.ts so that the engine needs no build step.
#   scripts/kernel.sh build   compile and write scan-kernel.wasm.ts
#   scripts/kernel.sh check   fail when scan-kernel.wasm.ts is not what the source compiles to
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

SOURCE=src/matching-engine/scan-kernel.c
MODULE=src/matching-engine/scan-kernel.wasm.ts

ensure_toolchain() {
  if ! command -v clang >/dev/null 2>&1 || ! command -v wasm-ld >/dev/null 2>&1; then
    command -v apt-get >/dev/null 2>&1 || { echo "kernel: clang and lld are missing and there is no apt-get to install them" >&2; exit 1; }
    local sudo=(); [[ "$(id -u)" -eq 0 ]] || sudo=(sudo)
    echo "kernel: installing Debian's clang and lld" >&2
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends clang lld >/dev/null
  fi
}

# The module as scan-kernel.wasm.ts holds it, on stdout.
compiled() {
  local out; out="$(mktemp -d)"
  # No contraction into fused multiply-adds: the kernel's doubles must be the TypeScript's.
  # A shared memory (atomics), so that threads scan at once; each instance sets its own stack
  # (__stack_pointer) in a block of its own.
  clang --target=wasm32 -O2 -ffp-contract=off -nostdlib -fno-builtin \
    -matomics -mbulk-memory -mmutable-globals \
    -Wl,--no-entry -Wl,--import-memory -Wl,--shared-memory -Wl,--max-memory=4294967296 \
    -Wl,-z,stack-size=16384 -Wl,--export=__heap_base -Wl,--export=__stack_pointer \
    -Wl,--strip-all -o "$out/scan-kernel.wasm" "$SOURCE"
  echo "// Written by scripts/kernel.sh from scan-kernel.c ($(clang --version | head -n 1)); do not edit."
  echo "// The test run's \`scripts/kernel.sh check\` fails when this is not what the source compiles to."
  echo "export const SCAN_KERNEL_WASM ="
  echo "  '$(base64 -w 0 "$out/scan-kernel.wasm")';"
  rm -rf "$out"
}

case "${1:-}" in
  build) ensure_toolchain; compiled > "$MODULE"; echo "kernel: wrote $MODULE" >&2 ;;
  check)
    ensure_toolchain
    if ! diff <(compiled) "$MODULE" >/dev/null; then
      echo "kernel: $MODULE is not what $SOURCE compiles to; run scripts/kernel.sh build" >&2
      exit 1
    fi
    echo "kernel: $MODULE is what $SOURCE compiles to" >&2 ;;
  *) echo "usage: $0 build|check" >&2; exit 2 ;;
esac

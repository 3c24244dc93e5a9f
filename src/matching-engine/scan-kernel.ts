import { Arena, KERNEL_RESERVE } from './arena';
import { SCAN_KERNEL_WASM } from './scan-kernel.wasm';

/**
 * Indices into the kernel's context block, the enum CTX_* of scan-kernel.c in its order (the
 * kernel reports its size, checked when it is loaded): byte offsets of the arrays a scan reads,
 * the numbers it needs, and what it keeps between calls.
 */
export const CTX = {
  F: 0,
  START: 1,
  RUN_STARTS: 2,
  PAIR_KEY: 3,
  PAIR_BUCKET: 4,
  PARTNERS: 5,
  PAIRED: 6,
  AT: 7,
  SINGLES: 8,
  PAIR_SHIFT: 9,
  PAIR_MASK: 10,
  NU: 11,
  NJ: 12,
  NS: 13,
  GROUP_BY: 14,
  UNIT_START: 15,
  UNIT8: 16,
  UNIT32: 17,
  LEVEL8: 18,
  REGION: 19,
  PROVINCE: 20,
  PROGRAM: 21,
  TIE: 22,
  QUALITY: 23,
  WEIGHTS: 24,
  HELD: 25,
  LEVEL: 26,
  UNITS: 27,
  RANGE_FROM: 28,
  RANGE_TO: 29,
  RANGE_LEVEL: 30,
  KEYS: 31,
  LOADED: 32,
  HELD_COUNT: 33,
  MASK0: 34,
  MASK1: 35,
  KEPT: 36,
  BEFORE: 37,
  PASSED: 38,
  SIZE: 39,
} as const;

/** scan-kernel.c's exports; pointers are byte offsets into the arena's block. */
interface KernelExports {
  scan(
    context: number,
    s: number,
    after: number,
    keep: number,
    shut: number,
    bound: number,
    degree: number,
  ): number;
  best(keys: number, n: number, limit: number, spare: number): number;
  context_size(): number;
  __heap_base: WebAssembly.Global;
}

let compiled: WebAssembly.Module | null = null;

/**
 * The scan kernel (scan-kernel.c) over one arena's block, or null when the arena's block is not a
 * WebAssembly memory. Its calls take arrays of that block only (`holds`).
 */
export function scanKernel(mem: Arena): ScanKernel | null {
  if (mem.memory === null) return null;
  compiled ??= new WebAssembly.Module(Buffer.from(SCAN_KERNEL_WASM, 'base64'));
  return new ScanKernel(mem.memory, compiled);
}

export class ScanKernel {
  readonly exports: KernelExports;

  constructor(
    private readonly memory: WebAssembly.Memory,
    module: WebAssembly.Module,
  ) {
    const instance = new WebAssembly.Instance(module, { env: { memory } });
    this.exports = instance.exports as unknown as KernelExports;
    if ((this.exports.__heap_base.value as number) > KERNEL_RESERVE) {
      throw new Error('the scan kernel needs more than the arena leaves it (KERNEL_RESERVE)');
    }
    if (this.exports.context_size() !== CTX.SIZE) {
      throw new Error('the scan kernel and CTX in scan-kernel.ts disagree on the context');
    }
  }

  /** Whether the kernel can read `a` (null, for an array not given, counts as read). */
  holds(a: ArrayBufferView | null): boolean {
    return a === null || a.buffer === this.memory.buffer;
  }
}

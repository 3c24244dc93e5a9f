import { Arena, KERNEL_RESERVE } from './arena';
import { SCAN_KERNEL_WASM } from './scan-kernel.wasm';

/** scan-kernel.c's exports; pointers are byte offsets into the arena's block. */
interface KernelExports {
  scan(
    F: number,
    held: number,
    from: number,
    to: number,
    level: number,
    ranges: number,
    notMask0: number,
    notMask1: number,
    region: number,
    province: number,
    program: number,
    wc: number,
    wr: number,
    nJ: number,
    after: number,
    keep: number,
    shut: number,
    bound: number,
    nS: number,
    tie: number,
    degree: number,
    keys: number,
    out: number,
  ): number;
  best(keys: number, n: number, limit: number, spare: number): number;
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
  }

  /** Whether the kernel can read `a` (null, for an array not given, counts as read). */
  holds(a: ArrayBufferView | null): boolean {
    return a === null || a.buffer === this.memory.buffer;
  }
}

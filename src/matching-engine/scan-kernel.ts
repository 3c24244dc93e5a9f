import { Worker } from 'node:worker_threads';
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
  first_many: (
    context: number,
    students: number,
    total: number,
    counters: number,
    chunk: number,
    limit: number,
    spare: number,
    stage: number,
    degree: number,
    length: number,
    kept: number,
    at: number,
    slot: number,
    micro: number,
  ) => number;
  count_many: (
    context: number,
    students: number,
    after: number,
    total: number,
    counters: number,
    chunk: number,
    before: number,
  ) => number;
  context_size(): number;
  __heap_base: WebAssembly.Global;
  __stack_pointer: WebAssembly.Global;
}

/** The kernel's calls over many students, on several threads at once. */
export type ManyCall = 'first_many' | 'count_many';

/** Bytes of a helper thread's stack (the kernel is linked with 16 KB: scripts/kernel.sh). */
export const STACK_BYTES = 16384;

/** Students a thread takes at once from the shared counter (the calls' `chunk`). */
export const CHUNK = 64;

/**
 * The int32s of a call's counters, zeros to begin with: students taken, students done, a
 * helper's failure, helpers started, and first_many's entries written.
 */
export const COUNTERS = 5;

/**
 * A helper thread: instantiates the kernel over the shared memory with a stack of its own, says
 * it started (counters[3]), makes its call (first_many or count_many, which take chunks until
 * none is left), and reports a failure during the call in counters[2]. Plain JavaScript,
 * evaluated by the Worker, so that it runs the same from sources, from dist and under Jest.
 */
const HELPER = `
const { workerData: d } = require('node:worker_threads');
const counters = new Int32Array(d.memory.buffer, d.counters, ${COUNTERS});
let k = null;
try {
  k = new WebAssembly.Instance(d.module, { env: { memory: d.memory } }).exports;
  k.__stack_pointer.value = d.stackTop;
} catch {
  k = null;
}
Atomics.add(counters, 3, 1);
Atomics.notify(counters, 3);
try {
  if (k !== null) k[d.call](...d.args);
} catch {
  Atomics.store(counters, 2, 1);
}
Atomics.notify(counters, 1);
`;

/**
 * How long the calling thread waits for its helpers to start (~60-70 ms each here) before it
 * takes chunks: waiting costs it that much scanning, and gives every thread a share.
 */
const HELPER_START_MS = 2000;

/** How long the calling thread waits for a helper's last chunk before it gives up. */
const HELPER_DEADLINE_MS = 120_000;

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
    private readonly module: WebAssembly.Module,
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

  /**
   * Makes `call` on the calling thread with args[0], and on one worker thread per further
   * element of `args` (whose stack tops are `stackTops`), at once: the calls take chunks of
   * `total` students from counters[0] (four zeros: taken, done, a helper's failure, and
   * first_many's entries written) and count those done in counters[1]; returns when every student is done. A helper that cannot start
   * leaves its chunks to the others. Each student's results are their own, so they are the same
   * with any number of threads. Returns how many students the calling thread took.
   */
  run(
    call: ManyCall,
    total: number,
    counters: Int32Array,
    args: number[][],
    stackTops: number[],
  ): number {
    let spawned = 0;
    for (let t = 1; t < args.length; t++) {
      try {
        const data = {
          module: this.module,
          memory: this.memory,
          counters: counters.byteOffset,
          stackTop: stackTops[t],
          call,
          args: args[t],
        };
        new Worker(HELPER, { eval: true, workerData: data }).unref();
        spawned++;
      } catch {
        // No thread to be had: the others take its chunks.
      }
    }
    const start = Date.now() + HELPER_START_MS;
    for (let n = Atomics.load(counters, 3); n < spawned; n = Atomics.load(counters, 3)) {
      if (Date.now() > start) break;
      Atomics.wait(counters, 3, n, 50);
    }
    const calling: (...a: number[]) => number = this.exports[call];
    const mine = calling(...args[0]);
    const deadline = Date.now() + HELPER_DEADLINE_MS;
    for (let done = Atomics.load(counters, 1); done < total; done = Atomics.load(counters, 1)) {
      if (Atomics.load(counters, 2) !== 0 || Date.now() > deadline) {
        throw new Error('a scan thread failed before its students were done');
      }
      Atomics.wait(counters, 1, done, 100);
    }
    return mine;
  }

  /** Whether the kernel can read `a` (null, for an array not given, counts as read). */
  holds(a: ArrayBufferView | null): boolean {
    return a === null || a.buffer === this.memory.buffer;
  }
}

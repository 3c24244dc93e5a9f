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
  SINK: 39,
  SIZE: 40,
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
    spans: number,
  ): number;
  shut_spans(context: number, shut: number, entries: number, spans: number): void;
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
  rest_many: (
    context: number,
    students: number,
    after: number,
    bound: number,
    total: number,
    counters: number,
    shut: number,
    spans: number,
    spare: number,
    out: number,
    room: number,
    kept: number,
    at: number,
    passed: number,
  ) => number;
  closest_many: (
    context: number,
    buckets: number,
    students: number,
    total: number,
    counters: number,
    chunk: number,
    met: number,
    metBy: number,
    closest: number,
    missing: number,
    held: number,
  ) => number;
  own_many: (
    context: number,
    lists: number,
    students: number,
    total: number,
    counters: number,
    chunk: number,
    seen: number,
    stage: number,
    stageMicro: number,
    degree: number,
    kept: number,
    at: number,
    slot: number,
    micro: number,
  ) => number;
  propose_many: (block: number, total: number, counters: number) => number;
  blocking_many: (
    block: number,
    students: number,
    total: number,
    counters: number,
    chunk: number,
  ) => number;
  context_size(): number;
  __heap_base: WebAssembly.Global;
  __stack_pointer: WebAssembly.Global;
}

/** The kernel's calls over many students (propose_many: region groups), on several threads at once. */
export type ManyCall =
  | 'first_many'
  | 'count_many'
  | 'rest_many'
  | 'closest_many'
  | 'own_many'
  | 'propose_many'
  | 'blocking_many';

/** Bytes of a helper thread's stack (the kernel is linked with 16 KB: scripts/kernel.sh). */
export const STACK_BYTES = 16384;

/** Students a thread takes at once from the shared counter (the calls' `chunk`). */
export const CHUNK = 64;

/**
 * The int32s of a call's counters, zeros to begin with: students taken, students done, a
 * helper's failure, and the entries or keys written (first_many, rest_many, own_many).
 */
export const COUNTERS = 4;

/** The kernel's calls over many students, by their index in a helper's mailbox. */
const CALLS: ManyCall[] = [
  'first_many',
  'count_many',
  'rest_many',
  'closest_many',
  'own_many',
  'propose_many',
  'blocking_many',
];

/** A helper's control words (`HelperMailbox.control`). */
const SEQ = 0;
const CALL = 1;
const ALIVE = 2;
const ARGC = 3;

/** Arguments a call takes at most (first_many's and own_many's 14), after the counters' offset. */
export const MAILBOX_SIZE = 16;

/**
 * Where the calling thread hands a helper thread its calls, in the kernel's memory: `control`
 * (four int32s: the call's sequence number, which call, whether the helper is alive — 0 no, 2
 * starting, 1 yes — and how many arguments) and `box` (MAILBOX_SIZE doubles: the counters'
 * offset, then the arguments).
 */
export interface HelperMailbox {
  control: Int32Array;
  box: Float64Array;
  /** the top of a stack of its own (STACK_BYTES, 16-byte aligned) */
  stackTop: number;
}

/**
 * A helper thread: instantiates the kernel over the shared memory with a stack of its own and
 * says it is alive, then makes each call posted to its mailbox (first_many, count_many,
 * rest_many, closest_many, own_many, propose_many or blocking_many, which take students, or region groups,
 * until none is left), reporting a failure during a call in
 * the call's counters[2]. After IDLE_MS with no call it says it is gone and ends. Plain
 * JavaScript, evaluated by the Worker, so that it runs the same from sources, from dist and under
 * Jest.
 */
const HELPER = `
const { workerData: d } = require('node:worker_threads');
const control = new Int32Array(d.memory.buffer, d.control, 4);
const box = new Float64Array(d.memory.buffer, d.box, ${MAILBOX_SIZE});
const calls = ${JSON.stringify(CALLS)};
let k = null;
try {
  k = new WebAssembly.Instance(d.module, { env: { memory: d.memory } }).exports;
  k.__stack_pointer.value = d.stackTop;
} catch {
  k = null;
}
Atomics.store(control, ${ALIVE}, k === null ? 0 : 1);
Atomics.notify(control, ${ALIVE});
for (let seen = d.seen; k !== null; ) {
  const waited = Atomics.wait(control, ${SEQ}, seen, d.idle);
  if (waited === 'timed-out' && Atomics.load(control, ${SEQ}) === seen) break;
  seen = Atomics.load(control, ${SEQ});
  const counters = new Int32Array(d.memory.buffer, box[0], ${COUNTERS});
  const args = Array.from(box.subarray(1, 1 + Atomics.load(control, ${ARGC})));
  try {
    k[calls[Atomics.load(control, ${CALL})]](...args);
  } catch {
    Atomics.store(counters, 2, 1);
  }
  Atomics.notify(counters, 1);
}
Atomics.store(control, ${ALIVE}, 0);
`;

/**
 * How long the calling thread waits for helpers still starting (~60-70 ms each here, from
 * `startHelpers` as a match compiles, or from `start` for one that had ended) before it takes
 * students: waiting costs it that much scanning, and gives every thread a share.
 */
const HELPER_START_MS = 2000;

/**
 * How long a helper waits for its next call before it ends: long enough to last from one scan of
 * a round to the next, short enough not to hold a finished round's memory for long.
 */
const IDLE_MS = 10_000;

/** How long the calling thread waits for a helper's last students before it gives up. */
const HELPER_DEADLINE_MS = 120_000;

let compiled: WebAssembly.Module | null = null;

function kernelModule(): WebAssembly.Module {
  compiled ??= new WebAssembly.Module(Buffer.from(SCAN_KERNEL_WASM, 'base64'));
  return compiled;
}

/**
 * The scan kernel (scan-kernel.c) over one arena's block, or null when the arena's block is not a
 * WebAssembly memory. Its calls take arrays of that block only (`holds`).
 */
export function scanKernel(mem: Arena): ScanKernel | null {
  if (mem.memory === null) return null;
  return new ScanKernel(mem.memory, kernelModule());
}

/**
 * Mailboxes in `mem` for `count` helper threads, each thread started at once: a thread takes
 * ~60-70 ms to start here, so one started as a match begins is ready by its first scan (where
 * the calling thread waited for it). None where the arena's block is not a WebAssembly memory.
 */
export function startHelpers(mem: Arena, count: number): HelperMailbox[] {
  const memory = mem.memory;
  if (memory === null) return [];
  const mailboxes: HelperMailbox[] = [];
  for (let t = 0; t < count; t++) {
    const stack = mem.uint8(STACK_BYTES + 16);
    const control = mem.int32(4);
    const box = mem.float64(MAILBOX_SIZE);
    if (![stack, control, box].every((a) => a.buffer === memory.buffer)) break;
    const mailbox = { control, box, stackTop: (stack.byteOffset + stack.length) & ~15 };
    startHelper(memory, mailbox);
    mailboxes.push(mailbox);
  }
  return mailboxes;
}

/**
 * Starts the helper thread of `mailbox` unless it is alive or starting (`ALIVE`); false where no
 * thread can be had.
 */
function startHelper(
  memory: WebAssembly.Memory,
  { control, box, stackTop }: HelperMailbox,
): boolean {
  if (Atomics.load(control, ALIVE) !== 0) return true;
  try {
    const data = {
      module: kernelModule(),
      memory,
      control: control.byteOffset,
      box: box.byteOffset,
      stackTop,
      seen: Atomics.load(control, SEQ),
      idle: IDLE_MS,
    };
    Atomics.store(control, ALIVE, 2);
    new Worker(HELPER, { eval: true, workerData: data }).unref();
    return true;
  } catch {
    Atomics.store(control, ALIVE, 0);
    return false;
  }
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

  /**
   * A call over many students in two halves. `start` posts `call` to one helper thread per
   * element of `args` after the first, through `helpers` (started again where one had ended),
   * which begin at once, and returns; `finish` makes it on the calling thread with args[0] and
   * waits. The calls take the `total` students from counters[0] (COUNTERS zeros) and count those
   * done in counters[1]. A helper that cannot start leaves its students to the others. Each
   * student's results are their own, so they are the same with any number of threads. The
   * calling thread may do other work between the halves, and must call `finish` before the
   * helpers' next call.
   */
  start(call: ManyCall, counters: Int32Array, args: number[][], helpers: HelperMailbox[]): void {
    for (let t = 1; t < args.length; t++) {
      const { control, box } = helpers[t - 1];
      // No thread to be had: the others take its students.
      if (!startHelper(this.memory, helpers[t - 1])) continue;
      box[0] = counters.byteOffset;
      box.set(args[t], 1);
      Atomics.store(control, CALL, CALLS.indexOf(call));
      Atomics.store(control, ARGC, args[t].length);
      Atomics.add(control, SEQ, 1);
      Atomics.notify(control, SEQ);
    }
  }

  /**
   * `start`'s second half: the calling thread takes what students are left (`mine`, its
   * arguments) and waits until every one of the `total` is done. Returns how many it took.
   */
  finish(
    call: ManyCall,
    total: number,
    counters: Int32Array,
    mine: number[],
    helpers: HelperMailbox[],
  ): number {
    const start = Date.now() + HELPER_START_MS;
    for (const { control } of helpers) {
      while (Atomics.load(control, ALIVE) === 2 && Date.now() < start) {
        Atomics.wait(control, ALIVE, 2, 50);
      }
    }
    const calling: (...a: number[]) => number = this.exports[call];
    const taken = calling(...mine);
    const deadline = Date.now() + HELPER_DEADLINE_MS;
    for (let done = Atomics.load(counters, 1); done < total; done = Atomics.load(counters, 1)) {
      if (Atomics.load(counters, 2) !== 0 || Date.now() > deadline) {
        throw new Error('a scan thread failed before its students were done');
      }
      Atomics.wait(counters, 1, done, 100);
    }
    return taken;
  }

  /** Whether the kernel can read `a` (null, for an array not given, counts as read). */
  holds(a: ArrayBufferView | null): boolean {
    return a === null || a.buffer === this.memory.buffer;
  }
}

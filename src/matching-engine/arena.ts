/**
 * The working memory of one match: every typed array the engine needs, carved out of one block
 * allocated when the instance is compiled.
 *
 * Why one block: V8 counts ArrayBuffer memory as external memory, and every ~64 MB of it
 * allocated since the last collection makes it mark the whole heap. At national scale that heap
 * is mostly the caller's input (~1 GB of student objects), 0.4–0.5 s a mark; allocated array by
 * array, the engine's ~370 MB set off three to five of them (and the later ones, close together,
 * shrank the heap's growth limit so that building the result set off two more). One block sets
 * off one.
 *
 * The block is sized from the instance on the large side: pages never written are never
 * committed, so the estimate costs address space, not memory. When the block is full, arrays
 * are allocated on their own, as before: slower to collect, never wrong. Nothing is freed until
 * the whole block is unreachable, which is when the compiled instance is (see memo.ts).
 *
 * A block that stays in its thread is shared memory (`BlockKind`): V8 does not count shared
 * memory as external, so even that one block sets off no mark (0.3–0.5 s at national scale);
 * it is freed by the first collection after it becomes unreachable, whatever sets that off.
 */
export class Arena {
  private readonly block: ArrayBuffer | SharedArrayBuffer;
  private used = 0;
  /**
   * For a 'kernel' block, the shared WebAssembly memory that it is, so that the scan kernel
   * (scan-kernel.ts) reads the arrays where they are, on more than one thread at once
   * (`ScanKernel.start`); its first KERNEL_RESERVE bytes are the kernel's own. Null otherwise, or
   * where such a memory could not be had (the arrays are then scanned in TypeScript).
   */
  readonly memory: WebAssembly.Memory | null = null;

  constructor(bytes: number, kind: BlockKind = 'movable') {
    const size = Math.max(0, Math.min(Math.ceil(bytes), MAX_BLOCK - KERNEL_RESERVE));
    if (kind === 'kernel') {
      const pages = Math.ceil((size + KERNEL_RESERVE) / WASM_PAGE);
      try {
        this.memory = new WebAssembly.Memory({ initial: pages, maximum: pages, shared: true });
      } catch {
        // Address space or WebAssembly refused: a plain shared block, scanned in TypeScript.
      }
    }
    if (this.memory) {
      this.block = this.memory.buffer;
      this.used = KERNEL_RESERVE;
    } else {
      this.block = kind === 'movable' ? new ArrayBuffer(size) : new SharedArrayBuffer(size);
    }
  }

  /** Bytes handed out from the block so far. */
  get usedBytes(): number {
    return this.used;
  }

  int32(n: number): Int32Array {
    const at = this.take(n * 4);
    return at < 0 ? new Int32Array(n) : new Int32Array(this.block, at, n);
  }

  float64(n: number): Float64Array {
    const at = this.take(n * 8);
    return at < 0 ? new Float64Array(n) : new Float64Array(this.block, at, n);
  }

  float32(n: number): Float32Array {
    const at = this.take(n * 4);
    return at < 0 ? new Float32Array(n) : new Float32Array(this.block, at, n);
  }

  uint8(n: number): Uint8Array {
    const at = this.take(n);
    return at < 0 ? new Uint8Array(n) : new Uint8Array(this.block, at, n);
  }

  /** A copy of `from` in the arena. */
  int32Copy(from: Int32Array): Int32Array {
    const to = this.int32(from.length);
    to.set(from);
    return to;
  }

  /** Offset of `bytes` fresh (zero) bytes, 8-byte aligned, or -1 when the block is full. */
  private take(bytes: number): number {
    const at = Math.ceil(this.used / 8) * 8;
    if (at + bytes > this.block.byteLength) return -1;
    this.used = at + bytes;
    return at;
  }
}

/**
 * 'movable': an ArrayBuffer, for arrays handed to another thread in a transfer list (moved, and
 * freed with that thread); 'shared': a SharedArrayBuffer, for arrays that stay in their thread;
 * 'kernel': shared and the scan kernel's memory as well.
 */
export type BlockKind = 'movable' | 'shared' | 'kernel';

/**
 * An Int32Array of its own in shared memory, for a large array reserved beside an arena (most of
 * it never written): as an ArrayBuffer it would count in full as external memory (see above).
 */
export function sharedInt32(n: number): Int32Array {
  return new Int32Array(new SharedArrayBuffer(n * 4));
}

/** Larger blocks are not asked for: past this, arrays are allocated on their own. */
const MAX_BLOCK = 4 * 1024 ** 3;

const WASM_PAGE = 65536;

/** Bytes at the start of a kernel's block for the kernel's own stack and constants. */
export const KERNEL_RESERVE = 2 * WASM_PAGE;

/**
 * The part of WebAssembly's JavaScript API that the scan kernel uses (scan-kernel.ts, arena.ts):
 * Node has it all, but TypeScript declares it only in the DOM's library.
 */
declare namespace WebAssembly {
  class Memory {
    constructor(descriptor: { initial: number; maximum?: number; shared?: boolean });
    /** a SharedArrayBuffer when the memory is shared */
    readonly buffer: ArrayBuffer;
  }
  class Module {
    constructor(bytes: ArrayBuffer | ArrayBufferView);
  }
  class Instance {
    constructor(module: Module, imports?: Record<string, Record<string, unknown>>);
    readonly exports: Record<string, unknown>;
  }
  class Global {
    value: unknown;
  }
}

import { Worker } from 'node:worker_threads';

/** Bytes of a memory page: one write anywhere in it commits it. */
const PAGE = 4096;

// Atomics.compareExchange(chunk, i, 0, 0) writes (and so commits the page) without changing a
// byte the writer has put there already: both threads may be in one chunk at once.
const TOUCHER = `
const { parentPort } = require('node:worker_threads');
parentPort.on('message', ({ chunk, from, to }) => {
  for (let i = from; i < to; i += ${PAGE}) Atomics.compareExchange(chunk, i, 0, 0);
});
`;

/**
 * Commits the pages of shared memory on a thread of its own, ahead of a writer: fresh memory is
 * slow on these virtual machines (~3.7 ms a MB to touch, 1.2–2 s of a national round's 320 MB
 * of texts), and touching scales with threads, so the writer finds its pages ready. Close it when
 * done: its thread ends.
 */
export class PageToucher {
  private readonly worker = new Worker(TOUCHER, { eval: true });

  constructor() {
    this.worker.unref();
  }

  /**
   * Commits the pages of `chunk` from..to (shared memory) soon; what is written there meanwhile
   * stays as written.
   */
  touch(chunk: Uint8Array, from: number, to: number): void {
    this.worker.postMessage({ chunk, from, to });
  }

  close(): void {
    void this.worker.terminate();
  }
}

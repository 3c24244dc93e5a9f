import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { MatchOptions, MatchResult, Slot, Student } from '../../matching-engine';

/** Starts engine-thread in a worker thread and resolves with its result. */
export function matchInWorkerThread(
  students: Student[],
  slots: Slot[],
  options: MatchOptions,
): Promise<MatchResult> {
  // Compiled (dist) the thread is a .js file; under the TypeScript runtime it needs the swc hook.
  const fromSource = __filename.endsWith('.ts');
  const file = join(__dirname, fromSource ? 'engine-thread.ts' : 'engine-thread.js');
  // A function cannot cross to the thread; the thread brings its own clock.
  const cloneable: MatchOptions = { ...options, clock: undefined };
  return new Promise((resolve, reject) => {
    const worker = new Worker(file, {
      workerData: { students, slots, options: cloneable },
      execArgv: fromSource ? ['-r', '@swc-node/register'] : [],
      resourceLimits: { maxOldGenerationSizeMb: 4096 },
    });
    let settled = false;
    worker.once('message', (result: MatchResult) => {
      settled = true;
      resolve(result);
    });
    worker.once('error', (error) => {
      settled = true;
      reject(error);
    });
    worker.once('exit', (code) => {
      if (!settled) {
        reject(new Error(`the matching engine thread stopped with exit code ${code}`));
      }
    });
  });
}

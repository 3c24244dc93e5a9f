import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { MatchOptions, matchPacked, PackedInput, transferablesOf } from '../../matching-engine';
import { EngineOutcome, outcomeOf } from './engine-outcome';

/**
 * Runs the engine in engine-thread, a worker thread, and resolves with its outcome. Both ways
 * the data crosses as typed arrays that are moved, not copied: the input packed (its arrays are
 * the thread's from then on), the result by outcomeOf. Cloning objects cost more than the
 * engine's own work. With no students there is nothing to compute and no thread is started.
 */
export function matchInWorkerThread(
  input: PackedInput,
  options: MatchOptions,
): Promise<EngineOutcome> {
  if (input.studentIds.length === 0) {
    return Promise.resolve(
      outcomeOf(matchPacked(input, { ...options, clock: () => performance.now() })),
    );
  }
  // Compiled (dist) the thread is a .js file; under the TypeScript runtime it needs the swc hook.
  const fromSource = __filename.endsWith('.ts');
  const file = join(__dirname, fromSource ? 'engine-thread.ts' : 'engine-thread.js');
  // A function cannot cross to the thread; the thread brings its own clock.
  const cloneable: MatchOptions = { ...options, clock: undefined };
  return new Promise((resolve, reject) => {
    const worker = new Worker(file, {
      workerData: { input, options: cloneable },
      transferList: transferablesOf(input),
      execArgv: fromSource ? ['-r', '@swc-node/register'] : [],
      resourceLimits: { maxOldGenerationSizeMb: 4096 },
    });
    let settled = false;
    worker.once('message', (outcome: EngineOutcome) => {
      settled = true;
      resolve(outcome);
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

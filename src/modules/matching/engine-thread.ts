import { parentPort, workerData } from 'node:worker_threads';
import { performance } from 'node:perf_hooks';
import { MatchOptions, matchPacked, PackedInput } from '../../matching-engine';
import { outcomeOf, outcomeTransferables } from './engine-outcome';

/**
 * Runs the engine off the main thread, so Bull keeps renewing the job's lock while a large
 * round is computed. Packed input in, the writer's columns out: both moved, not cloned.
 */
interface EngineInput {
  input: PackedInput;
  options: MatchOptions;
}

const data = workerData as EngineInput;
const outcome = outcomeOf(
  matchPacked(data.input, {
    ...data.options,
    clock: () => performance.now(),
  }),
);
parentPort?.postMessage(outcome, outcomeTransferables(outcome));

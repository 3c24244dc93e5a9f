import { parentPort, workerData } from 'node:worker_threads';
import { performance } from 'node:perf_hooks';
import { match, MatchOptions, Slot, Student } from '../../matching-engine';

/**
 * Runs the engine off the main thread, so Bull keeps renewing the job's lock while a large
 * round is computed. Plain data in (structured clone), plain result out.
 */
interface EngineInput {
  students: Student[];
  slots: Slot[];
  options: MatchOptions;
}

const input = workerData as EngineInput;
const result = match(input.students, input.slots, {
  ...input.options,
  clock: () => performance.now(),
});
parentPort?.postMessage(result);

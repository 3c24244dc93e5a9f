import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createHash } from 'node:crypto';
import { match, MatchOptions, Slot, Student } from '../../src/matching-engine';

/**
 * Runs the engine on bench/out/round-input.json (written by bench/round/dump.ts) on the main
 * thread and prints its stage timings and a digest of the result, so the round's instance can
 * be studied without the database, the queue or the worker thread.
 *
 *   node -r @swc-node/register bench/round/replay.ts
 */
const file = join(__dirname, '..', 'out', 'round-input.json');
const input = JSON.parse(readFileSync(file, 'utf8')) as {
  students: Student[];
  slots: Slot[];
  options: MatchOptions;
};
const result = match(input.students, input.slots, {
  ...input.options,
  clock: () => performance.now(),
});
const { timings, ...stats } = result.stats;
const digest = createHash('sha256')
  .update(JSON.stringify({ ...result, stats }))
  .digest('hex')
  .slice(0, 12);
console.log(
  Object.entries(timings ?? {})
    .map(([k, v]) => `${k} ${Math.round(v)} ms`)
    .join(' | '),
);
console.log(`matched ${stats.matched} digest ${digest}`);

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createHash } from 'node:crypto';
import { matchPacked, MatchOptions, packInput, PackedInput } from '../../src/matching-engine';

/**
 * Runs the engine on bench/out/round-input.json (written by bench/round/dump.ts) on the main
 * thread and prints its stage timings and a digest of the result, so the round's instance can
 * be studied without the database, the queue or the worker thread.
 *
 *   node -r @swc-node/register bench/round/replay.ts
 */
const file = join(__dirname, '..', 'out', 'round-input.json');
const saved = JSON.parse(readFileSync(file, 'utf8')) as {
  input: Record<string, unknown>;
  options: MatchOptions;
};
// Each array typed again as an empty packing types it (sPriority: null when no one has one).
const typed = packInput([], [], 'shared') as unknown as Record<string, unknown>;
const input = Object.fromEntries(
  Object.entries(saved.input).map(([key, value]) => {
    const like = key === 'sPriority' ? new Float64Array(0) : typed[key];
    if (!ArrayBuffer.isView(like) || !Array.isArray(value)) return [key, value];
    const Typed = like.constructor as new (values: number[]) => ArrayBufferView;
    return [key, new Typed(value as number[])];
  }),
) as unknown as PackedInput;
const result = matchPacked(input, { ...saved.options, clock: () => performance.now() });
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

import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppModule } from '../../src/app.module';
import { toEngineOptions } from '../../src/modules/matching/matching.mapper';
import type { RunScope } from '../../src/modules/matching/matching-run.entity';
import { RoundLoader } from '../../src/modules/matching/round-loader';
import { devEnvironment } from './dev-env';

/**
 * Writes the engine input of the round bench's round (the province already in smk_bench_round,
 * the scope and options bench/round/run.ts asks for) to bench/out/round-input.json, so the
 * engine can be studied on that instance without the API, Bull or the worker thread.
 *
 *   node -r @swc-node/register bench/round/dump.ts [--mode stable|optimal]
 *
 * Run bench/round/run.ts once first: it generates the province.
 */
const ROOT = join(__dirname, '..', '..');
const OUT = join(ROOT, 'bench', 'out');

async function main(): Promise<void> {
  const i = process.argv.indexOf('--mode');
  const mode = i >= 0 && process.argv[i + 1] === 'stable' ? 'stable' : 'optimal';
  // The loader reads through the owning features' services: boot them (no HTTP, no worker).
  Object.assign(process.env, devEnvironment(), {
    DB_NAME: 'smk_bench_round',
    QUEUE_PREFIX: 'smk_bench_round',
    LOG_LEVEL: 'warn',
  });
  const app = await NestFactory.createApplicationContext(AppModule.register({ worker: false }), {
    logger: ['error', 'warn'],
  });
  try {
    const scope: RunScope = {
      regionCodes: [],
      graduationYear: 2026,
      cohortId: null,
      onlyUnplaced: true,
    };
    const options = toEngineOptions(mode, { regionPolicy: 'same_province', seed: 1 });
    const loaded = await app.get(RoundLoader).load(scope, options);
    mkdirSync(OUT, { recursive: true });
    const file = join(OUT, 'round-input.json');
    // The packed input's typed arrays as plain arrays (replay.ts makes them typed again).
    const input = loaded.input;
    writeFileSync(
      file,
      JSON.stringify({ input, options }, (_key, value: unknown) =>
        ArrayBuffer.isView(value) ? Array.from(value as Int32Array) : value,
      ),
    );
    console.log(`${file}: ${input.studentIds.length} students, ${input.slotIds.length} slots`);
  } finally {
    await app.close();
  }
}

void main();

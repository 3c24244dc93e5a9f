import 'reflect-metadata';
import type { Config } from '@jest/types';
import { clearQueuePrefix, prepareScratchDatabase, ServiceEnv } from './helpers/scratch-database';
import { testEnvironment } from './helpers/test-env';

/**
 * Once per run: a fresh database per Jest worker with every migration applied, and the
 * workers' Redis keys removed (a leftover Bull job id would swallow a new job).
 */
export default async function globalSetup(config: Config.GlobalConfig): Promise<void> {
  const workers = Math.max(config.maxWorkers, 1);
  for (let worker = 1; worker <= workers; worker++) {
    const env = testEnvironment(worker) as ServiceEnv;
    await prepareScratchDatabase(env, { fresh: true });
    await clearQueuePrefix(env);
  }
}

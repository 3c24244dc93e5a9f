import Redis from 'ioredis';
import { createConnection } from 'mysql2/promise';
import { DataSource } from 'typeorm';
import { typeOrmOptions } from '../../src/database/typeorm-options';

/** The variables a scratch database needs (those of test/helpers/test-env.ts). */
export type ServiceEnv = Record<
  | 'DB_TYPE'
  | 'DB_HOST'
  | 'DB_PORT'
  | 'DB_USER'
  | 'DB_PASSWORD'
  | 'DB_NAME'
  | 'REDIS_HOST'
  | 'REDIS_PORT'
  | 'QUEUE_PREFIX',
  string
>;

/** A (not yet initialised) data source on `env.DB_NAME`, for tests, benchmarks and generators. */
export function scratchDataSource(env: ServiceEnv, poolSize = 2): DataSource {
  return new DataSource(
    typeOrmOptions({
      type: env.DB_TYPE === 'mysql' ? 'mysql' : 'mariadb',
      host: env.DB_HOST,
      port: Number(env.DB_PORT),
      username: env.DB_USER,
      password: env.DB_PASSWORD,
      database: env.DB_NAME,
      poolSize,
    }),
  );
}

/**
 * Creates `env.DB_NAME` (dropped first when `fresh`) and applies every migration.
 * Says whether the database was already there (and kept).
 */
export async function prepareScratchDatabase(
  env: ServiceEnv,
  options: { fresh: boolean },
): Promise<{ existed: boolean }> {
  const server = await createConnection({
    host: env.DB_HOST,
    port: Number(env.DB_PORT),
    user: env.DB_USER,
    password: env.DB_PASSWORD,
  });
  try {
    const [found] = await server.query(`SHOW DATABASES LIKE '${env.DB_NAME}'`);
    const existed = !options.fresh && (found as unknown[]).length > 0;
    if (options.fresh) {
      await server.query(`DROP DATABASE IF EXISTS \`${env.DB_NAME}\``);
    }
    await server.query(
      `CREATE DATABASE IF NOT EXISTS \`${env.DB_NAME}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
    );
    const dataSource = scratchDataSource(env);
    await dataSource.initialize();
    try {
      await dataSource.runMigrations({ transaction: 'each' });
    } finally {
      await dataSource.destroy();
    }
    return { existed };
  } finally {
    await server.end();
  }
}

/** Removes every Redis key under `env.QUEUE_PREFIX`: a leftover Bull job id would swallow a new job. */
export async function clearQueuePrefix(env: ServiceEnv): Promise<void> {
  const redis = new Redis({ host: env.REDIS_HOST, port: Number(env.REDIS_PORT) });
  try {
    const keys = await redis.keys(`${env.QUEUE_PREFIX}:*`);
    for (let i = 0; i < keys.length; i += 500) {
      await redis.del(...keys.slice(i, i + 500));
    }
  } finally {
    await redis.quit();
  }
}

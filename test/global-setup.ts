import 'reflect-metadata';
import type { Config } from '@jest/types';
import Redis from 'ioredis';
import { createConnection } from 'mysql2/promise';
import { DataSource } from 'typeorm';
import { typeOrmOptions } from '../src/database/typeorm-options';
import { testEnvironment } from './helpers/test-env';

/**
 * Once per run: a fresh database per Jest worker with every migration applied, and the
 * workers' Redis keys removed (a leftover Bull job id would swallow a new job).
 */
export default async function globalSetup(config: Config.GlobalConfig): Promise<void> {
  const workers = Math.max(config.maxWorkers, 1);
  for (let worker = 1; worker <= workers; worker++) {
    const env = testEnvironment(worker);
    const admin = await createConnection({
      host: env.DB_HOST,
      port: Number(env.DB_PORT),
      user: env.DB_USER,
      password: env.DB_PASSWORD,
    });
    await admin.query(`DROP DATABASE IF EXISTS \`${env.DB_NAME}\``);
    await admin.query(
      `CREATE DATABASE \`${env.DB_NAME}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
    );
    await admin.end();
    const dataSource = new DataSource(
      typeOrmOptions({
        type: env.DB_TYPE as 'mysql' | 'mariadb',
        host: env.DB_HOST,
        port: Number(env.DB_PORT),
        username: env.DB_USER,
        password: env.DB_PASSWORD,
        database: env.DB_NAME,
        poolSize: 2,
      }),
    );
    await dataSource.initialize();
    await dataSource.runMigrations({ transaction: 'each' });
    await dataSource.destroy();

    const redis = new Redis({ host: env.REDIS_HOST, port: Number(env.REDIS_PORT) });
    const keys = await redis.keys(`${env.QUEUE_PREFIX}:*`);
    if (keys.length > 0) {
      await redis.del(...keys);
    }
    await redis.quit();
  }
}

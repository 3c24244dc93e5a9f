import type { DataSourceOptions } from 'typeorm';
import type { DatabaseConfig } from '../config/configuration';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

/** One definition of the connection, used by the app, the migration CLI and the tests. */
export function typeOrmOptions(config: DatabaseConfig): DataSourceOptions {
  return {
    type: config.type,
    host: config.host,
    port: config.port,
    username: config.username,
    password: config.password,
    database: config.database,
    charset: 'utf8mb4_unicode_ci',
    timezone: 'Z',
    supportBigNumbers: true,
    bigNumberStrings: true,
    // DATE columns stay 'YYYY-MM-DD' strings: no time zone can shift a birth date.
    dateStrings: ['DATE'],
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    synchronize: false,
    migrationsRun: false,
    poolSize: config.poolSize,
    extra: { connectionLimit: config.poolSize },
  };
}

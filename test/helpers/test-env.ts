import { readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const REPO_ROOT = join(__dirname, '..', '..');

/**
 * The environment the tests run with: the local services' addresses (written by
 * scripts/services.sh up), fixed test secrets, and one database and one Redis key prefix
 * per Jest worker so that workers never see each other's rows or jobs.
 */
export function testEnvironment(workerId: string | number): Record<string, string> {
  const services = readServicesEnv();
  // TEST_NAMESPACE lets two test runs share one MariaDB/Redis without touching each other.
  const namespace = process.env.TEST_NAMESPACE ? `${process.env.TEST_NAMESPACE}_` : '';
  const pick = (key: string, fallback: string): string =>
    process.env[key] ?? services[key] ?? fallback;
  return {
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    DB_TYPE: pick('DB_TYPE', 'mariadb'),
    DB_HOST: pick('DB_HOST', '127.0.0.1'),
    DB_PORT: pick('DB_PORT', '33306'),
    DB_USER: pick('DB_USER', 'smk'),
    DB_PASSWORD: pick('DB_PASSWORD', 'smk'),
    DB_NAME: `smk_test_${namespace}${workerId}`,
    DB_POOL_SIZE: '20',
    REDIS_HOST: pick('REDIS_HOST', '127.0.0.1'),
    REDIS_PORT: pick('REDIS_PORT', '36379'),
    QUEUE_PREFIX: `smk_test_${namespace}${workerId}`,
    JWT_ACCESS_SECRET: 'test-access-secret-0123456789abcdef0123456789',
    JWT_REFRESH_SECRET: 'test-refresh-secret-0123456789abcdef012345678',
    ENCRYPTION_KEY: 'a1'.repeat(32),
    ADMIN_EMAIL: 'admin@test.local',
    ADMIN_PASSWORD: 'admin-test-password',
    LOGIN_MAX_FAILURES: '5',
    PASSWORD_HASH_MEMORY_KIB: '4096',
    RUN_WORKER: 'true',
    // The suites write fast as one user; test/e2e/http-hardening.e2e-spec.ts sets low limits.
    RATE_LIMIT_LOGIN_PER_MINUTE: '100000',
    RATE_LIMIT_WRITES_PER_MINUTE: '100000',
    RATE_LIMIT_VERIFY_PER_MINUTE: '100000',
    STORAGE_DIR: join(tmpdir(), `smk_test_storage_${namespace}${workerId}`),
  };
}

function readServicesEnv(): Record<string, string> {
  const file = join(REPO_ROOT, '.local', 'services.env');
  if (!existsSync(file)) {
    return {};
  }
  const entries = readFileSync(file, 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const at = line.indexOf('=');
      return [line.slice(0, at), line.slice(at + 1)] as const;
    });
  return Object.fromEntries(entries);
}

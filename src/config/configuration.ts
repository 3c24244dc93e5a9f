import { ConfigType, registerAs } from '@nestjs/config';
import { EnvironmentVariables, validateEnv } from './env.validation';

/** The one place that reads process.env; everything else injects a namespace below. */
let cached: EnvironmentVariables | undefined;
export function readEnvironment(): EnvironmentVariables {
  cached ??= validateEnv(process.env);
  return cached;
}
/** Tests change the environment between app instances (e.g. a wrong Redis port). */
export function resetEnvironmentCache(): void {
  cached = undefined;
}
export const appConfig = registerAs('app', () => {
  const env = readEnvironment();
  return {
    nodeEnv: env.NODE_ENV,
    port: env.PORT,
    runWorker: env.RUN_WORKER,
    logLevel: env.LOG_LEVEL,
    bodyLimitBytes: env.HTTP_BODY_LIMIT_BYTES,
    requestTimeoutMs: env.HTTP_REQUEST_TIMEOUT_MS,
    loginRatePerMinute: env.RATE_LIMIT_LOGIN_PER_MINUTE,
    writeRatePerMinute: env.RATE_LIMIT_WRITES_PER_MINUTE,
    verifyRatePerMinute: env.RATE_LIMIT_VERIFY_PER_MINUTE,
    corsOrigins: (env.CORS_ORIGINS ?? '').split(',').filter((o) => o !== ''),
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    webhookUrl: env.WEBHOOK_URL,
    outboxRelayIntervalMs: env.OUTBOX_RELAY_INTERVAL_MS,
    matchingThreads: env.MATCHING_THREADS,
    notificationsBackoffMs: env.NOTIFICATIONS_BACKOFF_MS,
  };
});

/** Express's "trust proxy" value from its text: a boolean, a hop count, or addresses. */
function parseTrustProxy(raw: string | undefined): boolean | number | string {
  if (raw === undefined || raw === '' || raw === 'false') {
    return false;
  }
  if (raw === 'true') {
    return true;
  }
  return /^\d+$/.test(raw) ? Number(raw) : raw;
}

export const databaseConfig = registerAs('database', () => {
  const env = readEnvironment();
  return {
    type: env.DB_TYPE,
    host: env.DB_HOST,
    port: env.DB_PORT,
    username: env.DB_USER,
    password: env.DB_PASSWORD,
    database: env.DB_NAME,
    poolSize: env.DB_POOL_SIZE,
  };
});

export const redisConfig = registerAs('redis', () => {
  const env = readEnvironment();
  return { host: env.REDIS_HOST, port: env.REDIS_PORT, db: env.REDIS_DB, prefix: env.QUEUE_PREFIX };
});

export const authConfig = registerAs('auth', () => {
  const env = readEnvironment();
  return {
    accessSecret: env.JWT_ACCESS_SECRET,
    refreshSecret: env.JWT_REFRESH_SECRET,
    accessTtlSeconds: env.JWT_ACCESS_TTL_SECONDS,
    refreshTtlSeconds: env.JWT_REFRESH_TTL_SECONDS,
    loginMaxFailures: env.LOGIN_MAX_FAILURES,
    passwordHashMemoryKib: env.PASSWORD_HASH_MEMORY_KIB,
    loginFailureWindowSeconds: env.LOGIN_FAILURE_WINDOW_SECONDS,
    passwordResetTtlSeconds: env.PASSWORD_RESET_TTL_SECONDS,
    adminEmail: env.ADMIN_EMAIL,
    adminPassword: env.ADMIN_PASSWORD,
  };
});

export const cryptoConfig = registerAs('crypto', () => ({
  encryptionKey: readEnvironment().ENCRYPTION_KEY,
}));

export const storageConfig = registerAs('storage', () => {
  const env = readEnvironment();
  return { dir: env.STORAGE_DIR, publicUrl: (env.PUBLIC_URL ?? '').replace(/\/+$/, '') };
});

export const allConfigs = [
  appConfig,
  databaseConfig,
  redisConfig,
  authConfig,
  cryptoConfig,
  storageConfig,
];

export type AppConfig = ConfigType<typeof appConfig>;
export type DatabaseConfig = ConfigType<typeof databaseConfig>;
export type RedisConfig = ConfigType<typeof redisConfig>;
export type AuthConfig = ConfigType<typeof authConfig>;
export type CryptoConfig = ConfigType<typeof cryptoConfig>;
export type StorageConfig = ConfigType<typeof storageConfig>;

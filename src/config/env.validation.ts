import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
  validateSync,
} from 'class-validator';

/** MATCHING_THREADS' message, whichever of its bounds a value misses. */
const MATCHING_THREADS_RANGE = 'MATCHING_THREADS must be a whole number from 1 to 64';

/**
 * Every environment variable the application reads, validated once at boot.
 * A missing or malformed variable stops the process with a message naming it.
 */
export class EnvironmentVariables {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @Transform(({ value }) => (value === undefined ? 3000 : Number(value)))
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  /** The server's flavour: TypeORM reads MariaDB's column defaults differently. */
  @IsIn(['mysql', 'mariadb'])
  DB_TYPE: 'mysql' | 'mariadb' = 'mysql';

  @IsString()
  @MinLength(1)
  DB_HOST: string;

  @Transform(({ value }) => (value === undefined ? 3306 : Number(value)))
  @IsInt()
  @Min(1)
  @Max(65535)
  DB_PORT = 3306;

  @IsString()
  @MinLength(1)
  DB_USER: string;

  @IsString()
  DB_PASSWORD = '';

  @Matches(/^[A-Za-z0-9_]{1,64}$/, { message: 'DB_NAME must be letters, digits or underscores' })
  DB_NAME: string;

  @Transform(({ value }) => (value === undefined ? 20 : Number(value)))
  @IsInt()
  @Min(1)
  DB_POOL_SIZE = 20;

  @IsString()
  @MinLength(1)
  REDIS_HOST: string;

  @Transform(({ value }) => (value === undefined ? 6379 : Number(value)))
  @IsInt()
  @Min(1)
  @Max(65535)
  REDIS_PORT = 6379;

  @Transform(({ value }) => (value === undefined ? 0 : Number(value)))
  @IsInt()
  @Min(0)
  REDIS_DB = 0;

  /** Bull key prefix: lets several deployments or test workers share one Redis. */
  @Matches(/^[A-Za-z0-9_:-]{1,64}$/, { message: 'QUEUE_PREFIX must be letters, digits, _ : or -' })
  QUEUE_PREFIX = 'smk';

  @IsString()
  @MinLength(32, { message: 'JWT_ACCESS_SECRET must be at least 32 characters' })
  JWT_ACCESS_SECRET: string;

  @IsString()
  @MinLength(32, { message: 'JWT_REFRESH_SECRET must be at least 32 characters' })
  JWT_REFRESH_SECRET: string;

  @Transform(({ value }) => (value === undefined ? 900 : Number(value)))
  @IsInt()
  @Min(10)
  JWT_ACCESS_TTL_SECONDS = 900;

  @Transform(({ value }) => (value === undefined ? 1209600 : Number(value)))
  @IsInt()
  @Min(60)
  JWT_REFRESH_TTL_SECONDS = 1209600;

  /** AES-256-GCM key for personal data at rest (NIK), 64 hex characters. */
  @Matches(/^[0-9a-fA-F]{64}$/, { message: 'ENCRYPTION_KEY must be 64 hexadecimal characters' })
  ENCRYPTION_KEY: string;

  @IsEmail({}, { message: 'ADMIN_EMAIL must be an email address' })
  ADMIN_EMAIL: string;

  @IsString()
  @MinLength(8, { message: 'ADMIN_PASSWORD must be at least 8 characters' })
  ADMIN_PASSWORD: string;

  @Transform(({ value }) => (value === undefined ? 5 : Number(value)))
  @IsInt()
  @Min(1)
  LOGIN_MAX_FAILURES = 5;

  /** argon2id memory cost; the default is the library's (64 MiB). Tests lower it for speed. */
  @Transform(({ value }) => (value === undefined ? 65536 : Number(value)))
  @IsInt()
  @Min(1024)
  PASSWORD_HASH_MEMORY_KIB = 65536;

  @Transform(({ value }) => (value === undefined ? 900 : Number(value)))
  @IsInt()
  @Min(1)
  LOGIN_FAILURE_WINDOW_SECONDS = 900;

  /** How long an admin-issued set-password token stays usable. */
  @Transform(({ value }) => (value === undefined ? 86400 : Number(value)))
  @IsInt()
  @Min(60)
  PASSWORD_RESET_TTL_SECONDS = 86400;

  /** Run the Bull processors inside the API process (development, demo). */
  @Transform(({ value }) => value === true || value === 'true' || value === '1')
  @IsBoolean()
  RUN_WORKER = false;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  @IsOptional()
  @IsString()
  WEBHOOK_URL?: string;

  /**
   * Threads the matching engine scans the slot index on during a round, its own thread included
   * (unset: the machine's cores, at most 4). Worker processes sharing a machine share its cores.
   */
  @IsOptional()
  @Transform(({ value }) => (value === undefined || value === '' ? undefined : Number(value)))
  @IsInt({ message: MATCHING_THREADS_RANGE })
  @Min(1, { message: MATCHING_THREADS_RANGE })
  @Max(64, { message: MATCHING_THREADS_RANGE })
  MATCHING_THREADS?: number;

  /** How often the worker hands undelivered outbox events to the notifications queue. */
  @Transform(({ value }) => (value === undefined ? 2000 : Number(value)))
  @IsInt()
  @Min(10)
  OUTBOX_RELAY_INTERVAL_MS = 2000;

  /** The largest JSON request body accepted, in bytes (larger: 413 payload_too_large). */
  @Transform(({ value }) => (value === undefined ? 102400 : Number(value)))
  @IsInt()
  @Min(1024)
  HTTP_BODY_LIMIT_BYTES = 102400;

  /** Sign-in attempts per client address per minute (then 429 with Retry-After). */
  @Transform(({ value }) => (value === undefined ? 20 : Number(value)))
  @IsInt()
  @Min(1)
  RATE_LIMIT_LOGIN_PER_MINUTE = 20;

  /** Writes (POST, PUT, PATCH, DELETE) per user, or per address before sign-in, per minute. */
  @Transform(({ value }) => (value === undefined ? 300 : Number(value)))
  @IsInt()
  @Min(1)
  RATE_LIMIT_WRITES_PER_MINUTE = 300;

  /** Certificate verifications (the public GET /verify/{code}) per client address per minute. */
  @Transform(({ value }) => (value === undefined ? 30 : Number(value)))
  @IsInt()
  @Min(1)
  RATE_LIMIT_VERIFY_PER_MINUTE = 30;

  /** Where uploaded files (journal photos, attendance evidence) are kept. */
  @IsString()
  @MinLength(1)
  STORAGE_DIR = '.local/storage';

  /** The API's public address, for the verification link in a certificate's QR code. */
  @IsOptional()
  @IsString()
  PUBLIC_URL?: string;

  /** Origins allowed to call the API from a browser (comma-separated); empty: same origin only. */
  @IsOptional()
  @Matches(/^(https?:\/\/[^\s,]+)(,https?:\/\/[^\s,]+)*$/, {
    message: 'CORS_ORIGINS must be comma-separated http(s) origins',
  })
  CORS_ORIGINS?: string;

  /** Express "trust proxy": false, true, a hop count, or addresses/subnets (e.g. loopback). */
  @IsOptional()
  @Matches(/^(true|false|\d+|[A-Za-z0-9.:/,_ -]+)$/, { message: 'TRUST_PROXY is not valid' })
  TRUST_PROXY?: string;

  /** A request that takes longer than this is cut off by the HTTP server. */
  @Transform(({ value }) => (value === undefined ? 30000 : Number(value)))
  @IsInt()
  @Min(1000)
  HTTP_REQUEST_TIMEOUT_MS = 30000;

  /** Base delay of the webhook retries' exponential backoff. */
  @Transform(({ value }) => (value === undefined ? 5000 : Number(value)))
  @IsInt()
  @Min(1)
  NOTIFICATIONS_BACKOFF_MS = 5000;
}

export class ConfigValidationError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
  }
}

export function validateEnv(raw: Record<string, unknown>): EnvironmentVariables {
  const env = plainToInstance(EnvironmentVariables, raw, { exposeDefaultValues: true });
  const errors = validateSync(env, { skipMissingProperties: false, whitelist: false });
  if (errors.length > 0) {
    const problems = errors.map((e) => {
      const value = raw[e.property];
      if (value === undefined || value === '') {
        return `${e.property} is missing`;
      }
      return Object.values(e.constraints ?? {}).join('; ');
    });
    throw new ConfigValidationError(problems);
  }
  return env;
}

import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { pollFor } from '../helpers/poll';

/**
 * The fault tests' own MariaDB and Redis (scripts/services.sh with its own state directory and
 * ports), which they stop and start at will. The shared instances the other tests use are never
 * touched: their state directory is another one and their ports are not these.
 */
export class PrivateServices {
  readonly dbPort: number;
  readonly redisPort: number;

  constructor(
    private readonly root: string,
    readonly dir: string,
    ports: { db: number; redis: number },
  ) {
    this.dbPort = ports.db;
    this.redisPort = ports.redis;
  }

  static async create(root: string, dir: string): Promise<PrivateServices> {
    const remembered = join(dir, 'services.env');
    let db = 0;
    let redis = 0;
    // Ports of an earlier run are reused while free (services.sh would refuse others for a
    // data directory that is still running); otherwise two free ones.
    if (existsSync(remembered)) {
      const text = readFileSync(remembered, 'utf8');
      db = Number(/^DB_PORT=(\d+)/m.exec(text)?.[1] ?? 0);
      redis = Number(/^REDIS_PORT=(\d+)/m.exec(text)?.[1] ?? 0);
    }
    const services = new PrivateServices(root, dir, {
      db: db || (await freePort()),
      redis: redis || (await freePort()),
    });
    services.down();
    return services;
  }

  private script(command: 'up' | 'down'): void {
    execFileSync('bash', ['scripts/services.sh', command], {
      cwd: this.root,
      env: {
        ...process.env,
        SMK_LOCAL_DIR: this.dir,
        SMK_DB_PORT: String(this.dbPort),
        SMK_REDIS_PORT: String(this.redisPort),
        SMK_DB_BUFFER_POOL: '256M',
        SMK_EXTERNAL_SERVICES: '',
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
  }

  /** Starts whichever of the two is not running (and waits until it answers). */
  up(): void {
    this.script('up');
  }

  down(): void {
    this.script('down');
  }

  private pidOf(file: string): number | null {
    try {
      const pid = Number(readFileSync(join(this.dir, file), 'utf8').trim());
      process.kill(pid, 0);
      return pid;
    } catch {
      return null;
    }
  }

  /** Stops MariaDB the way an operator or a crash-free restart does (SIGTERM, then gone). */
  async stopDatabase(): Promise<void> {
    const pid = this.pidOf('mariadb/mysqld.pid');
    if (pid === null) {
      throw new Error('the private MariaDB is not running');
    }
    process.kill(pid, 'SIGTERM');
    await pollFor('MariaDB to exit', () => (alive(pid) ? undefined : true), 30_000, 50);
  }

  /** One redis-cli command against the private Redis; its output. */
  redisCli(...args: string[]): string {
    return execFileSync('redis-cli', ['-h', '127.0.0.1', '-p', String(this.redisPort), ...args], {
      encoding: 'utf8',
    }).trim();
  }

  /** Redis loses everything while it keeps running (FLUSHALL): what a restart without data does to the queues. */
  flushRedis(): void {
    this.redisCli('FLUSHALL');
  }

  /** The keys matching `pattern` (SCAN, so harmless on a busy Redis). */
  redisKeys(pattern: string): string[] {
    return this.redisCli('--scan', '--pattern', pattern)
      .split('\n')
      .filter((k) => k !== '');
  }

  /** SHUTDOWN SAVE keeps the queues in dump.rdb (loaded on start); NOSAVE starts it empty. */
  async stopRedis(keepData: boolean): Promise<void> {
    const pid = this.pidOf('redis/redis.pid');
    if (pid === null) {
      throw new Error('the private Redis is not running');
    }
    const dump = join(this.dir, 'redis', 'dump.rdb');
    rmSync(dump, { force: true });
    try {
      execFileSync('redis-cli', [
        '-h',
        '127.0.0.1',
        '-p',
        String(this.redisPort),
        'SHUTDOWN',
        keepData ? 'SAVE' : 'NOSAVE',
      ]);
    } catch {
      // redis-cli reports the dropped connection of a successful SHUTDOWN as an error.
    }
    await pollFor('Redis to exit', () => (alive(pid) ? undefined : true), 30_000, 50);
    if (keepData && !existsSync(dump)) {
      throw new Error('Redis did not write dump.rdb on SHUTDOWN SAVE');
    }
    if (!keepData) {
      rmSync(dump, { force: true });
    }
  }
}

export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

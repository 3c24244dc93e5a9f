/**
 * Fault tests: the built app (API and worker as two processes, then as one) against its own
 * MariaDB and Redis, which these tests stop and start mid-import and mid-round, and a worker
 * killed with SIGKILL. For each: no process dies by itself, the import or round completes after
 * recovery with the same rows as a clean run, the API answers 503 `service_unavailable` while the
 * database is away (and /health names what is down), and answers again without a restart.
 * Some faults only the workers' recovery sweep can repair (Redis emptied while a round waits
 * for a worker, MariaDB away longer than a job's retries): those run with API and worker as
 * two processes and also require the sweep's own log line for that round or import (and, after
 * the Redis flush, the offer-expiry schedule back).
 *
 *   bash scripts/faults.sh            (builds the API into .local/faults/dist, then runs this)
 *
 * Nothing here touches the shared MariaDB and Redis of the other tests: the services are
 * scripts/services.sh with SMK_LOCAL_DIR=.local/faults and ports of their own.
 */
import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createPool, Pool, RowDataPacket } from 'mysql2/promise';
import { generateStudentsCsv } from '../../bench/import/generate';
import { generateProvince } from '../../scripts/generate/province';
import { roundJobId } from '../../src/modules/matching/matching.constants';
import { table } from '../../scripts/round-client';
import { pollFor } from '../helpers/poll';
import { prepareScratchDatabase, scratchDataSource, ServiceEnv } from '../helpers/scratch-database';
import { ApiProbe, AppProcess } from './app';
import { freePort, PrivateServices } from './services';

const ROOT = join(__dirname, '..', '..');
const DIR = process.env.SMK_FAULTS_DIR ?? join(ROOT, '.local', 'faults');
const DIST = process.env.SMK_FAULTS_DIST ?? join(DIR, 'dist');
const LOGS = join(DIR, 'logs');
/** How long a dependency stays away (from the moment it is stopped to its restart). */
const OUTAGE_MS = Number(process.env.SMK_FAULTS_OUTAGE_MS ?? 5_000);
/**
 * A database outage longer than the job's retries (Bull's exponential backoff waits
 * (2^n − 1) × delay before attempt n + 1): a round's 3 attempts (2 s, 6 s) are used up about 9 s
 * after the outage begins, an import's 5 (1, 3, 7, 15 s) after about 28 s.
 * SMK_FAULTS_LONG_OUTAGE_MS sets both.
 */
const LONG_OUTAGE_MS: Record<Target, number> = {
  import: Number(process.env.SMK_FAULTS_LONG_OUTAGE_MS ?? 34_000),
  load: Number(process.env.SMK_FAULTS_LONG_OUTAGE_MS ?? 15_000),
  write: Number(process.env.SMK_FAULTS_LONG_OUTAGE_MS ?? 15_000),
};
/** Recovery expected within this; slower is reported as a failure. */
const RECOVERY_TARGET_MS = 30_000;
const YEAR = 2026;
const IMPORT_ROWS = 6_000;
const ROUND = { scope: { graduationYear: YEAR }, mode: 'stable', options: { seed: 1 } };
const PROGRAMS = ['TKR', 'AKL', 'RPL'];

type Fault =
  'database' | 'database-long' | 'redis-empty' | 'redis-kept' | 'redis-flush-queued' | 'kill';
type Target = 'import' | 'load' | 'write';

interface Scenario {
  name: string;
  fault: Fault;
  target: Target;
  /**
   * Only the recovery sweep can repair it: the worker's log must show the sweep enqueuing
   * this round or import again. Run with API and worker as two processes only (the fault
   * needs the API answering while the worker is frozen, and the sweep is the same code in both).
   */
  sweepOnly?: boolean;
}

const SCENARIOS: Scenario[] = [
  { name: 'MariaDB restarted mid-import', fault: 'database', target: 'import' },
  { name: 'MariaDB restarted mid-round (load)', fault: 'database', target: 'load' },
  { name: 'MariaDB restarted mid-round (write)', fault: 'database', target: 'write' },
  { name: 'Redis restarted empty mid-round', fault: 'redis-empty', target: 'load' },
  { name: 'Redis restarted with its data mid-round', fault: 'redis-kept', target: 'load' },
  { name: 'worker SIGKILL mid-import', fault: 'kill', target: 'import' },
  { name: 'worker SIGKILL mid-round', fault: 'kill', target: 'load' },
  {
    name: 'Redis flushed while the round waits for a worker',
    fault: 'redis-flush-queued',
    target: 'load',
    sweepOnly: true,
  },
  {
    name: 'MariaDB away past the retries mid-round',
    fault: 'database-long',
    target: 'load',
    sweepOnly: true,
  },
  {
    name: 'MariaDB away past the retries mid-import',
    fault: 'database-long',
    target: 'import',
    sweepOnly: true,
  },
];

/** SMK_FAULTS_ONLY=regex runs the scenarios whose name matches it (while working on some). */
const ONLY = process.env.SMK_FAULTS_ONLY ? new RegExp(process.env.SMK_FAULTS_ONLY) : null;
const SELECTED = ONLY ? SCENARIOS.filter((s) => ONLY.test(s.name)) : SCENARIOS;

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
}

interface Outcome {
  topology: string;
  scenario: string;
  hitAt: string;
  ok: boolean;
  detail: string;
  api: string;
  outageMs: number;
  recoveryMs: number | null;
}

interface ImportCounts {
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
}

class Harness {
  private schoolSeq = 0;
  private baselineRound = '';
  private baselineImport: ImportCounts | null = null;
  processes: AppProcess[] = [];

  constructor(
    private readonly services: PrivateServices,
    private readonly db: Pool,
    private readonly env: Record<string, string>,
    readonly probe: ApiProbe,
  ) {}

  /** The process that runs the jobs (the worker, or the one process). */
  get worker(): AppProcess {
    return this.processes[this.processes.length - 1];
  }

  async start(topology: 'split' | 'single'): Promise<void> {
    const log = (role: string) => join(LOGS, `${topology}-${role}.log`);
    this.processes =
      topology === 'split'
        ? [
            new AppProcess('api', DIST, this.env, log('api')),
            new AppProcess('worker', DIST, this.env, log('worker')),
          ]
        : [new AppProcess('api+worker', DIST, this.env, log('app'))];
    await this.probe.waitHealthy(90_000);
    // The worker has no HTTP port: give it the moment the API took, then check it is alive.
    this.assertAlive();
    await this.probe.login(this.env.ADMIN_EMAIL, this.env.ADMIN_PASSWORD);
  }

  /** Fails at once when a process ended by itself (rather than at the next deadline). */
  assertAlive(): void {
    const dead = this.processes.find((p) => p.unexpectedExit);
    if (dead) {
      throw new Error(`${dead.unexpectedExit ?? ''} (log: ${dead.log})`);
    }
  }

  async stop(): Promise<void> {
    for (const p of this.processes) {
      await p.stop();
    }
  }

  private async row<T>(sql: string, params: unknown[]): Promise<T | undefined> {
    try {
      const [rows] = await this.db.query<RowDataPacket[]>(sql, params);
      return rows[0] as T | undefined;
    } catch {
      return undefined; // the database is away: the poll tries again
    }
  }

  async startImport(): Promise<number> {
    this.schoolSeq++;
    const school = await this.probe.ok('POST', '/api/v1/schools', {
      npsn: String(20_690_000 + this.schoolSeq),
      name: `SMK Uji Gangguan ${this.schoolSeq}`,
      regionCode: '3604',
      status: 'negeri',
      programCodes: PROGRAMS,
    });
    // Graduates of another year than the rounds': every round sees the same population.
    const csv = generateStudentsCsv({
      rows: IMPORT_ROWS,
      nisnStart: 2_000_000_000 + this.schoolSeq * 100_000,
      programs: PROGRAMS,
      broken: [5, 77, 901, 4_444],
    }).replace(new RegExp(`,${YEAR},(graduated|enrolled),`, 'g'), `,${YEAR - 1},$1,`);
    const form = new FormData();
    form.append('file', new Blob([csv], { type: 'text/csv' }), 'students.csv');
    form.append('schoolId', String(school.id));
    const accepted = await this.probe.ok('POST', '/api/v1/imports/students', form);
    return Number(accepted.id);
  }

  async startRound(): Promise<number> {
    const created = await this.probe.ok('POST', '/api/v1/matching-runs', ROUND);
    return Number(created.id);
  }

  /** Where the job is now: 'running/<stage>' or 'running/row <n>', or its end state. */
  async whereIs(target: Target, id: number): Promise<{ state: string; done: boolean } | null> {
    this.assertAlive();
    if (target === 'import') {
      const r = await this.row<{ status: string; next_row: number }>(
        'SELECT status, next_row FROM imports WHERE id = ?',
        [id],
      );
      return r
        ? {
            state: `${r.status}/row ${r.next_row}`,
            done: !['queued', 'running'].includes(r.status),
          }
        : null;
    }
    const r = await this.row<{ status: string; stage: string }>(
      'SELECT status, stage FROM matching_runs WHERE id = ?',
      [id],
    );
    return r
      ? { state: `${r.status}/${r.stage}`, done: !['queued', 'running'].includes(r.status) }
      : null;
  }

  /**
   * Starts an import or a round and freezes the job's process (SIGSTOP) the moment it is in
   * the wanted place, so the fault lands exactly there. Tries again if the job got past it.
   */
  async startAndFreeze(target: Target): Promise<{ id: number; hitAt: string }> {
    for (let attempt = 1; attempt <= 3; attempt++) {
      const id = target === 'import' ? await this.startImport() : await this.startRound();
      const reached = await pollFor(
        `${target} ${id} to reach its fault point`,
        async () => {
          const where = await this.whereIs(target, id);
          if (!where) {
            return undefined;
          }
          if (where.done) {
            return 'missed';
          }
          const there =
            target === 'import'
              ? /^running\/row [1-9]/.test(where.state)
              : where.state === `running/${target}`;
          return there ? 'there' : undefined;
        },
        60_000,
        5,
      );
      if (reached === 'there') {
        this.worker.signal('SIGSTOP');
        const where = await this.whereIs(target, id);
        if (where && !where.done) {
          return { id, hitAt: where.state };
        }
        this.worker.signal('SIGCONT');
      }
    }
    throw new Error(`could not catch a ${target} in the act three times`);
  }

  /** Until the import or round has ended; the time it took from `since`. */
  async waitDone(target: Target, id: number, since: number): Promise<number> {
    await pollFor(
      `${target} ${id} to end`,
      async () => ((await this.whereIs(target, id))?.done ? true : undefined),
      90_000,
      50,
    );
    return Date.now() - since;
  }

  /** The round's proposals and unmatched, as one fingerprint. */
  async roundFingerprint(runId: number): Promise<string> {
    const [proposals] = await this.db.query<RowDataPacket[]>(
      'SELECT student_id, slot_id, score FROM matching_proposals WHERE run_id = ? ORDER BY student_id',
      [runId],
    );
    const [unmatched] = await this.db.query<RowDataPacket[]>(
      'SELECT student_id, reason_code FROM matching_unmatched WHERE run_id = ? ORDER BY student_id',
      [runId],
    );
    const text = [
      ...proposals.map((p) => `p ${p.student_id} ${p.slot_id} ${p.score}`),
      ...unmatched.map((u) => `u ${u.student_id} ${u.reason_code}`),
    ].join('\n');
    return `${proposals.length} proposals, ${unmatched.length} unmatched, ${createHash('sha256').update(text).digest('hex').slice(0, 12)}`;
  }

  /** What the import says it did, checked against the rows it left in the tables. */
  async importCounts(importId: number): Promise<ImportCounts & { problem: string }> {
    const [[imp]] = await this.db.query<RowDataPacket[]>(
      `SELECT status, failure, school_id, total_rows, created_count AS created, updated_count AS updated,
              unchanged_count AS unchanged, rejected_count AS rejected FROM imports WHERE id = ?`,
      [importId],
    );
    const [[students]] = await this.db.query<RowDataPacket[]>(
      'SELECT COUNT(*) AS n FROM students WHERE school_id = ?',
      [imp.school_id],
    );
    const [[errors]] = await this.db.query<RowDataPacket[]>(
      'SELECT COUNT(*) AS n FROM import_row_errors WHERE import_id = ?',
      [importId],
    );
    const counts = {
      created: Number(imp.created),
      updated: Number(imp.updated),
      unchanged: Number(imp.unchanged),
      rejected: Number(imp.rejected),
    };
    const problems = [
      imp.status !== 'completed' ? `import ${imp.status} (${imp.failure})` : '',
      Number(students.n) !== counts.created ? `${students.n} students for ${counts.created} created` : '',
      Number(errors.n) !== counts.rejected ? `${errors.n} row errors for ${counts.rejected} rejected` : '',
      counts.created + counts.updated + counts.unchanged + counts.rejected !== Number(imp.total_rows)
        ? `counters add up to ${counts.created + counts.updated + counts.unchanged + counts.rejected} of ${imp.total_rows} rows`
        : '',
    ].filter((p) => p !== ''); // prettier-ignore
    return { ...counts, problem: problems.join('; ') };
  }

  async baseline(): Promise<void> {
    const roundId = await this.startRound();
    await this.waitDone('load', roundId, Date.now());
    this.baselineRound = await this.roundFingerprint(roundId);
    const importId = await this.startImport();
    await this.waitDone('import', importId, Date.now());
    const counts = await this.importCounts(importId);
    if (counts.problem) {
      throw new Error(`the clean import is not clean: ${counts.problem}`);
    }
    this.baselineImport = counts;
    console.log(`   clean round: ${this.baselineRound}`);
    console.log(
      `   clean import of ${IMPORT_ROWS} rows: ${counts.created} created, ${counts.rejected} rejected`,
    );
  }

  /** Checks the API's answers while `fault` lasts: what should be 503, and what should not. */
  async apiWhileAway(fault: Fault): Promise<string> {
    const database = fault === 'database' || fault === 'database-long';
    const dependency = database ? 'mysql' : 'redis';
    const seen: string[] = [];
    try {
      await pollFor(
        `/health to name ${dependency}`,
        async () => {
          const health = await this.probe.health();
          return health?.status === 503 && health.message.includes(dependency) ? true : undefined;
        },
        8_000,
        100,
      );
      seen.push(`health 503 "${dependency}"`);
    } catch {
      const health = await this.probe.health();
      return `FAIL health ${health?.status ?? 'no answer'} "${health?.message ?? ''}"`;
    }
    const read = await this.probe
      .request('GET', '/api/v1/schools?pageSize=1', undefined, 8_000)
      .catch((error: Error) => ({ status: 0, body: { code: error.message } }));
    if (database) {
      if (read.status !== 503 || read.body.code !== 'service_unavailable') {
        return `FAIL read ${read.status} ${String(read.body.code)}`;
      }
      seen.push('read 503 service_unavailable');
    } else {
      // Redis holds no business data: reads keep working while it is away.
      if (read.status !== 200) {
        return `FAIL read ${read.status} ${String(read.body.code)}`;
      }
      seen.push('read 200');
    }
    return seen.join(', ');
  }

  /**
   * Freezes the worker (SIGSTOP), then creates a round through the API: its job waits in Redis
   * with no worker to take it. Returns with the worker still frozen.
   */
  async startWhileWorkerAway(): Promise<{ id: number; hitAt: string; frozenAt: number }> {
    if (this.processes.length < 2) {
      throw new Error('needs the API and the worker as two processes');
    }
    this.worker.signal('SIGSTOP');
    const frozenAt = Date.now();
    const id = await this.startRound();
    const where = await this.whereIs('load', id);
    // The API enqueued it: the job is in Redis (and only there, besides the round's row).
    const jobKeys = this.services.redisKeys(`*:matching:${roundJobId(id)}`);
    if (!where?.state.startsWith('queued') || jobKeys.length === 0) {
      this.worker.signal('SIGCONT');
      throw new Error(
        `round ${id} is ${where?.state ?? '?'}, job keys ${jobKeys.length}: not waiting in the queue`,
      );
    }
    return { id, hitAt: 'queued, job untaken', frozenAt };
  }

  /**
   * When the worker's recovery sweep enqueued this round or import again (its log line, after
   * `logFrom`), in ms after `back`; null when it did not.
   */
  sweptAfter(target: Target, id: number, logFrom: number, back: number): number | null {
    const wanted = `${target === 'import' ? 'Import' : 'Round'} ${id} had no live job: enqueued again`;
    const line = this.worker
      .logSince(logFrom)
      .split('\n')
      .find((l) => l.includes(wanted));
    if (!line) {
      return null;
    }
    let time = NaN;
    try {
      time = Number((JSON.parse(line) as { time?: number }).time);
    } catch {
      // Not a JSON log line: the sweep acted, when is unknown.
    }
    return Number.isFinite(time) ? Math.max(0, time - back) : 0;
  }

  /** After Redis was emptied: the offer-expiry repeatable job is scheduled again by the worker. */
  async offerExpiryBack(logFrom: number, back: number): Promise<string> {
    try {
      await pollFor(
        'the offer-expiry job to be scheduled again',
        () => {
          const repeat = this.services.redisKeys('*:placements:repeat');
          const scheduled =
            repeat.length === 1 && this.services.redisCli('ZCARD', repeat[0]) === '1';
          // "scheduled" where no check of this worker had answered before the flush (one
          // that started while Redis was still connecting), "scheduled again" otherwise.
          const logged = /Offer expiry (was not scheduled \(Redis emptied\?\): )?scheduled/.test(
            this.worker.logSince(logFrom),
          );
          return scheduled && logged ? true : undefined;
        },
        RECOVERY_TARGET_MS,
        200,
      );
      return `offer expiry rescheduled in ${seconds(Date.now() - back)} s`;
    } catch {
      return 'FAIL the offer-expiry job was not scheduled again';
    }
  }

  async run(topology: string, scenario: Scenario): Promise<Outcome> {
    const outcome: Outcome = {
      topology,
      scenario: scenario.name,
      hitAt: '',
      ok: false,
      detail: '',
      api: 'n/a',
      outageMs: 0,
      recoveryMs: null,
    };
    const rejectionsBefore = this.processes.map((p) => p.unhandledRejections());
    const logFrom = this.worker.logLength();
    const { id, hitAt, frozenAt } =
      scenario.fault === 'redis-flush-queued'
        ? await this.startWhileWorkerAway()
        : { ...(await this.startAndFreeze(scenario.target)), frozenAt: undefined };
    outcome.hitAt = hitAt;
    // The outage: the dependency's, or (Redis flushed) the worker's absence.
    const stopped = frozenAt ?? Date.now();
    let back: number;
    if (scenario.fault === 'redis-flush-queued') {
      // Redis loses the round's job before any worker took it; then the worker comes back.
      this.services.flushRedis();
      outcome.api = 'n/a (Redis up, emptied)';
      this.worker.signal('SIGCONT');
      back = Date.now();
    } else if (scenario.fault === 'kill') {
      await this.worker.kill();
      this.worker.restart();
      back = Date.now();
    } else {
      const database = scenario.fault === 'database' || scenario.fault === 'database-long';
      if (database) {
        await this.services.stopDatabase();
      } else {
        await this.services.stopRedis(scenario.fault === 'redis-kept');
      }
      this.worker.signal('SIGCONT');
      outcome.api = await this.apiWhileAway(scenario.fault);
      // The outage's length is the fault itself, not a wait for something to happen.
      await sleep(
        stopped +
          (scenario.fault === 'database-long' ? LONG_OUTAGE_MS[scenario.target] : OUTAGE_MS) -
          Date.now(),
      );
      this.services.up();
      back = Date.now();
    }
    outcome.outageMs = back - stopped;
    const problems: string[] = [];
    try {
      outcome.recoveryMs = await this.waitDone(scenario.target, id, back);
      if (outcome.recoveryMs > RECOVERY_TARGET_MS) {
        problems.push(`recovery took over ${RECOVERY_TARGET_MS / 1000} s`);
      }
    } catch (error) {
      problems.push((error as Error).message);
    }
    // The API answers again, without a restart (it was restarted only when it was killed).
    try {
      await this.probe.waitHealthy(30_000);
      const read = await this.probe.request('GET', '/api/v1/schools?pageSize=1');
      if (read.status !== 200) {
        problems.push(`after recovery a read answers ${read.status}`);
      }
    } catch (error) {
      problems.push((error as Error).message);
    }
    if (outcome.recoveryMs !== null) {
      if (scenario.target === 'import') {
        const counts = await this.importCounts(id);
        const base = this.baselineImport;
        if (counts.problem) {
          problems.push(counts.problem);
        } else if (
          base &&
          (counts.created !== base.created ||
            counts.rejected !== base.rejected ||
            counts.updated !== base.updated ||
            counts.unchanged !== base.unchanged)
        ) {
          problems.push(`counters ${JSON.stringify(counts)} differ from the clean run's`);
        }
        outcome.detail = `${counts.created} created, ${counts.rejected} rejected`;
      } else {
        const run = await this.row<{ status: string; error: string | null }>(
          'SELECT status, error FROM matching_runs WHERE id = ?',
          [id],
        );
        const fingerprint = await this.roundFingerprint(id);
        if (run?.status !== 'completed') {
          problems.push(`round ${run?.status}: ${run?.error ?? ''}`);
        } else if (fingerprint !== this.baselineRound) {
          problems.push(`round results ${fingerprint} differ from the clean run's`);
        }
        outcome.detail = fingerprint.replace(/, [0-9a-f]+$/, ', same as clean');
      }
    } else if (scenario.target !== 'import') {
      // Leave no round in the way of the next scenario's (overlapping scopes are refused).
      await this.probe.request('POST', `/api/v1/matching-runs/${id}/cancel`).catch(() => undefined);
    }
    if (scenario.sweepOnly) {
      const swept = this.sweptAfter(scenario.target, id, logFrom, back);
      if (swept === null) {
        problems.push(
          `the worker's log shows no recovery sweep of ${scenario.target === 'import' ? 'import' : 'round'} ${id}`,
        );
      } else {
        outcome.detail += `; swept ${seconds(swept)} s after the return`;
      }
    }
    if (scenario.fault === 'redis-flush-queued') {
      const expiry = await this.offerExpiryBack(logFrom, back);
      if (expiry.startsWith('FAIL')) {
        problems.push(expiry);
      } else {
        outcome.detail += `; ${expiry}`;
      }
    }
    this.processes.forEach((p, i) => {
      if (p.unexpectedExit) {
        problems.push(p.unexpectedExit);
      }
      const rejections = p.unhandledRejections() - (rejectionsBefore[i] ?? 0);
      if (rejections > 0) {
        problems.push(`${p.role}: ${rejections} unhandled rejection(s) logged`);
      }
    });
    if (outcome.api.startsWith('FAIL')) {
      problems.push(`API while away: ${outcome.api}`);
    }
    outcome.ok = problems.length === 0;
    if (!outcome.ok) {
      outcome.detail = problems.join('; ');
    }
    return outcome;
  }
}

function environment(services: PrivateServices, port: number): Record<string, string> {
  const overrides = {
    DB_HOST: '127.0.0.1',
    DB_PORT: String(services.dbPort),
    DB_USER: 'smk',
    DB_PASSWORD: 'smk',
    DB_NAME: 'smk_faults',
    REDIS_HOST: '127.0.0.1',
    REDIS_PORT: String(services.redisPort),
    QUEUE_PREFIX: 'smk_faults',
    PORT: String(port),
    LOG_LEVEL: 'info',
    NODE_ENV: 'development',
    PASSWORD_HASH_MEMORY_KIB: '8192',
  };
  // scripts/with-env.sh fills the rest (secrets, admin) with the development defaults.
  const text = execFileSync('bash', ['scripts/with-env.sh', 'env'], {
    cwd: ROOT,
    env: { ...process.env, ...overrides },
    encoding: 'utf8',
  });
  const env: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const eq = line.indexOf('=');
    if (eq > 0) {
      env[line.slice(0, eq)] = line.slice(eq + 1);
    }
  }
  return { ...env, ...overrides };
}

async function prepareData(env: Record<string, string>): Promise<void> {
  await prepareScratchDatabase(env as ServiceEnv, { fresh: true });
  const dataSource = scratchDataSource(env as ServiceEnv);
  await dataSource.initialize();
  try {
    const s = await generateProvince(dataSource, {
      seed: 11,
      schools: 30,
      graduates: 4_000,
      companies: 250,
      slots: 600,
      graduationYear: YEAR,
      encryptionKey: env.ENCRYPTION_KEY,
      batchSize: 2_000,
    });
    console.log(
      `   province: ${s.students} graduates, ${s.schools} schools, ${s.companies} companies, ${s.slots} slots`,
    );
  } finally {
    await dataSource.destroy();
  }
}

function seconds(ms: number | null): string {
  return ms === null ? '–' : (ms / 1000).toFixed(1);
}

async function main(): Promise<void> {
  const started = Date.now();
  rmSync(LOGS, { recursive: true, force: true });
  mkdirSync(LOGS, { recursive: true });
  console.log(`== private MariaDB and Redis (${DIR})`);
  const services = await PrivateServices.create(ROOT, DIR);
  let harness: Harness | undefined;
  // Stopped from outside (scripts/test.sh stops this run when a step beside it fails): leave no
  // app process or private service running.
  process.once('SIGTERM', () => {
    void (harness?.stop() ?? Promise.resolve()).finally(() => {
      services.down();
      process.exit(143);
    });
  });
  services.up();
  execFileSync('redis-cli', ['-h', '127.0.0.1', '-p', String(services.redisPort), 'FLUSHALL']);
  const env = environment(services, await freePort());
  console.log(`   MariaDB :${services.dbPort}, Redis :${services.redisPort}, app :${env.PORT}`);
  const db = createPool({
    host: '127.0.0.1',
    port: services.dbPort,
    user: 'smk',
    password: 'smk',
    database: 'smk_faults',
    connectionLimit: 2,
    connectTimeout: 2_000,
  });
  const outcomes: Outcome[] = [];
  try {
    console.log('== data');
    await prepareData(env);
    harness = new Harness(services, db, env, new ApiProbe(`http://127.0.0.1:${env.PORT}`));
    const topologies: ['split' | 'single', string][] = [
      ['split', 'API + worker'],
      ['single', 'one process'],
    ];
    for (const [topology, label] of topologies) {
      const scenarios = SELECTED.filter((s) => topology === 'split' || !s.sweepOnly);
      if (scenarios.length === 0) {
        continue;
      }
      console.log(`== ${label}`);
      await harness.start(topology);
      if (outcomes.length === 0) {
        await harness.baseline();
      }
      for (const scenario of scenarios) {
        let outcome: Outcome;
        try {
          outcome = await harness.run(label, scenario);
        } catch (error) {
          harness.worker.signal('SIGCONT');
          services.up();
          outcome = {
            topology: label,
            scenario: scenario.name,
            hitAt: '',
            ok: false,
            detail: (error as Error).message,
            api: '',
            outageMs: 0,
            recoveryMs: null,
          };
        }
        outcomes.push(outcome);
        console.log(
          `   ${outcome.ok ? 'ok  ' : 'FAIL'} ${scenario.name} at ${outcome.hitAt}: recovered in ${seconds(outcome.recoveryMs)} s; ${outcome.detail}`,
        );
      }
      await harness.stop();
    }
  } finally {
    await harness?.stop();
    await db.end().catch(() => undefined);
    services.down();
  }
  console.log('');
  console.log(
    table(
      ['topology / scenario', 'hit at', 'outcome', 'API while away', 'outage s', 'recovery s'],
      outcomes.map((o) => [
        `${o.topology}: ${o.scenario}`,
        o.hitAt,
        o.ok ? 'ok' : 'FAILED',
        o.api,
        seconds(o.outageMs),
        seconds(o.recoveryMs),
      ]),
    ),
  );
  const failed = outcomes.filter((o) => !o.ok);
  for (const o of failed) {
    console.log(`FAILED ${o.topology}: ${o.scenario}: ${o.detail}`);
  }
  console.log(
    `\n${outcomes.length - failed.length}/${outcomes.length} fault scenarios passed in ${seconds(Date.now() - started)} s (logs: ${LOGS})`,
  );
  const expected = SELECTED.length * 2 - SELECTED.filter((s) => s.sweepOnly).length;
  process.exitCode = failed.length === 0 && outcomes.length === expected ? 0 : 1;
}

main().catch((error: unknown) => {
  console.error(`fault tests failed: ${(error as Error).stack ?? String(error)}`);
  process.exitCode = 1;
});

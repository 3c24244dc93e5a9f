import 'reflect-metadata';
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, hostname, loadavg } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { generateProvince } from '../../scripts/generate/province';
import { devEnvironment } from './dev-env';
import { pause, RoundClient, Run, table, timingTable } from '../../scripts/round-client';
import {
  clearQueuePrefix,
  prepareScratchDatabase,
  scratchDataSource,
  ServiceEnv,
} from '../../test/helpers/scratch-database';

/**
 * A whole matching round for a generated province (or the whole country) through the API, the
 * Bull queue, the worker processes and MariaDB, timed per stage.
 *
 *   node -r @swc-node/register bench/round/run.ts [--fresh] [--no-build] [--mode stable|optimal]
 *     [--national] [--workers N]
 *     [--graduates 100000] [--slots 15000] [--companies 5000] [--schools 600] [--seed 7]
 *
 * Banten goes into the scratch database smk_bench_round; --national populates every regency and
 * city of the 38 provinces in smk_bench_national instead (1.5 M graduates, 300,000 slots by
 * default). Each is generated once and kept (--fresh regenerates it). Without --workers the app
 * runs the API and the worker in one process (RUN_WORKER=true); --workers N runs the API alone
 * (RUN_WORKER=false) beside N worker processes (dist/worker.js). The processes get their own
 * port and Bull prefix, so the bench never touches the demo's or the tests' data.
 */
const ROOT = join(__dirname, '..', '..');
const OUT = join(ROOT, 'bench', 'out');
const PORT = '3990';
const YEAR = 2026;

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1] : fallback;
}
const flag = (name: string) => process.argv.includes(`--${name}`);

const NATIONAL = flag('national');
/** 0: the API and the worker in one process; otherwise this many worker processes. */
const WORKERS = flag('workers') ? Number(arg('workers', '')) : 0;
const DB_NAME = NATIONAL ? 'smk_bench_national' : 'smk_bench_round';
/** The base name of the bench's files under bench/out: round.json, round-app.log, … */
const NAME = `${NATIONAL ? 'round-national' : 'round'}${WORKERS > 0 ? `-${WORKERS}w` : ''}`;
/** The engine bench's national case, with about as many companies and SMKs as Indonesia. */
const SIZE = NATIONAL
  ? { graduates: 1_500_000, slots: 300_000, companies: 100_000, schools: 9_000 }
  : { graduates: 100_000, slots: 15_000, companies: 5_000, schools: 600 };
/** Issue #16: Banten < 60 s, the national round < 120 s, end to end. */
const TARGET_MS = NATIONAL ? 120_000 : 60_000;
const ROUND_TIMEOUT_MS = (NATIONAL ? 60 : 10) * 60_000;

/** The development settings, pointed at the bench's own database, port and queue prefix. */
function environment(): Record<string, string> {
  const env = devEnvironment();
  return {
    ...env,
    DB_NAME,
    PORT,
    QUEUE_PREFIX: DB_NAME,
    RUN_WORKER: WORKERS > 0 ? 'false' : 'true',
    LOG_LEVEL: 'warn',
  };
}

/**
 * Every regency and city of the country. The regions table holds only those (kabupaten and
 * kota, 4-digit codes under their province's 2 digits; the province is a column of each row),
 * seeded by the migrations from idn-area-data; retired codes are left out.
 */
async function nationalRegionCodes(db: DataSource): Promise<string[]> {
  const rows = await db.query<{ code: string }[]>(
    `SELECT code FROM regions
      WHERE retired = 0 AND kind IN ('kabupaten', 'kota')
        AND CHAR_LENGTH(code) = 4 AND LEFT(code, 2) = province_code
      ORDER BY code`,
  );
  return rows.map((r) => r.code);
}

async function prepareDatabase(env: Record<string, string>): Promise<string> {
  await prepareScratchDatabase({ ...env, DB_NAME } as ServiceEnv, { fresh: flag('fresh') });
  const db = scratchDataSource({ ...env, DB_NAME } as ServiceEnv);
  await db.initialize();
  try {
    const [{ n }] = await db.query<{ n: string }[]>(
      'SELECT COUNT(*) AS n FROM students WHERE graduation_year = ?',
      [YEAR],
    );
    const graduates = Number(arg('graduates', String(SIZE.graduates)));
    let generated = `kept (${n} graduates already there${Number(n) !== graduates ? `, not the ${graduates} asked for` : ''}; --fresh regenerates)`;
    if (Number(n) === 0) {
      const regionCodes = NATIONAL ? await nationalRegionCodes(db) : undefined;
      if (regionCodes) {
        const provinces = new Set(regionCodes.map((c) => c.slice(0, 2))).size;
        console.log(`   ${regionCodes.length} regencies/cities in ${provinces} provinces`);
      }
      const started = Date.now();
      const s = await generateProvince(db, {
        seed: Number(arg('seed', '7')),
        schools: Number(arg('schools', String(SIZE.schools))),
        graduates,
        companies: Number(arg('companies', String(SIZE.companies))),
        slots: Number(arg('slots', String(SIZE.slots))),
        graduationYear: YEAR,
        encryptionKey: env.ENCRYPTION_KEY,
        regionCodes,
        // Per-school imports give a school's graduates neighbouring ids: a province's parts then
        // read and write runs of rows, not one row in every few pages (see the README).
        studentsBySchool: NATIONAL,
        batchSize: 2000,
        log: (m) => console.log(`   generate ${m}`),
      });
      generated = `generated in ${((Date.now() - started) / 1000).toFixed(1)} s: ${s.students} graduates (${s.studentUnits} units held), ${s.schools} schools, ${s.companies} companies, ${s.slots} slots (${s.seats} seats)`;
    }
    // Earlier bench rounds are history: drop them so each run measures the same round
    // (TRUNCATE: nothing refers to these two, and a national round leaves 1.5 M rows in them).
    await db.query('TRUNCATE TABLE matching_proposals');
    await db.query('TRUNCATE TABLE matching_unmatched');
    await db.query('DELETE FROM matching_runs');
    return generated;
  } finally {
    await db.destroy();
  }
}

/**
 * Empties the bench's own Bull prefix: the database restarts run ids at 1 after --fresh, and
 * Bull silently keeps an old job whose id (round-1) comes back.
 */
async function clearQueues(env: Record<string, string>): Promise<void> {
  await clearQueuePrefix(env as ServiceEnv);
}

interface Proc {
  name: string;
  child: ChildProcess;
  log: string;
}

/** `node <script>` from dist/, its stdout and stderr in bench/out/<file>. */
function start(name: string, script: string, env: Record<string, string>, file: string): Proc {
  const log = join(OUT, file);
  const fd = openSync(log, 'w');
  const child = spawn(process.execPath, [script], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', fd, fd],
  });
  closeSync(fd);
  return { name, child, log };
}

/** Waits for a worker's 'Worker started' log line (its Bull processors are then registered). */
async function waitForWorker(worker: Proc, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (worker.child.exitCode !== null || worker.child.signalCode !== null) {
      throw new Error(`${worker.name} exited before it started (log: ${worker.log})`);
    }
    if (readFileSync(worker.log, 'utf8').includes('Worker started')) {
      return;
    }
    await pause(200);
  }
  throw new Error(`${worker.name} not started after ${timeoutMs} ms (log: ${worker.log})`);
}

/** Peak resident memory of a process, from /proc (Linux), in MiB. */
function peakRssMib(pid: number | undefined): number | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /VmHWM:\s+(\d+) kB/.exec(status);
    return kb ? Math.round(Number(kb[1]) / 1024) : null;
  } catch {
    return null;
  }
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return;
  }
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  await Promise.race([exited, pause(15_000).then(() => child.kill('SIGKILL'))]);
}

interface PartRow {
  key: string;
  regions: number;
  worker: string;
  attempts: number;
  students: number;
  matched: number;
  timings: Record<string, number>;
  /** Milliseconds after the POST. */
  startedMs: number;
  finishedMs: number;
}

/** The round's parts as matching_run_parts recorded them, in the order they started. */
async function partsOf(
  env: Record<string, string>,
  runId: number,
  postedAt: number,
  workerName: Map<string, string>,
): Promise<PartRow[]> {
  const db = scratchDataSource({ ...env, DB_NAME } as ServiceEnv, 1);
  await db.initialize();
  try {
    const rows = await db.query<
      {
        part_key: string;
        region_codes: string;
        worker: string | null;
        attempts: number;
        students: number;
        matched: number;
        timings: string | null;
        started_at: Date | null;
        finished_at: Date | null;
      }[]
    >(
      `SELECT part_key, region_codes, worker, attempts, students, matched, timings, started_at, finished_at
         FROM matching_run_parts WHERE run_id = ? ORDER BY started_at, id`,
      [runId],
    );
    return rows.map((r) => ({
      key: r.part_key,
      regions: (JSON.parse(r.region_codes) as string[]).length,
      worker: r.worker === null ? '-' : (workerName.get(r.worker) ?? r.worker),
      attempts: Number(r.attempts),
      students: Number(r.students),
      matched: Number(r.matched),
      timings: JSON.parse(r.timings ?? '{}') as Record<string, number>,
      startedMs: r.started_at ? r.started_at.getTime() - postedAt : NaN,
      finishedMs: r.finished_at ? r.finished_at.getTime() - postedAt : NaN,
    }));
  } finally {
    await db.destroy();
  }
}

interface DbCounters {
  bufferPoolBytes: number;
  /** The bench database's tables and indexes, as information_schema estimates them. */
  databaseBytes: number;
  /** Bytes and pages InnoDB read from disk since the server started. */
  readBytes: number;
  readPages: number;
}

/** How MariaDB is sized and how much it has read from disk: the load stage is I/O bound otherwise. */
async function dbCounters(env: Record<string, string>): Promise<DbCounters> {
  const db = scratchDataSource({ ...env, DB_NAME } as ServiceEnv, 1);
  await db.initialize();
  try {
    const [{ pool }] = await db.query<{ pool: string }[]>(
      'SELECT @@innodb_buffer_pool_size AS pool',
    );
    const [{ size }] = await db.query<{ size: string }[]>(
      'SELECT SUM(data_length + index_length) AS size FROM information_schema.tables WHERE table_schema = ?',
      [DB_NAME],
    );
    const status = new Map(
      (
        await db.query<{ Variable_name: string; Value: string }[]>(
          "SHOW GLOBAL STATUS WHERE Variable_name IN ('Innodb_data_read', 'Innodb_buffer_pool_reads')",
        )
      ).map((r) => [r.Variable_name, Number(r.Value)]),
    );
    return {
      bufferPoolBytes: Number(pool),
      databaseBytes: Number(size),
      readBytes: status.get('Innodb_data_read') ?? 0,
      readPages: status.get('Innodb_buffer_pool_reads') ?? 0,
    };
  } finally {
    await db.destroy();
  }
}

/** Clock ticks per second of /proc's CPU times (USER_HZ: 100 on Linux). */
const TICKS = 100;

/** CPU seconds a process has used (user + system, all its threads), from /proc; 0 if gone. */
function cpuSeconds(pid: number | undefined): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS;
  } catch {
    return 0;
  }
}

/** CPU seconds every core of the machine has spent busy (not idle nor waiting on I/O). */
function machineBusySeconds(): number {
  const [, ...ticks] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/);
  const [user, nice, system, , , irq, softirq, steal] = ticks.map(Number);
  return (user + nice + system + irq + softirq + steal) / TICKS;
}

/** The private MariaDB's and Redis's pids (scripts/services.sh writes them), if they are ours. */
function servicePids(): Map<string, number> {
  const pids = new Map<string, number>();
  for (const [name, file] of [
    ['MariaDB', '.local/mariadb/mysqld.pid'],
    ['Redis', '.local/redis/redis.pid'],
  ]) {
    try {
      pids.set(name, Number(readFileSync(join(ROOT, file), 'utf8').trim()));
    } catch {
      // SMK_EXTERNAL_SERVICES or another SMK_LOCAL_DIR: not counted apart.
    }
  }
  return pids;
}

/**
 * Where the machine's CPU went during the round: the bench's own processes (the app, the
 * workers, MariaDB, Redis, this client) and everything else, which on a shared machine may be
 * another job competing for the same cores.
 */
function cpuReport(
  wallMs: number,
  busy: number,
  own: Map<string, number>,
): { text: string; seconds: Record<string, number> } {
  const ours = [...own.values()].reduce((sum, v) => sum + v, 0);
  const seconds = { ...Object.fromEntries(own), 'other processes': Math.max(0, busy - ours) };
  const cores = availableParallelism();
  const parts = Object.entries(seconds).map(([name, v]) => `${name} ${v.toFixed(1)}`);
  return {
    text: `CPU during the round: ${busy.toFixed(1)} core-s busy of ${((cores * wallMs) / 1000).toFixed(1)} (${cores} cores × wall): ${parts.join(', ')}`,
    seconds,
  };
}

const gib = (bytes: number) => `${(bytes / 2 ** 30).toFixed(1)} GiB`;

const ms = (v: number) => (Number.isFinite(v) ? Math.round(v).toLocaleString('en-US') : '-');
const seconds = (v: number) => `${(v / 1000).toFixed(1)} s`;

// prettier-ignore
const PART_COLUMNS = ['part', 'regions', 'worker', 'tries', 'graduates', 'matched', 'load ms', 'match ms', 'write ms', 'started', 'done'];

function partsReport(parts: PartRow[], workers: Proc[], rss: Map<string, number | null>): string {
  const partRows = parts.map((p) => [
    p.key,
    p.regions,
    p.worker,
    p.attempts,
    p.students.toLocaleString('en-US'),
    p.matched.toLocaleString('en-US'),
    ms(p.timings.load ?? NaN),
    ms(p.timings.match ?? NaN),
    ms(p.timings.write ?? NaN),
    seconds(p.startedMs),
    seconds(p.finishedMs),
  ]);
  const names = workers.length > 0 ? workers.map((w) => w.name) : ['app'];
  const workerRows = names.map((name) => {
    const own = parts.filter((p) => p.worker === name);
    const busy = own.reduce((sum, p) => sum + (p.finishedMs - p.startedMs), 0);
    return [
      name,
      own.length,
      own.reduce((sum, p) => sum + p.students, 0).toLocaleString('en-US'),
      seconds(busy),
      own.length > 0 ? seconds(Math.min(...own.map((p) => p.startedMs))) : '-',
      own.length > 0 ? seconds(Math.max(...own.map((p) => p.finishedMs))) : '-',
      `${rss.get(name) ?? '?'} MiB`,
    ];
  });
  return [
    `Parts (${parts.length}), in the order they started; times after the POST`,
    table(PART_COLUMNS, partRows),
    '',
    'Per worker',
    table(
      ['worker', 'parts', 'graduates', 'busy', 'first start', 'last done', 'peak RSS'],
      workerRows,
    ),
  ].join('\n');
}

/** The stage table: the worker's timings, summed over the parts of a split round. */
function stageRows(run: Run, parts: PartRow[], total: number): [string, number][] {
  const t = run.timings ?? {};
  const summed = parts.length > 1 ? `, summed over ${parts.length} parts` : '';
  const rows: [string, number][] = [
    [`load (MariaDB → engine input)${summed}`, t.load ?? 0],
    [`candidates (engine: compile + candidates)${summed}`, (t['engine.compile'] ?? 0) + (t['engine.candidates'] ?? 0)],
    [`match (engine: matching + explain)${summed}`, (t['engine.matching'] ?? 0) + (t['engine.components'] ?? 0) + (t['engine.explain'] ?? 0)],
    [`engine in its worker thread, incl. transfer${summed}`, t.match ?? 0],
    [`write (proposals + unmatched)${summed}`, t.write ?? 0],
  ]; // prettier-ignore
  if (parts.length > 1) {
    const first = Math.min(...parts.map((p) => p.startedMs));
    const last = Math.max(...parts.map((p) => p.finishedMs));
    rows.push(['queue + split: POST → first part started', first]);
    rows.push(['parts: first part started → last part done (wall)', last - first]);
  }
  rows.push(['total: POST → completed, seen by the client', total]);
  return rows;
}

/** With more than one worker: the same round's 1-worker figure, if this machine has one. */
function comparison(total: number): string {
  const file = join(OUT, `${NATIONAL ? 'round-national' : 'round'}-1w.json`);
  if (WORKERS < 2 || !existsSync(file)) {
    return '';
  }
  const one = JSON.parse(readFileSync(file, 'utf8')) as { totalMs: number; loadAvg1?: number };
  const faster = total < one.totalMs;
  return `, ${faster ? 'faster' : 'NOT faster'} than 1 worker (${seconds(one.totalMs)} in ${file.slice(ROOT.length + 1)}: ×${(one.totalMs / total).toFixed(2)})`;
}

async function main(): Promise<void> {
  if (flag('workers') && !(Number.isInteger(WORKERS) && WORKERS >= 1)) {
    throw new Error(`--workers wants a whole number of worker processes, 1 or more`);
  }
  mkdirSync(OUT, { recursive: true });
  execFileSync('bash', ['scripts/services.sh', 'up'], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const env = environment();
  console.log(`== ${NATIONAL ? 'the whole country' : 'province'} in database ${DB_NAME}`);
  console.log(`   ${await prepareDatabase(env)}`);
  if (!flag('no-build') || !existsSync(join(ROOT, 'dist', 'worker.js'))) {
    console.log('== build');
    execFileSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: 'inherit' });
  }

  await clearQueues(env);
  const dbBefore = await dbCounters(env);
  const services = servicePids();
  const loadBefore = loadavg()[0];
  const procs: Proc[] = [];
  // Interrupted (Ctrl-C, kill): the app and the workers go too.
  const onSignal = (signal: NodeJS.Signals) => {
    for (const p of procs) {
      p.child.kill('SIGKILL');
    }
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  console.log(
    WORKERS > 0
      ? `== API on port ${PORT} (RUN_WORKER=false) and ${WORKERS} worker process(es)`
      : `== app (API + worker) on port ${PORT}`,
  );
  const app = start('app', 'dist/main.js', env, `${NAME}-app.log`);
  procs.push(app);
  const workers: Proc[] = [];
  for (let i = 1; i <= WORKERS; i++) {
    // Logs on (info) to see 'Worker started' and each part's start and end.
    const worker = start(
      `worker ${i}`,
      'dist/worker.js',
      { ...env, LOG_LEVEL: 'info' },
      `${NAME}-worker-${i}.log`,
    );
    workers.push(worker);
    procs.push(worker);
  }
  try {
    const client = new RoundClient(`http://127.0.0.1:${PORT}`);
    await client.waitHealthy(120_000, () => app.child.exitCode === null);
    await Promise.all(workers.map((w) => waitForWorker(w, 120_000)));
    await client.signInAsCoordinator(
      { email: env.ADMIN_EMAIL, password: env.ADMIN_PASSWORD },
      { email: 'bench.coordinator@smklink.local', password: 'bench-coordinator-password' },
    );
    const mode = arg('mode', 'stable');
    console.log(
      `== round: ${mode}, every graduate of ${YEAR}, region policy same_province (1-min load before: ${loadBefore.toFixed(2)})`,
    );
    const cpuBefore = new Map(
      [...procs.map((p) => [p.name, p.child.pid] as const), ...services].map(([name, pid]) => [
        name,
        cpuSeconds(pid),
      ]),
    );
    const selfBefore = process.cpuUsage();
    const busyBefore = machineBusySeconds();
    const started = Date.now();
    const id = await client.startRound({
      scope: { graduationYear: YEAR },
      mode,
      options: { regionPolicy: 'same_province', seed: 1 },
    });
    const run = await client.follow(id, ROUND_TIMEOUT_MS, (r) =>
      console.log(`   ${seconds(Date.now() - started).padStart(8)}  ${r.status} ${r.stage}`),
    );
    const total = Date.now() - started;
    const busy = machineBusySeconds() - busyBefore;
    const own = new Map(
      [...procs.map((p) => [p.name, p.child.pid] as const), ...services].map(([name, pid]) => [
        name,
        cpuSeconds(pid) - (cpuBefore.get(name) ?? 0),
      ]),
    );
    const self = process.cpuUsage(selfBefore);
    own.set('bench client', (self.user + self.system) / 1e6);
    const cpu = cpuReport(total, busy, own);
    const loadAfter = loadavg()[0];
    if (run.status !== 'completed' || !run.timings || !run.stats) {
      throw new Error(`round ${id} ended ${run.status}: ${run.error ?? 'no reason given'}`);
    }
    const t = run.timings;
    const engine = Object.entries(t)
      .filter(([k]) => k.startsWith('engine.'))
      .reduce((sum, [, v]) => sum + v, 0);
    const rss = new Map(procs.map((p) => [p.name, peakRssMib(p.child.pid)]));
    const workerName = new Map(
      (workers.length > 0 ? workers : [app]).map((p) => [
        `${hostname()}:${p.child.pid}`.slice(0, 100),
        p.name,
      ]),
    );
    const parts = await partsOf(env, id, started, workerName);
    const dbAfter = await dbCounters(env);
    const readDuring = dbAfter.readBytes - dbBefore.readBytes;
    const s = run.stats;
    console.log('');
    console.log(
      `Round ${id}: ${s.students} graduates, ${s.eligible} eligible, ${s.matched} matched (${((100 * s.matched) / s.students).toFixed(1)} %), average fit ${s.averageScore.toFixed(3)}, average rank ${s.averageRank.toFixed(2)}`,
    );
    const rows = stageRows(run, parts, total);
    console.log(
      table(
        ['stage', 'ms'],
        rows.map(([k, v]) => [k, ms(v)]),
      ),
    );
    if (parts.length > 0) {
      console.log('');
      console.log(partsReport(parts, workers, rss));
    }
    console.log('');
    const summed = parts.length > 1 ? 's (summed over the parts)' : '';
    console.log(`Raw timings recorded by the worker${summed}`);
    console.log(timingTable(run));
    const processes =
      WORKERS > 0 ? `API + ${WORKERS} worker process(es)` : 'API + worker in one process';
    const verdict = [
      `${processes}: total ${seconds(total)} (target < ${TARGET_MS / 1000} s: ${total < TARGET_MS ? 'met' : 'MISSED'})${comparison(total)}`,
      NATIONAL ? `engine ${(engine / 1000).toFixed(2)} s summed over the parts` : `engine ${(engine / 1000).toFixed(2)} s (target < 5 s: ${engine < 5000 ? 'met' : 'MISSED'})`,
      `peak RSS ${procs.map((p) => `${p.name} ${rss.get(p.name) ?? '?'} MiB`).join(', ')}`,
      `MariaDB: buffer pool ${gib(dbAfter.bufferPoolBytes)} for a ${gib(dbAfter.databaseBytes)} database; read from disk during the round ${gib(readDuring)} (${(dbAfter.readPages - dbBefore.readPages).toLocaleString('en-US')} pages)`,
      cpu.text,
      `1-min load average ${loadBefore.toFixed(2)} before, ${loadAfter.toFixed(2)} at the end (this machine: ${availableParallelism()} cores)`,
    ]; // prettier-ignore
    console.log('');
    console.log(verdict.join('\n'));
    writeFileSync(
      join(OUT, `${NAME}.json`),
      JSON.stringify(
        {
          id,
          mode,
          database: DB_NAME,
          workers: WORKERS,
          totalMs: total,
          engineMs: engine,
          loadAvg1Before: loadBefore,
          loadAvg1: loadAfter,
          peakRssMib: Object.fromEntries(rss),
          bufferPoolBytes: dbAfter.bufferPoolBytes,
          databaseBytes: dbAfter.databaseBytes,
          readFromDiskBytes: readDuring,
          cpuSeconds: cpu.seconds,
          stages: Object.fromEntries(rows),
          timings: t,
          stats: s,
          parts,
        },
        null,
        2,
      ),
    );
  } catch (error) {
    console.error(
      `bench failed: ${(error as Error).message} (logs: ${procs.map((p) => p.log.slice(ROOT.length + 1)).join(', ')})`,
    );
    process.exitCode = 1;
  } finally {
    await Promise.all(procs.map((p) => stop(p.child)));
  }
}

main().catch((error: unknown) => {
  console.error(`bench failed: ${(error as Error).message}`);
  process.exitCode = 1;
});

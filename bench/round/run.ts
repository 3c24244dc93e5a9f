import 'reflect-metadata';
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateProvince } from '../../scripts/generate/province';
import { devEnvironment } from './dev-env';
import { pause, RoundClient, table, timingTable } from '../../scripts/round-client';
import {
  clearQueuePrefix,
  prepareScratchDatabase,
  scratchDataSource,
  ServiceEnv,
} from '../../test/helpers/scratch-database';

/**
 * A whole matching round for a generated province through the API, the Bull queue, the worker
 * and MariaDB, timed per stage.
 *
 *   node -r @swc-node/register bench/round/run.ts [--fresh] [--no-build] [--mode stable|optimal]
 *     [--graduates 100000] [--slots 15000] [--companies 5000] [--schools 600] [--seed 7]
 *
 * The province goes into a scratch database (smk_bench_round; generated once, --fresh
 * regenerates it), the app (API + worker in one process, from dist/) gets its own port and Bull
 * prefix, so the bench never touches the demo's or the tests' data.
 */
const ROOT = join(__dirname, '..', '..');
const OUT = join(ROOT, 'bench', 'out');
const DB_NAME = 'smk_bench_round';
const PORT = '3990';
const YEAR = 2026;

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1] : fallback;
}
const flag = (name: string) => process.argv.includes(`--${name}`);

/** The development settings, pointed at the bench's own database, port and queue prefix. */
function environment(): Record<string, string> {
  const env = devEnvironment();
  return { ...env, DB_NAME, PORT, QUEUE_PREFIX: DB_NAME, RUN_WORKER: 'true', LOG_LEVEL: 'warn' };
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
    let generated = `kept (${n} graduates already there; --fresh regenerates)`;
    if (Number(n) === 0) {
      const started = Date.now();
      const s = await generateProvince(db, {
        seed: Number(arg('seed', '7')),
        schools: Number(arg('schools', '600')),
        graduates: Number(arg('graduates', '100000')),
        companies: Number(arg('companies', '5000')),
        slots: Number(arg('slots', '15000')),
        graduationYear: YEAR,
        encryptionKey: env.ENCRYPTION_KEY,
        batchSize: 2000,
        log: (m) => console.log(`   generate ${m}`),
      });
      generated = `generated in ${((Date.now() - started) / 1000).toFixed(1)} s: ${s.students} graduates (${s.studentUnits} units held), ${s.schools} schools, ${s.companies} companies, ${s.slots} slots (${s.seats} seats)`;
    }
    // Earlier bench rounds are history: drop them so each run measures the same round.
    await db.query('DELETE FROM matching_proposals');
    await db.query('DELETE FROM matching_unmatched');
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

function startApp(env: Record<string, string>): { child: ChildProcess; log: string } {
  const log = join(OUT, 'round-app.log');
  const fd = openSync(log, 'w');
  const child = spawn(process.execPath, ['dist/main.js'], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', fd, fd],
  });
  closeSync(fd);
  return { child, log };
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

async function stopApp(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) {
    return;
  }
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  await Promise.race([exited, pause(15_000).then(() => child.kill('SIGKILL'))]);
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  execFileSync('bash', ['scripts/services.sh', 'up'], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const env = environment();
  console.log(`== province in database ${DB_NAME}`);
  console.log(`   ${await prepareDatabase(env)}`);
  if (!flag('no-build') || !existsSync(join(ROOT, 'dist', 'main.js'))) {
    console.log('== build');
    execFileSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: 'inherit' });
  }

  await clearQueues(env);
  console.log(`== app (API + worker) on port ${PORT}`);
  const { child, log } = startApp(env);
  try {
    const client = new RoundClient(`http://127.0.0.1:${PORT}`);
    await client.waitHealthy(120_000, () => child.exitCode === null);
    await client.signInAsCoordinator(
      { email: env.ADMIN_EMAIL, password: env.ADMIN_PASSWORD },
      { email: 'bench.coordinator@smklink.local', password: 'bench-coordinator-password' },
    );
    const mode = arg('mode', 'stable');
    console.log(`== round: ${mode}, every graduate of ${YEAR}, region policy same_province`);
    const started = Date.now();
    const id = await client.startRound({
      scope: { graduationYear: YEAR },
      mode,
      options: { regionPolicy: 'same_province', seed: 1 },
    });
    const run = await client.follow(id, 10 * 60_000, (r) =>
      console.log(
        `   ${((Date.now() - started) / 1000).toFixed(1).padStart(5)} s  ${r.status} ${r.stage}`,
      ),
    );
    const total = Date.now() - started;
    if (run.status !== 'completed' || !run.timings || !run.stats) {
      throw new Error(`round ${id} ended ${run.status}: ${run.error ?? 'no reason given'}`);
    }
    const t = run.timings;
    const engine = Object.entries(t)
      .filter(([k]) => k.startsWith('engine.'))
      .reduce((sum, [, v]) => sum + v, 0);
    const rows: [string, number][] = [
      ['load (MariaDB → engine input)', t.load ?? 0],
      ['candidates (engine: compile + candidates)', (t['engine.compile'] ?? 0) + (t['engine.candidates'] ?? 0)],
      ['match (engine: matching + explain)', (t['engine.matching'] ?? 0) + (t['engine.components'] ?? 0) + (t['engine.explain'] ?? 0)],
      ['engine in its worker thread, incl. transfer', t.match ?? 0],
      ['write (proposals + unmatched)', t.write ?? 0],
      ['total: POST → completed, seen by the client', total],
    ]; // prettier-ignore
    const s = run.stats;
    console.log('');
    console.log(
      `Round ${id}: ${s.students} graduates, ${s.eligible} eligible, ${s.matched} matched (${((100 * s.matched) / s.students).toFixed(1)} %), average fit ${s.averageScore.toFixed(3)}, average rank ${s.averageRank.toFixed(2)}`,
    );
    console.log(
      table(
        ['stage', 'ms'],
        rows.map(([k, v]) => [k, Math.round(v).toLocaleString('en-US')]),
      ),
    );
    console.log('');
    console.log('Raw timings recorded by the worker');
    console.log(timingTable(run));
    const rss = peakRssMib(child.pid);
    const verdict = `total ${(total / 1000).toFixed(1)} s (target < 60 s: ${total < 60_000 ? 'met' : 'MISSED'}), engine ${(engine / 1000).toFixed(2)} s (target < 5 s: ${engine < 5000 ? 'met' : 'MISSED'})${rss ? `, app peak RSS ${rss} MiB` : ''}`;
    console.log('');
    console.log(verdict);
    writeFileSync(
      join(OUT, 'round.json'),
      JSON.stringify(
        { id, mode, totalMs: total, engineMs: engine, peakRssMib: rss, timings: t, stats: s },
        null,
        2,
      ),
    );
  } catch (error) {
    console.error(`bench failed: ${(error as Error).message} (app log: ${log})`);
    process.exitCode = 1;
  } finally {
    await stopApp(child);
  }
}

void main();

import { ChildProcess, spawn } from 'node:child_process';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { Role } from '../../src/common/auth/role.enum';
import { matchPacked } from '../../src/matching-engine';
import { outcomeOf } from '../../src/modules/matching/engine-outcome';
import { toEngineOptions } from '../../src/modules/matching/matching.mapper';
import { RoundLoader } from '../../src/modules/matching/round-loader';
import { RoundResultRows, statsOf } from '../../src/modules/matching/round-results';
import { createMatchingPopulation } from '../factories/bulk.factory';
import { createCompany } from '../factories/companies.factory';
import { createSchool } from '../factories/schools.factory';
import { pollFor } from '../helpers/poll';
import { createTestApp, resetState, signInAs, SignedIn, TestApp } from '../helpers/test-app';
import { REPO_ROOT } from '../helpers/test-env';

/** Three provinces: under the same-province policy a round over them splits into three parts. */
const REGIONS = [
  { code: '3672', name: 'Kota Cilegon', provinceCode: '36', provinceName: 'Banten' },
  { code: '3273', name: 'Kota Bandung', provinceCode: '32', provinceName: 'Jawa Barat' },
  { code: '3374', name: 'Kota Semarang', provinceCode: '33', provinceName: 'Jawa Tengah' },
];
const ROUND = {
  scope: { regionCodes: REGIONS.map((r) => r.code) },
  mode: 'stable',
  options: { seed: 7, regionPolicy: 'same_province' },
};

interface Worker {
  process: ChildProcess;
  /** As matching_run_parts.worker records it. */
  id: string;
  ready: Promise<void>;
}

/** The real worker entry point in its own process, on this test's database and Redis prefix. */
function startWorker(): Worker {
  const child = spawn(
    process.execPath,
    ['-r', '@swc-node/register', join(REPO_ROOT, 'src/worker.ts')],
    // Logs on (JSON lines on stdout), to tell when it has started.
    {
      cwd: REPO_ROOT,
      env: { ...process.env, LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'ignore'],
    },
  );
  const ready = new Promise<void>((resolve, reject) => {
    let seen = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      // Read to the end, always: a full pipe would stop the worker.
      if (seen !== 'ready') {
        seen += chunk.toString('utf8');
        if (seen.includes('Worker started')) {
          seen = 'ready';
          resolve();
        }
      }
    });
    child.once('exit', (code, signal) => reject(new Error(`worker exited (${code ?? signal})`)));
  });
  ready.catch(() => undefined);
  return { process: child, id: `${hostname()}:${child.pid}`, ready };
}

interface PartRow {
  partKey: string;
  status: string;
  attempts: number;
  worker: string | null;
}

describe('A round split over worker processes (e2e)', () => {
  let sut: TestApp;
  let coordinator: SignedIn;
  let reference: string;
  const workers: Worker[] = [];

  beforeAll(async () => {
    // The API only: the rounds' parts are taken by the worker processes this test starts.
    sut = await createTestApp([], { worker: false });
    await resetState(sut);
    workers.push(startWorker(), startWorker());
    // Reference data (the national seed may have them already).
    await sut.dataSource.query(
      'INSERT IGNORE INTO regions (code, name, province_code, province_name, kind, profiles) VALUES ?',
      [REGIONS.map((r) => [r.code, r.name, r.provinceCode, r.provinceName, 'kota', ''])],
    );
    for (const [i, region] of REGIONS.entries()) {
      const school = await createSchool(sut.dataSource, { regionCode: region.code });
      const company = await createCompany(sut.dataSource, {
        regionCode: region.code,
        workforceSize: 100_000,
      });
      await createMatchingPopulation(sut.app, sut.dataSource, {
        schoolId: school.id,
        companyId: company.id,
        students: 1500,
        slots: 220,
        seed: i + 1,
        regionCode: region.code,
      });
    }
    coordinator = await signInAs(sut, Role.Coordinator);

    // What the round gives run whole, in one piece, as the one-part path computes it.
    const options = toEngineOptions('stable', ROUND.options);
    const loaded = await sut.app.get(RoundLoader).load(
      {
        regionCodes: ROUND.scope.regionCodes,
        graduationYear: null,
        cohortId: null,
        onlyUnplaced: true,
      },
      options,
    );
    const rows = new RoundResultRows(0, loaded, outcomeOf(matchPacked(loaded.input, options)));
    rows.proposals(0, rows.proposalCount);
    rows.unmatched(0, rows.unmatchedCount);
    reference = statsOf([rows.finish()]).digest;

    await Promise.all(workers.map((w) => w.ready));
  }, 120_000);

  afterAll(async () => {
    for (const worker of workers) {
      worker.process.kill('SIGKILL');
    }
    await sut.close();
  });

  const startRound = async (): Promise<number> =>
    (await sut.http().post('/api/v1/matching-runs').set(coordinator.auth).send(ROUND).expect(202))
      .body.id;

  const finished = (
    id: number,
  ): Promise<{ status: string; stage: string; progress: number; stats: Record<string, unknown> }> =>
    pollFor(
      `round ${id} to end`,
      async () => {
        const run = (
          await sut.http().get(`/api/v1/matching-runs/${id}`).set(coordinator.auth).expect(200)
        ).body;
        return ['completed', 'failed'].includes(run.status) ? run : undefined;
      },
      60_000,
      50,
    );

  const partsOf = (id: number): Promise<PartRow[]> =>
    sut.dataSource.query<PartRow[]>(
      `SELECT part_key AS partKey, status, attempts, worker FROM matching_run_parts
        WHERE run_id = ? ORDER BY part_key`,
      [id],
    );

  const proposalsOf = async (id: number): Promise<{ n: number; distinct: number }> => {
    const [row] = await sut.dataSource.query<{ n: string; distinct: string }[]>(
      'SELECT COUNT(*) AS n, COUNT(DISTINCT student_id) AS `distinct` FROM matching_proposals WHERE run_id = ?',
      [id],
    );
    return { n: Number(row.n), distinct: Number(row.distinct) };
  };

  it('two workers take its parts; the merged result is the one-part result', async () => {
    const id = await startRound();
    const run = await finished(id);
    expect(run).toMatchObject({ status: 'completed', stage: 'done', progress: 100 });
    expect(run.stats.digest).toBe(reference);
    expect(run.stats.matched).toBeGreaterThan(600);
    expect(await proposalsOf(id)).toEqual({ n: run.stats.matched, distinct: run.stats.matched });

    const parts = await partsOf(id);
    expect(parts.map((p) => [p.partKey, p.status])).toEqual([
      ['32', 'done'],
      ['33', 'done'],
      ['36', 'done'],
    ]);
    // Both processes took parts.
    expect(new Set(parts.map((p) => p.worker))).toEqual(new Set(workers.map((w) => w.id)));
  }, 60_000);

  it('a worker killed (SIGKILL) mid-part changes nothing but the time', async () => {
    const id = await startRound();
    // Catch a part in the act, freeze its worker, check it is still at it, then kill it.
    const caught = await pollFor(
      'a part being computed',
      async () => {
        const running = (await partsOf(id)).find((p) => p.status === 'running');
        const worker = workers.find((w) => w.id === running?.worker);
        if (!running || !worker) {
          return undefined;
        }
        worker.process.kill('SIGSTOP');
        const still = (await partsOf(id)).find((p) => p.partKey === running.partKey);
        if (still?.status === 'running' && still.worker === worker.id) {
          return { partKey: running.partKey, worker };
        }
        worker.process.kill('SIGCONT');
        return undefined;
      },
      30_000,
      10,
    );
    caught.worker.process.kill('SIGKILL');
    const survivor = workers.find((w) => w !== caught.worker) as Worker;
    workers.splice(workers.indexOf(caught.worker), 1);

    // The survivor finishes the other parts, then the killed one's once its lock has expired.
    const run = await finished(id);
    expect(run.status).toBe('completed');
    expect(run.stats.digest).toBe(reference);
    expect(await proposalsOf(id)).toEqual({ n: run.stats.matched, distinct: run.stats.matched });
    const killed = (await partsOf(id)).find((p) => p.partKey === caught.partKey);
    expect(killed).toMatchObject({ status: 'done', worker: survivor.id });
    expect(killed?.attempts).toBeGreaterThanOrEqual(2);
  }, 60_000);

  it('one worker alone gives the same result', async () => {
    expect(workers).toHaveLength(1);
    const id = await startRound();
    const run = await finished(id);
    expect(run.stats.digest).toBe(reference);
    expect(new Set((await partsOf(id)).map((p) => p.worker))).toEqual(new Set([workers[0].id]));
  }, 60_000);
});

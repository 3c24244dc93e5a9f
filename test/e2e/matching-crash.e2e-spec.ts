import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { Role } from '../../src/common/auth/role.enum';
import { createMatchingPopulation } from '../factories/bulk.factory';
import { createCompany } from '../factories/companies.factory';
import { createSchool } from '../factories/schools.factory';
import { createTestApp, resetState, signInAs, SignedIn, TestApp } from '../helpers/test-app';
import { pollFor } from '../helpers/poll';
import { REPO_ROOT } from '../helpers/test-env';

/** The real worker entry point in its own process, on this test's database and Redis prefix. */
function startWorker(): ChildProcess {
  return spawn(process.execPath, ['-r', '@swc-node/register', join(REPO_ROOT, 'src/worker.ts')], {
    cwd: REPO_ROOT,
    env: process.env,
    stdio: 'ignore',
  });
}

describe('A worker killed mid-round (e2e)', () => {
  let sut: TestApp;
  let coordinator: SignedIn;
  const workers: ChildProcess[] = [];

  beforeAll(async () => {
    // The API only: rounds are processed by the worker processes this test starts and kills.
    sut = await createTestApp([], { worker: false });
    await resetState(sut);
    const school = await createSchool(sut.dataSource);
    const company = await createCompany(sut.dataSource, { workforceSize: 100_000 });
    await createMatchingPopulation(sut.app, sut.dataSource, {
      schoolId: school.id,
      companyId: company.id,
      students: 6000,
      slots: 800,
    });
    coordinator = await signInAs(sut, Role.Coordinator);
  }, 120_000);
  afterAll(async () => {
    for (const worker of workers) {
      worker.kill('SIGKILL');
    }
    await sut.close();
  });

  const runStatus = async (
    id: number,
  ): Promise<{ status: string; stats: { matched: number } | null }> =>
    (await sut.http().get(`/api/v1/matching-runs/${id}`).set(coordinator.auth).expect(200)).body;

  it('is finished by another worker with the same proposals and no duplicates', async () => {
    const scope = { scope: { regionCodes: ['3672'] }, mode: 'stable', options: { seed: 3 } };

    // A reference round, run by a worker that is left alone.
    const reference = startWorker();
    workers.push(reference);
    const refId = (
      await sut.http().post('/api/v1/matching-runs').set(coordinator.auth).send(scope).expect(202)
    ).body.id;
    await pollFor(
      'the reference round',
      async () => ((await runStatus(refId)).status === 'completed' ? true : undefined),
      90_000,
    );
    reference.kill('SIGTERM');
    await pollFor(
      'the reference worker to exit',
      () =>
        Promise.resolve(
          reference.exitCode !== null || reference.signalCode !== null ? true : undefined,
        ),
      30_000,
    );

    // The same round again; its worker is killed with SIGKILL as soon as it starts working.
    const doomed = startWorker();
    workers.push(doomed);
    const id = (
      await sut.http().post('/api/v1/matching-runs').set(coordinator.auth).send(scope).expect(202)
    ).body.id;
    await pollFor(
      'the round to start',
      async () => ((await runStatus(id)).status === 'running' ? true : undefined),
      60_000,
    );
    doomed.kill('SIGKILL');
    await pollFor(
      'the killed worker to exit',
      () => Promise.resolve(doomed.signalCode !== null ? true : undefined),
      10_000,
    );
    expect((await runStatus(id)).status).toBe('running');

    // Another worker picks up the stalled job and finishes it.
    const rescuer = startWorker();
    workers.push(rescuer);
    const finished = await pollFor(
      'another worker to finish the round',
      async () => {
        const run = await runStatus(id);
        return ['completed', 'failed'].includes(run.status) ? run : undefined;
      },
      90_000,
    );
    expect(finished.status).toBe('completed');

    const pairs = async (runId: number): Promise<string[]> =>
      (
        await sut.dataSource.query<{ studentId: number; slotId: number }[]>(
          'SELECT student_id AS studentId, slot_id AS slotId FROM matching_proposals WHERE run_id = ? ORDER BY student_id',
          [runId],
        )
      ).map((p) => `${p.studentId}:${p.slotId}`);
    const expected = await pairs(refId);
    expect(expected.length).toBeGreaterThan(500);
    expect(await pairs(id)).toEqual(expected);
    const [{ n, distinct }] = await sut.dataSource.query<{ n: string; distinct: string }[]>(
      'SELECT COUNT(*) AS n, COUNT(DISTINCT student_id) AS `distinct` FROM matching_proposals WHERE run_id = ?',
      [id],
    );
    expect(Number(n)).toBe(Number(distinct));
    expect(finished.stats?.matched).toBe(expected.length);
  }, 240_000);

  it('a worker stopped with SIGTERM mid-round finishes the round before it exits', async () => {
    const scope = { scope: { regionCodes: ['3672'] }, mode: 'stable', options: { seed: 5 } };
    // Only this test's worker may take the round: stop the ones the previous test left running.
    for (const other of workers.splice(0)) {
      if (other.exitCode === null && other.signalCode === null) {
        const gone = new Promise<void>((resolve) => other.once('exit', () => resolve()));
        other.kill('SIGTERM');
        await gone;
      }
    }
    const worker = startWorker();
    workers.push(worker);
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    const id = (
      await sut.http().post('/api/v1/matching-runs').set(coordinator.auth).send(scope).expect(202)
    ).body.id;
    await pollFor(
      'the round to start',
      async () => ((await runStatus(id)).status === 'running' ? true : undefined),
      60_000,
    );
    worker.kill('SIGTERM');
    await exited;
    // Closing the queue waited for the job in hand: nothing is left for another worker to redo.
    const run = await runStatus(id);
    expect(run.status).toBe('completed');
    expect(run.stats?.matched).toBeGreaterThan(500);
  }, 120_000);
});

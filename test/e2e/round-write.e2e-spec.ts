import { QueryFailedError } from 'typeorm';
import { inTransaction } from '../../src/common/database/transaction';
import { WRITE_BATCH } from '../../src/modules/matching/matching.constants';
import { MatchingRepository } from '../../src/modules/matching/matching.repository';
import { createTestApp, resetState, TestApp } from '../helpers/test-app';

/**
 * The round's result rows as the writer sends them: a full batch as a prepared statement
 * (values sent binary), the rest as text. Both must store exactly the same thing.
 */
describe("Writing a round's result rows (e2e)", () => {
  let sut: TestApp;
  let runs: MatchingRepository;
  const RUN = 4242;

  // Explanations with what text escaping must get right: quotes, backslashes, non-ASCII.
  const proposal = (student: number, version: number): unknown[] => [
    RUN,
    student,
    100 + (student % 7),
    10 + (student % 3),
    20 + (student % 5),
    ((student % 1000) / 1000 + version / 1e6).toFixed(6),
    student % 4 === 0 ? null : (student % 50) + version,
    JSON.stringify({
      met: [{ unit: `U.${student}.001`, minLevel: 2, level: 3 }],
      message: `v${version} "kutip" \\ garis miring ' apostrof — Kab. Pandeglang ✓ ${student}`,
    }),
  ];

  const stored = async () =>
    sut.dataSource.query<Record<string, unknown>[]>(
      'SELECT run_id, student_id, slot_id, school_id, company_id, score, `rank`, explanation FROM matching_proposals WHERE run_id = ? ORDER BY student_id',
      [RUN],
    );

  const asStored = (row: unknown[]) => ({
    run_id: row[0],
    student_id: row[1],
    slot_id: row[2],
    school_id: row[3],
    company_id: row[4],
    score: row[5],
    rank: row[6],
    explanation: row[7],
  });

  beforeAll(async () => {
    sut = await createTestApp([], { worker: false });
    await resetState(sut);
    runs = sut.app.get(MatchingRepository);
  });

  afterAll(async () => {
    await sut.close();
  });

  beforeEach(async () => {
    await sut.dataSource.query('DELETE FROM matching_proposals WHERE run_id = ?', [RUN]);
  });

  it('stores a full batch (prepared) and a shorter one (text) alike, and upserts them', async () => {
    const students = Array.from({ length: WRITE_BATCH + 300 }, (_, i) => i + 1);
    const first = students.map((s) => proposal(s, 1));
    await runs.upsertProposals(first.slice(0, WRITE_BATCH));
    await runs.upsertProposals(first.slice(WRITE_BATCH));
    expect(await stored()).toEqual(first.map(asStored));

    // Written again with other values (a retried part): every row replaced, none added.
    const second = students.map((s) => proposal(s, 2));
    await runs.upsertProposals(second.slice(0, WRITE_BATCH));
    await runs.upsertProposals(second.slice(WRITE_BATCH));
    expect(await stored()).toEqual(second.map(asStored));
  });

  it("writes a prepared batch on the transaction's own connection: rolled back with it", async () => {
    const rows = Array.from({ length: WRITE_BATCH }, (_, i) => proposal(i + 1, 1));
    await expect(
      inTransaction(sut.dataSource, async (manager) => {
        await runs.upsertProposals(rows, manager);
        const [{ n }] = await manager.query<{ n: string }[]>(
          'SELECT COUNT(*) AS n FROM matching_proposals WHERE run_id = ?',
          [RUN],
        );
        expect(Number(n)).toBe(WRITE_BATCH);
        throw new Error('stop here');
      }),
    ).rejects.toThrow('stop here');
    expect((await stored()).length).toBe(0);
  });

  it("fails a prepared batch as a query fails: TypeORM's error, the driver's code", async () => {
    const rows = Array.from({ length: WRITE_BATCH }, (_, i) => proposal(i + 1, 1));
    rows[5][7] = null; // explanation is NOT NULL
    const failed = await runs.upsertProposals(rows).catch((error: unknown) => error);
    expect(failed).toBeInstanceOf(QueryFailedError);
    expect((failed as QueryFailedError & { driverError: { code: string } }).driverError.code).toBe(
      'ER_BAD_NULL_ERROR',
    );
    expect((await stored()).length).toBe(0);
  });
});

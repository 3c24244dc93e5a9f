import { getQueueToken } from '@nestjs/bull';
import type { Queue } from 'bull';
import { Role } from '../../src/common/auth/role.enum';
import { MATCHING_QUEUE } from '../../src/modules/matching/matching.constants';
import { createCompany, createSlot } from '../factories/companies.factory';
import { createCohort, createCourse } from '../factories/courses.factory';
import { createUnits } from '../factories/reference.factory';
import { createSchool } from '../factories/schools.factory';
import { createStudent } from '../factories/students.factory';
import { pollFor } from '../helpers/poll';
import { createTestApp, resetState, signInAs, SignedIn, TestApp } from '../helpers/test-app';
import { asBinary, readXlsx } from '../helpers/xlsx';

const WELD = 'C.251100.001.01';
const SAFETY = 'LOCAL-K3';

/** Polls a round until it leaves queued/running, or fails the test at the deadline. */
async function waitForRun(
  sut: TestApp,
  auth: Record<string, string>,
  id: number,
  deadlineMs = 30_000,
): Promise<
  Record<string, unknown> & {
    status: string;
    stats: Record<string, unknown> & { unmatchedByReason: Record<string, number> };
    timings: Record<string, number>;
  }
> {
  return pollFor(
    `round ${id} to leave queued/running`,
    async () => {
      const response = await sut.http().get(`/api/v1/matching-runs/${id}`).set(auth).expect(200);
      return ['queued', 'running'].includes(response.body.status) ? undefined : response.body;
    },
    deadlineMs,
    50,
  );
}

describe('Matching rounds (e2e)', () => {
  let sut: TestApp;
  let coordinator: SignedIn;
  let schoolAdmin: SignedIn;
  let companyAdmin: SignedIn;
  let slots: { id: number }[];
  let students: { id: number }[];

  beforeAll(async () => {
    sut = await createTestApp();
  });
  afterAll(() => sut.close());
  beforeEach(async () => {
    await resetState(sut);
    await createUnits(sut.dataSource, [{ code: WELD }, { code: SAFETY }]);
    const school = await createSchool(sut.dataSource, { programs: ['TPL', 'TKR'] });
    const company = await createCompany(sut.dataSource, { workforceSize: 100 });
    slots = [
      await createSlot(sut.dataSource, company.id, {
        title: 'Juru Las',
        capacity: 1,
        requirements: [{ unit: WELD, minLevel: 2 }],
      }),
      await createSlot(sut.dataSource, company.id, {
        title: 'Teknisi K3',
        capacity: 1,
        requirements: [{ unit: SAFETY, minLevel: 1 }],
      }),
    ];
    students = [
      await createStudent(sut.app, sut.dataSource, school.id, {
        programCode: 'TPL',
        units: { [WELD]: 4, [SAFETY]: 2 },
      }),
      await createStudent(sut.app, sut.dataSource, school.id, {
        programCode: 'TPL',
        units: { [WELD]: 3 },
      }),
      await createStudent(sut.app, sut.dataSource, school.id, {
        programCode: 'TKR',
        units: { [SAFETY]: 1 },
      }),
      await createStudent(sut.app, sut.dataSource, school.id, { programCode: 'TKR', units: {} }),
    ];
    coordinator = await signInAs(sut, Role.Coordinator);
    schoolAdmin = await signInAs(sut, Role.SchoolAdmin, { schoolId: school.id });
    companyAdmin = await signInAs(sut, Role.CompanyAdmin, { companyId: company.id });
  });

  const startRound = async (body: Record<string, unknown> = {}): Promise<number> => {
    const response = await sut
      .http()
      .post('/api/v1/matching-runs')
      .set(coordinator.auth)
      .send({ scope: { regionCodes: ['3672'], graduationYear: 2026 }, mode: 'stable', ...body })
      .expect(202);
    expect(response.body.status).toBe('queued');
    return response.body.id;
  };

  const proposalsOf = async (
    id: number,
    auth = coordinator.auth,
  ): Promise<Record<string, number>> => {
    const page = await sut
      .http()
      .get(`/api/v1/matching-runs/${id}/proposals`)
      .set(auth)
      .expect(200);
    return Object.fromEntries(
      page.body.items.map((p: { studentId: number; slotId: number }) => [p.studentId, p.slotId]),
    );
  };

  it('runs the whole flow through HTTP: round → proposals → publish → accept → active → completed', async () => {
    const id = await startRound();
    const run = await waitForRun(sut, coordinator.auth, id);
    expect(run).toMatchObject({ status: 'completed', stage: 'done', progress: 100 });
    expect(run.stats).toMatchObject({
      students: 4,
      matched: 2,
      unmatched: 2,
      stable: true,
      blockingPairs: 0,
    });
    expect(run.stats.unmatchedByReason.no_eligible_slot).toBe(1);
    expect(Object.keys(run.timings)).toEqual(expect.arrayContaining(['load', 'match', 'write']));

    // The best welder gets the welding slot; the K3 slot goes to the one who fits it best.
    const proposals = await proposalsOf(id);
    expect(proposals[students[0].id]).toBe(slots[0].id);
    expect(Object.values(proposals).sort()).toEqual([slots[0].id, slots[1].id].sort());
    const unmatched = await sut
      .http()
      .get(`/api/v1/matching-runs/${id}/unmatched`)
      .set(coordinator.auth)
      .expect(200);
    const noSkills = unmatched.body.items.find(
      (u: { studentId: number }) => u.studentId === students[3].id,
    );
    expect(noSkills.reasonCode).toBe('no_eligible_slot');
    // The slot a reason names comes with its title, for the console to say it in its language.
    const outranked = unmatched.body.items.find(
      (u: { reasonCode: string }) => u.reasonCode === 'outranked',
    );
    expect(String(outranked.slotId)).toBe(outranked.reason.slotId);
    expect(outranked.slotTitle).toBe(outranked.slotId === slots[0].id ? 'Juru Las' : 'Teknisi K3');
    expect(noSkills.slotTitle).toEqual(noSkills.slotId === null ? null : expect.any(String));

    const published = await sut
      .http()
      .post(`/api/v1/matching-runs/${id}/publish`)
      .set(coordinator.auth)
      .expect(200);
    expect(published.body).toEqual({ offered: 2, skipped: 0 });
    const events = await sut.dataSource.query<{ type: string }[]>(
      "SELECT type FROM outbox_events WHERE type = 'placement.offered'",
    );
    expect(events).toHaveLength(2);
    await sut.http().post(`/api/v1/matching-runs/${id}/publish`).set(coordinator.auth).expect(409);

    const offers = await sut
      .http()
      .get(`/api/v1/placements?runId=${id}`)
      .set(schoolAdmin.auth)
      .expect(200);
    expect(
      offers.body.items.map((p: { status: string; source: string }) => [p.status, p.source]),
    ).toEqual([
      ['offered', 'round'],
      ['offered', 'round'],
    ]);
    const placement = offers.body.items[0].id;
    await sut
      .http()
      .post(`/api/v1/placements/${placement}/accept`)
      .set(schoolAdmin.auth)
      .expect(200);
    await sut
      .http()
      .post(`/api/v1/placements/${placement}/start`)
      .set(companyAdmin.auth)
      .expect(200);
    const completed = await sut
      .http()
      .post(`/api/v1/placements/${placement}/complete`)
      .set(companyAdmin.auth)
      .send({ score: 5 })
      .expect(200);
    expect(completed.body.status).toBe('completed');
  });

  it('gives the same proposals when the same round runs twice on the same data', async () => {
    const first = await startRound({ options: { seed: 7 } });
    await waitForRun(sut, coordinator.auth, first);
    const second = await startRound({ options: { seed: 7 } });
    await waitForRun(sut, coordinator.auth, second);
    expect(await proposalsOf(second)).toEqual(await proposalsOf(first));
  });

  it("shows a school its students' rows and a company its slots' rows only", async () => {
    const id = await startRound();
    await waitForRun(sut, coordinator.auth, id);
    const otherSchool = await createSchool(sut.dataSource);
    const otherSchoolAdmin = await signInAs(sut, Role.SchoolAdmin, { schoolId: otherSchool.id });
    const otherCompany = await createCompany(sut.dataSource);
    const otherCompanyAdmin = await signInAs(sut, Role.CompanyAdmin, {
      companyId: otherCompany.id,
    });
    expect(Object.keys(await proposalsOf(id, schoolAdmin.auth))).toHaveLength(2);
    expect(Object.keys(await proposalsOf(id, companyAdmin.auth))).toHaveLength(2);
    expect(await proposalsOf(id, otherSchoolAdmin.auth)).toEqual({});
    expect(await proposalsOf(id, otherCompanyAdmin.auth)).toEqual({});
    const unmatched = await sut
      .http()
      .get(`/api/v1/matching-runs/${id}/unmatched`)
      .set(otherSchoolAdmin.auth)
      .expect(200);
    expect(unmatched.body.meta.total).toBe(0);
    await sut.http().get(`/api/v1/matching-runs/${id}`).set(schoolAdmin.auth).expect(403);
  });

  it("exports the proposals and the unmatched as CSV and as a typed .xlsx, within the caller's scope", async () => {
    await sut.dataSource.query("UPDATE students SET nisn = '0012345678' WHERE id = ?", [
      students[0].id,
    ]);
    const id = await startRound();
    await waitForRun(sut, coordinator.auth, id);
    const url = `/api/v1/matching-runs/${id}/proposals`;
    const csv = await sut.http().get(`${url}?format=csv`).set(coordinator.auth).expect(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    const lines = csv.text.trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'student_id,nisn,student_name,school_id,slot_id,slot_title,company_id,score,rank,explanation',
    );
    expect(lines).toHaveLength(3);

    const xlsx = await asBinary(sut.http().get(`${url}?format=xlsx`))
      .set(coordinator.auth)
      .expect(200);
    expect(xlsx.headers['content-disposition']).toBe(
      `attachment; filename="round-${id}-proposals.xlsx"`,
    );
    const [header, ...rows] = await readXlsx(xlsx);
    expect(header).toEqual(lines[0].split(','));
    expect(rows).toHaveLength(2);
    const best = rows.find((r) => r[0] === students[0].id)!;
    // Numbers stay numbers; the NISN keeps its leading zeros as text.
    expect(best[1]).toBe('0012345678');
    expect(best[4]).toBe(slots[0].id);
    expect(typeof best[7]).toBe('number');
    expect(best[7]).toBeGreaterThan(0);
    expect(JSON.parse(best[9] as string)).toEqual(expect.any(Object));

    const unmatched = await asBinary(
      sut.http().get(`/api/v1/matching-runs/${id}/unmatched?format=xlsx`),
    )
      .set(coordinator.auth)
      .expect(200);
    const [unmatchedHeader, ...unmatchedRows] = await readXlsx(unmatched);
    expect(unmatchedHeader).toEqual([
      'student_id',
      'nisn',
      'student_name',
      'school_id',
      'reason_code',
      'slot_id',
      'slot_title',
      'reason',
    ]);
    expect(unmatchedRows.map((r) => typeof r[0])).toEqual(['number', 'number']);
    expect(unmatchedRows.map((r) => r[4])).toContain('no_eligible_slot');
    // The outranked student's row names their first choice, by number and by title.
    const outrankedRow = unmatchedRows.find((r) => r[4] === 'outranked')!;
    expect([slots[0].id, slots[1].id]).toContain(outrankedRow[5]);
    expect(outrankedRow[6]).toBe(outrankedRow[5] === slots[0].id ? 'Juru Las' : 'Teknisi K3');

    // Another school's admin gets a file with the header only; the JSON list has no NISN.
    const otherSchool = await createSchool(sut.dataSource);
    const otherSchoolAdmin = await signInAs(sut, Role.SchoolAdmin, { schoolId: otherSchool.id });
    const foreign = await sut
      .http()
      .get(`${url}?format=csv`)
      .set(otherSchoolAdmin.auth)
      .expect(200);
    expect(foreign.text.trimEnd().split('\r\n')).toHaveLength(1);
    const json = await sut.http().get(url).set(coordinator.auth).expect(200);
    expect(json.body.items[0]).not.toHaveProperty('nisn');
    await sut.http().get(`${url}?format=pdf`).set(coordinator.auth).expect(400);
  });

  it('refuses a second round on an overlapping scope while one is queued; cancels a queued round', async () => {
    const queue = sut.app.get<Queue>(getQueueToken(MATCHING_QUEUE));
    await queue.pause(true);
    try {
      const id = await startRound();
      const clash = await sut
        .http()
        .post('/api/v1/matching-runs')
        .set(coordinator.auth)
        .send({ scope: { regionCodes: ['3672', '3601'] }, mode: 'optimal' })
        .expect(409);
      expect(clash.body).toMatchObject({ code: 'overlapping_run', details: { runId: id } });
      await startRound({ scope: { regionCodes: ['3601'] } });
      const cancelled = await sut
        .http()
        .post(`/api/v1/matching-runs/${id}/cancel`)
        .set(coordinator.auth)
        .expect(200);
      expect(cancelled.body.status).toBe('cancelled');
      await sut.http().post(`/api/v1/matching-runs/${id}/cancel`).set(coordinator.auth).expect(409);
      await startRound();
    } finally {
      await queue.resume(true);
    }
  });

  it('validates the request, naming the fields', async () => {
    const response = await sut
      .http()
      .post('/api/v1/matching-runs')
      .set(coordinator.auth)
      .send({ scope: { regionCodes: ['9999'], cohortId: 424242 }, mode: 'stable' })
      .expect(400);
    expect(response.body.details.map((d: { field: string }) => d.field).sort()).toEqual([
      'scope.cohortId',
      'scope.regionCodes',
    ]);
    const fairness = await sut
      .http()
      .post('/api/v1/matching-runs')
      .set(coordinator.auth)
      .send({ scope: {}, mode: 'optimal', options: { schoolCompanyCap: 1 } })
      .expect(422);
    expect(fairness.body.code).toBe('fairness_needs_stable_mode');
    await sut
      .http()
      .post('/api/v1/matching-runs')
      .set(coordinator.auth)
      .send({ scope: {}, mode: 'greedy' })
      .expect(400);
  });

  it("answers a region-limited coordinator's round on another region's cohort as on a missing one", async () => {
    const course = await createCourse(sut.dataSource, { [WELD]: 3 });
    const lebak = await createCohort(sut.dataSource, course.id, coordinator.userId, {
      regionCode: '3602',
    });
    const cilegon = await createCohort(sut.dataSource, course.id, coordinator.userId, {
      regionCode: '3672',
    });
    const cilegonOnly = await signInAs(sut, Role.Coordinator, { regionCodes: ['3672'] });
    const refused = await sut
      .http()
      .post('/api/v1/matching-runs')
      .set(cilegonOnly.auth)
      .send({ scope: { cohortId: lebak.id }, mode: 'stable' })
      .expect(400);
    expect(refused.body.details).toEqual([
      { field: 'scope.cohortId', problems: [`unknown cohort ${lebak.id}`] },
    ]);
    await sut
      .http()
      .post('/api/v1/matching-runs')
      .set(cilegonOnly.auth)
      .send({ scope: { cohortId: cilegon.id }, mode: 'stable' })
      .expect(202);
    // A coordinator for the whole province may use either.
    await sut
      .http()
      .post('/api/v1/matching-runs')
      .set(coordinator.auth)
      .send({ scope: { cohortId: lebak.id }, mode: 'stable' })
      .expect(202);
  });

  it('lets a student rank eligible open slots only, naming what is missing', async () => {
    const student = await signInAs(sut, Role.Student, { studentId: students[2].id });
    const refused = await sut
      .http()
      .put(`/api/v1/students/${students[2].id}/preferences`)
      .set(student.auth)
      .send({ slotIds: [slots[1].id, slots[0].id] })
      .expect(422);
    expect(refused.body).toMatchObject({
      code: 'not_eligible',
      details: { slotId: slots[0].id, missingUnit: WELD, minLevel: 2 },
    });
    await sut
      .http()
      .put(`/api/v1/students/${students[2].id}/preferences`)
      .set(student.auth)
      .send({ slotIds: [slots[1].id] })
      .expect(200);
    const mine = await sut
      .http()
      .get(`/api/v1/students/${students[2].id}/preferences`)
      .set(student.auth)
      .expect(200);
    expect(mine.body.slotIds).toEqual([slots[1].id]);
    await sut
      .http()
      .put(`/api/v1/students/${students[1].id}/preferences`)
      .set(student.auth)
      .send({ slotIds: [] })
      .expect(404);
    await sut
      .http()
      .put(`/api/v1/students/${students[2].id}/preferences`)
      .set(student.auth)
      .send({ slotIds: new Array(11).fill(0).map((_, i) => i + 1) })
      .expect(400);
  });

  it("uses a company's own ranking of candidates for its slot", async () => {
    await sut
      .http()
      .put(`/api/v1/slots/${slots[0].id}/ranking`)
      .set(companyAdmin.auth)
      .send({ studentIds: [students[1].id, students[0].id] })
      .expect(200);
    const id = await startRound();
    await waitForRun(sut, coordinator.auth, id);
    const proposals = await proposalsOf(id);
    // Student 0 also fits the K3 slot; the company's ranking puts student 1 first for welding.
    expect(proposals[students[1].id]).toBe(slots[0].id);
    expect(proposals[students[0].id]).toBe(slots[1].id);
  });

  it('leaves students with an open offer out of a follow-up round', async () => {
    const first = await startRound();
    await waitForRun(sut, coordinator.auth, first);
    await sut
      .http()
      .post(`/api/v1/matching-runs/${first}/publish`)
      .set(coordinator.auth)
      .expect(200);
    const second = await startRound();
    const run = await waitForRun(sut, coordinator.auth, second);
    expect(run.stats).toMatchObject({ students: 2, matched: 0 });
    expect(await proposalsOf(second)).toEqual({});
  });

  it('lets a follow-up round fill a declined seat, never proposing it again to who declined', async () => {
    const first = await startRound();
    await waitForRun(sut, coordinator.auth, first);
    await sut
      .http()
      .post(`/api/v1/matching-runs/${first}/publish`)
      .set(coordinator.auth)
      .expect(200);
    const offers = await sut
      .http()
      .get(`/api/v1/placements?runId=${first}`)
      .set(schoolAdmin.auth)
      .expect(200);
    const welding = offers.body.items.find((p: { slotId: number }) => p.slotId === slots[0].id);
    expect(welding.studentId).toBe(students[0].id);
    await sut
      .http()
      .post(`/api/v1/placements/${welding.id}/decline`)
      .set(schoolAdmin.auth)
      .expect(200);
    const other = offers.body.items.find((p: { slotId: number }) => p.slotId === slots[1].id);
    await sut
      .http()
      .post(`/api/v1/placements/${other.id}/accept`)
      .set(schoolAdmin.auth)
      .expect(200);

    const followUp = await startRound();
    const run = await waitForRun(sut, coordinator.auth, followUp);
    // The welding seat is free again; the student who declined it is not proposed it again.
    const proposals = await proposalsOf(followUp);
    expect(proposals[students[0].id]).not.toBe(slots[0].id);
    expect(proposals[students[1].id]).toBe(slots[0].id);
    expect(run.stats.matched).toBe(1);
  });
});

import { Role } from '../../src/common/auth/role.enum';
import { createCompany, createSlot } from '../factories/companies.factory';
import { createUnits } from '../factories/reference.factory';
import { createSchool } from '../factories/schools.factory';
import { createStudent } from '../factories/students.factory';
import { pollFor } from '../helpers/poll';
import { createTestApp, resetState, signInAs, TestApp } from '../helpers/test-app';

const WELD = 'C.251100.001.01';

/**
 * Hand-made offers are invitations: a company may offer a slot to more students than it has
 * free seats (a seat is taken only when an offer is accepted, atomically). A round must stay
 * correct whatever offers exist: an over-offered slot simply has no seat left to propose.
 */
describe('Rounds over an over-offered slot (e2e)', () => {
  let sut: TestApp;

  beforeAll(async () => {
    sut = await createTestApp();
  });
  afterAll(() => sut.close());
  beforeEach(() => resetState(sut));

  it('completes the round, proposing no seat of the over-offered slot and the others as usual', async () => {
    await createUnits(sut.dataSource, [{ code: WELD }]);
    const school = await createSchool(sut.dataSource, { programs: ['TPL'] });
    const company = await createCompany(sut.dataSource, { workforceSize: 100 });
    const crowded = await createSlot(sut.dataSource, company.id, {
      title: 'Juru Las',
      capacity: 1,
      requirements: [{ unit: WELD, minLevel: 1 }],
    });
    const other = await createSlot(sut.dataSource, company.id, {
      title: 'Juru Las Malam',
      capacity: 1,
      requirements: [{ unit: WELD, minLevel: 1 }],
    });
    const students = [];
    for (let i = 0; i < 4; i++) {
      students.push(
        await createStudent(sut.app, sut.dataSource, school.id, {
          programCode: 'TPL',
          units: { [WELD]: 2 + (i % 3) },
        }),
      );
    }
    const companyAdmin = await signInAs(sut, Role.CompanyAdmin, { companyId: company.id });
    // Three open offers on a slot with one seat, made through the API.
    for (const student of students.slice(0, 3)) {
      await sut
        .http()
        .post('/api/v1/placements')
        .set(companyAdmin.auth)
        .send({ studentId: student.id, slotId: crowded.id })
        .expect(201);
    }

    const coordinator = await signInAs(sut, Role.Coordinator);
    const created = await sut
      .http()
      .post('/api/v1/matching-runs')
      .set(coordinator.auth)
      .send({ scope: { regionCodes: ['3672'], graduationYear: 2026 }, mode: 'stable' })
      .expect(202);
    const run = await pollFor(
      'the round to finish',
      async () => {
        const r = await sut
          .http()
          .get(`/api/v1/matching-runs/${created.body.id}`)
          .set(coordinator.auth)
          .expect(200);
        return ['queued', 'running'].includes(r.body.status) ? undefined : r.body;
      },
      30_000,
      50,
    );
    expect(run).toMatchObject({ status: 'completed', error: null });
    const proposals = await sut
      .http()
      .get(`/api/v1/matching-runs/${created.body.id}/proposals`)
      .set(coordinator.auth)
      .expect(200);
    const bySlot = (proposals.body.items as { studentId: number; slotId: number }[]).map((p) => [
      p.studentId,
      p.slotId,
    ]);
    // The fourth student, without an offer, gets the other slot; nobody gets the crowded one.
    expect(bySlot).toEqual([[students[3].id, other.id]]);
  });
});

import { Role } from '../../src/common/auth/role.enum';
import { createCompany, createSlot } from '../factories/companies.factory';
import { createUnits } from '../factories/reference.factory';
import { createSchool } from '../factories/schools.factory';
import { createStudent } from '../factories/students.factory';
import { createTestApp, resetState, signInAs, SignedIn, TestApp } from '../helpers/test-app';

const UNIT = 'C.293000.001.01';

describe('Slots and the apprenticeship rules (e2e)', () => {
  let sut: TestApp;
  let companyId: number;
  let company: SignedIn;

  beforeAll(async () => {
    sut = await createTestApp();
  });
  afterAll(() => sut.close());
  beforeEach(async () => {
    await resetState(sut);
    await createUnits(sut.dataSource, [{ code: UNIT }, { code: 'LOCAL-K3' }]);
    companyId = (await createCompany(sut.dataSource, { workforceSize: 10 })).id;
    company = await signInAs(sut, Role.CompanyAdmin, { companyId });
  });

  const slotBody = (change: Record<string, unknown> = {}): Record<string, unknown> => ({
    title: 'Magang Mekanik',
    description: 'Perawatan mesin produksi',
    regionCode: '3672',
    requirements: [
      { unit: UNIT, minLevel: 2, weight: 2 },
      { unit: 'LOCAL-K3', minLevel: 1 },
    ],
    programCodes: ['TKR'],
    capacity: 1,
    startDate: '2027-01-01',
    endDate: '2027-06-30',
    stipend: 1_800_000,
    ...change,
  });

  it('creates a draft slot for the own company and opens it', async () => {
    const created = await sut
      .http()
      .post('/api/v1/slots')
      .set(company.auth)
      .send(slotBody())
      .expect(201);
    expect(created.body).toMatchObject({
      companyId,
      status: 'draft',
      filled: 0,
      programCodes: ['TKR'],
      requirements: [
        { unit: UNIT, minLevel: 2, weight: 2 },
        { unit: 'LOCAL-K3', minLevel: 1, weight: 1 },
      ],
    });
    const opened = await sut
      .http()
      .post(`/api/v1/slots/${created.body.id}/open`)
      .set(company.auth)
      .expect(200);
    expect(opened.body.status).toBe('open');
  });

  describe('duration (Permenaker 6/2020: at most 12 months)', () => {
    it('accepts exactly 12 months', async () => {
      await sut
        .http()
        .post('/api/v1/slots')
        .set(company.auth)
        .send(slotBody({ startDate: '2027-01-01', endDate: '2027-12-31' }))
        .expect(201);
    });

    it('refuses 12 months and a day, naming the rule', async () => {
      const response = await sut
        .http()
        .post('/api/v1/slots')
        .set(company.auth)
        .send(slotBody({ startDate: '2027-01-01', endDate: '2028-01-01' }))
        .expect(422);
      expect(response.body.code).toBe('slot_duration');
    });

    it('refuses an end before the start and an impossible date', async () => {
      const backwards = await sut
        .http()
        .post('/api/v1/slots')
        .set(company.auth)
        .send(slotBody({ endDate: '2026-12-01' }))
        .expect(422);
      expect(backwards.body.code).toBe('slot_duration');
      const impossible = await sut
        .http()
        .post('/api/v1/slots')
        .set(company.auth)
        .send(slotBody({ endDate: '2027-02-30' }))
        .expect(400);
      expect(impossible.body.details[0].field).toBe('endDate');
    });
  });

  describe('20 % of the workforce (Permenaker 6/2020)', () => {
    it('lets a company of 10 workers take 2 apprentices, not 3', async () => {
      await sut
        .http()
        .post('/api/v1/slots')
        .set(company.auth)
        .send(slotBody({ capacity: 2, status: 'open' }))
        .expect(201);
      const third = await sut
        .http()
        .post('/api/v1/slots')
        .set(company.auth)
        .send(slotBody({ capacity: 1, status: 'open' }))
        .expect(422);
      expect(third.body).toMatchObject({
        code: 'apprentice_quota',
        details: { limit: 2, peak: 3, on: '2027-01-01' },
      });
      // Not overlapping in time: allowed.
      await sut
        .http()
        .post('/api/v1/slots')
        .set(company.auth)
        .send(
          slotBody({ capacity: 2, status: 'open', startDate: '2027-07-01', endDate: '2027-12-31' }),
        )
        .expect(201);
    });

    it('counts accepted placements of closed slots, and refuses opening a slot over the limit', async () => {
      const school = await createSchool(sut.dataSource);
      const closed = await createSlot(sut.dataSource, companyId, {
        capacity: 2,
        status: 'closed' as never,
        filled: 2,
      });
      for (let i = 0; i < 2; i++) {
        const student = await createStudent(sut.app, sut.dataSource, school.id);
        await sut.dataSource.query(
          `INSERT INTO placements (student_id, slot_id, company_id, school_id, status, source, start_date, end_date)
           VALUES (?, ?, ?, ?, 'active', 'manual', '2027-01-04', '2027-06-30')`,
          [student.id, closed.id, companyId, school.id],
        );
      }
      const draft = await sut
        .http()
        .post('/api/v1/slots')
        .set(company.auth)
        .send(slotBody())
        .expect(201);
      const opening = await sut
        .http()
        .post(`/api/v1/slots/${draft.body.id}/open`)
        .set(company.auth)
        .expect(422);
      expect(opening.body.code).toBe('apprentice_quota');
      expect(
        await sut.dataSource.query('SELECT status FROM slots WHERE id = ?', [draft.body.id]),
      ).toEqual([{ status: 'draft' }]);
    });

    it('refuses raising the capacity of an open slot over the limit, and lowering the workforce under it', async () => {
      const slot = await sut
        .http()
        .post('/api/v1/slots')
        .set(company.auth)
        .send(slotBody({ capacity: 2, status: 'open' }))
        .expect(201);
      await sut
        .http()
        .patch(`/api/v1/slots/${slot.body.id}`)
        .set(company.auth)
        .send({ capacity: 3 })
        .expect(422);
      const shrink = await sut
        .http()
        .patch(`/api/v1/companies/${companyId}`)
        .set(company.auth)
        .send({ workforceSize: 9 })
        .expect(422);
      expect(shrink.body.code).toBe('apprentice_quota');
      await sut
        .http()
        .patch(`/api/v1/companies/${companyId}`)
        .set(company.auth)
        .send({ workforceSize: 15 })
        .expect(200);
    });

    it('two concurrent openings cannot both pass the limit', async () => {
      const drafts = [];
      for (let i = 0; i < 2; i++) {
        drafts.push(
          (
            await sut
              .http()
              .post('/api/v1/slots')
              .set(company.auth)
              .send(slotBody({ capacity: 2 }))
              .expect(201)
          ).body.id,
        );
      }
      const results = await Promise.all(
        drafts.map((id) => sut.http().post(`/api/v1/slots/${id}/open`).set(company.auth)),
      );
      expect(results.map((r) => r.status).sort()).toEqual([200, 422]);
    });
  });

  it('refuses units not in the catalogue with 422 naming them', async () => {
    const response = await sut
      .http()
      .post('/api/v1/slots')
      .set(company.auth)
      .send(slotBody({ requirements: [{ unit: 'Z.999999.999.99', minLevel: 1 }] }))
      .expect(422);
    expect(response.body).toMatchObject({
      code: 'unknown_competency_units',
      details: { units: ['Z.999999.999.99'] },
    });
  });

  it("keeps company A's admin out of company B's slots", async () => {
    const other = await createCompany(sut.dataSource);
    const otherSlot = await createSlot(sut.dataSource, other.id);
    await sut.http().get(`/api/v1/slots/${otherSlot.id}`).set(company.auth).expect(404);
    await sut
      .http()
      .patch(`/api/v1/slots/${otherSlot.id}`)
      .set(company.auth)
      .send({ title: 'Mine now' })
      .expect(404);
    await sut.http().post(`/api/v1/slots/${otherSlot.id}/close`).set(company.auth).expect(404);
    await sut
      .http()
      .post('/api/v1/slots')
      .set(company.auth)
      .send(slotBody({ companyId: other.id }))
      .expect(404);
    const [{ n }] = await sut.dataSource.query(
      'SELECT COUNT(*) AS n FROM slots WHERE company_id = ?',
      [other.id],
    );
    expect(Number(n)).toBe(1);
    const list = await sut.http().get('/api/v1/slots').set(company.auth).expect(200);
    expect(list.body.meta.total).toBe(0);
  });

  it('shows students only open slots, searchable by region, unit, programme and date', async () => {
    const school = await createSchool(sut.dataSource);
    const student = await createStudent(sut.app, sut.dataSource, school.id);
    const studentSession = await signInAs(sut, Role.Student, { studentId: student.id });
    const open = await createSlot(sut.dataSource, companyId, {
      requirements: [{ unit: UNIT, minLevel: 2 }],
      programCodes: ['TKR'],
    });
    await createSlot(sut.dataSource, companyId, { status: 'draft' as never });
    const elsewhere = await createSlot(sut.dataSource, companyId, {
      regionCode: '3601',
      programCodes: ['AKL'],
    });

    const all = await sut.http().get('/api/v1/slots').set(studentSession.auth).expect(200);
    expect(all.body.items.map((s: { id: number }) => s.id).sort()).toEqual(
      [open.id, elsewhere.id].sort(),
    );
    // The company by name, which a student may not read from /companies (403 there).
    const [{ name }] = await sut.dataSource.query('SELECT name FROM companies WHERE id = ?', [
      companyId,
    ]);
    expect(all.body.items.map((s: { companyName: string }) => s.companyName)).toEqual([name, name]);
    await sut.http().get(`/api/v1/companies/${companyId}`).set(studentSession.auth).expect(403);
    const one = await sut.http().get(`/api/v1/slots/${open.id}`).set(studentSession.auth);
    expect(one.body.companyName).toBe(name);
    const byUnit = await sut
      .http()
      .get(`/api/v1/slots?unit=${UNIT}`)
      .set(studentSession.auth)
      .expect(200);
    expect(byUnit.body.items.map((s: { id: number }) => s.id)).toEqual([open.id]);
    const byRegion = await sut
      .http()
      .get('/api/v1/slots?regionCode=3601')
      .set(studentSession.auth)
      .expect(200);
    expect(byRegion.body.items.map((s: { id: number }) => s.id)).toEqual([elsewhere.id]);
    const byProgram = await sut
      .http()
      .get('/api/v1/slots?programCode=TKR')
      .set(studentSession.auth)
      .expect(200);
    expect(byProgram.body.items.map((s: { id: number }) => s.id)).toEqual([open.id]);
    const byDate = await sut
      .http()
      .get('/api/v1/slots?date=2026-01-01')
      .set(studentSession.auth)
      .expect(200);
    expect(byDate.body.meta.total).toBe(0);
    const draftId = (await sut.dataSource.query("SELECT id FROM slots WHERE status = 'draft'"))[0]
      .id;
    await sut.http().get(`/api/v1/slots/${draftId}`).set(studentSession.auth).expect(404);
  });
});

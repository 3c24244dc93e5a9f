import { getQueueToken } from '@nestjs/bull';
import type { Queue } from 'bull';
import { Role } from '../../src/common/auth/role.enum';
import { MATCHING_QUEUE } from '../../src/modules/matching/matching.constants';
import { OutcomeStatus } from '../../src/modules/outcomes/outcomes.types';
import { createOutcome } from '../factories/analytics.factory';
import { createCompany, createSlot } from '../factories/companies.factory';
import { createUnits } from '../factories/reference.factory';
import { createSchool } from '../factories/schools.factory';
import { createStudent } from '../factories/students.factory';
import { createTestApp, resetState, signInAs, TestApp } from '../helpers/test-app';

/** A coordinator limited to some regions (users.region_codes) sees companies, slots and placements there only. */
describe('Region-limited coordinators (e2e)', () => {
  let sut: TestApp;

  beforeAll(async () => {
    sut = await createTestApp();
  });
  afterAll(() => sut.close());
  beforeEach(() => resetState(sut));

  it('sees only the companies, slots and placements of their regions', async () => {
    const cilegon = await createCompany(sut.dataSource, { regionCode: '3672', workforceSize: 500 });
    const lebak = await createCompany(sut.dataSource, { regionCode: '3602', workforceSize: 500 });
    const here = await createSlot(sut.dataSource, cilegon.id, { regionCode: '3672' });
    const there = await createSlot(sut.dataSource, lebak.id, { regionCode: '3602' });
    const school = await createSchool(sut.dataSource);
    const student = await createStudent(sut.app, sut.dataSource, school.id);
    const other = await createStudent(sut.app, sut.dataSource, school.id);
    const province = await signInAs(sut, Role.Coordinator);
    const offerHere = (
      await sut
        .http()
        .post('/api/v1/placements')
        .set(province.auth)
        .send({ studentId: student.id, slotId: here.id })
        .expect(201)
    ).body.id;
    const offerThere = (
      await sut
        .http()
        .post('/api/v1/placements')
        .set(province.auth)
        .send({ studentId: other.id, slotId: there.id })
        .expect(201)
    ).body.id;

    const limited = await signInAs(sut, Role.Coordinator, { regionCodes: ['3672'] });
    const ids = async (path: string): Promise<number[]> =>
      (await sut.http().get(path).set(limited.auth).expect(200)).body.items.map(
        (r: { id: number }) => r.id,
      );
    expect(await ids('/api/v1/companies')).toEqual([cilegon.id]);
    expect(await ids('/api/v1/slots')).toEqual([here.id]);
    expect(await ids('/api/v1/placements')).toEqual([offerHere]);
    await sut.http().get(`/api/v1/companies/${lebak.id}`).set(limited.auth).expect(404);
    await sut.http().get(`/api/v1/slots/${there.id}`).set(limited.auth).expect(404);
    await sut.http().get(`/api/v1/placements/${offerThere}`).set(limited.auth).expect(404);
    await sut.http().post(`/api/v1/slots/${there.id}/close`).set(limited.auth).expect(404);

    // The province-wide coordinator still sees everything.
    const all = await sut.http().get('/api/v1/slots').set(province.auth).expect(200);
    expect(all.body.meta.total).toBe(2);
  });

  it("refuses a slot for another region's company and an offer in another region's slot, writing nothing", async () => {
    const cilegon = await createCompany(sut.dataSource, { regionCode: '3672', workforceSize: 500 });
    const lebak = await createCompany(sut.dataSource, { regionCode: '3602', workforceSize: 500 });
    const there = await createSlot(sut.dataSource, lebak.id, { regionCode: '3602' });
    const here = await createSlot(sut.dataSource, cilegon.id, { regionCode: '3672' });
    const school = await createSchool(sut.dataSource);
    const student = await createStudent(sut.app, sut.dataSource, school.id);
    await createUnits(sut.dataSource, [{ code: 'LOCAL-K3' }]);
    const limited = await signInAs(sut, Role.Coordinator, { regionCodes: ['3672'] });
    const count = async (table: string): Promise<number> =>
      Number((await sut.dataSource.query(`SELECT COUNT(*) AS n FROM ${table}`))[0].n);
    const slotBody = (companyId: number, regionCode: string): Record<string, unknown> => ({
      companyId,
      title: 'Magang Teknisi',
      description: 'Perawatan',
      regionCode,
      requirements: [{ unit: 'LOCAL-K3', minLevel: 1 }],
      capacity: 1,
      startDate: '2027-01-04',
      endDate: '2027-06-30',
    });
    const slotsBefore = await count('slots');
    const refusedSlot = await sut
      .http()
      .post('/api/v1/slots')
      .set(limited.auth)
      .send(slotBody(lebak.id, '3602'))
      .expect(404);
    expect(refusedSlot.body.code).toBe('company_not_found');
    // Nor in their region for a company outside it (404: the company is hidden), nor outside it for
    // their own region's company (400 on regionCode: regions are public).
    await sut
      .http()
      .post('/api/v1/slots')
      .set(limited.auth)
      .send(slotBody(lebak.id, '3672'))
      .expect(404);
    const outsideRegion = await sut
      .http()
      .post('/api/v1/slots')
      .set(limited.auth)
      .send(slotBody(cilegon.id, '3602'))
      .expect(400);
    expect(outsideRegion.body.details).toEqual([
      { field: 'regionCode', problems: ['is outside your regions'] },
    ]);
    expect(await count('slots')).toBe(slotsBefore);
    const refusedOffer = await sut
      .http()
      .post('/api/v1/placements')
      .set(limited.auth)
      .send({ studentId: student.id, slotId: there.id })
      .expect(404);
    expect(refusedOffer.body.code).toBe('slot_not_found');
    expect(await count('placements')).toBe(0);
    expect(await count('outbox_events')).toBe(0);
    // The same requests within their regions pass, so the probes above are sound.
    await sut
      .http()
      .post('/api/v1/slots')
      .set(limited.auth)
      .send(slotBody(cilegon.id, '3672'))
      .expect(201);
    await sut
      .http()
      .post('/api/v1/placements')
      .set(limited.auth)
      .send({ studentId: student.id, slotId: here.id })
      .expect(201);
  });

  it('neither shows nor lets them act on a round reaching beyond their regions', async () => {
    const queue = sut.app.get<Queue>(getQueueToken(MATCHING_QUEUE));
    await queue.pause(true);
    try {
      const province = await signInAs(sut, Role.Coordinator);
      const startRound = async (regionCodes: string[]): Promise<number> =>
        (
          await sut
            .http()
            .post('/api/v1/matching-runs')
            .set(province.auth)
            .send({ scope: { regionCodes }, mode: 'stable' })
            .expect(202)
        ).body.id;
      const cilegonRound = await startRound(['3672']);
      const lebakRound = await startRound(['3602']);
      const limited = await signInAs(sut, Role.Coordinator, { regionCodes: ['3672'] });
      const listed = await sut.http().get('/api/v1/matching-runs').set(limited.auth).expect(200);
      expect(listed.body.items.map((r: { id: number }) => r.id)).toEqual([cilegonRound]);
      await sut.http().get(`/api/v1/matching-runs/${cilegonRound}`).set(limited.auth).expect(200);
      for (const path of ['', '/proposals', '/unmatched']) {
        await sut
          .http()
          .get(`/api/v1/matching-runs/${lebakRound}${path}`)
          .set(limited.auth)
          .expect(404);
      }
      // A refused cancel or publish changes nothing.
      const before = await sut.dataSource.query(
        'SELECT status, published_at FROM matching_runs WHERE id = ?',
        [lebakRound],
      );
      await sut
        .http()
        .post(`/api/v1/matching-runs/${lebakRound}/cancel`)
        .set(limited.auth)
        .expect(404);
      await sut
        .http()
        .post(`/api/v1/matching-runs/${lebakRound}/publish`)
        .set(limited.auth)
        .expect(404);
      expect(
        await sut.dataSource.query('SELECT status, published_at FROM matching_runs WHERE id = ?', [
          lebakRound,
        ]),
      ).toEqual(before);
      // Nor may they start one there.
      const refused = await sut
        .http()
        .post('/api/v1/matching-runs')
        .set(limited.auth)
        .send({ scope: { regionCodes: ['3672', '3602'] }, mode: 'stable' })
        .expect(400);
      expect(refused.body.details.map((d: { field: string }) => d.field)).toEqual([
        'scope.regionCodes',
      ]);
      // The province-wide coordinator sees both; the owner may cancel.
      const all = await sut.http().get('/api/v1/matching-runs').set(province.auth).expect(200);
      expect(all.body.meta.total).toBe(2);
      await sut
        .http()
        .post(`/api/v1/matching-runs/${lebakRound}/cancel`)
        .set(province.auth)
        .expect(200);
    } finally {
      await queue.resume(true);
    }
  });

  it("does not show them the outcomes of another region's graduates", async () => {
    const school = await createSchool(sut.dataSource);
    const lebakGraduate = await createStudent(sut.app, sut.dataSource, school.id, {
      domicileRegionCode: '3602',
    });
    const outcome = await createOutcome(sut.dataSource, lebakGraduate.id, OutcomeStatus.Studying);
    const limited = await signInAs(sut, Role.Coordinator, { regionCodes: ['3672'] });
    const province = await signInAs(sut, Role.Coordinator);
    await sut.http().get(`/api/v1/outcomes/${outcome.id}`).set(limited.auth).expect(404);
    await sut.http().get(`/api/v1/outcomes/${outcome.id}`).set(province.auth).expect(200);
    for (const filter of [`studentId=${lebakGraduate.id}`, `schoolId=${school.id}`, '']) {
      const mine = await sut.http().get(`/api/v1/outcomes?${filter}`).set(limited.auth).expect(200);
      expect(mine.body.meta.total).toBe(0);
      const all = await sut.http().get(`/api/v1/outcomes?${filter}`).set(province.auth).expect(200);
      expect(all.body.meta.total).toBe(1);
    }
  });

  it("shows them only their regions' schools' imports, and takes none for another region's school", async () => {
    const cilegon = await createSchool(sut.dataSource, { regionCode: '3672' });
    const lebak = await createSchool(sut.dataSource, { regionCode: '3602' });
    const header =
      'nisn,nik,name,birth_date,gender,program_code,domicile_region_code,enrolment_year\n';
    const upload = (auth: { Authorization: string }, schoolId: number, status: number) =>
      sut
        .http()
        .post('/api/v1/imports/students')
        .set(auth)
        .attach('file', Buffer.from(header), 'students.csv')
        .field('schoolId', String(schoolId))
        .expect(status);
    const province = await signInAs(sut, Role.Coordinator);
    const here = (await upload(province.auth, cilegon.id, 202)).body.id as number;
    const there = (await upload(province.auth, lebak.id, 202)).body.id as number;

    const limited = await signInAs(sut, Role.Coordinator, { regionCodes: ['3672'] });
    const listed = await sut.http().get('/api/v1/imports').set(limited.auth).expect(200);
    expect(listed.body.items.map((i: { id: number }) => i.id)).toEqual([here]);
    await sut.http().get(`/api/v1/imports/${here}`).set(limited.auth).expect(200);
    for (const path of [`/api/v1/imports/${there}`, `/api/v1/imports/${there}/errors`]) {
      await sut.http().get(path).set(limited.auth).expect(404);
      await sut.http().get(path).set(province.auth).expect(200);
    }
    await upload(limited.auth, lebak.id, 404);
    expect(await sut.dataSource.query('SELECT COUNT(*) AS n FROM imports')).toEqual([{ n: '2' }]);
  });
});

import { Role } from '../../src/common/auth/role.enum';
import { createCompany, createSlot } from '../factories/companies.factory';
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
});

import { Role } from '../../src/common/auth/role.enum';
import { createCompany } from '../factories/companies.factory';
import { createSchool } from '../factories/schools.factory';
import {
  createTestApp,
  loginAsAdmin,
  resetState,
  signInAs,
  SignedIn,
  TestApp,
} from '../helpers/test-app';

describe('Companies and agreements (e2e)', () => {
  let sut: TestApp;
  let coordinator: SignedIn;

  beforeAll(async () => {
    sut = await createTestApp();
  });
  afterAll(() => sut.close());
  beforeEach(async () => {
    await resetState(sut);
    coordinator = await signInAs(sut, Role.Coordinator);
  });

  const body = {
    nib: '9120001234567',
    name: 'PT Krakatau Baja Cilegon',
    kbliCode: '24101',
    regionCode: '3672',
    workforceSize: 250,
    contactEmail: 'hrd@kbc.co.id',
  };

  it('registers and verifies a company; shows its apprentice limit', async () => {
    const created = await sut
      .http()
      .post('/api/v1/companies')
      .set(coordinator.auth)
      .send(body)
      .expect(201);
    expect(created.body).toMatchObject({ nib: body.nib, apprenticeLimit: 50, verifiedAt: null });
    const verified = await sut
      .http()
      .post(`/api/v1/companies/${created.body.id}/verify`)
      .set(coordinator.auth)
      .expect(200);
    expect(verified.body.verifiedAt).not.toBeNull();
  });

  it.each([
    [{ nib: '123' }, 'nib'],
    [{ kbliCode: 'XYZ' }, 'kbliCode'],
    [{ regionCode: '9999' }, 'regionCode'],
    [{ workforceSize: 0 }, 'workforceSize'],
  ])('refuses %o naming the field, writing nothing', async (change, field) => {
    const response = await sut
      .http()
      .post('/api/v1/companies')
      .set(coordinator.auth)
      .send({ ...body, ...change })
      .expect(400);
    expect(response.body.details.map((d: { field: string }) => d.field)).toContain(field);
    const [{ n }] = await sut.dataSource.query('SELECT COUNT(*) AS n FROM companies');
    expect(Number(n)).toBe(0);
  });

  it('refuses a duplicate NIB with 409', async () => {
    await sut.http().post('/api/v1/companies').set(coordinator.auth).send(body).expect(201);
    const again = await sut
      .http()
      .post('/api/v1/companies')
      .set(coordinator.auth)
      .send({ ...body, name: 'Other' })
      .expect(409);
    expect(again.body.details[0].field).toBe('nib');
  });

  it("keeps a company_admin to their own company: 404 for another's, own fields only", async () => {
    const a = await createCompany(sut.dataSource);
    const b = await createCompany(sut.dataSource);
    const adminA = await signInAs(sut, Role.CompanyAdmin, { companyId: a.id });
    await sut.http().get(`/api/v1/companies/${b.id}`).set(adminA.auth).expect(404);
    const list = await sut.http().get('/api/v1/companies').set(adminA.auth).expect(200);
    expect(list.body.items.map((c: { id: number }) => c.id)).toEqual([a.id]);
    await sut
      .http()
      .patch(`/api/v1/companies/${a.id}`)
      .set(adminA.auth)
      .send({ contactName: 'Bu Sari' })
      .expect(200);
    const renamed = await sut
      .http()
      .patch(`/api/v1/companies/${a.id}`)
      .set(adminA.auth)
      .send({ name: 'Hijacked' })
      .expect(400);
    expect(renamed.body.details[0].field).toBe('name');
    await sut.http().post('/api/v1/companies').set(adminA.auth).send(body).expect(403);
  });

  it('lists with pagination and search', async () => {
    for (let i = 0; i < 3; i++) {
      await createCompany(sut.dataSource, { name: `PT Nusantara ${i}` });
    }
    await createCompany(sut.dataSource, { name: 'CV Lain' });
    const page = await sut
      .http()
      .get('/api/v1/companies?search=Nusantara&pageSize=2')
      .set(coordinator.auth)
      .expect(200);
    expect(page.body.meta).toEqual({ page: 1, pageSize: 2, total: 3 });
  });

  it('records an agreement that both sides see, and no one else', async () => {
    const school = await createSchool(sut.dataSource, { programs: ['TKR', 'TPM'] });
    const otherSchool = await createSchool(sut.dataSource);
    const company = await createCompany(sut.dataSource);
    const schoolAdmin = await signInAs(sut, Role.SchoolAdmin, { schoolId: school.id });
    const created = await sut
      .http()
      .post('/api/v1/agreements')
      .set(schoolAdmin.auth)
      .send({
        companyId: company.id,
        documentNumber: 'PKS/001/2026',
        validFrom: '2026-01-01',
        validUntil: '2028-12-31',
        programCodes: ['TKR'],
      })
      .expect(201);
    expect(created.body).toMatchObject({ schoolId: school.id, programCodes: ['TKR'] });
    const companyAdmin = await signInAs(sut, Role.CompanyAdmin, { companyId: company.id });
    await sut
      .http()
      .get(`/api/v1/agreements/${created.body.id}`)
      .set(companyAdmin.auth)
      .expect(200);
    const otherAdmin = await signInAs(sut, Role.SchoolAdmin, { schoolId: otherSchool.id });
    await sut.http().get(`/api/v1/agreements/${created.body.id}`).set(otherAdmin.auth).expect(404);
    const bad = await sut
      .http()
      .post('/api/v1/agreements')
      .set(schoolAdmin.auth)
      .send({
        companyId: company.id,
        documentNumber: 'X',
        validFrom: '2026-01-01',
        validUntil: '2025-12-31',
        programCodes: ['AKL'],
      })
      .expect(400);
    expect(bad.body.details.map((d: { field: string }) => d.field).sort()).toEqual([
      'programCodes',
      'validUntil',
    ]);
    const admin = await loginAsAdmin(sut);
    const all = await sut
      .http()
      .get('/api/v1/agreements?validOn=2027-06-01')
      .set(admin.auth)
      .expect(200);
    expect(all.body.meta.total).toBe(1);
  });

  it('keeps a region-limited coordinator to agreements with a school or a company in their regions', async () => {
    const schoolHere = await createSchool(sut.dataSource, { regionCode: '3672' });
    const schoolThere = await createSchool(sut.dataSource, { regionCode: '3602' });
    const companyHere = await createCompany(sut.dataSource, { regionCode: '3672' });
    const companyThere = await createCompany(sut.dataSource, { regionCode: '3602' });
    const agree = (who: SignedIn, schoolId: number, companyId: number) =>
      sut
        .http()
        .post('/api/v1/agreements')
        .set(who.auth)
        .send({
          schoolId,
          companyId,
          documentNumber: `PKS/${schoolId}/${companyId}`,
          validFrom: '2026-01-01',
          validUntil: '2027-12-31',
          programCodes: [],
        });
    const bySchool = (await agree(coordinator, schoolHere.id, companyThere.id).expect(201)).body.id;
    const byCompany = (await agree(coordinator, schoolThere.id, companyHere.id).expect(201)).body
      .id;
    const outside = (await agree(coordinator, schoolThere.id, companyThere.id).expect(201)).body.id;
    const regional = await signInAs(sut, Role.Coordinator, { regionCodes: ['3672'] });

    const list = await sut.http().get('/api/v1/agreements').set(regional.auth).expect(200);
    expect(list.body.items.map((a: { id: number }) => a.id)).toEqual([bySchool, byCompany]);
    expect(list.body.meta.total).toBe(2);
    await sut.http().get(`/api/v1/agreements/${bySchool}`).set(regional.auth).expect(200);
    await sut.http().get(`/api/v1/agreements/${byCompany}`).set(regional.auth).expect(200);
    const hidden = await sut
      .http()
      .get(`/api/v1/agreements/${outside}`)
      .set(regional.auth)
      .expect(404);
    expect(hidden.body.code).toBe('agreement_not_found');

    const refused = await agree(regional, schoolThere.id, companyThere.id).expect(404);
    expect(refused.body).toMatchObject({
      code: 'school_not_found',
      message: `school ${schoolThere.id} not found`,
    });
    await agree(regional, schoolThere.id, companyHere.id).expect(201);
    const [{ n }] = await sut.dataSource.query('SELECT COUNT(*) AS n FROM agreements');
    expect(Number(n)).toBe(4);

    // The province-wide coordinator and the admin still see them all.
    const admin = await loginAsAdmin(sut);
    for (const who of [coordinator, admin]) {
      const all = await sut.http().get('/api/v1/agreements').set(who.auth).expect(200);
      expect(all.body.meta.total).toBe(4);
      await sut.http().get(`/api/v1/agreements/${outside}`).set(who.auth).expect(200);
    }
  });
});

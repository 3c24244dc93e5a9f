import { Role } from '../../src/common/auth/role.enum';
import { KARIRHUB_COLUMNS } from '../../src/modules/vacancy-reports/vacancy-reports.service';
import { createCompany } from '../factories/companies.factory';
import { createUnits } from '../factories/reference.factory';
import { createTestApp, resetState, signInAs, SignedIn, TestApp } from '../helpers/test-app';
import { asBinary, readXlsx } from '../helpers/xlsx';

describe('Vacancy reports (e2e)', () => {
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

  const line = {
    title: 'Operator Mesin CNC',
    kbjiCode: '7223',
    count: 3,
    educationLevel: 'SMK',
    regionCode: '3672',
    wageMin: 4_800_000,
    wageMax: 6_000_000,
  };

  it('exports a known report in the documented Karirhub columns, and lists who has not reported', async () => {
    const reporter = await createCompany(sut.dataSource, {
      nib: '9120009999991',
      name: 'PT Baja "Utama", Tbk',
      kbliCode: '24101',
    });
    const silent = await createCompany(sut.dataSource, { name: 'CV Diam' });
    await createUnits(sut.dataSource, [{ code: 'C.282000.003.02' }]);
    const companyAdmin = await signInAs(sut, Role.CompanyAdmin, { companyId: reporter.id });
    const created = await sut
      .http()
      .post('/api/v1/vacancy-reports')
      .set(companyAdmin.auth)
      .send({ period: '2026-11', vacancies: [{ ...line, unitCodes: ['C.282000.003.02'] }] })
      .expect(201);
    expect(created.body[0]).toMatchObject({
      companyId: reporter.id,
      count: 3,
      unitCodes: ['C.282000.003.02'],
    });

    const csv = await sut
      .http()
      .get('/api/v1/vacancy-reports/export?period=2026-11')
      .set(coordinator.auth)
      .expect(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const today = new Date().toISOString().slice(0, 10);
    expect(csv.text).toBe(
      `${KARIRHUB_COLUMNS.join(',')}\r\n` +
        `2026-11,9120009999991,"PT Baja ""Utama"", Tbk",24101,Operator Mesin CNC,7223,3,SMK,3672,Kota Cilegon,4800000,6000000,${today}\r\n`,
    );
    expect(KARIRHUB_COLUMNS).toEqual([
      'periode',
      'nib',
      'nama_perusahaan',
      'kbli',
      'jabatan',
      'kode_kbji',
      'jumlah_lowongan',
      'pendidikan_minimal',
      'kode_wilayah',
      'nama_wilayah',
      'gaji_min',
      'gaji_max',
      'tanggal_lapor',
    ]);

    const missing = await sut
      .http()
      .get('/api/v1/vacancy-reports/non-reporters?period=2026-11')
      .set(coordinator.auth)
      .expect(200);
    expect(missing.body.items.map((c: { companyId: number }) => c.companyId)).toEqual([silent.id]);
    const october = await sut
      .http()
      .get('/api/v1/vacancy-reports/non-reporters?period=2026-10')
      .set(coordinator.auth)
      .expect(200);
    expect(october.body.meta.total).toBe(2);
  });

  it('exports the same report as a typed .xlsx: counts and wages numbers, the date a date, codes text', async () => {
    const company = await createCompany(sut.dataSource, {
      nib: '0120009999991',
      name: 'PT Nol Depan',
      kbliCode: '01111',
    });
    const companyAdmin = await signInAs(sut, Role.CompanyAdmin, { companyId: company.id });
    await sut
      .http()
      .post('/api/v1/vacancy-reports')
      .set(companyAdmin.auth)
      .send({ period: '2026-11', vacancies: [line] })
      .expect(201);
    const res = await asBinary(
      sut.http().get('/api/v1/vacancy-reports/export?period=2026-11&format=xlsx'),
    )
      .set(coordinator.auth)
      .expect(200);
    expect(res.headers['content-disposition']).toBe('attachment; filename="karirhub-2026-11.xlsx"');
    const [header, row, ...rest] = await readXlsx(res);
    expect(header).toEqual(KARIRHUB_COLUMNS);
    expect(rest).toEqual([]);
    const today = new Date().toISOString().slice(0, 10);
    expect(row).toEqual([
      '2026-11',
      '0120009999991',
      'PT Nol Depan',
      '01111',
      'Operator Mesin CNC',
      '7223',
      3,
      'SMK',
      '3672',
      'Kota Cilegon',
      4_800_000,
      6_000_000,
      new Date(`${today}T00:00:00Z`),
    ]);
    await sut
      .http()
      .get('/api/v1/vacancy-reports/export?period=2026-11&format=pdf')
      .set(coordinator.auth)
      .expect(400);
  });

  it('refuses bad lines naming each field, writing nothing', async () => {
    const company = await createCompany(sut.dataSource);
    const response = await sut
      .http()
      .post('/api/v1/vacancy-reports')
      .set(coordinator.auth)
      .send({
        companyId: company.id,
        period: '2026-11',
        vacancies: [line, { ...line, wageMax: 1, regionCode: '9999', unitCodes: ['NOPE'] }],
      })
      .expect(400);
    expect(response.body.details.map((d: { field: string }) => d.field).sort()).toEqual([
      'vacancies.1.regionCode',
      'vacancies.1.unitCodes',
      'vacancies.1.wageMax',
    ]);
    const bad = await sut
      .http()
      .post('/api/v1/vacancy-reports')
      .set(coordinator.auth)
      .send({ companyId: company.id, period: '2026-13', vacancies: [{ ...line, kbjiCode: 'x' }] })
      .expect(400);
    expect(bad.body.details.map((d: { field: string }) => d.field).sort()).toEqual([
      'period',
      'vacancies.0.kbjiCode',
    ]);
    const [{ n }] = await sut.dataSource.query('SELECT COUNT(*) AS n FROM vacancy_reports');
    expect(Number(n)).toBe(0);
  });

  it('keeps a company to its own reports and the export to coordinators', async () => {
    const a = await createCompany(sut.dataSource);
    const b = await createCompany(sut.dataSource);
    const adminA = await signInAs(sut, Role.CompanyAdmin, { companyId: a.id });
    await sut
      .http()
      .post('/api/v1/vacancy-reports')
      .set(coordinator.auth)
      .send({ companyId: b.id, period: '2026-11', vacancies: [line] })
      .expect(201);
    await sut
      .http()
      .post('/api/v1/vacancy-reports')
      .set(adminA.auth)
      .send({ companyId: b.id, period: '2026-11', vacancies: [line] })
      .expect(404);
    const list = await sut.http().get('/api/v1/vacancy-reports').set(adminA.auth).expect(200);
    expect(list.body.meta.total).toBe(0);
    await sut
      .http()
      .get('/api/v1/vacancy-reports/export?period=2026-11')
      .set(adminA.auth)
      .expect(403);
    await sut
      .http()
      .get('/api/v1/vacancy-reports/export?period=11-2026')
      .set(coordinator.auth)
      .expect(400);
  });

  it('keeps a region-limited coordinator to the reports, export and non-reporters of their regions', async () => {
    const cilegon = await createCompany(sut.dataSource, { regionCode: '3672', name: 'PT Cilegon' });
    const lebak = await createCompany(sut.dataSource, { regionCode: '3602', name: 'PT Lebak' });
    const silentHere = await createCompany(sut.dataSource, { regionCode: '3672', name: 'CV Diam' });
    await createCompany(sut.dataSource, { regionCode: '3602', name: 'CV Sepi' });
    for (const company of [cilegon, lebak]) {
      await sut
        .http()
        .post('/api/v1/vacancy-reports')
        .set(coordinator.auth)
        .send({ companyId: company.id, period: '2026-11', vacancies: [line] })
        .expect(201);
    }
    const regional = await signInAs(sut, Role.Coordinator, { regionCodes: ['3672'] });

    const list = await sut.http().get('/api/v1/vacancy-reports').set(regional.auth).expect(200);
    expect(list.body.items.map((r: { companyId: number }) => r.companyId)).toEqual([cilegon.id]);
    expect(list.body.meta.total).toBe(1);
    const named = await sut
      .http()
      .get(`/api/v1/vacancy-reports?companyId=${lebak.id}`)
      .set(regional.auth)
      .expect(200);
    expect(named.body.meta.total).toBe(0);
    const csv = await sut
      .http()
      .get('/api/v1/vacancy-reports/export?period=2026-11')
      .set(regional.auth)
      .expect(200);
    const rows = csv.text.trim().split('\r\n').slice(1);
    expect(rows.map((r) => r.split(',')[1])).toEqual([cilegon.nib]);
    const missing = await sut
      .http()
      .get('/api/v1/vacancy-reports/non-reporters?period=2026-11')
      .set(regional.auth)
      .expect(200);
    expect(missing.body.items.map((c: { companyId: number }) => c.companyId)).toEqual([
      silentHere.id,
    ]);
    expect(missing.body.meta.total).toBe(1);

    const refused = await sut
      .http()
      .post('/api/v1/vacancy-reports')
      .set(regional.auth)
      .send({ companyId: lebak.id, period: '2026-12', vacancies: [line] })
      .expect(404);
    expect(refused.body).toMatchObject({
      code: 'company_not_found',
      message: `company ${lebak.id} not found`,
    });
    await sut
      .http()
      .post('/api/v1/vacancy-reports')
      .set(regional.auth)
      .send({ companyId: cilegon.id, period: '2026-12', vacancies: [line] })
      .expect(201);
    const [{ n }] = await sut.dataSource.query(
      "SELECT COUNT(*) AS n FROM vacancy_reports WHERE period = '2026-12'",
    );
    expect(Number(n)).toBe(1);

    // The province-wide coordinator still sees every company.
    const all = await sut.http().get('/api/v1/vacancy-reports').set(coordinator.auth).expect(200);
    expect(all.body.meta.total).toBe(3);
    const allMissing = await sut
      .http()
      .get('/api/v1/vacancy-reports/non-reporters?period=2026-11')
      .set(coordinator.auth)
      .expect(200);
    expect(allMissing.body.meta.total).toBe(2);
  });
});

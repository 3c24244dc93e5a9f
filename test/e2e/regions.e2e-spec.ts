import { readAreaDataset } from '../../src/database/seeds/area-dataset';
import { seedRegions } from '../../src/database/seeds/regions.seed';
import type { AreaDataset } from '../../src/database/seeds/area-dataset';
import { Role } from '../../src/common/auth/role.enum';
import { createSchool } from '../factories/schools.factory';
import {
  createTestApp,
  loginAsAdmin,
  resetState,
  signInAs,
  SignedIn,
  TestApp,
} from '../helpers/test-app';

describe('Regions (e2e)', () => {
  let sut: TestApp;
  let user: SignedIn;
  let admin: SignedIn;

  beforeAll(async () => {
    sut = await createTestApp();
    await resetState(sut);
    user = await signInAs(sut, Role.Student, { studentId: 1 });
    admin = await loginAsAdmin(sut);
  });
  afterAll(() => sut.close());

  /** Runs the seed on its own connection, in a transaction as the CLI does. */
  const seed = (dataset?: AreaDataset): ReturnType<typeof seedRegions> =>
    sut.dataSource.transaction((manager) => seedRegions(manager.queryRunner!, dataset));
  const tableSums = async (): Promise<string[]> =>
    (await sut.dataSource.query('CHECKSUM TABLE regions, districts')).map(
      (r: { Checksum: string }) => String(r.Checksum),
    );

  it("holds the country's 514 regencies/cities of 38 provinces, paged and filtered by province", async () => {
    const all = await sut.http().get('/api/v1/regions?pageSize=100').set(user.auth).expect(200);
    expect(all.body.meta.total).toBe(514);
    expect(all.body.items).toHaveLength(100);
    const [{ n }] = await sut.dataSource.query(
      'SELECT COUNT(DISTINCT province_code) AS n FROM regions',
    );
    expect(Number(n)).toBe(38);
    // The whole country in one page (a select loads it in one call); more than 1,000 is refused.
    const whole = await sut.http().get('/api/v1/regions?pageSize=1000').set(user.auth).expect(200);
    expect(whole.body.items).toHaveLength(514);
    const tooMany = await sut
      .http()
      .get('/api/v1/regions?pageSize=1001')
      .set(user.auth)
      .expect(400);
    expect(tooMany.body.details[0].field).toBe('pageSize');
    // Other lists keep 100 at most (a region's districts among them).
    await sut.http().get('/api/v1/regions/3273/districts?pageSize=101').set(user.auth).expect(400);
    const banten = await sut
      .http()
      .get('/api/v1/regions?provinceCode=36')
      .set(user.auth)
      .expect(200);
    expect(banten.body.meta.total).toBe(8);
    expect(banten.body.items.map((r: { code: string }) => r.code)).toEqual([
      '3601',
      '3602',
      '3603',
      '3604',
      '3671',
      '3672',
      '3673',
      '3674',
    ]);
    const bandung = await sut.http().get('/api/v1/regions?q=bandung').set(user.auth).expect(200);
    expect(bandung.body.items.map((r: { code: string; name: string }) => [r.code, r.name])).toEqual(
      [
        ['3204', 'Kabupaten Bandung'],
        ['3217', 'Kabupaten Bandung Barat'],
        ['3273', 'Kota Bandung'],
      ],
    );
  });

  it("keeps Banten's profiles; other regions start with none", async () => {
    const coastal = await sut
      .http()
      .get('/api/v1/regions?profile=coastal_tourism')
      .set(user.auth)
      .expect(200);
    expect(coastal.body.items.map((r: { name: string }) => r.name)).toEqual([
      'Kabupaten Pandeglang',
      'Kabupaten Lebak',
    ]);
    const cilegon = await sut.http().get('/api/v1/regions/3672').set(user.auth).expect(200);
    expect(cilegon.body).toEqual({
      code: '3672',
      name: 'Kota Cilegon',
      provinceCode: '36',
      provinceName: 'Banten',
      kind: 'kota',
      profiles: ['industrial'],
      retired: false,
    });
    const bandung = await sut.http().get('/api/v1/regions/3273').set(user.auth).expect(200);
    expect(bandung.body).toMatchObject({
      name: 'Kota Bandung',
      provinceName: 'Jawa Barat',
      kind: 'kota',
      profiles: [],
    });
  });

  it('answers 404 for an unknown code and 400 for a malformed one', async () => {
    await sut.http().get('/api/v1/regions/3699').set(user.auth).expect(404);
    const bad = await sut.http().get('/api/v1/regions/abc').set(user.auth).expect(400);
    expect(bad.body.details[0].field).toBe('code');
    await sut.http().get('/api/v1/regions?profile=volcano').set(user.auth).expect(400);
  });

  it("lists a region's districts (kecamatan), paged", async () => {
    const page = await sut
      .http()
      .get('/api/v1/regions/3672/districts?pageSize=3')
      .set(user.auth)
      .expect(200);
    expect(page.body.meta.total).toBe(8);
    expect(page.body.items[0]).toEqual({
      code: '367201',
      regionCode: '3672',
      name: 'Cibeber',
      retired: false,
    });
    expect(page.body.items).toHaveLength(3);
    await sut.http().get('/api/v1/regions/3699/districts').set(user.auth).expect(404);
    await sut.http().get('/api/v1/regions/36/districts').set(user.auth).expect(400);
  });

  describe('PATCH /api/v1/regions/{code}', () => {
    afterEach(async () => {
      await sut.http().patch('/api/v1/regions/3273').set(admin.auth).send({ profiles: [] });
    });

    it('lets an admin set the profiles of a region, which the profile filter then finds', async () => {
      const patched = await sut
        .http()
        .patch('/api/v1/regions/3273')
        .set(admin.auth)
        .send({ profiles: ['services', 'industrial'] })
        .expect(200);
      expect(patched.body).toMatchObject({ code: '3273', profiles: ['industrial', 'services'] });
      const services = await sut
        .http()
        .get('/api/v1/regions?profile=services')
        .set(user.auth)
        .expect(200);
      expect(services.body.items.map((r: { code: string }) => r.code)).toContain('3273');
    });

    it('refuses unknown tags naming profiles, an unknown code with 404, and non-admins', async () => {
      for (const body of [{ profiles: ['volcano'] }, { profiles: 'industrial' }, {}]) {
        const bad = await sut
          .http()
          .patch('/api/v1/regions/3273')
          .set(admin.auth)
          .send(body)
          .expect(400);
        expect(bad.body.details.map((d: { field: string }) => d.field)).toEqual(['profiles']);
      }
      await sut
        .http()
        .patch('/api/v1/regions/3699')
        .set(admin.auth)
        .send({ profiles: [] })
        .expect(404);
      const coordinator = await signInAs(sut, Role.Coordinator);
      await sut
        .http()
        .patch('/api/v1/regions/3273')
        .set(coordinator.auth)
        .send({ profiles: ['industrial'] })
        .expect(403);
      const bandung = await sut.http().get('/api/v1/regions/3273').set(user.auth).expect(200);
      expect(bandung.body.profiles).toEqual([]);
    });
  });

  it('registers a school in Kota Bandung (3273)', async () => {
    const created = await sut
      .http()
      .post('/api/v1/schools')
      .set(admin.auth)
      .send({
        npsn: '20219176',
        name: 'SMK Negeri 1 Bandung',
        regionCode: '3273',
        status: 'negeri',
        accreditation: 'A',
        address: 'Jl. Wastukancana No. 3',
        programCodes: ['RPL'],
      })
      .expect(201);
    expect(created.body).toMatchObject({ regionCode: '3273' });
  });

  describe('the seed', () => {
    it('changes nothing when run again with the same dataset', async () => {
      const before = await tableSums();
      const started = Date.now();
      const result = await seed();
      expect(Date.now() - started).toBeLessThan(5000);
      expect(result.source).toBe('idn-area-data 4.0.1');
      expect(result.regions).toEqual({ inserted: 0, updated: 0, unchanged: 514, retired: 0 });
      expect(result.districts).toMatchObject({ inserted: 0, updated: 0, retired: 0 });
      expect(await tableSums()).toEqual(before);
    });

    it('renames from an updated dataset and keeps a referenced region the dataset lost', async () => {
      const school = await createSchool(sut.dataSource, { regionCode: '3674' });
      const real = readAreaDataset();
      const updated: AreaDataset = {
        ...real,
        regions: real.regions
          .filter((r) => r.code !== '3674')
          .map((r) => (r.code === '3273' ? { ...r, name: 'Kota Bandung Raya' } : r)),
        districts: [
          ...real.districts.filter((d) => d.regionCode !== '3674'),
          { code: '327399', regionCode: '3273', name: 'Kecamatan Baru' },
        ],
      };
      try {
        const result = await seed(updated);
        expect(result.regions).toEqual({ inserted: 0, updated: 1, unchanged: 512, retired: 1 });
        expect(result.districts).toMatchObject({ inserted: 1, updated: 0 });
        const bandung = await sut.http().get('/api/v1/regions/3273').set(user.auth).expect(200);
        expect(bandung.body).toMatchObject({ name: 'Kota Bandung Raya', retired: false });
        const tangsel = await sut.http().get('/api/v1/regions/3674').set(user.auth).expect(200);
        expect(tangsel.body).toMatchObject({
          name: 'Kota Tangerang Selatan',
          retired: true,
          profiles: ['services', 'umkm'],
        });
        const districts = await sut
          .http()
          .get('/api/v1/regions/3674/districts')
          .set(user.auth)
          .expect(200);
        expect(districts.body.items.every((d: { retired: boolean }) => d.retired)).toBe(true);
        await sut.http().get(`/api/v1/schools/${school.id}`).set(admin.auth).expect(200);
      } finally {
        // Back to the real dataset; the district it never had stays, retired.
        const restored = await seed();
        expect(restored.regions).toMatchObject({ updated: 2, retired: 0 });
        expect(restored.districts).toMatchObject({ retired: 1 });
      }
      const tangsel = await sut.http().get('/api/v1/regions/3674').set(user.auth).expect(200);
      expect(tangsel.body.retired).toBe(false);
      await sut.dataSource.query("DELETE FROM districts WHERE code = '327399'");
    });
  });
});

import { seedRegions } from '../../src/database/seeds/regions.seed';
import { Role } from '../../src/common/auth/role.enum';
import { createTestApp, resetState, signInAs, SignedIn, TestApp } from '../helpers/test-app';

describe('Regions (e2e)', () => {
  let sut: TestApp;
  let user: SignedIn;

  beforeAll(async () => {
    sut = await createTestApp();
    await resetState(sut);
    user = await signInAs(sut, Role.Student, { studentId: 1 });
  });
  afterAll(() => sut.close());

  it("lists Banten's 8 kabupaten/kota with their BPS codes", async () => {
    const response = await sut.http().get('/api/v1/regions').set(user.auth).expect(200);
    expect(response.body.meta.total).toBe(8);
    expect(response.body.items.map((r: { code: string }) => r.code)).toEqual([
      '3601',
      '3602',
      '3603',
      '3604',
      '3671',
      '3672',
      '3673',
      '3674',
    ]);
  });

  it('filters by profile and shows one region in detail', async () => {
    const coastal = await sut
      .http()
      .get('/api/v1/regions?profile=coastal_tourism')
      .set(user.auth)
      .expect(200);
    expect(coastal.body.items.map((r: { name: string }) => r.name)).toEqual([
      'Kab. Pandeglang',
      'Kab. Lebak',
    ]);
    const cilegon = await sut.http().get('/api/v1/regions/3672').set(user.auth).expect(200);
    expect(cilegon.body).toEqual({
      code: '3672',
      name: 'Kota Cilegon',
      provinceCode: '36',
      provinceName: 'Banten',
      kind: 'kota',
      profiles: ['industrial'],
    });
  });

  it('answers 404 for an unknown code and 400 for a malformed one', async () => {
    await sut.http().get('/api/v1/regions/3699').set(user.auth).expect(404);
    const bad = await sut.http().get('/api/v1/regions/abc').set(user.auth).expect(400);
    expect(bad.body.details[0].field).toBe('code');
    await sut.http().get('/api/v1/regions?profile=volcano').set(user.auth).expect(400);
  });

  it('the seed is safe to run twice', async () => {
    const runner = sut.dataSource.createQueryRunner();
    try {
      await seedRegions(runner);
      await seedRegions(runner);
    } finally {
      await runner.release();
    }
    const [{ n }] = await sut.dataSource.query('SELECT COUNT(*) AS n FROM regions');
    expect(Number(n)).toBe(8);
  });
});

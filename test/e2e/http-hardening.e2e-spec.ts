import { Role } from '../../src/common/auth/role.enum';
import { withEnv } from '../factories/notifications';
import { createTestApp, loginAsAdmin, resetState, signInAs, TestApp } from '../helpers/test-app';

/** Rate limits in Redis, CORS allow-list, trust proxy and security headers, with low limits. */
describe('HTTP hardening (e2e)', () => {
  let sut: TestApp;

  beforeAll(async () => {
    sut = await withEnv(
      {
        RATE_LIMIT_LOGIN_PER_MINUTE: '3',
        RATE_LIMIT_WRITES_PER_MINUTE: '4',
        CORS_ORIGINS: 'https://console.smklink.example',
        TRUST_PROXY: 'true',
      },
      () => createTestApp(),
    );
  });
  afterAll(() => sut.close());
  beforeEach(() => resetState(sut));

  function login(address: string, password = 'wrong-password') {
    return sut
      .http()
      .post('/api/v1/auth/login')
      .set('X-Forwarded-For', address)
      .send({ email: 'nobody@test.local', password });
  }

  it('limits sign-in attempts per client address, with Retry-After, counted in Redis', async () => {
    for (let i = 0; i < 3; i++) {
      expect((await login('203.0.113.7')).status).toBe(401);
    }
    const refused = await login('203.0.113.7').expect(429);
    expect(refused.body).toMatchObject({ statusCode: 429, code: 'too_many_requests' });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    // Another client (behind the trusted proxy) has its own count.
    expect((await login('198.51.100.9')).status).toBe(401);
    const keys = await sut.redis.keys(`${sut.redis.options.keyPrefix ?? ''}*rate:login*`);
    expect(keys.length).toBeGreaterThan(0);
  });

  it('counts set-password attempts (public) with the sign-ins of the address', async () => {
    const reset = (address: string) =>
      sut
        .http()
        .post('/api/v1/auth/password/reset')
        .set('X-Forwarded-For', address)
        .send({ token: 'not-a-token', newPassword: 'Kopi-Hitam-Pagi-42' });
    expect((await login('203.0.113.20')).status).toBe(401);
    for (let i = 0; i < 2; i++) {
      expect((await reset('203.0.113.20')).body.code).toBe('invalid_reset_token');
    }
    expect((await reset('203.0.113.20')).status).toBe(429);
    expect((await login('203.0.113.20')).status).toBe(429);
    expect((await reset('198.51.100.20')).status).toBe(400);
  });

  it('limits writes per user, not reads, and not another user', async () => {
    const admin = await loginAsAdmin(sut);
    const other = await signInAs(sut, Role.Coordinator);
    const write = (auth: Record<string, string>, i: number) =>
      sut
        .http()
        .post('/api/v1/competency-units')
        .set(auth)
        .send({ code: `LOCAL.RATE.${String(i).padStart(2, '0')}`, name: 'Unit', sector: 'Jasa' });
    for (let i = 0; i < 4; i++) {
      expect((await write(admin.auth, i)).status).toBe(201);
    }
    const refused = await write(admin.auth, 9).expect(429);
    expect(refused.headers['retry-after']).toBeDefined();
    const [{ n }] = await sut.dataSource.query(
      "SELECT COUNT(*) AS n FROM competency_units WHERE code = 'LOCAL.RATE.09'",
    );
    expect(Number(n)).toBe(0);
    await sut.http().get('/api/v1/competency-units').set(admin.auth).expect(200);
    expect((await write(other.auth, 10)).status).toBe(201);
  });

  it('answers CORS only for the configured origins', async () => {
    const allowed = await sut
      .http()
      .options('/api/v1/courses')
      .set('Origin', 'https://console.smklink.example')
      .set('Access-Control-Request-Method', 'GET');
    expect(allowed.headers['access-control-allow-origin']).toBe('https://console.smklink.example');
    const other = await sut
      .http()
      .options('/api/v1/courses')
      .set('Origin', 'https://evil.example')
      .set('Access-Control-Request-Method', 'GET');
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('sends the security headers', async () => {
    const response = await sut.http().get('/health');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['strict-transport-security']).toBeDefined();
    expect(response.headers['content-security-policy']).toBeDefined();
    expect(response.headers['x-request-id']).toBeDefined();
  });
});

import { Role } from '../../src/common/auth/role.enum';
import {
  createTestApp,
  login,
  loginAsAdmin,
  resetState,
  signInAs,
  TestApp,
} from '../helpers/test-app';

describe('Auth (e2e)', () => {
  let sut: TestApp;

  beforeAll(async () => {
    sut = await createTestApp();
  });
  afterAll(() => sut.close());
  beforeEach(() => resetState(sut));

  const adminEmail = (): string => process.env.ADMIN_EMAIL as string;
  const adminPassword = (): string => process.env.ADMIN_PASSWORD as string;

  it('logs in with the right password and returns tokens; me answers the user without secrets', async () => {
    const session = await loginAsAdmin(sut);
    const me = await sut.http().get('/api/v1/auth/me').set(session.auth).expect(200);
    expect(me.body).toMatchObject({ email: adminEmail(), role: 'admin', status: 'active' });
    expect(JSON.stringify(me.body)).not.toMatch(/password|hash/i);
  });

  it('refuses a wrong password and an unknown email with the same answer', async () => {
    const wrong = await sut
      .http()
      .post('/api/v1/auth/login')
      .send({ email: adminEmail(), password: 'nope-nope' })
      .expect(401);
    const unknown = await sut
      .http()
      .post('/api/v1/auth/login')
      .send({ email: 'ghost@test.local', password: 'nope-nope' })
      .expect(401);
    expect(wrong.body.message).toBe(unknown.body.message);
    expect(wrong.body.code).toBe('invalid_credentials');
  });

  it('refuses a disabled user at login, and their existing access token at once', async () => {
    const admin = await loginAsAdmin(sut);
    const coordinator = await signInAs(sut, Role.Coordinator);
    await sut.http().get('/api/v1/regions').set(coordinator.auth).expect(200);
    await sut
      .http()
      .post(`/api/v1/users/${coordinator.userId}/disable`)
      .set(admin.auth)
      .expect(200);
    await sut.http().get('/api/v1/regions').set(coordinator.auth).expect(401);
    await sut
      .http()
      .post('/api/v1/auth/refresh')
      .send({ refreshToken: coordinator.refreshToken })
      .expect(401);
    await sut
      .http()
      .post('/api/v1/auth/login')
      .send({ email: coordinator.email, password: 'a-test-password' })
      .expect(401);
  });

  it('throttles repeated failed logins with 429, for known and unknown emails alike', async () => {
    for (const email of [adminEmail(), 'nobody@test.local']) {
      for (let attempt = 0; attempt < 5; attempt++) {
        await sut
          .http()
          .post('/api/v1/auth/login')
          .send({ email, password: 'wrong-password' })
          .expect(401);
      }
      const blocked = await sut
        .http()
        .post('/api/v1/auth/login')
        .send({ email, password: 'wrong-password' })
        .expect(429);
      expect(blocked.body.code).toBe('too_many_login_attempts');
    }
    // Even the right password is refused while the window lasts.
    await sut
      .http()
      .post('/api/v1/auth/login')
      .send({ email: adminEmail(), password: adminPassword() })
      .expect(429);
  });

  it('resets the failure count after a successful login', async () => {
    for (let attempt = 0; attempt < 4; attempt++) {
      await sut
        .http()
        .post('/api/v1/auth/login')
        .send({ email: adminEmail(), password: 'wrong-password' })
        .expect(401);
    }
    await login(sut, adminEmail(), adminPassword());
    await sut
      .http()
      .post('/api/v1/auth/login')
      .send({ email: adminEmail(), password: 'wrong-password' })
      .expect(401);
    await sut
      .http()
      .post('/api/v1/auth/login')
      .send({ email: adminEmail(), password: adminPassword() })
      .expect(200);
  });

  it('rotates refresh tokens: the new one works, the used one is refused and revokes its family', async () => {
    const session = await loginAsAdmin(sut);
    const first = await sut
      .http()
      .post('/api/v1/auth/refresh')
      .send({ refreshToken: session.refreshToken })
      .expect(200);
    expect(first.body.refreshToken).not.toBe(session.refreshToken);
    await sut
      .http()
      .get('/api/v1/auth/me')
      .set('Authorization', `Bearer ${first.body.accessToken}`)
      .expect(200);

    const reused = await sut
      .http()
      .post('/api/v1/auth/refresh')
      .send({ refreshToken: session.refreshToken })
      .expect(401);
    expect(reused.body.code).toBe('invalid_refresh_token');
    // Reuse of a rotated token looks like theft: the newest token of that login dies too.
    await sut
      .http()
      .post('/api/v1/auth/refresh')
      .send({ refreshToken: first.body.refreshToken })
      .expect(401);
  });

  it('logout revokes the refresh token', async () => {
    const session = await loginAsAdmin(sut);
    await sut
      .http()
      .post('/api/v1/auth/logout')
      .send({ refreshToken: session.refreshToken })
      .expect(204);
    await sut
      .http()
      .post('/api/v1/auth/refresh')
      .send({ refreshToken: session.refreshToken })
      .expect(401);
  });

  it('refuses tampered, garbage and missing tokens', async () => {
    const session = await loginAsAdmin(sut);
    const tampered =
      session.accessToken.slice(0, -2) + (session.accessToken.endsWith('A') ? 'BB' : 'AA');
    await sut.http().get('/api/v1/auth/me').set('Authorization', `Bearer ${tampered}`).expect(401);
    await sut.http().get('/api/v1/auth/me').set('Authorization', 'Bearer garbage').expect(401);
    await sut.http().get('/api/v1/auth/me').set('Authorization', session.accessToken).expect(401);
    await sut.http().post('/api/v1/auth/refresh').send({ refreshToken: 'not-a-token' }).expect(401);
  });

  it('stores refresh tokens hashed, never as issued', async () => {
    const session = await loginAsAdmin(sut);
    const [row] = await sut.dataSource.query(
      'SELECT token_hash FROM refresh_tokens ORDER BY id DESC LIMIT 1',
    );
    const secret = session.refreshToken.split('.')[1];
    expect(row.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(row.token_hash).not.toContain(secret);
    const [user] = await sut.dataSource.query('SELECT password_hash FROM users WHERE email = ?', [
      adminEmail(),
    ]);
    expect(user.password_hash).toMatch(/^\$argon2id\$/);
  });
});

import { createHash } from 'node:crypto';
import { Role } from '../../src/common/auth/role.enum';
import {
  createTestApp,
  login,
  loginAsAdmin,
  resetState,
  signInAs,
  SignedIn,
  TEST_USER_PASSWORD,
  TestApp,
} from '../helpers/test-app';

const NEW_PASSWORD = 'Kopi-Hitam-Pagi-42';

/** Display names, changing one's own password, and the admin's one-time set-password token. */
describe('Accounts (e2e)', () => {
  let sut: TestApp;
  let admin: SignedIn;

  beforeAll(async () => {
    sut = await createTestApp();
  });
  afterAll(() => sut.close());
  beforeEach(async () => {
    await resetState(sut);
    admin = await loginAsAdmin(sut);
  });

  const refresh = (token: string) =>
    sut.http().post('/api/v1/auth/refresh').send({ refreshToken: token });
  const signIn = (email: string, password: string) =>
    sut.http().post('/api/v1/auth/login').send({ email, password });
  const changePassword = (session: SignedIn, body: object) =>
    sut.http().post('/api/v1/auth/password').set(session.auth).send(body);
  const issueReset = (userId: number) =>
    sut.http().post(`/api/v1/users/${userId}/password-reset`).set(admin.auth);
  const reset = (token: string, newPassword = NEW_PASSWORD) =>
    sut.http().post('/api/v1/auth/password/reset').send({ token, newPassword });
  const passwordEvents = async (userId: number) =>
    (
      await sut
        .http()
        .get(`/api/v1/audit-events?subjectUserId=${userId}`)
        .set(admin.auth)
        .expect(200)
    ).body.items as { action: string; actorUserId: number; actorName: string; fields: string[] }[];

  describe('display name', () => {
    it('is changed by its owner and shown by /auth/me, the users routes and the rounds', async () => {
      const coordinator = await signInAs(sut, Role.Coordinator);
      const renamed = await sut
        .http()
        .patch('/api/v1/auth/me')
        .set(coordinator.auth)
        .send({ name: ' Dewi Lestari ' })
        .expect(200);
      expect(renamed.body).toMatchObject({ id: coordinator.userId, name: 'Dewi Lestari' });
      const me = await sut.http().get('/api/v1/auth/me').set(coordinator.auth).expect(200);
      expect(me.body.name).toBe('Dewi Lestari');
      const user = await sut
        .http()
        .get(`/api/v1/users/${coordinator.userId}`)
        .set(admin.auth)
        .expect(200);
      expect(user.body.name).toBe('Dewi Lestari');

      const started = await sut
        .http()
        .post('/api/v1/matching-runs')
        .set(coordinator.auth)
        .send({ scope: { regionCodes: ['3672'], graduationYear: 2026 }, mode: 'stable' })
        .expect(202);
      const rounds = await sut.http().get('/api/v1/matching-runs').set(admin.auth).expect(200);
      expect(rounds.body.items).toEqual([
        expect.objectContaining({
          id: started.body.id,
          createdBy: coordinator.userId,
          createdByName: 'Dewi Lestari',
        }),
      ]);
      const round = await sut
        .http()
        .get(`/api/v1/matching-runs/${started.body.id}`)
        .set(coordinator.auth)
        .expect(200);
      expect(round.body.createdByName).toBe('Dewi Lestari');
    });

    it('refuses a blank or missing name, and changes nothing else', async () => {
      const student = await signInAs(sut, Role.Student, { studentId: 7 });
      const before = (await sut.http().get('/api/v1/auth/me').set(student.auth)).body;
      for (const body of [{ name: '  ' }, {}, { name: null }, { name: 'x'.repeat(101) }]) {
        const refused = await sut
          .http()
          .patch('/api/v1/auth/me')
          .set(student.auth)
          .send(body)
          .expect(400);
        expect(refused.body.details.map((d: { field: string }) => d.field)).toEqual(['name']);
      }
      const extra = await sut
        .http()
        .patch('/api/v1/auth/me')
        .set(student.auth)
        .send({ name: 'Budi', role: 'admin' })
        .expect(400);
      expect(extra.body.details[0].field).toBe('role');
      const me = await sut.http().get('/api/v1/auth/me').set(student.auth).expect(200);
      expect(me.body).toEqual(before);
    });
  });

  describe('changing one’s own password', () => {
    it('refuses a wrong current password (400 naming it), counted like a failed login', async () => {
      const user = await signInAs(sut, Role.SchoolAdmin, { schoolId: 1 });
      for (let i = 0; i < 5; i++) {
        const wrong = await changePassword(user, {
          currentPassword: 'not-my-password',
          newPassword: NEW_PASSWORD,
        }).expect(400);
        expect(wrong.body).toMatchObject({
          code: 'wrong_current_password',
          details: [{ field: 'currentPassword', problems: [expect.any(String)] }],
        });
      }
      // LOGIN_MAX_FAILURES (5 in the tests): the account's sign-in is now held off too.
      await changePassword(user, {
        currentPassword: TEST_USER_PASSWORD,
        newPassword: NEW_PASSWORD,
      }).expect(429);
      expect((await signIn(user.email, TEST_USER_PASSWORD)).status).toBe(429);
    });

    it('sets the new password, revokes the other sessions, keeps the caller’s, and audits', async () => {
      const here = await signInAs(sut, Role.CompanyAdmin, { companyId: 1 });
      const elsewhere = await login(sut, here.email, TEST_USER_PASSWORD);
      const third = await login(sut, here.email, TEST_USER_PASSWORD);
      await changePassword(here, {
        currentPassword: TEST_USER_PASSWORD,
        newPassword: NEW_PASSWORD,
        refreshToken: here.refreshToken,
      }).expect(204);

      expect((await refresh(elsewhere.refreshToken)).status).toBe(401);
      expect((await refresh(third.refreshToken)).status).toBe(401);
      const kept = await refresh(here.refreshToken).expect(200);
      expect((await refresh(kept.body.refreshToken)).status).toBe(200);

      expect((await signIn(here.email, TEST_USER_PASSWORD)).status).toBe(401);
      expect((await signIn(here.email, NEW_PASSWORD)).status).toBe(200);

      const me = await sut.http().get('/api/v1/auth/me').set(here.auth).expect(200);
      const events = await passwordEvents(here.userId);
      expect(events).toEqual([
        expect.objectContaining({
          action: 'password_change',
          actorUserId: here.userId,
          actorName: me.body.name,
          fields: ['password'],
        }),
      ]);
    });

    it('without the caller’s refresh token, signs out every session', async () => {
      const here = await signInAs(sut, Role.Coordinator);
      await changePassword(here, {
        currentPassword: TEST_USER_PASSWORD,
        newPassword: NEW_PASSWORD,
      }).expect(204);
      expect((await refresh(here.refreshToken)).status).toBe(401);
      // Another user's refresh token does not keep a session of this one.
      const other = await signInAs(sut, Role.Coordinator);
      const again = await login(sut, here.email, NEW_PASSWORD);
      await changePassword(again, {
        currentPassword: NEW_PASSWORD,
        newPassword: 'Teh-Manis-Sore-77',
        refreshToken: other.refreshToken,
      }).expect(204);
      expect((await refresh(again.refreshToken)).status).toBe(401);
      expect((await refresh(other.refreshToken)).status).toBe(200);
    });

    it('refuses a weak new password with zxcvbn’s reason, changing nothing', async () => {
      const here = await signInAs(sut, Role.Student, { studentId: 3 });
      const other = await login(sut, here.email, TEST_USER_PASSWORD);
      const weak = await changePassword(here, {
        currentPassword: TEST_USER_PASSWORD,
        newPassword: 'password123',
      }).expect(400);
      expect(weak.body).toMatchObject({
        code: 'weak_password',
        details: [
          {
            field: 'newPassword',
            problems: [
              expect.stringMatching(/^is too easy to guess \(strength [0-2] of 4, 3 needed\)$/),
              'This is a commonly used password.',
              'Add more words that are less common.',
            ],
          },
        ],
      });
      // An Indonesian dictionary word with digits is as weak.
      const indonesian = await changePassword(here, {
        currentPassword: TEST_USER_PASSWORD,
        newPassword: 'rahasia12345',
      }).expect(400);
      expect(indonesian.body.code).toBe('weak_password');
      expect((await refresh(other.refreshToken)).status).toBe(200);
      expect((await signIn(here.email, TEST_USER_PASSWORD)).status).toBe(200);
      expect(await passwordEvents(here.userId)).toEqual([]);
    });
  });

  describe('admin reset', () => {
    it('issues a one-time token (hash kept, never a password) that sets the password once', async () => {
      const user = await signInAs(sut, Role.SchoolAdmin, { schoolId: 1 });
      const other = await login(sut, user.email, TEST_USER_PASSWORD);
      const issued = await issueReset(user.userId).expect(201);
      expect(Object.keys(issued.body).sort()).toEqual(['expiresAt', 'token', 'userId']);
      expect(issued.body.userId).toBe(user.userId);
      const ttl = Date.parse(issued.body.expiresAt) - Date.now();
      expect(ttl).toBeGreaterThan(86_400_000 - 60_000);
      expect(ttl).toBeLessThanOrEqual(86_400_000);
      const token = issued.body.token as string;
      const [row] = await sut.dataSource.query(
        'SELECT token_hash FROM password_reset_tokens WHERE user_id = ?',
        [user.userId],
      );
      expect(row.token_hash).toBe(createHash('sha256').update(token).digest('hex'));
      // Issuing changes no password: the old one still signs in until the token is used.
      expect((await signIn(user.email, TEST_USER_PASSWORD)).status).toBe(200);

      await reset(token).expect(204);
      expect((await refresh(user.refreshToken)).status).toBe(401);
      expect((await refresh(other.refreshToken)).status).toBe(401);
      expect((await signIn(user.email, TEST_USER_PASSWORD)).status).toBe(401);
      expect((await signIn(user.email, NEW_PASSWORD)).status).toBe(200);

      const used = await reset(token, 'Teh-Manis-Sore-77').expect(400);
      expect(used.body).toMatchObject({
        code: 'reset_token_used',
        details: [{ field: 'token', problems: [expect.any(String)] }],
      });
      expect((await signIn(user.email, NEW_PASSWORD)).status).toBe(200);

      const events = await passwordEvents(user.userId);
      expect(events.map((e) => [e.action, e.actorUserId])).toEqual([
        ['password_reset', user.userId],
        ['password_reset_issue', admin.userId],
      ]);
      expect(events[1].actorName).toBe('admin');
    });

    it('refuses an expired, an unknown and a replaced token with a clear code', async () => {
      const user = await signInAs(sut, Role.Coordinator);
      const first = await issueReset(user.userId).expect(201);
      await sut.dataSource.query(
        'UPDATE password_reset_tokens SET expires_at = NOW(3) - INTERVAL 1 SECOND',
      );
      expect((await reset(first.body.token)).body.code).toBe('reset_token_expired');

      expect((await reset('a'.repeat(43))).body).toMatchObject({
        statusCode: 400,
        code: 'invalid_reset_token',
      });
      expect((await reset('')).body.code).toBe('validation_failed');

      const second = await issueReset(user.userId).expect(201);
      const third = await issueReset(user.userId).expect(201);
      expect((await reset(second.body.token)).body.code).toBe('reset_token_used');
      await reset(third.body.token).expect(204);
      expect((await signIn(user.email, NEW_PASSWORD)).status).toBe(200);
    });

    it('keeps the token usable after a weak password is refused', async () => {
      const user = await signInAs(sut, Role.Student, { studentId: 9 });
      const { token } = (await issueReset(user.userId).expect(201)).body as { token: string };
      const weak = await reset(token, 'indonesia2024').expect(400);
      expect(weak.body).toMatchObject({
        code: 'weak_password',
        details: [
          {
            field: 'newPassword',
            problems: expect.arrayContaining([expect.stringMatching(/^is too easy to guess/)]),
          },
        ],
      });
      await reset(token).expect(204);
    });

    it('answers 404 for an unknown user, and 403 to anyone but an admin', async () => {
      await issueReset(999_999).expect(404);
      const coordinator = await signInAs(sut, Role.Coordinator);
      await sut
        .http()
        .post(`/api/v1/users/${admin.userId}/password-reset`)
        .set(coordinator.auth)
        .expect(403);
    });
  });
});

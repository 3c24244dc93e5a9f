import { JwtService } from '@nestjs/jwt';
import type { Express } from 'express';
import { Role } from '../../src/common/auth/role.enum';
import { QueueBoardAuth } from '../../src/common/queue/queue-board';
import { IMPORTS_QUEUE } from '../../src/modules/imports/imports.constants';
import { MONITORING_QUEUE } from '../../src/modules/monitoring/monitoring.constants';
import { MATCHING_QUEUE } from '../../src/modules/matching/matching.constants';
import { NOTIFICATIONS_QUEUE } from '../../src/modules/notifications/notifications.constants';
import { PLACEMENTS_QUEUE } from '../../src/modules/placements/placements.constants';
import {
  createTestApp,
  loginAsAdmin,
  resetState,
  signInAs,
  SignedIn,
  TestApp,
} from '../helpers/test-app';

const BOARD = '/admin/queues';
const SESSION = '/api/v1/admin/queue-board/session';

describe('Queue board (e2e)', () => {
  let sut: TestApp;

  beforeAll(async () => {
    sut = await createTestApp();
  });
  afterAll(() => sut.close());
  beforeEach(() => resetState(sut));

  /** `name=value` of the board cookie set by the session call, and the whole Set-Cookie line. */
  async function openSession(user: SignedIn): Promise<{ cookie: string; setCookie: string }> {
    const response = await sut.http().post(SESSION).set(user.auth).expect(204);
    const setCookie = ([] as string[]).concat(response.headers['set-cookie'] ?? []);
    expect(setCookie).toHaveLength(1);
    return { cookie: setCookie[0].split(';')[0], setCookie: setCookie[0] };
  }

  function expectError(body: unknown, statusCode: number, code: string): void {
    expect(body).toEqual({
      statusCode,
      error: statusCode === 401 ? 'Unauthorized' : 'Forbidden',
      code,
      message: expect.any(String),
      requestId: expect.any(String),
    });
  }

  describe('with an admin bearer token', () => {
    it('serves the board page, its assets, and lists every queue of the app', async () => {
      const admin = await loginAsAdmin(sut);
      const page = await sut.http().get(BOARD).set(admin.auth).expect(200);
      expect(page.headers['content-type']).toMatch(/html/);
      expect(page.text).toContain(`<base href="${BOARD}/"`);
      expect(page.headers['cache-control']).toBe('no-store');

      const queues = await sut.http().get(`${BOARD}/api/queues`).set(admin.auth).expect(200);
      const names = (queues.body.queues as { name: string; readOnlyMode: boolean }[]).map(
        (q) => q.name,
      );
      expect(names.sort()).toEqual(
        [
          IMPORTS_QUEUE,
          MATCHING_QUEUE,
          MONITORING_QUEUE,
          NOTIFICATIONS_QUEUE,
          PLACEMENTS_QUEUE,
        ].sort(),
      );
      expect(queues.body.queues).toEqual(
        expect.arrayContaining([expect.objectContaining({ readOnlyMode: true })]),
      );
    });

    it('keeps helmet on the board: its scripts and styles are its own, served under the board', async () => {
      const admin = await loginAsAdmin(sut);
      const page = await sut.http().get(`${BOARD}/`).set(admin.auth).expect(200);
      const csp = String(page.headers['content-security-policy']);
      expect(csp).toContain("script-src 'self'");
      // The page's scripts and stylesheets are same-origin files, which that policy allows.
      const assets = [...page.text.matchAll(/(?:src|href)="(static\/[^"]+)"/g)].map((m) => m[1]);
      expect(assets.filter((a) => a.endsWith('.js')).length).toBeGreaterThan(0);
      for (const asset of assets) {
        await sut.http().get(`${BOARD}/${asset}`).set(admin.auth).expect(200);
      }
      expect(page.text).not.toMatch(/<script(?![^>]*(?:\bsrc=|type="application\/json"))/);
    });

    it('refuses the board actions: the board is read-only', async () => {
      const admin = await loginAsAdmin(sut);
      await sut
        .http()
        .put(`${BOARD}/api/queues/${MATCHING_QUEUE}/pause`)
        .set(admin.auth)
        .expect(405);
      await sut
        .http()
        .put(`${BOARD}/api/queues/${NOTIFICATIONS_QUEUE}/clean/failed`)
        .set(admin.auth)
        .expect(405);
    });
  });

  describe('refuses everyone else with the usual error body', () => {
    it('answers 401 without credentials, on the page and on its API', async () => {
      for (const path of [BOARD, `${BOARD}/`, `${BOARD}/api/queues`, `${BOARD}/static/x.js`]) {
        const response = await sut.http().get(path).expect(401);
        expectError(response.body, 401, 'unauthorized');
      }
    });

    it.each([
      ['coordinator', Role.Coordinator, {}],
      ['school admin', Role.SchoolAdmin, { schoolId: 1 }],
      ['company admin', Role.CompanyAdmin, { companyId: 1 }],
    ])('answers 403 to a %s bearer', async (_label, role, scope) => {
      const user = await signInAs(sut, role, scope);
      for (const path of [BOARD, `${BOARD}/api/queues`]) {
        const response = await sut.http().get(path).set(user.auth).expect(403);
        expectError(response.body, 403, 'forbidden');
      }
    });

    it('answers 401 to a tampered or an expired admin access token', async () => {
      const admin = await loginAsAdmin(sut);
      const [header, payload, signature] = admin.accessToken.split('.');
      const flipped = `${signature.slice(0, -2)}${signature.endsWith('AA') ? 'BB' : 'AA'}`;
      const tampered = await sut
        .http()
        .get(BOARD)
        .set('Authorization', `Bearer ${header}.${payload}.${flipped}`)
        .expect(401);
      expectError(tampered.body, 401, 'unauthorized');

      const expiredToken = await sut.app
        .get(JwtService, { strict: false })
        .signAsync({ sub: admin.userId, role: Role.Admin }, { expiresIn: -60 });
      await sut.http().get(BOARD).set('Authorization', `Bearer ${expiredToken}`).expect(401);
    });
  });

  describe('the session cookie', () => {
    it('is HttpOnly, SameSite=Strict, for the board path only, 15 minutes; it alone opens the board', async () => {
      const admin = await loginAsAdmin(sut);
      const { cookie, setCookie } = await openSession(admin);
      const attributes = setCookie.split(';').map((a) => a.trim().toLowerCase());
      expect(attributes).toEqual(
        expect.arrayContaining([
          'httponly',
          'samesite=strict',
          'path=/admin/queues',
          'max-age=900',
        ]),
      );
      // Plain http here, and the app trusts no proxy: not Secure.
      expect(attributes).not.toContain('secure');

      await sut.http().get(BOARD).set('Cookie', cookie).expect(200);
      const queues = await sut.http().get(`${BOARD}/api/queues`).set('Cookie', cookie).expect(200);
      expect(queues.body.queues.length).toBe(5);
    });

    it('is Secure when the request came over https, as far as Express trusts the proxy', async () => {
      const admin = await loginAsAdmin(sut);
      const express = sut.app.getHttpAdapter().getInstance() as Express;
      express.set('trust proxy', 'loopback');
      try {
        const response = await sut
          .http()
          .post(SESSION)
          .set(admin.auth)
          .set('X-Forwarded-Proto', 'https')
          .expect(204);
        expect(String(response.headers['set-cookie'])).toMatch(/;\s*Secure/i);
      } finally {
        express.set('trust proxy', false);
      }
    });

    it('cannot be opened by anyone but an admin', async () => {
      await sut.http().post(SESSION).expect(401);
      for (const [role, scope] of [
        [Role.Coordinator, {}],
        [Role.SchoolAdmin, { schoolId: 1 }],
      ] as const) {
        const user = await signInAs(sut, role, scope);
        const response = await sut.http().post(SESSION).set(user.auth).expect(403);
        expect(response.headers['set-cookie']).toBeUndefined();
      }
    });

    it('is refused as a bearer token on the API and on the board', async () => {
      const admin = await loginAsAdmin(sut);
      const { cookie } = await openSession(admin);
      const boardToken = cookie.split('=')[1];
      const api = await sut
        .http()
        .get('/api/v1/auth/me')
        .set('Authorization', `Bearer ${boardToken}`)
        .expect(401);
      expectError(api.body, 401, 'unauthorized');
      await sut.http().get(BOARD).set('Authorization', `Bearer ${boardToken}`).expect(401);
    });

    it('an access token in the cookie is refused', async () => {
      const admin = await loginAsAdmin(sut);
      const response = await sut
        .http()
        .get(BOARD)
        .set('Cookie', `smk_queue_board=${admin.accessToken}`)
        .expect(401);
      expectError(response.body, 401, 'unauthorized');
    });

    it('is refused once expired, or tampered with', async () => {
      const admin = await loginAsAdmin(sut);
      const sixteenMinutesAgo = Date.now() - 16 * 60 * 1000;
      const now = jest.spyOn(Date, 'now').mockReturnValue(sixteenMinutesAgo);
      const expired = await sut.app.get(QueueBoardAuth).issueSessionToken({ id: admin.userId });
      now.mockRestore();
      await sut.http().get(BOARD).set('Cookie', `smk_queue_board=${expired}`).expect(401);

      const { cookie } = await openSession(admin);
      await sut
        .http()
        .get(BOARD)
        .set('Cookie', `${cookie.slice(0, -3)}xyz`)
        .expect(401);
    });

    it('stops working as soon as its admin is disabled', async () => {
      const admin = await loginAsAdmin(sut);
      const second = await signInAs(sut, Role.Admin);
      const { cookie } = await openSession(second);
      await sut.http().get(BOARD).set('Cookie', cookie).expect(200);
      await sut.http().post(`/api/v1/users/${second.userId}/disable`).set(admin.auth).expect(200);
      const response = await sut.http().get(BOARD).set('Cookie', cookie).expect(401);
      expectError(response.body, 401, 'unauthorized');
    });
  });

  it('is outside the OpenAPI document; the session call is in it', async () => {
    const doc = await sut.http().get('/docs-json').expect(200);
    const paths = Object.keys(doc.body.paths);
    expect(paths).toContain(SESSION);
    expect(paths.filter((p) => p.startsWith(BOARD))).toEqual([]);
  });
});

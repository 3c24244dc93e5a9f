import { DiscoveryModule } from '@nestjs/core';
import { Role } from '../../src/common/auth/role.enum';
import { discoverRoutes, RouteInfo } from '../helpers/routes';
import { createTestApp, resetState, signInAs, TestApp } from '../helpers/test-app';

describe('Route protection (e2e)', () => {
  let sut: TestApp;
  let routes: RouteInfo[];

  beforeAll(async () => {
    sut = await createTestApp([DiscoveryModule]);
    routes = discoverRoutes(sut.app);
  });
  afterAll(() => sut.close());
  beforeEach(() => resetState(sut));

  it('finds the routes of the app', () => {
    expect(routes.length).toBeGreaterThan(8);
    expect(routes).toContainEqual(
      expect.objectContaining({ method: 'post', samplePath: '/api/v1/users' }),
    );
  });

  it('only login, refresh, logout, the set-password reset, certificate verification and health are public', () => {
    const open = routes
      .filter((r) => r.isPublic)
      .map((r) => `${r.method} ${r.samplePath}`)
      .sort();
    expect(open).toEqual(
      [
        'get /health',
        'post /api/v1/auth/login',
        'post /api/v1/auth/logout',
        'post /api/v1/auth/password/reset',
        'post /api/v1/auth/refresh',
        'get /api/v1/verify/1',
      ].sort(),
    );
  });

  it('answers 401 without a token on every other route', async () => {
    const closed = routes.filter((r) => !r.isPublic);
    for (const route of closed) {
      const response = await sut.http()[route.method](route.samplePath).send({});
      expect({ route: `${route.method} ${route.samplePath}`, status: response.status }).toEqual({
        route: `${route.method} ${route.samplePath}`,
        status: 401,
      });
    }
  });

  it('answers 403 to a school_admin on every admin-only route', async () => {
    const schoolAdmin = await signInAs(sut, Role.SchoolAdmin, { schoolId: 1 });
    const adminOnly = routes.filter((r) => r.roles?.length === 1 && r.roles[0] === Role.Admin);
    expect(adminOnly.length).toBeGreaterThan(0);
    for (const route of adminOnly) {
      const response = await sut
        .http()
        [route.method](route.samplePath)
        .set(schoolAdmin.auth)
        .send({});
      expect({ route: `${route.method} ${route.samplePath}`, status: response.status }).toEqual({
        route: `${route.method} ${route.samplePath}`,
        status: 403,
      });
    }
  });

  it('serves the Swagger UI and the OpenAPI document without a token', async () => {
    await sut.http().get('/docs').expect(200).expect('content-type', /html/);
    const doc = await sut.http().get('/docs-json').expect(200);
    expect(Object.keys(doc.body.paths)).toContain('/api/v1/users');
  });
});

import { RequestMethod } from '@nestjs/common';
import { DiscoveryModule, DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { Role } from '../../src/common/auth/role.enum';
import { IS_PUBLIC_KEY, ROLES_KEY } from '../../src/common/auth/decorators';
import { createTestApp, resetState, signInAs, TestApp } from '../helpers/test-app';

interface RouteInfo {
  method: string;
  path: string;
  isPublic: boolean;
  roles: Role[] | undefined;
}

/** Every HTTP route of the running app, read from Nest's own metadata: new routes are covered. */
function discoverRoutes(sut: TestApp): RouteInfo[] {
  const discovery = sut.app.get(DiscoveryService);
  const scanner = sut.app.get(MetadataScanner);
  const reflector = sut.app.get(Reflector);
  const routes: RouteInfo[] = [];
  for (const wrapper of discovery.getControllers()) {
    const controller = wrapper.metatype as (new (...args: never[]) => unknown) | undefined;
    if (!controller) {
      continue;
    }
    const base = String(Reflect.getMetadata('path', controller) ?? '');
    for (const name of scanner.getAllMethodNames(controller.prototype)) {
      const handler = (controller.prototype as Record<string, unknown>)[name] as (
        ...args: unknown[]
      ) => unknown;
      const path = Reflect.getMetadata('path', handler) as string | undefined;
      const method = Reflect.getMetadata('method', handler) as RequestMethod | undefined;
      if (path === undefined || method === undefined) {
        continue;
      }
      const full = `/${[base, path]
        .map((p) => p.replace(/^\/|\/$/g, ''))
        .filter(Boolean)
        .join('/')}`;
      routes.push({
        method: RequestMethod[method].toLowerCase(),
        path: full.replace(/:[A-Za-z]+/g, '1'),
        isPublic:
          reflector.getAllAndOverride<boolean>(IS_PUBLIC_KEY, [handler, controller]) ?? false,
        roles: reflector.getAllAndOverride<Role[]>(ROLES_KEY, [handler, controller]),
      });
    }
  }
  return routes;
}

describe('Route protection (e2e)', () => {
  let sut: TestApp;
  let routes: RouteInfo[];

  beforeAll(async () => {
    sut = await createTestApp([DiscoveryModule]);
    routes = discoverRoutes(sut);
  });
  afterAll(() => sut.close());
  beforeEach(() => resetState(sut));

  it('finds the routes of the app', () => {
    expect(routes.length).toBeGreaterThan(8);
    expect(routes).toContainEqual(
      expect.objectContaining({ method: 'post', path: '/api/v1/users' }),
    );
  });

  it('only login, refresh, logout and health are public', () => {
    const open = routes
      .filter((r) => r.isPublic)
      .map((r) => `${r.method} ${r.path}`)
      .sort();
    expect(open).toEqual([
      'get /health',
      'post /api/v1/auth/login',
      'post /api/v1/auth/logout',
      'post /api/v1/auth/refresh',
    ]);
  });

  it('answers 401 without a token on every other route', async () => {
    const closed = routes.filter((r) => !r.isPublic);
    for (const route of closed) {
      const response = await sut.http()[route.method as 'get'](route.path).send({});
      expect({ route: `${route.method} ${route.path}`, status: response.status }).toEqual({
        route: `${route.method} ${route.path}`,
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
        [route.method as 'get'](route.path)
        .set(schoolAdmin.auth)
        .send({});
      expect({ route: `${route.method} ${route.path}`, status: response.status }).toEqual({
        route: `${route.method} ${route.path}`,
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

import { INestApplication, RequestMethod } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { ACCESS_KEY, RouteAccess } from '../../src/common/access/access.decorator';
import { IS_PUBLIC_KEY, ROLES_KEY } from '../../src/common/auth/decorators';
import { Role } from '../../src/common/auth/role.enum';

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface RouteInfo {
  method: HttpMethod;
  /** The path as declared, with its parameters: `/api/v1/slots/:id`. */
  path: string;
  /** `GET /api/v1/slots/:id`: how the access matrix names the route. */
  key: string;
  /** The path with every parameter set to 1, for probes that need no real row. */
  samplePath: string;
  isPublic: boolean;
  roles: Role[] | undefined;
  /** The route's `@Access(resource, action)`, when it has one. */
  access: RouteAccess | undefined;
}

/**
 * Every HTTP route of the running app, read from Nest's own metadata, so a route added later is
 * covered without anyone listing it. The app must import DiscoveryModule.
 */
export function discoverRoutes(app: INestApplication): RouteInfo[] {
  const discovery = app.get(DiscoveryService);
  const scanner = app.get(MetadataScanner);
  const reflector = app.get(Reflector);
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
      const verb = RequestMethod[method];
      routes.push({
        method: verb.toLowerCase() as HttpMethod,
        path: full,
        key: `${verb} ${full}`,
        samplePath: full.replace(/:[A-Za-z]+/g, '1'),
        isPublic:
          reflector.getAllAndOverride<boolean>(IS_PUBLIC_KEY, [handler, controller]) ?? false,
        roles: reflector.getAllAndOverride<Role[]>(ROLES_KEY, [handler, controller]),
        access: reflector.getAllAndOverride<RouteAccess>(ACCESS_KEY, [handler, controller]),
      });
    }
  }
  return routes;
}

/** Puts `params` into a declared path (`:id` → params.id); a parameter left unset throws. */
export function fillPath(path: string, params: Record<string, string | number>): string {
  return path.replace(/:([A-Za-z]+)/g, (_, name: string) => {
    if (params[name] === undefined) {
      throw new Error(`no value for :${name} in ${path}`);
    }
    return encodeURIComponent(String(params[name]));
  });
}

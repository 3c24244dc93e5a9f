import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ROLES_KEY } from '../auth/decorators';
import { Action, Resource, rolesFor } from './access-policy';

export const ACCESS_KEY = 'smk:access';

export interface RouteAccess {
  resource: Resource;
  action: Action;
}

/**
 * Names what a route does to which resource. The roles that may call it come from the access
 * policy's table (the RolesGuard checks them); the service checks the row's scope.
 */
export const Access = (resource: Resource, action: Action): MethodDecorator & ClassDecorator =>
  applyDecorators(
    SetMetadata(ACCESS_KEY, { resource, action } satisfies RouteAccess),
    SetMetadata(ROLES_KEY, rolesFor(resource, action)),
  );

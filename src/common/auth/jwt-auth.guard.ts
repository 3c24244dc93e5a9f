import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import type { Request } from 'express';
import { DomainException, ErrorKind } from '../errors/domain.exception';
import { AccessTokenPayload, AuthUser } from './auth-user';
import { IS_PUBLIC_KEY } from './decorators';
import { ActiveUserLookup } from './active-user-lookup';

/**
 * Deny by default: every route needs a valid access token unless marked @Public().
 * The user is re-read on each request so that disabling an account takes effect at once.
 */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
    private readonly users: ActiveUserLookup,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (isPublic) {
      return true;
    }
    const request = context.switchToHttp().getRequest<Request & { user?: AuthUser }>();
    const token = bearerToken(request.headers.authorization);
    if (!token) {
      throw unauthorized('A bearer access token is required');
    }
    let payload: AccessTokenPayload;
    try {
      payload = await this.jwt.verifyAsync<AccessTokenPayload>(token);
    } catch {
      throw unauthorized('The access token is invalid or expired');
    }
    const user = await this.users.findActive(payload.sub);
    if (!user) {
      throw unauthorized('The account is disabled or no longer exists');
    }
    request.user = user;
    return true;
  }
}

export function bearerToken(header: string | undefined): string | undefined {
  if (!header) {
    return undefined;
  }
  const [scheme, value] = header.split(' ');
  return scheme?.toLowerCase() === 'bearer' && value ? value : undefined;
}

function unauthorized(message: string): DomainException {
  return new DomainException(ErrorKind.Unauthorized, 'unauthorized', message);
}

import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { DomainException, ErrorKind } from '../errors/domain.exception';

/** Routes that take files (multipart/form-data) instead of JSON. */
const MULTIPART_ROUTES =
  /^\/api\/v1\/(imports\/|journal-entries\/\d+\/photo$|attendance\/\d+\/evidence$)/;

/**
 * A request to a route that carries a body must say it is JSON (or a multipart upload where
 * the route takes files): anything else is a 415. A guard, so an unknown route stays a 404.
 */
@Injectable()
export class ContentTypeGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') {
      return true;
    }
    const req = context.switchToHttp().getRequest<Request>();
    const hasBody =
      req.headers['transfer-encoding'] !== undefined ||
      (req.headers['content-length'] !== undefined && req.headers['content-length'] !== '0');
    if (!hasBody) {
      return true;
    }
    const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    if (type === 'application/json') {
      return true;
    }
    if (type === 'multipart/form-data' && MULTIPART_ROUTES.test(req.path)) {
      return true;
    }
    throw new DomainException(
      ErrorKind.UnsupportedMediaType,
      'unsupported_media_type',
      type === ''
        ? 'Content-Type is missing: send the body as application/json'
        : `Content-Type ${type} is not accepted here: send the body as application/json`,
    );
  }
}

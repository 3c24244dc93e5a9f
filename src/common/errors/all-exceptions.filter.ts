import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { QueryFailedError } from 'typeorm';
import { DomainException } from './domain.exception';
import { REASON_BY_STATUS, STATUS_BY_KIND } from './http-status';

export interface ErrorBody {
  statusCode: number;
  error: string;
  code: string;
  message: string;
  details?: unknown;
  requestId?: string;
}

/** The one place where an error becomes an HTTP answer; no stack or SQL ever leaves. */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger(AllExceptionsFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const request = ctx.getRequest<Request & { id?: string }>();
    const response = ctx.getResponse<Response>();
    const body = this.toBody(exception);
    body.requestId = request.id === undefined ? undefined : String(request.id);
    if (body.statusCode >= 500) {
      this.logger.error(
        { err: exception, requestId: body.requestId },
        `Unhandled error on ${request.method} ${request.url}`,
      );
    }
    // A route that answers a file (CSV) set its own headers before failing: reset them.
    response.removeHeader('Content-Disposition');
    response.status(body.statusCode).type('application/json').json(body);
  }

  private toBody(exception: unknown): ErrorBody {
    if (exception instanceof DomainException) {
      const statusCode = STATUS_BY_KIND[exception.kind];
      return {
        statusCode,
        error: REASON_BY_STATUS[statusCode],
        code: exception.code,
        message: exception.message,
        ...(exception.details === undefined ? {} : { details: exception.details }),
      };
    }
    if (exception instanceof HttpException) {
      const statusCode = exception.getStatus();
      const response = exception.getResponse();
      const raw =
        typeof response === 'string' ? response : (response as { message?: unknown }).message;
      const message = typeof raw === 'string' ? raw : exception.message;
      return {
        statusCode,
        error: REASON_BY_STATUS[statusCode] ?? 'Error',
        code: (REASON_BY_STATUS[statusCode] ?? 'error').toLowerCase().replace(/ /g, '_'),
        message,
      };
    }
    if (exception instanceof QueryFailedError) {
      const driverCode = (exception.driverError as { code?: string } | undefined)?.code;
      // A race between the service's own uniqueness check and the insert lands here.
      if (driverCode === 'ER_DUP_ENTRY') {
        return {
          statusCode: 409,
          error: 'Conflict',
          code: 'duplicate',
          message: 'A record with the same unique value already exists',
        };
      }
      if (driverCode === 'ER_LOCK_DEADLOCK' || driverCode === 'ER_LOCK_WAIT_TIMEOUT') {
        return {
          statusCode: 503,
          error: 'Service Unavailable',
          code: 'busy',
          message: 'The database is busy; retry the request',
        };
      }
    }
    const unavailable = unavailableDependency(exception);
    if (unavailable) {
      return {
        statusCode: 503,
        error: 'Service Unavailable',
        code: 'service_unavailable',
        message: `The ${unavailable} is unavailable; retry shortly`,
      };
    }
    return {
      statusCode: 500,
      error: 'Internal Server Error',
      code: 'internal',
      message: 'An unexpected error occurred; quote the request id when reporting it',
    };
  }
}

/** Network errors of the database driver or of Redis: the dependency is away, not a bug. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EPIPE',
  'PROTOCOL_CONNECTION_LOST',
  'PROTOCOL_SEQUENCE_TIMEOUT',
  'ER_CON_COUNT_ERROR',
  'ER_SERVER_SHUTDOWN',
]);

/** What is away when `exception` is a dependency's network failure, else null. */
export function unavailableDependency(exception: unknown): 'database' | 'queue' | null {
  const e = exception as {
    code?: unknown;
    driverError?: { code?: unknown };
    name?: unknown;
    message?: unknown;
  } | null;
  if (!e || typeof e !== 'object') {
    return null;
  }
  if (
    e.name === 'MaxRetriesPerRequestError' ||
    (typeof e.message === 'string' && /Connection is closed|enableOfflineQueue/.test(e.message))
  ) {
    return 'queue';
  }
  const code = e.driverError?.code ?? e.code;
  if (typeof code === 'string' && NETWORK_CODES.has(code)) {
    // ioredis queues commands while Redis is away and fails them as above, so a bare
    // network error is the database driver's (mysql2, or TypeORM's wrap of it).
    return 'database';
  }
  return null;
}

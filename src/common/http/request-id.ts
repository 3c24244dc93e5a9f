import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * Gives every request its id before anything else runs (the body parser's errors carry it
 * too): the caller's `X-Request-Id` when it is a sane token, else a new UUID. The logger and
 * the error bodies read `req.id`.
 */
export function assignRequestId(
  req: IncomingMessage & { id?: string },
  res: ServerResponse,
  next: () => void,
): void {
  const given = req.headers['x-request-id'];
  req.id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
  res.setHeader('X-Request-Id', req.id);
  next();
}

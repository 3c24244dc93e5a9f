import type { NextFunction, Request, Response } from 'express';
import { json } from 'express';
import type { ErrorBody } from '../errors/all-exceptions.filter';

/** The deepest nesting of arrays and objects a JSON body may have. */
export const MAX_JSON_DEPTH = 32;

class BodyError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Refuses a JSON body nested deeper than MAX_JSON_DEPTH by scanning its bytes before it is
 * parsed (a 50,000-deep array would otherwise overflow the stack of whatever walks it), and a
 * body that is not a JSON object at its top (no route takes anything else).
 */
export function checkJsonShape(buffer: Buffer): void {
  let depth = 0;
  let inString = false;
  let escaped = false;
  let first = -1;
  for (let i = 0; i < buffer.length; i++) {
    const c = buffer[i];
    if (inString) {
      if (escaped) {
        escaped = false;
      } else if (c === 0x5c) {
        escaped = true;
      } else if (c === 0x22) {
        inString = false;
      }
      continue;
    }
    if (first === -1 && c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) {
      first = c;
    }
    if (c === 0x22) {
      inString = true;
    } else if (c === 0x7b || c === 0x5b) {
      depth++;
      if (depth > MAX_JSON_DEPTH) {
        throw new BodyError(
          400,
          'too_deep',
          `The JSON body is nested more than ${MAX_JSON_DEPTH} levels deep`,
        );
      }
    } else if (c === 0x7d || c === 0x5d) {
      depth--;
    }
  }
  if (first !== -1 && first !== 0x7b) {
    throw new BodyError(400, 'invalid_json', 'The body must be a JSON object');
  }
}

/** The JSON body parser: a size limit, the shape check, strict JSON. */
export function jsonBodyParser(limitBytes: number): ReturnType<typeof json> {
  return json({
    limit: limitBytes,
    strict: true,
    verify: (_req, _res, buffer) => checkJsonShape(buffer),
  });
}

/** Errors of the body parser and of the checks above, in the one error shape. */
export function bodyErrorHandler(
  error: unknown,
  req: Request & { id?: string },
  res: Response,
  next: NextFunction,
): void {
  const known = toBodyError(error);
  if (!known) {
    next(error);
    return;
  }
  const reasons: Record<number, string> = {
    400: 'Bad Request',
    413: 'Payload Too Large',
    415: 'Unsupported Media Type',
  };
  const body: ErrorBody = {
    statusCode: known.status,
    error: reasons[known.status] ?? 'Bad Request',
    code: known.code,
    message: known.message,
    requestId: req.id,
  };
  res.status(known.status).json(body);
}

function toBodyError(error: unknown): BodyError | null {
  if (error instanceof BodyError) {
    return error;
  }
  // body-parser's own errors carry `type` (http-errors); a verify() throw is wrapped in one.
  const e = error as { type?: string; status?: number; limit?: number } | null;
  if (!e || typeof e.type !== 'string') {
    return null;
  }
  const inner = (error as { cause?: unknown; originalError?: unknown }).originalError;
  if (inner instanceof BodyError) {
    return inner;
  }
  switch (e.type) {
    case 'entity.too.large':
      return new BodyError(
        413,
        'payload_too_large',
        `The body is larger than the limit of ${e.limit ?? '?'} bytes`,
      );
    case 'entity.parse.failed':
      return new BodyError(400, 'invalid_json', 'The body is not valid JSON');
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new BodyError(415, 'unsupported_media_type', 'The body must be UTF-8 JSON');
    default:
      return new BodyError(e.status ?? 400, 'bad_request', 'The body could not be read');
  }
}

/**
 * No route takes a form body (the content-type guard answers 415), so none is parsed: under
 * this name Nest sees a urlencoded parser in place and does not add its own.
 */
export function urlencodedParser(_req: Request, _res: Response, next: NextFunction): void {
  next();
}

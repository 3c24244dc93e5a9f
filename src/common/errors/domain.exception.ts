/**
 * What went wrong, in terms the one exception filter maps to an HTTP status.
 * Features extend DomainException and pick a kind; the `code` is a stable machine string.
 */
export enum ErrorKind {
  BadRequest = 'bad_request',
  Unauthorized = 'unauthorized',
  Forbidden = 'forbidden',
  NotFound = 'not_found',
  Conflict = 'conflict',
  RuleViolation = 'rule_violation',
  UnsupportedMediaType = 'unsupported_media_type',
  TooManyRequests = 'too_many_requests',
  Unavailable = 'unavailable',
}

export interface FieldProblem {
  field: string;
  problems: string[];
}

export class DomainException extends Error {
  constructor(
    readonly kind: ErrorKind,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** A request whose fields break a rule: `details` lists each field. */
export class ValidationFailedException extends DomainException {
  constructor(fields: FieldProblem[]) {
    const message = fields.map((f) => `${f.field}: ${f.problems.join('; ')}`).join(' | ');
    super(ErrorKind.BadRequest, 'validation_failed', message, fields);
  }

  static field(field: string, problem: string): ValidationFailedException {
    return new ValidationFailedException([{ field, problems: [problem] }]);
  }
}

export class NotFoundException extends DomainException {
  constructor(entity: string, id: string | number) {
    super(ErrorKind.NotFound, `${entity}_not_found`, `${entity} ${id} not found`);
  }
}

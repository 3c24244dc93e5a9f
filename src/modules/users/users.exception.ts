import { DomainException, ErrorKind } from '../../common/errors/domain.exception';

export class UsersException extends DomainException {
  static emailTaken(email: string): UsersException {
    return new UsersException(
      ErrorKind.Conflict,
      'email_taken',
      `email: ${email} is already registered`,
      [{ field: 'email', problems: ['already registered'] }],
    );
  }

  static cannotDisableSelf(): UsersException {
    return new UsersException(
      ErrorKind.RuleViolation,
      'cannot_disable_self',
      'An admin cannot disable their own account',
    );
  }

  /** The strength rule's problems (users.rules' passwordWeakness), on the field that carried it. */
  static weakPassword(field: string, problems: string[]): UsersException {
    return new UsersException(
      ErrorKind.BadRequest,
      'weak_password',
      `${field}: ${problems.join('. ')}`,
      [{ field, problems }],
    );
  }

  static invalidResetToken(): UsersException {
    return new UsersException(
      ErrorKind.BadRequest,
      'invalid_reset_token',
      'token: no such set-password token',
      [{ field: 'token', problems: ['is not a set-password token'] }],
    );
  }

  static resetTokenExpired(): UsersException {
    return new UsersException(
      ErrorKind.BadRequest,
      'reset_token_expired',
      'token: the set-password token has expired; ask an admin for a new one',
      [{ field: 'token', problems: ['has expired'] }],
    );
  }

  static resetTokenUsed(): UsersException {
    return new UsersException(
      ErrorKind.BadRequest,
      'reset_token_used',
      'token: the set-password token was already used or replaced by a newer one',
      [{ field: 'token', problems: ['was already used or replaced'] }],
    );
  }
}

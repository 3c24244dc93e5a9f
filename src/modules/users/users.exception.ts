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
}

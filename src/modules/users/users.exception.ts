import { DomainException, ErrorKind } from '../../common/errors/domain.exception';

export class UsersException extends DomainException {
  static emailTaken(email: string): UsersException {
    return new UsersException(ErrorKind.Conflict, 'email_taken', `email: ${email} is already registered`, [
      { field: 'email', problems: ['already registered'] },
    ]);
  }

  static scopeMismatch(field: string, problem: string): UsersException {
    return new UsersException(ErrorKind.BadRequest, 'validation_failed', `${field}: ${problem}`, [
      { field, problems: [problem] },
    ]);
  }
}

import { DomainException, ErrorKind } from '../../common/errors/domain.exception';

export class StudentsException extends DomainException {
  static nisnTaken(nisn?: string): StudentsException {
    return new StudentsException(
      ErrorKind.Conflict,
      'nisn_taken',
      `nisn: ${nisn ?? 'the NISN'} is already registered`,
      [{ field: 'nisn', problems: ['already registered'] }],
    );
  }

  /** Never repeats the NIK: the message may end up in a log. */
  static nikTaken(): StudentsException {
    return new StudentsException(
      ErrorKind.Conflict,
      'nik_taken',
      'nik: already registered to another student',
      [{ field: 'nik', problems: ['already registered'] }],
    );
  }
}

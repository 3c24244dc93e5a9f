import { DomainException, ErrorKind } from '../../common/errors/domain.exception';

export class SchoolsException extends DomainException {
  static npsnTaken(npsn: string): SchoolsException {
    return new SchoolsException(
      ErrorKind.Conflict,
      'npsn_taken',
      `npsn: ${npsn} is already registered`,
      [{ field: 'npsn', problems: ['already registered'] }],
    );
  }

  static programInUse(code: string): SchoolsException {
    return new SchoolsException(
      ErrorKind.RuleViolation,
      'program_in_use',
      `programCodes: ${code} still has students at this school and cannot be removed`,
      [{ field: 'programCodes', problems: [`${code} still has students`] }],
    );
  }

  /** Rule: a deactivated school takes no new students, imports or cohort enrolments. */
  static inactive(id: number): SchoolsException {
    return new SchoolsException(
      ErrorKind.RuleViolation,
      'school_inactive',
      `school ${id} is deactivated: it takes no new students, imports or cohort enrolments`,
      [{ field: 'schoolId', problems: ['school is deactivated'] }],
    );
  }
}

import { DomainException, ErrorKind } from '../../common/errors/domain.exception';

export class OutcomesException extends DomainException {
  static notAGraduate(studentId: number): OutcomesException {
    return new OutcomesException(
      ErrorKind.RuleViolation,
      'not_a_graduate',
      `Student ${studentId} has not graduated: outcomes are recorded for graduates only`,
    );
  }

  static alreadyRecorded(studentId: number, date: string, status: string): OutcomesException {
    return new OutcomesException(
      ErrorKind.Conflict,
      'outcome_exists',
      `Student ${studentId} already has a ${status} outcome on ${date}`,
    );
  }
}

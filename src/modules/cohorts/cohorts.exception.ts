import { DomainException, ErrorKind } from '../../common/errors/domain.exception';
import { CohortStatus } from './cohort.entity';

/** Refusals of the cohort and enrolment rules; each code names the rule broken. */
export class CohortsException extends DomainException {
  static closed(cohortId: number, status: CohortStatus): CohortsException {
    return new CohortsException(
      ErrorKind.RuleViolation,
      'cohort_closed',
      `cohort ${cohortId} is ${status}: enrolments change only while a cohort is planned or running`,
    );
  }

  static full(cohortId: number): CohortsException {
    return new CohortsException(
      ErrorKind.Conflict,
      'cohort_full',
      `cohort ${cohortId} has no seat left`,
    );
  }

  static alreadyEnrolled(studentId: number, cohortId: number): CohortsException {
    return new CohortsException(
      ErrorKind.Conflict,
      'already_enrolled',
      `student ${studentId} is already enrolled in cohort ${cohortId}`,
    );
  }

  static datesOverlap(studentId: number, otherCohortId: number): CohortsException {
    return new CohortsException(
      ErrorKind.RuleViolation,
      'cohort_dates_overlap',
      `student ${studentId} is enrolled in cohort ${otherCohortId}, whose dates overlap this one`,
      { conflictingCohortId: otherCohortId },
    );
  }

  static studentNotEnrollable(studentId: number, status: string): CohortsException {
    return new CohortsException(
      ErrorKind.RuleViolation,
      'student_not_enrollable',
      `student ${studentId} has status ${status}: a withdrawn student cannot be enrolled`,
    );
  }

  static enrolmentWithdrawn(enrolmentId: number): CohortsException {
    return new CohortsException(
      ErrorKind.Conflict,
      'enrolment_withdrawn',
      `enrolment ${enrolmentId} is already withdrawn`,
    );
  }

  static transition(cohortId: number, from: CohortStatus, to: CohortStatus): CohortsException {
    return new CohortsException(
      ErrorKind.RuleViolation,
      'invalid_status_transition',
      `cohort ${cohortId} cannot go from ${from} to ${to}`,
    );
  }

  static notRunning(cohortId: number, status: CohortStatus): CohortsException {
    return new CohortsException(
      ErrorKind.RuleViolation,
      'cohort_not_running',
      `cohort ${cohortId} is ${status}: results are recorded only while a cohort is running`,
    );
  }

  static capacityBelowEnrolled(cohortId: number): CohortsException {
    return new CohortsException(
      ErrorKind.RuleViolation,
      'capacity_below_enrolled',
      `cohort ${cohortId}: capacity cannot go below the number of students enrolled`,
    );
  }

  static datesLocked(cohortId: number): CohortsException {
    return new CohortsException(
      ErrorKind.RuleViolation,
      'cohort_dates_locked',
      `cohort ${cohortId}: dates change only while it is planned and nobody is enrolled`,
    );
  }
}

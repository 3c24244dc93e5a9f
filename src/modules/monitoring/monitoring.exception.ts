import { DomainException, ErrorKind } from '../../common/errors/domain.exception';
import type { DayProblem, JournalStep } from './monitoring.rules';

/** The words of each day problem (its code): exported for error-texts.spec, which gives each. */
export const DAY_MESSAGES: Record<DayProblem, string> = {
  placement_not_active: 'The placement is not active',
  day_in_future: 'The day is in the future',
  day_before_start: 'The day is before the placement starts',
  day_after_end: 'The day is after the placement ends',
  not_a_working_day: 'The day is not a working day (Monday to Friday)',
};

export class MonitoringException extends DomainException {
  static day(problem: DayProblem, day: string): MonitoringException {
    return new MonitoringException(
      ErrorKind.RuleViolation,
      problem,
      `${DAY_MESSAGES[problem]}: ${day}`,
      { rule: problem, day },
    );
  }

  static journalExists(day: string): MonitoringException {
    return new MonitoringException(
      ErrorKind.Conflict,
      'journal_entry_exists',
      `The placement already has a journal entry for ${day}`,
    );
  }

  static journalLocked(id: number): MonitoringException {
    return new MonitoringException(
      ErrorKind.Conflict,
      'journal_entry_locked',
      `Journal entry ${id} is approved and cannot change`,
    );
  }

  static invalidStep(step: JournalStep, status: string): MonitoringException {
    return new MonitoringException(
      ErrorKind.Conflict,
      'invalid_journal_step',
      `Cannot ${step} a journal entry that is ${status}`,
    );
  }

  static attendanceLocked(id: number): MonitoringException {
    return new MonitoringException(
      ErrorKind.Conflict,
      'attendance_locked',
      `Attendance record ${id} is confirmed and cannot change`,
    );
  }

  static evidenceNotAllowed(status: string): MonitoringException {
    return new MonitoringException(
      ErrorKind.RuleViolation,
      'evidence_not_allowed',
      `Evidence is only for izin or sakit, not ${status}`,
      { rule: 'evidence_not_allowed' },
    );
  }

  static unsupportedImage(): MonitoringException {
    return new MonitoringException(
      ErrorKind.UnsupportedMediaType,
      'unsupported_image',
      'The file must be a JPEG or PNG image (checked by its content)',
    );
  }

  static fileTooLarge(maxBytes: number): MonitoringException {
    return new MonitoringException(
      ErrorKind.BadRequest,
      'file_too_large',
      `The file is larger than ${maxBytes} bytes`,
    );
  }

  static noFile(): MonitoringException {
    return new MonitoringException(ErrorKind.BadRequest, 'file_missing', 'Send the file as `file`');
  }

  static placementNotActive(id: number, status: string): MonitoringException {
    return new MonitoringException(
      ErrorKind.Conflict,
      'placement_not_active',
      `Placement ${id} is ${status}: only an active placement can be assessed`,
    );
  }

  static forbidden(message: string): MonitoringException {
    return new MonitoringException(ErrorKind.Forbidden, 'forbidden', message);
  }
}

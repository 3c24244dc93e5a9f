import { DomainException, ErrorKind } from '../../common/errors/domain.exception';

export class PlacementsException extends DomainException {
  static slotNotOpen(slotId: number): PlacementsException {
    return new PlacementsException(
      ErrorKind.RuleViolation,
      'slot_not_open',
      `Slot ${slotId} is not open`,
      {
        rule: 'slot_not_open',
      },
    );
  }

  static alreadyPlaced(studentId: number): PlacementsException {
    return new PlacementsException(
      ErrorKind.Conflict,
      'student_already_placed',
      `Student ${studentId} already has an accepted or active placement`,
    );
  }

  static duplicate(studentId: number, slotId: number): PlacementsException {
    return new PlacementsException(
      ErrorKind.Conflict,
      'duplicate_placement',
      `Student ${studentId} already has an open placement in slot ${slotId}`,
    );
  }

  static minimumAge(age: number, startDate: string): PlacementsException {
    return new PlacementsException(
      ErrorKind.RuleViolation,
      'minimum_age',
      `An apprentice must be at least 17 on the start date (Permenaker 6/2020); the student is ${age} on ${startDate}`,
      { rule: 'minimum_age', age, startDate },
    );
  }

  static parentalConsent(): PlacementsException {
    return new PlacementsException(
      ErrorKind.RuleViolation,
      'parental_consent_required',
      'The student is under 18 on the start date: parental consent is required',
      { rule: 'parental_consent_required' },
    );
  }

  static studentNotAvailable(status: string): PlacementsException {
    return new PlacementsException(
      ErrorKind.RuleViolation,
      'student_not_available',
      `A ${status} student cannot be placed`,
      { rule: 'student_not_available' },
    );
  }

  static invalidTransition(action: string, status: string): PlacementsException {
    return new PlacementsException(
      ErrorKind.Conflict,
      'invalid_transition',
      `Cannot ${action} a placement that is ${status}`,
    );
  }

  static offerExpired(): PlacementsException {
    return new PlacementsException(
      ErrorKind.RuleViolation,
      'offer_expired',
      'The offer has passed its deadline',
      {
        rule: 'offer_expired',
      },
    );
  }
}

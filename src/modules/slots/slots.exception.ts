import { DomainException, ErrorKind } from '../../common/errors/domain.exception';

/** Every apprenticeship rule a slot can break, each a 422 naming the rule. */
export class SlotsException extends DomainException {
  static duration(message: string): SlotsException {
    return new SlotsException(ErrorKind.RuleViolation, 'slot_duration', message, {
      rule: 'slot_duration',
    });
  }

  static apprenticeQuota(
    limit: number,
    peak: number,
    on: string | null,
    workforce: number,
  ): SlotsException {
    return new SlotsException(
      ErrorKind.RuleViolation,
      'apprentice_quota',
      `Permenaker 6/2020: a company's apprentices may be at most 20 % of its workforce (${workforce} workers → ${limit}); this would make ${peak} on ${on}`,
      { rule: 'apprentice_quota', limit, peak, on, workforce },
    );
  }

  static unknownUnits(codes: string[]): SlotsException {
    return new SlotsException(
      ErrorKind.RuleViolation,
      'unknown_competency_units',
      `requirements: units not in the competency catalogue: ${codes.join(', ')}`,
      { rule: 'unknown_competency_units', field: 'requirements', units: codes },
    );
  }

  static capacityBelowFilled(filled: number): SlotsException {
    return new SlotsException(
      ErrorKind.RuleViolation,
      'capacity_below_filled',
      `capacity: ${filled} seats are already taken; capacity cannot go below that`,
      { rule: 'capacity_below_filled', filled },
    );
  }

  static slotFull(slotId: number): SlotsException {
    return new SlotsException(
      ErrorKind.Conflict,
      'slot_full',
      `Slot ${slotId} has no free seat left`,
    );
  }

  static invalidStatus(action: string, status: string): SlotsException {
    return new SlotsException(
      ErrorKind.Conflict,
      'invalid_slot_status',
      `Cannot ${action} a slot that is ${status}`,
    );
  }
}

import { DomainException, ErrorKind } from '../../common/errors/domain.exception';

export class CompaniesException extends DomainException {
  static nibTaken(nib: string): CompaniesException {
    return new CompaniesException(
      ErrorKind.Conflict,
      'nib_taken',
      `nib: ${nib} is already registered`,
      [{ field: 'nib', problems: ['already registered'] }],
    );
  }

  static workforceBelowApprentices(limit: number, peak: number): CompaniesException {
    return new CompaniesException(
      ErrorKind.RuleViolation,
      'apprentice_quota',
      `workforceSize: the company would allow ${limit} apprentices but has ${peak} at its busiest moment (Permenaker 6/2020: at most 20 % of the workforce)`,
      { rule: 'apprentice_quota', limit, peak },
    );
  }
}

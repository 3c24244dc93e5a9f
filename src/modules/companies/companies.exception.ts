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
}

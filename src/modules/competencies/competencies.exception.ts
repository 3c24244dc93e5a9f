import { DomainException, ErrorKind } from '../../common/errors/domain.exception';

export class CompetenciesException extends DomainException {
  static codeTaken(code: string): CompetenciesException {
    return new CompetenciesException(
      ErrorKind.Conflict,
      'unit_code_taken',
      `code: ${code} is already in the catalogue`,
      [{ field: 'code', problems: ['already in the catalogue'] }],
    );
  }
}

import { DomainException, ErrorKind } from '../../common/errors/domain.exception';

export class ImportsException extends DomainException {
  static badFile(problem: string): ImportsException {
    return new ImportsException(ErrorKind.BadRequest, 'bad_import_file', `file: ${problem}`, [
      { field: 'file', problems: [problem] },
    ]);
  }

  /** A form field that does not fit the file (e.g. a sheet the workbook lacks). */
  static badField(field: string, problem: string): ImportsException {
    return new ImportsException(ErrorKind.BadRequest, 'bad_import_file', `${field}: ${problem}`, [
      { field, problems: [problem] },
    ]);
  }
}

import { DomainException, ErrorKind } from '../../common/errors/domain.exception';

export class CoursesException extends DomainException {
  static codeTaken(code: string): CoursesException {
    return new CoursesException(
      ErrorKind.Conflict,
      'course_code_taken',
      `course code ${code} is already used`,
      [{ field: 'code', problems: ['already used'] }],
    );
  }
}

import { DomainException, ErrorKind } from '../../common/errors/domain.exception';

export class AnalyticsException extends DomainException {
  static unknownRegion(code: string): AnalyticsException {
    return new AnalyticsException(
      ErrorKind.NotFound,
      'region_not_found',
      `region ${code} not found`,
    );
  }
}

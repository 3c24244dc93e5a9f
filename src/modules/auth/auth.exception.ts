import { DomainException, ErrorKind } from '../../common/errors/domain.exception';

export class AuthException extends DomainException {
  /** One message for unknown email, wrong password and disabled account: reveals nothing. */
  static invalidCredentials(): AuthException {
    return new AuthException(
      ErrorKind.Unauthorized,
      'invalid_credentials',
      'Invalid email or password',
    );
  }

  static invalidRefreshToken(): AuthException {
    return new AuthException(
      ErrorKind.Unauthorized,
      'invalid_refresh_token',
      'The refresh token is invalid, expired or already used',
    );
  }

  static tooManyAttempts(retryAfterSeconds: number): AuthException {
    return new AuthException(
      ErrorKind.TooManyRequests,
      'too_many_login_attempts',
      `Too many failed logins; try again in ${retryAfterSeconds} s`,
      { retryAfterSeconds },
    );
  }

  static throttleUnavailable(): AuthException {
    return new AuthException(
      ErrorKind.Unavailable,
      'login_unavailable',
      'Login is unavailable right now; try again shortly',
    );
  }

  /** Counted as a failed login for the account's email (LoginThrottle). */
  static wrongCurrentPassword(): AuthException {
    return new AuthException(
      ErrorKind.BadRequest,
      'wrong_current_password',
      'currentPassword: is not your current password',
      [{ field: 'currentPassword', problems: ['is not your current password'] }],
    );
  }
}

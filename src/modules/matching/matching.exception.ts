import { DomainException, ErrorKind } from '../../common/errors/domain.exception';

export class MatchingException extends DomainException {
  static overlappingRun(otherId: number): MatchingException {
    return new MatchingException(
      ErrorKind.Conflict,
      'overlapping_run',
      `Round ${otherId} is still queued or running for an overlapping scope`,
      { runId: otherId },
    );
  }

  static invalidRunStatus(action: string, status: string): MatchingException {
    return new MatchingException(
      ErrorKind.Conflict,
      'invalid_run_status',
      `Cannot ${action} a round that is ${status}`,
    );
  }

  static alreadyPublished(): MatchingException {
    return new MatchingException(
      ErrorKind.Conflict,
      'already_published',
      'This round has already been published',
    );
  }

  static notEligible(
    field: string,
    message: string,
    details: Record<string, unknown>,
  ): MatchingException {
    return new MatchingException(ErrorKind.RuleViolation, 'not_eligible', `${field}: ${message}`, {
      rule: 'not_eligible',
      field,
      ...details,
    });
  }

  static fairnessNeedsStable(): MatchingException {
    return new MatchingException(
      ErrorKind.RuleViolation,
      'fairness_needs_stable_mode',
      'options: schoolCompanyCap and reserves apply to the stable mode only',
      { rule: 'fairness_needs_stable_mode', field: 'options' },
    );
  }
}

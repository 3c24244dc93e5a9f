export enum CohortStatus {
  Planned = 'planned',
  Running = 'running',
  Completed = 'completed',
  Cancelled = 'cancelled',
}

/** SKKNI-style assessment outcome. */
export enum AssessmentResult {
  Competent = 'competent',
  NotYetCompetent = 'not_yet_competent',
}

import type { JobOptions } from 'bull';

export const OUTCOMES_QUEUE = 'outcomes';
export const OUTCOME_IMPORT_JOB = 'import-csv';

/** Largest CSV accepted in one upload: about 50,000 rows. */
export const OUTCOME_IMPORT_MAX_BYTES = 5 * 1024 * 1024;

export const OUTCOME_IMPORT_JOB_OPTIONS: JobOptions = {
  attempts: 3,
  backoff: { type: 'exponential', delay: 2_000 },
  // Kept a day so the uploader can read the result; failures stay for inspection.
  removeOnComplete: { age: 24 * 3600 },
  removeOnFail: false,
};

import type { JobOptions } from 'bull';

export const IMPORTS_QUEUE = 'imports';
export const PROCESS_IMPORT_JOB = 'process-import';

/** Rows per transaction: one multi-row upsert, its audit rows and the checkpoint together. */
export const IMPORT_BATCH_ROWS = 500;

/** Kept in a LONGTEXT; 100,000 students are about 10 MB. */
export const MAX_IMPORT_BYTES = 32 * 1024 * 1024;

/** One job per import: a second enqueue of the same import is a no-op. */
export function importJobId(importId: number): string {
  return `import-${importId}`;
}

/**
 * A failed attempt resumes at the committed checkpoint, so retrying is always safe.
 * Completed jobs are dropped after a day (the import row keeps the result); failed ones stay.
 */
export const IMPORT_JOB_OPTIONS: JobOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: { age: 24 * 3600, count: 1000 },
  removeOnFail: false,
};

export interface ImportJobData {
  importId: number;
}

import type { JobOptions, QueueOptions } from 'bull';
import { LONG_JOB_QUEUE_SETTINGS } from '../../common/queue/worker-settings';

export const IMPORTS_QUEUE = 'imports';
export const PROCESS_IMPORT_JOB = 'process-import';

/** Rows per transaction: one multi-row upsert, its audit rows and the checkpoint together. */
export const IMPORT_BATCH_ROWS = 500;

/** 100,000 students are about 9 MB of CSV, 6 MB of .xlsx. */
export const MAX_IMPORT_BYTES = 32 * 1024 * 1024;

/** A file is kept in parts this big: 8 MB once hex-encoded, under a 16 MB max_allowed_packet. */
export const IMPORT_FILE_PART_BYTES = 4 * 1024 * 1024;

/**
 * One job id per import: a second enqueue while its job is live is a no-op. The recovery sweep
 * removes a failed or lost job before adding the import again (see ensureLiveJob).
 */
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

/** A killed worker's import resumes from its checkpoint within 15 s (LONG_JOB_QUEUE_SETTINGS). */
export const IMPORTS_QUEUE_SETTINGS: QueueOptions['settings'] = LONG_JOB_QUEUE_SETTINGS;

export interface ImportJobData {
  importId: number;
}

import type { JobOptions, QueueOptions } from 'bull';
import { IN_LIST_MAX } from '../../common/database/in-list';
import { LONG_JOB_QUEUE_SETTINGS } from '../../common/queue/worker-settings';

export const MATCHING_QUEUE = 'matching';
export const RUN_ROUND_JOB = 'run-round';

/**
 * One job id per round: re-adding a round whose job is live is a no-op. The recovery sweep
 * removes a failed or lost job before adding the round again (see ensureLiveJob).
 */
export function roundJobId(runId: number): string {
  return `round-${runId}`;
}

/** One part of a split round (round-parts.rules.ts), taken by any worker. */
export const RUN_PART_JOB = 'run-round-part';

/** One job id per part: adding it again while it is live is a no-op (see ensureLiveJob). */
export function partJobId(partId: number): string {
  return `round-part-${partId}`;
}

/**
 * A round is recomputed from MySQL on every attempt and its proposals are keyed by
 * (run, student), so retrying after a crash writes nothing twice.
 */
export const RUN_ROUND_JOB_OPTIONS: JobOptions = {
  attempts: 3,
  backoff: { type: 'exponential', delay: 2000 },
  removeOnComplete: { age: 24 * 3600, count: 1000 },
  removeOnFail: false,
};

/**
 * The engine runs in a worker thread, so the lock is renewed on time even for a national
 * round; a worker killed mid-round leaves a stalled job that another worker (or the same one,
 * restarted) picks up within lockDuration + stalledInterval (see LONG_JOB_QUEUE_SETTINGS).
 */
export const MATCHING_QUEUE_SETTINGS: QueueOptions['settings'] = LONG_JOB_QUEUE_SETTINGS;

/** Students (or slots) per IN list while loading a round's scope. */
export const LOAD_BATCH = IN_LIST_MAX;
/** Rows per multi-row insert when writing proposals. */
export const WRITE_BATCH = 2_000;
/** A student ranks at most this many slots. */
export const MAX_PREFERENCES = 10;

export interface RunRoundJobData {
  runId: number;
}

/** A part's job: its matching_run_parts id (the row says which round and regions). */
export interface RunPartJobData {
  partId: number;
}

/** A part is written in one transaction with its "done": a retry finds it whole or absent. */
export const RUN_PART_JOB_OPTIONS: JobOptions = RUN_ROUND_JOB_OPTIONS;

import type { QueueOptions } from 'bull';

/**
 * Lock and stall settings of the queues whose jobs run long (rounds, imports). A worker renews
 * its job's lock every lockDuration / 2; a worker that dies (SIGKILL, lost host) stops renewing,
 * the lock expires after lockDuration, and the next stalled-job check of any worker (every
 * stalledInterval) puts the job back in the queue: a killed worker's job runs again within
 * lockDuration + stalledInterval, 15 s here (Bull's defaults, 30 s + 30 s, gave 32–92 s).
 * A job that stalls more than maxStalledCount times fails; the recovery sweep re-adds it.
 */
export const LONG_JOB_QUEUE_SETTINGS: QueueOptions['settings'] = {
  lockDuration: 10_000,
  stalledInterval: 5_000,
  maxStalledCount: 2,
};

/**
 * How often each worker sweeps for rounds and imports that MySQL says are queued or running
 * but that have no live job in Redis (lost with an emptied Redis, failed while the database was
 * away, …) and enqueues them again.
 */
export const RECOVERY_SWEEP_EVERY_MS = 10_000;

/** A sweep gives up on Redis after this long and tries again on the next tick. */
export const RECOVERY_SWEEP_REDIS_TIMEOUT_MS = 5_000;

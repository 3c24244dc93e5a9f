import { Logger } from '@nestjs/common';
import type { Queue } from 'bull';
import type { DataSource } from 'typeorm';
import { ensureLiveJob, PeriodicTask, WantedJob, withinMs } from './job-recovery';
import { RECOVERY_SWEEP_EVERY_MS, RECOVERY_SWEEP_REDIS_TIMEOUT_MS } from './worker-settings';

/** What a sweep needs to know of one kind of long work (rounds, imports) kept in MySQL. */
export interface SweptWork<T> {
  /** 'round', 'import': names the sweep, its lease and its log lines. */
  kind: string;
  /** The ids MySQL says are queued or running. */
  unfinishedIds(): Promise<number[]>;
  /** Whether this process is working on it right now (then its job is live by definition). */
  isInFlight(id: number): boolean;
  /** Re-read in MySQL just before a job is replaced. */
  isUnfinished(id: number): Promise<boolean>;
  job(id: number): WantedJob<T>;
}

/**
 * Finds the work MySQL says is queued or running but that has no live job in Redis (Redis
 * restarted empty, a job failed while the database was away, work created while Redis was
 * down) and enqueues it again, at start and every RECOVERY_SWEEP_EVERY_MS, under a MySQL lease
 * so that N workers do not sweep at once. A worker's sweeper service owns one.
 */
export class RecoverySweep<T> {
  private readonly task: PeriodicTask;

  constructor(
    private readonly logger: Logger,
    dataSource: DataSource,
    private readonly queue: Queue<T>,
    private readonly work: SweptWork<T>,
  ) {
    this.task = new PeriodicTask(
      logger,
      `${work.kind} recovery sweep`,
      RECOVERY_SWEEP_EVERY_MS,
      () => this.sweep().then(() => undefined),
      { dataSource, name: `sweep:${work.kind}s` },
    );
  }

  start(): void {
    this.task.start();
  }

  stop(): Promise<void> {
    return this.task.stop();
  }

  /** One sweep; resolves with how many were enqueued again. */
  async sweep(): Promise<number> {
    const ids = await this.work.unfinishedIds();
    if (ids.length === 0) {
      return 0;
    }
    // Bull's client queues commands while Redis is away; fail the tick at once instead.
    if (this.queue.client.status !== 'ready') {
      throw new Error(`Redis is not reachable (connection ${this.queue.client.status})`);
    }
    const { kind } = this.work;
    let enqueued = 0;
    for (const id of ids) {
      if (this.work.isInFlight(id)) {
        continue;
      }
      const added = await withinMs(
        ensureLiveJob(this.queue, this.work.job(id), () => this.work.isUnfinished(id)),
        RECOVERY_SWEEP_REDIS_TIMEOUT_MS,
        `re-enqueueing ${kind} ${id}`,
      );
      if (added) {
        enqueued++;
        this.logger.warn(
          `${kind[0].toUpperCase()}${kind.slice(1)} ${id} had no live job: enqueued again`,
        );
      }
    }
    return enqueued;
  }
}

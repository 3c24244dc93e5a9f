import type { Logger } from '@nestjs/common';
import type { JobOptions, Queue } from 'bull';
import { ensureRepeatableJob, PeriodicTask, withinMs } from './job-recovery';
import { RECOVERY_SWEEP_EVERY_MS, RECOVERY_SWEEP_REDIS_TIMEOUT_MS } from './worker-settings';

export interface RepeatableJobSpec {
  job: string;
  options: JobOptions;
  /** For the log: what is scheduled ("Offer expiry") and when ("every 60 s"). */
  what: string;
  when: string;
}

/**
 * Keeps one repeatable job scheduled. Its schedule lives only in Redis, so a Redis restarted
 * empty (or flushed) would lose it until a worker restarts: every worker checks at start and
 * every RECOVERY_SWEEP_EVERY_MS and registers it again when it is missing. Registering is
 * idempotent (one schedule whatever the number of workers) and needs no database, so it works
 * while MySQL is away. A worker's scheduler service owns one and starts and stops it.
 */
export class RepeatableSchedule {
  private readonly task: PeriodicTask;
  private checkedOnce = false;

  constructor(
    private readonly logger: Logger,
    private readonly queue: Queue,
    private readonly spec: RepeatableJobSpec,
    private readonly timeoutMs = RECOVERY_SWEEP_REDIS_TIMEOUT_MS,
  ) {
    this.task = new PeriodicTask(
      logger,
      `${spec.what} schedule check`,
      RECOVERY_SWEEP_EVERY_MS,
      () => this.ensure().then(() => undefined),
    );
  }

  /** Not awaited by callers: a worker starting while Redis is down must still start. */
  start(): void {
    this.task.start();
  }

  stop(): Promise<void> {
    return this.task.stop();
  }

  /**
   * One check; resolves true when the job had to be scheduled (again). The log line comes from
   * the check itself, not from its caller: a check that answers after `timeoutMs` rejects, yet
   * its writes still land in Redis, and the line saying so must too (the next check would find
   * the job there and say nothing).
   */
  async ensure(): Promise<boolean> {
    // Bull's client queues commands while Redis is away; fail the check at once instead.
    if (this.queue.client.status !== 'ready') {
      throw new Error(`Redis is not reachable (connection ${this.queue.client.status})`);
    }
    const check = ensureRepeatableJob(this.queue, this.spec.job, {}, this.spec.options).then(
      (added) => {
        this.report(added);
        return added;
      },
    );
    return withinMs(check, this.timeoutMs, `scheduling ${this.spec.what}`);
  }

  private report(added: boolean): void {
    if (added) {
      if (this.checkedOnce) {
        this.logger.warn(
          `${this.spec.what} was not scheduled (Redis emptied?): scheduled again, ${this.spec.when}`,
        );
      } else {
        this.logger.log(`${this.spec.what} scheduled, ${this.spec.when}`);
      }
    }
    this.checkedOnce = true;
  }
}

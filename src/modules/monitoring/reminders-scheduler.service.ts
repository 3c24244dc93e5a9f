import { InjectQueue } from '@nestjs/bull';
import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import type { Queue } from 'bull';
import { ensureRepeatableJob, PeriodicTask, withinMs } from '../../common/queue/job-recovery';
import {
  RECOVERY_SWEEP_EVERY_MS,
  RECOVERY_SWEEP_REDIS_TIMEOUT_MS,
} from '../../common/queue/worker-settings';
import {
  MONITORING_QUEUE,
  REMINDERS_CRON,
  REMINDERS_JOB,
  REMINDERS_JOB_OPTIONS,
  REMINDERS_TZ,
} from './monitoring.constants';

/**
 * Keeps the daily reminders scheduled, as the offer expiry is: the schedule lives only in
 * Redis, so every worker checks at start and every RECOVERY_SWEEP_EVERY_MS and registers it
 * again when it is missing (idempotent: one schedule whatever the number of workers).
 */
@Injectable()
export class RemindersScheduler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(RemindersScheduler.name);
  private readonly task: PeriodicTask;
  private checkedOnce = false;

  constructor(@InjectQueue(MONITORING_QUEUE) private readonly queue: Queue) {
    this.task = new PeriodicTask(
      this.logger,
      'reminders schedule check',
      RECOVERY_SWEEP_EVERY_MS,
      () => this.ensureScheduled().then(() => undefined),
    );
  }

  onApplicationBootstrap(): void {
    // Not awaited: a worker starting while Redis is down must still start.
    this.task.start();
  }

  onModuleDestroy(): Promise<void> {
    return this.task.stop();
  }

  /** One check; resolves true when the job had to be scheduled (again). */
  async ensureScheduled(): Promise<boolean> {
    if (this.queue.client.status !== 'ready') {
      throw new Error(`Redis is not reachable (connection ${this.queue.client.status})`);
    }
    const added = await withinMs(
      ensureRepeatableJob(this.queue, REMINDERS_JOB, {}, REMINDERS_JOB_OPTIONS),
      RECOVERY_SWEEP_REDIS_TIMEOUT_MS,
      'scheduling the daily reminders',
    );
    if (added) {
      const when = `cron '${REMINDERS_CRON}' ${REMINDERS_TZ}`;
      if (this.checkedOnce) {
        this.logger.warn(`Daily reminders were not scheduled (Redis emptied?): again, ${when}`);
      } else {
        this.logger.log(`Daily reminders scheduled, ${when}`);
      }
    }
    this.checkedOnce = true;
    return added;
  }
}

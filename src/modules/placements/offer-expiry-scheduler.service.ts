import { InjectQueue } from '@nestjs/bull';
import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import type { Queue } from 'bull';
import { ensureRepeatableJob, PeriodicTask, withinMs } from '../../common/queue/job-recovery';
import {
  RECOVERY_SWEEP_EVERY_MS,
  RECOVERY_SWEEP_REDIS_TIMEOUT_MS,
} from '../../common/queue/worker-settings';
import {
  EXPIRE_OFFERS_JOB,
  EXPIRE_OFFERS_JOB_OPTIONS,
  EXPIRY_EVERY_MS,
  PLACEMENTS_QUEUE,
} from './placements.constants';

/**
 * Keeps the offer-expiry repeatable job scheduled. Its schedule lives only in Redis, so a
 * Redis restarted empty (or flushed) would lose it until a worker restarts: every worker
 * checks at start and every RECOVERY_SWEEP_EVERY_MS and registers it again when it is missing.
 * Registering is idempotent (one schedule whatever the number of workers), and needs no
 * database: it works while MySQL is away.
 */
@Injectable()
export class OfferExpiryScheduler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(OfferExpiryScheduler.name);
  private readonly task: PeriodicTask;
  private checkedOnce = false;

  constructor(@InjectQueue(PLACEMENTS_QUEUE) private readonly queue: Queue) {
    this.task = new PeriodicTask(
      this.logger,
      'offer expiry schedule check',
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
    // Bull's client queues commands while Redis is away; fail the tick at once instead.
    if (this.queue.client.status !== 'ready') {
      throw new Error(`Redis is not reachable (connection ${this.queue.client.status})`);
    }
    const added = await withinMs(
      ensureRepeatableJob(this.queue, EXPIRE_OFFERS_JOB, {}, EXPIRE_OFFERS_JOB_OPTIONS),
      RECOVERY_SWEEP_REDIS_TIMEOUT_MS,
      'scheduling offer expiry',
    );
    if (added) {
      const every = `every ${EXPIRY_EVERY_MS / 1000} s`;
      if (this.checkedOnce) {
        this.logger.warn(
          `Offer expiry was not scheduled (Redis emptied?): scheduled again, ${every}`,
        );
      } else {
        this.logger.log(`Offer expiry scheduled, ${every}`);
      }
    }
    this.checkedOnce = true;
    return added;
  }
}

import { InjectQueue } from '@nestjs/bull';
import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnModuleDestroy,
} from '@nestjs/common';
import type { Queue } from 'bull';
import { appConfig, AppConfig } from '../../config/configuration';
import {
  DELIVER_EVENT_JOB,
  deliveryJobId,
  deliveryJobOptions,
  NOTIFICATIONS_QUEUE,
  RELAY_BATCH_SIZE,
  RELAY_REDIS_TIMEOUT_MS,
} from './notifications.constants';
import { OutboxRepository } from './outbox.repository';

export interface RelayStats {
  ticks: number;
  failedTicks: number;
  enqueued: number;
  lastError: string | null;
}

/**
 * Moves undelivered outbox rows onto the notifications queue, every few seconds, in the worker.
 * MySQL holds the events; Redis only carries the deliveries in flight. When Redis is down a
 * tick fails and the rows simply wait for the next one; when a job is lost (Redis emptied) or
 * has used all its attempts, the row is enqueued again. Job ids come from the outbox id, so
 * several workers relaying at once add each job once.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(OutboxRelay.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  readonly stats: RelayStats = { ticks: 0, failedTicks: 0, enqueued: 0, lastError: null };

  constructor(
    private readonly outbox: OutboxRepository,
    @InjectQueue(NOTIFICATIONS_QUEUE) private readonly queue: Queue,
    @Inject(appConfig.KEY) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.start();
  }

  onModuleDestroy(): Promise<void> {
    return this.stop();
  }

  /** Starts the periodic relay (a no-op when running, or when no webhook is configured). */
  start(): void {
    if (!this.config.webhookUrl) {
      this.logger.warn('WEBHOOK_URL is not set: outbox events are kept, not delivered');
      return;
    }
    this.timer ??= setInterval(() => this.tick(), this.config.outboxRelayIntervalMs);
  }

  /** Stops the timer and waits for a tick in progress. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** One timer tick; a tick still running (slow Redis) makes this one a no-op. */
  private tick(): void {
    if (this.running) {
      return;
    }
    this.running = this.relayOnce()
      .then(() => undefined)
      .catch((error: unknown) => {
        this.stats.failedTicks++;
        this.stats.lastError = error instanceof Error ? error.message : String(error);
        this.logger.warn(`outbox relay: ${this.stats.lastError}; retrying next tick`);
      })
      .finally(() => {
        this.stats.ticks++;
        this.running = undefined;
      });
  }

  /**
   * Enqueues the oldest undelivered rows whose job is missing, failed for good or finished
   * without delivering. Returns how many were enqueued; throws when Redis does not answer.
   */
  async relayOnce(queue: Queue = this.queue): Promise<number> {
    const ids = await this.outbox.undeliveredIds(RELAY_BATCH_SIZE);
    if (ids.length === 0) {
      return 0;
    }
    // Bull's client queues commands while disconnected; fail the tick at once instead.
    if (queue.client.status !== 'ready') {
      throw new Error(`Redis is not reachable (connection ${queue.client.status})`);
    }
    let enqueued = 0;
    for (const id of ids) {
      if (await withTimeout(this.ensureJob(queue, id), RELAY_REDIS_TIMEOUT_MS)) {
        enqueued++;
      }
    }
    this.stats.enqueued += enqueued;
    return enqueued;
  }

  private async ensureJob(queue: Queue, outboxId: number): Promise<boolean> {
    const job = await queue.getJob(deliveryJobId(outboxId));
    if (job) {
      let state = await job.getState();
      // Bull reads the state set by set, not atomically: a job moving between sets reads as
      // 'stuck' for a moment. Only a second 'stuck' counts as a job in no set at all.
      if (state === 'stuck') {
        state = await job.getState();
      }
      // Waiting, delayed (between retries), active or paused: it is on its way.
      if (state !== 'completed' && state !== 'failed' && state !== 'stuck') {
        return false;
      }
    }
    // Re-read the row: a job completes only after delivered_at is committed, so this sees
    // a delivery that happened after the batch was read, and nothing is sent twice.
    if (!(await this.outbox.isUndelivered(outboxId))) {
      return false;
    }
    if (job) {
      // Refused (and the tick fails, adding nothing) if a worker holds the job's lock.
      await job.remove();
    }
    await queue.add(
      DELIVER_EVENT_JOB,
      { outboxId },
      deliveryJobOptions(outboxId, this.config.notificationsBackoffMs),
    );
    return true;
  }
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Redis did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

import { InjectQueue } from '@nestjs/bull';
import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import type { Queue } from 'bull';
import { RepeatableSchedule } from '../../common/queue/repeatable-schedule';
import {
  EXPIRE_OFFERS_JOB,
  EXPIRE_OFFERS_JOB_OPTIONS,
  EXPIRY_EVERY_MS,
  PLACEMENTS_QUEUE,
} from './placements.constants';

/** Keeps the offer-expiry repeatable job scheduled, even after Redis lost it. */
@Injectable()
export class OfferExpiryScheduler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly schedule: RepeatableSchedule;

  constructor(@InjectQueue(PLACEMENTS_QUEUE) queue: Queue) {
    this.schedule = new RepeatableSchedule(new Logger(OfferExpiryScheduler.name), queue, {
      job: EXPIRE_OFFERS_JOB,
      options: EXPIRE_OFFERS_JOB_OPTIONS,
      what: 'Offer expiry',
      when: `every ${EXPIRY_EVERY_MS / 1000} s`,
    });
  }

  onApplicationBootstrap(): void {
    this.schedule.start();
  }

  onModuleDestroy(): Promise<void> {
    return this.schedule.stop();
  }

  /** One check; resolves true when the job had to be scheduled (again). */
  ensureScheduled(): Promise<boolean> {
    return this.schedule.ensure();
  }
}

import { InjectQueue } from '@nestjs/bull';
import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import type { Queue } from 'bull';
import { RepeatableSchedule } from '../../common/queue/repeatable-schedule';
import {
  MONITORING_QUEUE,
  REMINDERS_CRON,
  REMINDERS_JOB,
  REMINDERS_JOB_OPTIONS,
  REMINDERS_TZ,
} from './monitoring.constants';

/** Keeps the daily reminders scheduled, as the offer expiry is, even after Redis lost them. */
@Injectable()
export class RemindersScheduler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly schedule: RepeatableSchedule;

  constructor(@InjectQueue(MONITORING_QUEUE) queue: Queue) {
    this.schedule = new RepeatableSchedule(new Logger(RemindersScheduler.name), queue, {
      job: REMINDERS_JOB,
      options: REMINDERS_JOB_OPTIONS,
      what: 'The daily reminders job',
      when: `cron '${REMINDERS_CRON}' ${REMINDERS_TZ}`,
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

import { Process, Processor } from '@nestjs/bull';
import { Logger } from '@nestjs/common';
import { MONITORING_QUEUE, REMINDERS_JOB } from './monitoring.constants';
import { MonitoringReminders, RemindersRun } from './reminders.service';

/** Thin: the run is MonitoringReminders', idempotent per day (a retry writes nothing twice). */
@Processor(MONITORING_QUEUE)
export class MonitoringProcessor {
  private readonly logger = new Logger(MonitoringProcessor.name);

  constructor(private readonly reminders: MonitoringReminders) {}

  @Process(REMINDERS_JOB)
  async dailyReminders(): Promise<RemindersRun> {
    const run = await this.reminders.run();
    this.logger.log(
      `Reminders ${run.day}: ${run.checked} active placement(s) checked, ${run.journalMissing} journal(s) missing, ${run.attendanceUnconfirmed} with attendance unconfirmed`,
    );
    return run;
  }
}

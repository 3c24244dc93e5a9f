import { Module } from '@nestjs/common';
import { MonitoringModule } from './monitoring.module';
import { MonitoringProcessor } from './monitoring.processor';
import { RemindersScheduler } from './reminders-scheduler.service';

/** The daily reminders as one repeatable job shared by all workers, kept scheduled by each. */
@Module({
  imports: [MonitoringModule],
  providers: [MonitoringProcessor, RemindersScheduler],
})
export class MonitoringWorkerModule {}

import { Module } from '@nestjs/common';
import { OutcomeImportProcessor } from './outcome-import.processor';
import { OutcomesModule } from './outcomes.module';

/** The outcome import's processor: loaded by the worker (and by tests), never by API replicas. */
@Module({
  imports: [OutcomesModule],
  providers: [OutcomeImportProcessor],
})
export class OutcomesWorkerModule {}

import { InjectQueue } from '@nestjs/bull';
import { Logger, Module, OnApplicationBootstrap } from '@nestjs/common';
import type { Queue } from 'bull';
import { enqueueWithin } from '../../common/queue/enqueue';
import { CompetenciesModule } from '../competencies/competencies.module';
import { OutcomesModule } from '../outcomes/outcomes.module';
import { RegionsModule } from '../regions/regions.module';
import { SchoolsModule } from '../schools/schools.module';
import { StudentsModule } from '../students/students.module';
import { UsersModule } from '../users/users.module';
import { ImportRunner } from './import-runner.service';
import {
  IMPORT_JOB_OPTIONS,
  importJobId,
  IMPORTS_QUEUE,
  PROCESS_IMPORT_JOB,
} from './imports.constants';
import { ImportsModule } from './imports.module';
import { ImportsRepository } from './imports.repository';
import { ImportsProcessor } from './imports.processor';

/**
 * The import processor. On start it re-enqueues unfinished imports: the file and checkpoint
 * are in MySQL, so even a Redis that lost its jobs loses no import (same job id: no duplicate).
 */
@Module({
  imports: [
    ImportsModule,
    SchoolsModule,
    RegionsModule,
    UsersModule,
    StudentsModule,
    CompetenciesModule,
    OutcomesModule,
  ],
  providers: [ImportRunner, ImportsProcessor],
})
export class ImportsWorkerModule implements OnApplicationBootstrap {
  private readonly logger = new Logger(ImportsWorkerModule.name);

  constructor(
    private readonly imports: ImportsRepository,
    @InjectQueue(IMPORTS_QUEUE) private readonly queue: Queue,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const unfinished = await this.imports.unfinishedIds();
    for (const id of unfinished) {
      await enqueueWithin(
        this.queue,
        PROCESS_IMPORT_JOB,
        { importId: id },
        { ...IMPORT_JOB_OPTIONS, jobId: importJobId(id) },
      );
    }
    if (unfinished.length > 0) {
      this.logger.log(`Re-enqueued ${unfinished.length} unfinished import(s)`);
    }
  }
}

import { InjectQueue } from '@nestjs/bull';
import { Logger, Module, OnApplicationBootstrap } from '@nestjs/common';
import { InjectRepository, TypeOrmModule } from '@nestjs/typeorm';
import type { Queue } from 'bull';
import { enqueueWithin } from '../../common/queue/enqueue';
import { In, Repository } from 'typeorm';
import { OutcomesModule } from '../outcomes/outcomes.module';
import { ImportRunner } from './import-runner.service';
import { Import, ImportStatus } from './import.entity';
import {
  IMPORT_JOB_OPTIONS,
  importJobId,
  IMPORTS_QUEUE,
  PROCESS_IMPORT_JOB,
} from './imports.constants';
import { ImportsModule } from './imports.module';
import { ImportsProcessor } from './imports.processor';

/**
 * The import processor. On start it re-enqueues unfinished imports: the file and checkpoint
 * are in MySQL, so even a Redis that lost its jobs loses no import (same job id: no duplicate).
 */
@Module({
  imports: [TypeOrmModule.forFeature([Import]), ImportsModule, OutcomesModule],
  providers: [ImportRunner, ImportsProcessor],
})
export class ImportsWorkerModule implements OnApplicationBootstrap {
  private readonly logger = new Logger(ImportsWorkerModule.name);

  constructor(
    @InjectRepository(Import) private readonly imports: Repository<Import>,
    @InjectQueue(IMPORTS_QUEUE) private readonly queue: Queue,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const unfinished = await this.imports.find({
      where: { status: In([ImportStatus.Queued, ImportStatus.Running]) },
      select: { id: true },
    });
    for (const { id } of unfinished) {
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

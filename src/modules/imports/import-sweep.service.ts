import { InjectQueue } from '@nestjs/bull';
import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Queue } from 'bull';
import { DataSource } from 'typeorm';
import { RecoverySweep } from '../../common/queue/recovery-sweep';
import { ImportRunner } from './import-runner.service';
import {
  IMPORT_JOB_OPTIONS,
  ImportJobData,
  importJobId,
  IMPORTS_QUEUE,
  PROCESS_IMPORT_JOB,
} from './imports.constants';
import { ImportsRepository } from './imports.repository';

/**
 * Finds the imports MySQL says are queued or running but that have no live job in Redis, and
 * enqueues them again, at start and every RECOVERY_SWEEP_EVERY_MS. The file and the committed
 * checkpoint are in MySQL, so the import resumes where it stopped and writes no row twice.
 */
@Injectable()
export class ImportSweeper implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly recovery: RecoverySweep<ImportJobData>;

  constructor(
    @InjectDataSource() dataSource: DataSource,
    @InjectQueue(IMPORTS_QUEUE) queue: Queue<ImportJobData>,
    imports: ImportsRepository,
    runner: ImportRunner,
  ) {
    this.recovery = new RecoverySweep(new Logger(ImportSweeper.name), dataSource, queue, {
      kind: 'import',
      unfinishedIds: () => imports.unfinishedIds(),
      isInFlight: (importId) => runner.isInFlight(importId),
      isUnfinished: (importId) => imports.isUnfinished(importId),
      job: (importId) => ({
        jobId: importJobId(importId),
        name: PROCESS_IMPORT_JOB,
        data: { importId },
        options: IMPORT_JOB_OPTIONS,
      }),
    });
  }

  onApplicationBootstrap(): void {
    this.recovery.start();
  }

  onModuleDestroy(): Promise<void> {
    return this.recovery.stop();
  }

  /** One sweep; resolves with how many imports were enqueued again. */
  sweep(): Promise<number> {
    return this.recovery.sweep();
  }
}

import { InjectQueue } from '@nestjs/bull';
import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Queue } from 'bull';
import { DataSource } from 'typeorm';
import { ensureLiveJob, PeriodicTask, withinMs } from '../../common/queue/job-recovery';
import {
  RECOVERY_SWEEP_EVERY_MS,
  RECOVERY_SWEEP_REDIS_TIMEOUT_MS,
} from '../../common/queue/worker-settings';
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
  private readonly logger = new Logger(ImportSweeper.name);
  private readonly task: PeriodicTask;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectQueue(IMPORTS_QUEUE) private readonly queue: Queue<ImportJobData>,
    private readonly imports: ImportsRepository,
    private readonly runner: ImportRunner,
  ) {
    this.task = new PeriodicTask(
      this.logger,
      'import recovery sweep',
      RECOVERY_SWEEP_EVERY_MS,
      () => this.sweep().then(() => undefined),
      { dataSource: this.dataSource, name: 'sweep:imports' },
    );
  }

  onApplicationBootstrap(): void {
    this.task.start();
  }

  onModuleDestroy(): Promise<void> {
    return this.task.stop();
  }

  /** One sweep; resolves with how many imports were enqueued again. */
  async sweep(): Promise<number> {
    let enqueued = 0;
    const ids = await this.imports.unfinishedIds();
    if (ids.length === 0) {
      return 0;
    }
    // Bull's client queues commands while Redis is away; fail the tick at once instead.
    if (this.queue.client.status !== 'ready') {
      throw new Error(`Redis is not reachable (connection ${this.queue.client.status})`);
    }
    for (const importId of ids) {
      if (this.runner.isInFlight(importId)) {
        continue;
      }
      const added = await withinMs(
        ensureLiveJob(
          this.queue,
          {
            jobId: importJobId(importId),
            name: PROCESS_IMPORT_JOB,
            data: { importId },
            options: IMPORT_JOB_OPTIONS,
          },
          () => this.imports.isUnfinished(importId),
        ),
        RECOVERY_SWEEP_REDIS_TIMEOUT_MS,
        `re-enqueueing import ${importId}`,
      );
      if (added) {
        enqueued++;
        this.logger.warn(`Import ${importId} had no live job: enqueued again`);
      }
    }
    return enqueued;
  }
}

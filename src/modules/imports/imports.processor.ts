import { Process, Processor } from '@nestjs/bull';
import { Logger } from '@nestjs/common';
import type { Job } from 'bull';
import { ImportRunner } from './import-runner.service';
import { ImportJobData, IMPORTS_QUEUE, PROCESS_IMPORT_JOB } from './imports.constants';

/** Thin: checks the payload, runs the import from its checkpoint, logs counts (never row data). */
@Processor(IMPORTS_QUEUE)
export class ImportsProcessor {
  private readonly logger = new Logger(ImportsProcessor.name);

  constructor(private readonly runner: ImportRunner) {}

  @Process(PROCESS_IMPORT_JOB)
  async handle(job: Job<ImportJobData>): Promise<void> {
    const importId = Number(job.data?.importId);
    if (!Number.isInteger(importId) || importId < 1) {
      // Permanent: retrying a malformed payload cannot help.
      this.logger.error(`Job ${job.id} discarded: no valid importId`);
      await job.discard();
      return;
    }
    const started = Date.now();
    this.logger.log(`Import ${importId} started (attempt ${job.attemptsMade + 1})`);
    await this.runner.run(importId, (percent) => job.progress(percent));
    this.logger.log(`Import ${importId} ended in ${Date.now() - started} ms`);
  }
}

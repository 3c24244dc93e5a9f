import { OnQueueError, OnQueueFailed, Process, Processor } from '@nestjs/bull';
import { Logger } from '@nestjs/common';
import type { Job } from 'bull';
import { reportProgress, ThrottledWarning } from '../../common/queue/job-recovery';
import { isTransientFailure } from '../../common/queue/transient';
import { ImportRunner } from './import-runner.service';
import { ImportJobData, IMPORTS_QUEUE, PROCESS_IMPORT_JOB } from './imports.constants';

/** Thin: checks the payload, runs the import from its checkpoint, logs counts (never row data). */
@Processor(IMPORTS_QUEUE)
export class ImportsProcessor {
  private readonly logger = new Logger(ImportsProcessor.name);

  private readonly queueErrors = new ThrottledWarning(this.logger);

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
    try {
      await this.runner.run(importId, (percent) => reportProgress(job, percent));
    } catch (error) {
      this.logger.warn(
        `Import ${importId} attempt ${job.attemptsMade + 1} failed: ${(error as Error).stack ?? String(error)}`,
      );
      throw error;
    }
    this.logger.log(`Import ${importId} ended in ${Date.now() - started} ms`);
  }

  /**
   * Never rejects (Bull does not await it). After the last attempt an import fails for good
   * only on an error of its own; a dependency away or a killed worker leaves it running in
   * MySQL, and the recovery sweep resumes it from its checkpoint once the dependency is back.
   */
  @OnQueueFailed()
  async onFailed(job: Job<ImportJobData>, error: Error): Promise<void> {
    const importId = Number(job.data?.importId);
    const attempts = job.opts.attempts ?? 1;
    if (!Number.isInteger(importId) || importId < 1 || job.attemptsMade < attempts) {
      return;
    }
    if (isTransientFailure(error)) {
      this.logger.warn(
        `Import ${importId}: attempts used up while a dependency was away (${error.message}); the recovery sweep will resume it`,
      );
      return;
    }
    try {
      await this.runner.markFailed(
        importId,
        `The import stopped on an internal error after ${job.attemptsMade} attempt(s); the rows before its checkpoint were kept; the worker's log has the details (job ${job.id}).`,
      );
      this.logger.error(`Import ${importId} failed for good: ${error.stack ?? error.message}`);
    } catch (markError) {
      this.logger.error(
        `Import ${importId}: could not record its failure (${(markError as Error).message}); the recovery sweep will resume it`,
      );
    }
  }

  /** Redis connection trouble, reported by Bull (which reconnects by itself): logged sparingly. */
  @OnQueueError()
  onError(error: Error): void {
    this.queueErrors.report(`Queue ${IMPORTS_QUEUE}: ${error.message}`);
  }
}

import { OnQueueError, OnQueueFailed, Process, Processor } from '@nestjs/bull';
import { Logger } from '@nestjs/common';
import type { Job } from 'bull';
import { reportProgress, ThrottledWarning } from '../../common/queue/job-recovery';
import { isTransientFailure } from '../../common/queue/transient';
import { MATCHING_QUEUE, RUN_ROUND_JOB, RunRoundJobData } from './matching.constants';
import { RoundRunner } from './round-runner.service';

/** Thin: checks the payload, runs the round, logs start/end; a round that fails for good says why. */
@Processor(MATCHING_QUEUE)
export class MatchingProcessor {
  private readonly logger = new Logger(MatchingProcessor.name);

  private readonly queueErrors = new ThrottledWarning(this.logger);

  constructor(private readonly runner: RoundRunner) {}

  @Process(RUN_ROUND_JOB)
  async handle(job: Job<RunRoundJobData>): Promise<void> {
    const runId = Number(job.data?.runId);
    if (!Number.isInteger(runId) || runId < 1) {
      this.logger.error(`Job ${job.id} discarded: no valid runId`);
      await job.discard();
      return;
    }
    const started = Date.now();
    this.logger.log(`Round ${runId} started (attempt ${job.attemptsMade + 1})`);
    try {
      await this.runner.run(runId, (percent) => reportProgress(job, percent));
    } catch (error) {
      if (RoundRunner.isNoLongerWanted(error)) {
        this.logger.log(`Round ${runId} stopped: ${(error as Error).message}`);
        return;
      }
      this.logger.warn(
        `Round ${runId} attempt ${job.attemptsMade + 1} failed: ${(error as Error).stack ?? String(error)}`,
      );
      throw error;
    }
    this.logger.log(`Round ${runId} ended in ${Date.now() - started} ms`);
  }

  /**
   * Bull calls this without awaiting it: it must never reject (an unhandled rejection would
   * end the worker). A round fails for good only when its last attempt failed on the round
   * itself; a database or Redis away, or a killed worker, leaves it running in MySQL for the
   * recovery sweep to enqueue again once the dependency is back.
   */
  @OnQueueFailed()
  async onFailed(job: Job<RunRoundJobData>, error: Error): Promise<void> {
    const runId = Number(job.data?.runId);
    const attempts = job.opts.attempts ?? 1;
    if (!Number.isInteger(runId) || runId < 1 || job.attemptsMade < attempts) {
      return;
    }
    if (isTransientFailure(error)) {
      this.logger.warn(
        `Round ${runId}: attempts used up while a dependency was away (${error.message}); the recovery sweep will run it again`,
      );
      return;
    }
    try {
      // The stored reason is for the round's readers: never SQL text, a stack or a library's words.
      await this.runner.markFailed(
        runId,
        `The round stopped on an internal error after ${job.attemptsMade} attempt(s); the worker's log has the details (job ${job.id}).`,
      );
      this.logger.error(`Round ${runId} failed for good: ${error.stack ?? error.message}`);
    } catch (markError) {
      this.logger.error(
        `Round ${runId}: could not record its failure (${(markError as Error).message}); the recovery sweep will run it again`,
      );
    }
  }

  /** Redis connection trouble, reported by Bull (which reconnects by itself): logged sparingly. */
  @OnQueueError()
  onError(error: Error): void {
    this.queueErrors.report(`Queue ${MATCHING_QUEUE}: ${error.message}`);
  }
}

import { OnQueueFailed, Process, Processor } from '@nestjs/bull';
import { Logger } from '@nestjs/common';
import type { Job } from 'bull';
import { MATCHING_QUEUE, RUN_ROUND_JOB, RunRoundJobData } from './matching.constants';
import { RoundRunner } from './round-runner.service';

/** Thin: checks the payload, runs the round, logs start/end; a round that fails for good says why. */
@Processor(MATCHING_QUEUE)
export class MatchingProcessor {
  private readonly logger = new Logger(MatchingProcessor.name);

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
      await this.runner.run(runId, (percent) => job.progress(percent));
    } catch (error) {
      if (RoundRunner.isNoLongerWanted(error)) {
        this.logger.log(`Round ${runId} stopped: ${(error as Error).message}`);
        return;
      }
      throw error;
    }
    this.logger.log(`Round ${runId} ended in ${Date.now() - started} ms`);
  }

  @OnQueueFailed()
  async onFailed(job: Job<RunRoundJobData>, error: Error): Promise<void> {
    const attempts = job.opts.attempts ?? 1;
    // A discarded job (bad payload) has no run to mark; otherwise only the last attempt fails the round.
    if (job.attemptsMade >= attempts) {
      await this.runner.markFailed(
        Number(job.data?.runId),
        `failed after ${job.attemptsMade} attempt(s): ${error.message}`,
      );
    }
  }
}

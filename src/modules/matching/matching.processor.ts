import { OnQueueError, OnQueueFailed, Process, Processor } from '@nestjs/bull';
import { Logger } from '@nestjs/common';
import type { Job } from 'bull';
import { reportProgress, ThrottledWarning } from '../../common/queue/job-recovery';
import { isTransientFailure } from '../../common/queue/transient';
import {
  MATCHING_QUEUE,
  RUN_PART_JOB,
  RUN_ROUND_JOB,
  RunPartJobData,
  RunRoundJobData,
} from './matching.constants';
import { RoundParts } from './round-parts.service';
import { RoundRunner } from './round-runner.service';

/** Thin: checks the payload, runs the round, logs start/end; a round that fails for good says why. */
@Processor(MATCHING_QUEUE)
export class MatchingProcessor {
  private readonly logger = new Logger(MatchingProcessor.name);

  private readonly queueErrors = new ThrottledWarning(this.logger);

  constructor(
    private readonly runner: RoundRunner,
    private readonly parts: RoundParts,
  ) {}

  /**
   * Rounds and their parts, one job at a time per worker process (one handler for both names:
   * Bull adds up the concurrency of named handlers), so N workers run N parts at once.
   */
  @Process('*')
  async handle(job: Job<RunRoundJobData | RunPartJobData>): Promise<void> {
    const kind = job.name === RUN_PART_JOB ? 'part' : job.name === RUN_ROUND_JOB ? 'round' : null;
    const id = Number(
      kind === 'part'
        ? (job.data as RunPartJobData | undefined)?.partId
        : (job.data as RunRoundJobData | undefined)?.runId,
    );
    if (kind === null || !Number.isInteger(id) || id < 1) {
      this.logger.error(`Job ${job.id} (${job.name}) discarded: no valid round or part id`);
      await job.discard();
      return;
    }
    const what = kind === 'part' ? `Round part ${id}` : `Round ${id}`;
    const started = Date.now();
    this.logger.log(`${what} started (attempt ${job.attemptsMade + 1})`);
    try {
      const progress = (percent: number) => reportProgress(job, percent);
      await (kind === 'part' ? this.parts.run(id, progress) : this.runner.run(id, progress));
    } catch (error) {
      if (RoundRunner.isNoLongerWanted(error)) {
        this.logger.log(`${what} stopped: ${(error as Error).message}`);
        return;
      }
      this.logger.warn(
        `${what} attempt ${job.attemptsMade + 1} failed: ${(error as Error).stack ?? String(error)}`,
      );
      throw error;
    }
    this.logger.log(`${what} ended in ${Date.now() - started} ms`);
  }

  /**
   * Bull calls this without awaiting it: it must never reject (an unhandled rejection would
   * end the worker). A round fails for good only when its last attempt failed on the round
   * itself; a database or Redis away, or a killed worker, leaves it running in MySQL for the
   * recovery sweep to enqueue again once the dependency is back.
   */
  @OnQueueFailed()
  async onFailed(job: Job<RunRoundJobData | RunPartJobData>, error: Error): Promise<void> {
    const attempts = job.opts.attempts ?? 1;
    if (job.attemptsMade < attempts) {
      return;
    }
    // A part that fails for good fails its round: the round's result would lack a province.
    const runId = await this.runIdOf(job).catch(() => null);
    if (runId === null || !Number.isInteger(runId) || runId < 1) {
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

  private async runIdOf(job: Job<RunRoundJobData | RunPartJobData>): Promise<number | null> {
    if (job.name === RUN_PART_JOB) {
      const partId = Number((job.data as RunPartJobData | undefined)?.partId);
      return Number.isInteger(partId) && partId > 0 ? this.parts.runOf(partId) : null;
    }
    return Number((job.data as RunRoundJobData | undefined)?.runId);
  }

  /** Redis connection trouble, reported by Bull (which reconnects by itself): logged sparingly. */
  @OnQueueError()
  onError(error: Error): void {
    this.queueErrors.report(`Queue ${MATCHING_QUEUE}: ${error.message}`);
  }
}

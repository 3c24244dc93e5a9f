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
import {
  MATCHING_QUEUE,
  roundJobId,
  RUN_ROUND_JOB,
  RUN_ROUND_JOB_OPTIONS,
  RunRoundJobData,
} from './matching.constants';
import { MatchingRepository } from './matching.repository';
import { ACTIVE_RUN_STATUSES } from './matching-run.entity';
import { RoundRunner } from './round-runner.service';

/**
 * Finds the rounds MySQL says are queued or running but that have no live job in Redis (Redis
 * restarted empty, a job failed while the database was away, a round created while Redis was
 * down) and enqueues them again, at start and every RECOVERY_SWEEP_EVERY_MS. MySQL holds a
 * round's whole state and a round is recomputed from it, so running it again is safe.
 */
@Injectable()
export class RoundSweeper implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(RoundSweeper.name);
  private readonly task: PeriodicTask;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectQueue(MATCHING_QUEUE) private readonly queue: Queue<RunRoundJobData>,
    private readonly runs: MatchingRepository,
    private readonly runner: RoundRunner,
  ) {
    this.task = new PeriodicTask(
      this.logger,
      'round recovery sweep',
      RECOVERY_SWEEP_EVERY_MS,
      () => this.sweep().then(() => undefined),
      { dataSource: this.dataSource, name: 'sweep:rounds' },
    );
  }

  onApplicationBootstrap(): void {
    this.task.start();
  }

  onModuleDestroy(): Promise<void> {
    return this.task.stop();
  }

  /** One sweep; resolves with how many rounds were enqueued again. */
  async sweep(): Promise<number> {
    let enqueued = 0;
    const ids = await this.runs.unfinishedRunIds();
    if (ids.length === 0) {
      return 0;
    }
    // Bull's client queues commands while Redis is away; fail the tick at once instead.
    if (this.queue.client.status !== 'ready') {
      throw new Error(`Redis is not reachable (connection ${this.queue.client.status})`);
    }
    for (const runId of ids) {
      if (this.runner.isInFlight(runId)) {
        continue;
      }
      const added = await withinMs(
        ensureLiveJob(
          this.queue,
          {
            jobId: roundJobId(runId),
            name: RUN_ROUND_JOB,
            data: { runId },
            options: RUN_ROUND_JOB_OPTIONS,
          },
          () => this.isUnfinished(runId),
        ),
        RECOVERY_SWEEP_REDIS_TIMEOUT_MS,
        `re-enqueueing round ${runId}`,
      );
      if (added) {
        enqueued++;
        this.logger.warn(`Round ${runId} had no live job: enqueued again`);
      }
    }
    return enqueued;
  }

  private async isUnfinished(runId: number): Promise<boolean> {
    const run = await this.runs.findRun(runId);
    return run !== null && ACTIVE_RUN_STATUSES.includes(run.status);
  }
}

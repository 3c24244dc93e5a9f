import { InjectQueue } from '@nestjs/bull';
import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Queue } from 'bull';
import { DataSource } from 'typeorm';
import { RecoverySweep } from '../../common/queue/recovery-sweep';
import {
  MATCHING_QUEUE,
  roundJobId,
  RUN_ROUND_JOB,
  RUN_ROUND_JOB_OPTIONS,
  RunPartJobData,
  RunRoundJobData,
} from './matching.constants';
import { MatchingRepository } from './matching.repository';
import { ACTIVE_RUN_STATUSES } from './matching-run.entity';
import { partJob, RoundParts } from './round-parts.service';
import { RoundRunner } from './round-runner.service';
import { RunPartsRepository } from './run-parts.repository';

/**
 * Finds the rounds MySQL says are queued or running but that have no live job in Redis (Redis
 * restarted empty, a job failed while the database was away, a round created while Redis was
 * down) and enqueues them again, at start and every RECOVERY_SWEEP_EVERY_MS. MySQL holds a
 * round's whole state and a round is recomputed from it, so running it again is safe. The
 * parts of a split round are swept likewise, each on its own (the round's job is done).
 */
@Injectable()
export class RoundSweeper implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly recovery: RecoverySweep<RunRoundJobData>;

  private readonly partRecovery: RecoverySweep<RunPartJobData>;

  constructor(
    @InjectDataSource() dataSource: DataSource,
    @InjectQueue(MATCHING_QUEUE) queue: Queue<RunRoundJobData & RunPartJobData>,
    private readonly runs: MatchingRepository,
    runner: RoundRunner,
    parts: RunPartsRepository,
    partRunner: RoundParts,
  ) {
    this.recovery = new RecoverySweep(new Logger(RoundSweeper.name), dataSource, queue, {
      kind: 'round',
      unfinishedIds: () => this.runs.unfinishedRunIds(),
      isInFlight: (runId) => runner.isInFlight(runId),
      isUnfinished: (runId) => this.isUnfinished(runId),
      job: (runId) => ({
        jobId: roundJobId(runId),
        name: RUN_ROUND_JOB,
        data: { runId },
        options: RUN_ROUND_JOB_OPTIONS,
      }),
    });
    this.partRecovery = new RecoverySweep(new Logger(RoundSweeper.name), dataSource, queue, {
      kind: 'round part',
      unfinishedIds: () => parts.unfinishedPartIds(),
      isInFlight: (partId) => partRunner.isInFlight(partId),
      isUnfinished: (partId) => parts.isPartUnfinished(partId),
      job: partJob,
    });
  }

  onApplicationBootstrap(): void {
    this.recovery.start();
    this.partRecovery.start();
  }

  async onModuleDestroy(): Promise<void> {
    await Promise.all([this.recovery.stop(), this.partRecovery.stop()]);
  }

  /** One sweep of rounds and parts; resolves with how many were enqueued again. */
  async sweep(): Promise<number> {
    return (await this.recovery.sweep()) + (await this.partRecovery.sweep());
  }

  private async isUnfinished(runId: number): Promise<boolean> {
    const run = await this.runs.findRun(runId);
    return run !== null && ACTIVE_RUN_STATUSES.includes(run.status);
  }
}

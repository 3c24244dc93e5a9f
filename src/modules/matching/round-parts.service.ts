import { InjectQueue } from '@nestjs/bull';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Queue } from 'bull';
import { hostname } from 'node:os';
import { performance } from 'node:perf_hooks';
import { DataSource } from 'typeorm';
import { appConfig, AppConfig } from '../../config/configuration';
import { inTransaction } from '../../common/database/transaction';
import { ensureLiveJob, WantedJob } from '../../common/queue/job-recovery';
import { matchInWorkerThread } from './engine-runner';
import {
  MATCHING_QUEUE,
  partJobId,
  RUN_PART_JOB,
  RUN_PART_JOB_OPTIONS,
  RunPartJobData,
} from './matching.constants';
import { toEngineOptions } from './matching.mapper';
import { MatchingRepository } from './matching.repository';
import {
  ACTIVE_RUN_STATUSES,
  MatchingRun,
  MatchingRunPart,
  RunPartStatus,
  RunScope,
  RunStatus,
} from './matching-run.entity';
import { RoundLoader } from './round-loader';
import { partsOf, partsProgress, RoundPart } from './round-parts.rules';
import { RoundResultRows, RoundStats, RoundTally, statsOf } from './round-results';
import { RunNoLongerWanted } from './run-no-longer-wanted';
import { RunPartsRepository } from './run-parts.repository';

/** This process, as matching_run_parts.worker records it. */
export const WORKER_ID = `${hostname()}:${process.pid}`.slice(0, 100);

/**
 * Rounds split over workers. The round's own job records its parts and enqueues one job per
 * part; any worker takes a part, computes it and writes its rows and its "done" in one
 * transaction (a worker killed mid-part leaves nothing, and Bull's stalled-job check or the
 * parts' recovery sweep runs it again); the part that finishes last, holding the round's row
 * lock, adds the parts' tallies up into the round's stats and completes it.
 */
@Injectable()
export class RoundParts {
  private readonly logger = new Logger(RoundParts.name);
  /** Parts this process is computing now: the parts' recovery sweep leaves them alone. */
  private readonly inFlight = new Set<number>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectQueue(MATCHING_QUEUE) private readonly queue: Queue<RunPartJobData>,
    private readonly runs: MatchingRepository,
    private readonly parts: RunPartsRepository,
    private readonly loader: RoundLoader,
    @Inject(appConfig.KEY) private readonly config: AppConfig,
  ) {}

  /**
   * Splits the round when its parts are independent: records them (once: a retry keeps the
   * first split) and enqueues their jobs. False when it runs whole.
   */
  async split(run: MatchingRun): Promise<boolean> {
    let recorded = await this.parts.partsOf(run.id);
    if (recorded.length === 0) {
      const scope = JSON.parse(run.scope) as RunScope;
      const options = toEngineOptions(run.mode, JSON.parse(run.options) as Record<string, unknown>);
      const lived =
        scope.regionCodes.length > 0 || scope.cohortId !== null
          ? []
          : await this.loader.regionsOf(scope);
      const parts = partsOf(scope, options, lived);
      if (parts.length < 2) {
        return false;
      }
      await this.parts.insertParts(run.id, parts);
      recorded = await this.parts.partsOf(run.id);
    }
    const done = recorded.filter((p) => p.status === RunPartStatus.Done).length;
    const updated = await this.runs.updateActive(run.id, {
      status: RunStatus.Running,
      startedAt: run.startedAt ?? new Date(),
      stage: 'match',
      progress: partsProgress(done, recorded.length),
    });
    if (!updated) {
      throw new RunNoLongerWanted(`round ${run.id} is no longer queued or running`);
    }
    for (const part of recorded) {
      if (part.status !== RunPartStatus.Done) {
        await ensureLiveJob(this.queue, partJob(part.id), () =>
          this.parts.isPartUnfinished(part.id),
        );
      }
    }
    this.logger.log(`Round ${run.id}: ${recorded.length} parts (${done} done)`);
    return true;
  }

  isInFlight(partId: number): boolean {
    return this.inFlight.has(partId);
  }

  /** The round a part belongs to, if the part exists. */
  async runOf(partId: number): Promise<number | null> {
    return (await this.parts.findPart(partId))?.runId ?? null;
  }

  async run(partId: number, reportProgress: (percent: number) => Promise<void>): Promise<void> {
    this.inFlight.add(partId);
    try {
      await this.runOnce(partId, reportProgress);
    } finally {
      this.inFlight.delete(partId);
    }
  }

  private async runOnce(
    partId: number,
    reportProgress: (percent: number) => Promise<void>,
  ): Promise<void> {
    const part = await this.parts.findPart(partId);
    if (!part || part.status === RunPartStatus.Done) {
      return;
    }
    const run = await this.runs.findRun(part.runId);
    if (!run || !ACTIVE_RUN_STATUSES.includes(run.status)) {
      return;
    }
    // Still queued if the round's job stopped between recording its parts and starting it.
    if (
      run.status === RunStatus.Queued &&
      !(await this.runs.updateActive(run.id, {
        status: RunStatus.Running,
        stage: 'match',
        startedAt: new Date(),
      }))
    ) {
      return;
    }
    if (!(await this.parts.startPart(partId, WORKER_ID))) {
      return;
    }
    const timings: Record<string, number> = {};
    let started = performance.now();
    const scope = JSON.parse(run.scope) as RunScope;
    const stored = JSON.parse(run.options) as Record<string, unknown>;
    const options = toEngineOptions(run.mode, stored, this.config.matchingThreads);
    const roundPart: RoundPart = {
      key: part.partKey,
      regionCodes: JSON.parse(part.regionCodes) as string[],
    };
    const loaded = await this.loader.load(scope, options, undefined, roundPart);
    timings.load = Math.round(performance.now() - started);
    await reportProgress(30);

    started = performance.now();
    const result = await matchInWorkerThread(loaded.input, options);
    timings.match = Math.round(performance.now() - started);
    for (const [stage, ms] of Object.entries(result.stats.timings ?? {})) {
      timings[`engine.${stage}`] = Math.round(ms);
    }
    await reportProgress(60);

    // Nothing to write for a round cancelled meanwhile (checked again under its lock below).
    if ((await this.runs.findRun(run.id))?.status !== RunStatus.Running) {
      throw new RunNoLongerWanted(`round ${run.id} is no longer running`);
    }
    started = performance.now();
    const merged = await inTransaction(this.dataSource, async (manager) => {
      // Made afresh on every try: a deadlock retry must not count rows twice.
      const rows = new RoundResultRows(run.id, loaded, result);
      await this.runs.writeResults(rows, manager);
      const tally = rows.finish();
      if ((await this.runs.lockRun(manager, run.id)) !== RunStatus.Running) {
        throw new RunNoLongerWanted(`round ${run.id} is no longer running`);
      }
      const all = await this.parts.lockPartsOf(manager, run.id);
      timings.write = Math.round(performance.now() - started);
      await this.parts.finishPart(manager, partId, {
        worker: WORKER_ID,
        students: tally.students,
        matched: tally.matched,
        digest: tally.digest,
        tally: JSON.stringify(tally),
        timings: JSON.stringify(timings),
      });
      const others = all.filter((p) => p.id !== partId);
      const finished = others.filter((p) => p.status === RunPartStatus.Done).length + 1;
      if (finished < all.length) {
        await this.runs.updateRunning(
          run.id,
          { progress: partsProgress(finished, all.length) },
          manager,
        );
        return null;
      }
      const stats = statsOf(all.map((p) => (p.id === partId ? tally : tallyOf(p))));
      await this.runs.updateRunning(
        run.id,
        {
          status: RunStatus.Completed,
          stage: 'done',
          progress: 100,
          stats: JSON.stringify(stats),
          timings: JSON.stringify(summedTimings(others, timings)),
          finishedAt: new Date(),
          error: null,
        },
        manager,
      );
      return stats;
    });
    await reportProgress(100);
    this.logger.log(
      `Round ${run.id} part ${part.partKey}: done${merged ? `, round merged: ${describe(merged)}` : ''}`,
    );
  }
}

/** The job of one part, as the round and the parts' recovery sweep add it. */
export function partJob(partId: number): WantedJob<RunPartJobData> {
  return {
    jobId: partJobId(partId),
    name: RUN_PART_JOB,
    data: { partId },
    options: RUN_PART_JOB_OPTIONS,
  };
}

function tallyOf(part: MatchingRunPart): RoundTally {
  return JSON.parse(part.tally ?? '{}') as RoundTally;
}

/** A split round's timings: each stage's milliseconds added up over its parts. */
function summedTimings(
  others: MatchingRunPart[],
  own: Record<string, number>,
): Record<string, number> {
  const sum: Record<string, number> = { ...own };
  for (const part of others) {
    for (const [stage, ms] of Object.entries(
      JSON.parse(part.timings ?? '{}') as Record<string, number>,
    )) {
      sum[stage] = (sum[stage] ?? 0) + ms;
    }
  }
  return sum;
}

function describe(stats: RoundStats): string {
  return `${stats.matched}/${stats.students} matched, digest ${stats.digest}`;
}

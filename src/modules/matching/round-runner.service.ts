import { Inject, Injectable, Logger } from '@nestjs/common';
import { performance } from 'node:perf_hooks';
import { appConfig, AppConfig } from '../../config/configuration';
import type { EngineOutcome } from './engine-outcome';
import { matchInWorkerThread } from './engine-runner';
import { toEngineOptions } from './matching.mapper';
import { MatchingRepository } from './matching.repository';
import { MatchingRun, RunScope, RunStatus } from './matching-run.entity';
import { LoadedRound, RoundLoader } from './round-loader';
import { RoundParts } from './round-parts.service';
import { RoundResultRows, RoundStats, RoundTally, statsOf } from './round-results';
import { RunNoLongerWanted } from './run-no-longer-wanted';

export type { RoundStats };

/**
 * Load → match (in a worker thread) → write. Every attempt recomputes the round from MySQL
 * and the engine is deterministic, so a retry after a crash writes the same proposals, and
 * the (run, student) keys make sure nothing is written twice.
 */
@Injectable()
export class RoundRunner {
  private readonly logger = new Logger(RoundRunner.name);
  /** Rounds this process is computing now: the recovery sweep leaves them alone. */
  private readonly inFlight = new Set<number>();

  constructor(
    private readonly runs: MatchingRepository,
    private readonly loader: RoundLoader,
    private readonly parts: RoundParts,
    @Inject(appConfig.KEY) private readonly config: AppConfig,
  ) {}

  async run(runId: number, reportProgress: (percent: number) => Promise<void>): Promise<void> {
    this.inFlight.add(runId);
    try {
      await this.runOnce(runId, reportProgress);
    } finally {
      this.inFlight.delete(runId);
    }
  }

  isInFlight(runId: number): boolean {
    return this.inFlight.has(runId);
  }

  private async runOnce(
    runId: number,
    reportProgress: (percent: number) => Promise<void>,
  ): Promise<void> {
    const run = await this.runs.findRun(runId);
    if (!run || ![RunStatus.Queued, RunStatus.Running].includes(run.status)) {
      return;
    }
    // Independent parts (round-parts.rules.ts) run as jobs of their own, on any worker.
    if (await this.parts.split(run)) {
      return;
    }
    const timings: Record<string, number> = {};
    await this.setStage(runId, 'load', 5, {
      status: RunStatus.Running,
      startedAt: run.startedAt ?? new Date(),
    });
    let started = performance.now();
    const scope = JSON.parse(run.scope) as RunScope;
    const stored = JSON.parse(run.options) as Record<string, unknown>;
    const options = toEngineOptions(run.mode, stored, this.config.matchingThreads);
    const loaded = await this.loader.load(scope, options);
    timings.load = Math.round(performance.now() - started);
    await reportProgress(30);

    await this.setStage(runId, 'match', 30);
    started = performance.now();
    const result = await matchInWorkerThread(loaded.input, options);
    timings.match = Math.round(performance.now() - started);
    for (const [stage, ms] of Object.entries(result.stats.timings ?? {})) {
      timings[`engine.${stage}`] = Math.round(ms);
    }
    await reportProgress(60);

    await this.setStage(runId, 'write', 60);
    started = performance.now();
    const stats = statsOf([await this.write(runId, loaded, result)]);
    timings.write = Math.round(performance.now() - started);

    const finished = await this.runs.updateRunning(runId, {
      status: RunStatus.Completed,
      stage: 'done',
      progress: 100,
      stats: JSON.stringify(stats),
      timings: JSON.stringify(timings),
      finishedAt: new Date(),
      error: null,
    });
    await reportProgress(100);
    this.logger.log(
      `Round ${runId}: ${stats.matched}/${stats.students} matched (${finished ? 'completed' : 'cancelled meanwhile'})`,
    );
  }

  async markFailed(runId: number, reason: string): Promise<void> {
    await this.runs.updateActive(runId, {
      status: RunStatus.Failed,
      stage: 'failed',
      error: reason.slice(0, 1000),
      finishedAt: new Date(),
    });
  }

  private async write(
    runId: number,
    loaded: LoadedRound,
    result: EngineOutcome,
  ): Promise<RoundTally> {
    await this.assertStillWanted(runId);
    // A previous attempt may have written part of the round: start from a clean slate.
    await this.runs.deleteResults(runId);
    const rows = new RoundResultRows(runId, loaded, result);
    await this.runs.writeResults(rows);
    return rows.finish();
  }

  private async setStage(
    runId: number,
    stage: string,
    progress: number,
    extra: Partial<MatchingRun> = {},
  ): Promise<void> {
    if (!(await this.runs.updateActive(runId, { stage, progress, ...extra }))) {
      throw new RunNoLongerWanted(`round ${runId} is no longer queued or running`);
    }
  }

  private async assertStillWanted(runId: number): Promise<void> {
    const run = await this.runs.findRunOrFail(runId);
    if (run.status !== RunStatus.Running) {
      throw new RunNoLongerWanted(`round ${runId} is ${run.status}`);
    }
  }

  static isNoLongerWanted(error: unknown): boolean {
    return error instanceof RunNoLongerWanted;
  }
}

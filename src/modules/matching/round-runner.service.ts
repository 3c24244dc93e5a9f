import { Injectable, Logger } from '@nestjs/common';
import { performance } from 'node:perf_hooks';
import type { MatchResult } from '../../matching-engine';
import { matchInWorkerThread } from './engine-runner';
import { WRITE_BATCH } from './matching.constants';
import { toEngineOptions } from './matching.mapper';
import { MatchingRepository } from './matching.repository';
import { MatchingRun, RunScope, RunStatus } from './matching-run.entity';
import { LoadedRound, RoundLoader } from './round-loader';

export interface RoundStats {
  students: number;
  eligible: number;
  matched: number;
  unmatched: number;
  averageScore: number;
  averageRank: number;
  stable: boolean;
  unmatchedByReason: Record<string, number>;
  perRegion: { regionCode: string; students: number; matched: number; averageScore: number }[];
}

/** The run has been cancelled (or finished elsewhere): stop without writing. */
class RunNoLongerWanted extends Error {}

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
    const timings: Record<string, number> = {};
    await this.setStage(runId, 'load', 5, {
      status: RunStatus.Running,
      startedAt: run.startedAt ?? new Date(),
    });
    let started = performance.now();
    const scope = JSON.parse(run.scope) as RunScope;
    const options = toEngineOptions(run.mode, JSON.parse(run.options) as Record<string, unknown>);
    const loaded = await this.loader.load(scope, options);
    timings.load = Math.round(performance.now() - started);
    await reportProgress(30);

    await this.setStage(runId, 'match', 30);
    started = performance.now();
    const result = await matchInWorkerThread(loaded.students, loaded.slots, options);
    timings.match = Math.round(performance.now() - started);
    for (const [stage, ms] of Object.entries(result.stats.timings ?? {})) {
      timings[`engine.${stage}`] = Math.round(ms);
    }
    await reportProgress(60);

    await this.setStage(runId, 'write', 60);
    started = performance.now();
    await this.write(runId, loaded, result);
    timings.write = Math.round(performance.now() - started);

    const stats = summarise(loaded, result);
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

  private async write(runId: number, loaded: LoadedRound, result: MatchResult): Promise<void> {
    await this.assertStillWanted(runId);
    // A previous attempt may have written part of the round: start from a clean slate.
    await this.runs.deleteResults(runId);
    for (let i = 0; i < result.assignments.length; i += WRITE_BATCH) {
      const rows = result.assignments.slice(i, i + WRITE_BATCH).map((a) => {
        const studentId = Number(a.studentId);
        const slotId = Number(a.slotId);
        return [
          runId,
          studentId,
          slotId,
          loaded.studentInfo.get(studentId)?.schoolId ?? 0,
          loaded.slotCompany.get(slotId) ?? 0,
          a.score.toFixed(6),
          a.rank ?? null,
          JSON.stringify(a.explanation),
        ];
      });
      await this.runs.upsertProposals(rows);
    }
    const unmatched = [
      ...result.unmatched.map((u) => {
        const studentId = Number(u.studentId);
        const slotId =
          u.reason.code === 'outranked'
            ? Number(u.reason.slotId)
            : u.reason.closestSlotId
              ? Number(u.reason.closestSlotId)
              : null;
        return [
          runId,
          studentId,
          loaded.studentInfo.get(studentId)?.schoolId ?? 0,
          u.reason.code,
          slotId,
          slotId === null ? null : (loaded.slotCompany.get(slotId) ?? null),
          JSON.stringify(u.reason),
        ];
      }),
      ...loaded.tooYoung.map((s) => [
        runId,
        s.id,
        s.schoolId,
        'too_young',
        null,
        null,
        JSON.stringify({
          code: 'too_young',
          message: 'Under 17, or under 18 without parental consent (Permenaker 6/2020)',
        }),
      ]),
    ];
    for (let i = 0; i < unmatched.length; i += WRITE_BATCH) {
      await this.runs.upsertUnmatched(unmatched.slice(i, i + WRITE_BATCH));
    }
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

function summarise(loaded: LoadedRound, result: MatchResult): RoundStats {
  const unmatchedByReason: Record<string, number> = {};
  for (const u of result.unmatched) {
    unmatchedByReason[u.reason.code] = (unmatchedByReason[u.reason.code] ?? 0) + 1;
  }
  if (loaded.tooYoung.length > 0) {
    unmatchedByReason.too_young = loaded.tooYoung.length;
  }
  const regions = new Map<string, { students: number; matched: number; scoreSum: number }>();
  const region = (code: string) => {
    let entry = regions.get(code);
    if (!entry) {
      entry = { students: 0, matched: 0, scoreSum: 0 };
      regions.set(code, entry);
    }
    return entry;
  };
  for (const info of loaded.studentInfo.values()) {
    region(info.regionCode).students++;
  }
  for (const s of loaded.tooYoung) {
    region(s.regionCode).students++;
  }
  for (const a of result.assignments) {
    const entry = region(loaded.studentInfo.get(Number(a.studentId))?.regionCode ?? '');
    entry.matched++;
    entry.scoreSum += a.score;
  }
  const eligible = result.stats.students - (unmatchedByReason.no_eligible_slot ?? 0);
  return {
    students: loaded.students.length + loaded.tooYoung.length,
    eligible,
    matched: result.stats.matched,
    unmatched: result.unmatched.length + loaded.tooYoung.length,
    averageScore: round(result.stats.averageScore),
    averageRank: round(result.stats.averageRank),
    stable: result.stats.stable,
    unmatchedByReason,
    perRegion: [...regions.entries()]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([regionCode, r]) => ({
        regionCode,
        students: r.students,
        matched: r.matched,
        averageScore: r.matched === 0 ? 0 : round(r.scoreSum / r.matched),
      })),
  };
}

function round(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}

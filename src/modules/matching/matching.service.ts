import { InjectQueue } from '@nestjs/bull';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Queue } from 'bull';
import { DataSource } from 'typeorm';
import { AccessRepository } from '../../common/access/access.repository';
import {
  Action,
  mayDo,
  regionLimit,
  regionProblems,
  regionsAllowed,
} from '../../common/access/access-policy';
import { AuthUser } from '../../common/auth/auth-user';
import { enqueueWithin } from '../../common/queue/enqueue';
import { inTransaction } from '../../common/database/transaction';
import {
  FieldProblem,
  NotFoundException,
  ValidationFailedException,
} from '../../common/errors/domain.exception';
import { Page, PageQueryDto, toPage } from '../../common/pagination/pagination';
import { CohortsService } from '../cohorts/cohorts.service';
import { RegionsService } from '../regions/regions.service';
import { SlotsService } from '../slots/slots.service';
import { StudentsService } from '../students/students.service';
import {
  CreateRunDto,
  ListRunsQuery,
  ProposalDto,
  RunDto,
  UnmatchedDto,
} from './dto/matching-run.dto';
import {
  MATCHING_QUEUE,
  roundJobId,
  RUN_ROUND_JOB,
  RUN_ROUND_JOB_OPTIONS,
  RunRoundJobData,
} from './matching.constants';
import { MatchingException } from './matching.exception';
import { MatchingRepository, ProposalRow, UnmatchedRow } from './matching.repository';
import { MatchingRun, RunScope, RunStatus } from './matching-run.entity';
import { scopesOverlap } from './run-scope';

@Injectable()
export class MatchingService {
  private readonly logger = new Logger(MatchingService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectQueue(MATCHING_QUEUE) private readonly queue: Queue<RunRoundJobData>,
    private readonly runs: MatchingRepository,
    private readonly access: AccessRepository,
    private readonly regions: RegionsService,
    private readonly cohorts: CohortsService,
    private readonly studentsService: StudentsService,
    private readonly slotsService: SlotsService,
  ) {}

  /** Records the round and queues it; a round already queued or running on an overlapping scope is a 409. */
  async create(dto: CreateRunDto, user: AuthUser): Promise<MatchingRun> {
    const scope = await this.validScope(dto, user);
    const id = await inTransaction(this.dataSource, async (manager) => {
      // Locking the scope's region rows (in code order) makes overlapping creations wait for each other.
      await this.regions.lockForUpdate(scope.regionCodes, manager);
      const active = await this.runs.findActiveRuns(manager);
      const clash = active.find((run) => scopesOverlap(JSON.parse(run.scope) as RunScope, scope));
      if (clash) {
        throw MatchingException.overlappingRun(clash.id);
      }
      return this.runs.insertRun(
        manager,
        {
          status: RunStatus.Queued,
          stage: 'queued',
          progress: 0,
          mode: dto.mode,
          scope: JSON.stringify(scope),
          options: JSON.stringify(dto.options ?? {}),
          offerDays: dto.offerDays ?? 7,
          createdBy: user.id,
        },
        scope,
      );
    });
    // Read before enqueueing: the answer describes the round as created (queued), not a later state.
    const created = await this.runs.findRunOrFail(id);
    await this.enqueue(id);
    return created;
  }

  /** Idempotent: the job id is the round's, so adding it twice runs it once. */
  async enqueue(runId: number): Promise<void> {
    const queued = await enqueueWithin(
      this.queue,
      RUN_ROUND_JOB,
      { runId },
      { ...RUN_ROUND_JOB_OPTIONS, jobId: roundJobId(runId) },
    );
    if (!queued) {
      // The round stays queued in MySQL; the worker's recovery sweep enqueues it once Redis answers.
      this.logger.error(`Round ${runId} recorded but not queued yet: Redis did not answer`);
    }
  }

  /** The round, when the user may take `action` on it (policy: matchingRun); else its 404. */
  async get(id: number, user: AuthUser, action: Action = Action.Read): Promise<MatchingRun> {
    await this.access.assertInScope(user, 'matchingRun', id, action, undefined, 'matching_run');
    const run = await this.runs.findRun(id);
    if (!run) {
      throw new NotFoundException('matching_run', id);
    }
    return run;
  }

  async list(query: ListRunsQuery, user: AuthUser): Promise<Page<MatchingRun>> {
    const [items, total] = await this.runs.listRuns(user, query);
    return toPage(items, total, query);
  }

  async cancel(id: number, user: AuthUser): Promise<MatchingRun> {
    const run = await this.get(id, user, Action.Act);
    if (!(await this.runs.cancelIfActive(id))) {
      throw MatchingException.invalidRunStatus('cancel', run.status);
    }
    // A queued job is dropped; a running one notices the status and stops before writing.
    const job = await this.queue.getJob(roundJobId(id)).catch(() => null);
    if (job && (await job.isWaiting().catch(() => false))) {
      await job.remove().catch(() => undefined);
    }
    return this.get(id, user);
  }

  async proposals(id: number, query: PageQueryDto, user: AuthUser): Promise<Page<ProposalDto>> {
    await this.assertResultsVisible(id, user);
    const page = await this.runs.proposalsPage(id, user, query);
    const rows = await this.proposalRows(page.rows);
    return toPage(
      rows.map(({ nisn: _nisn, ...dto }) => dto),
      page.total,
      query,
    );
  }

  async unmatched(id: number, query: PageQueryDto, user: AuthUser): Promise<Page<UnmatchedDto>> {
    await this.assertResultsVisible(id, user);
    const page = await this.runs.unmatchedPage(id, user, query);
    const rows = await this.unmatchedRows(page.rows);
    return toPage(
      rows.map(({ nisn: _nisn, ...dto }) => dto),
      page.total,
      query,
    );
  }

  /** Every proposal of the round the user may see, with the NISN: for the file export. */
  async allProposals(id: number, user: AuthUser): Promise<ProposalExportRow[]> {
    await this.assertResultsVisible(id, user);
    return everyPage(async (page) =>
      this.proposalRows((await this.runs.proposalsPage(id, user, page)).rows),
    );
  }

  /** Every unmatched student of the round the user may see, with the NISN: for the file export. */
  async allUnmatched(id: number, user: AuthUser): Promise<UnmatchedExportRow[]> {
    await this.assertResultsVisible(id, user);
    return everyPage(async (page) =>
      this.unmatchedRows((await this.runs.unmatchedPage(id, user, page)).rows),
    );
  }

  private async proposalRows(rows: ProposalRow[]): Promise<ProposalExportRow[]> {
    const [students, titles] = await Promise.all([
      this.studentsById(rows.map((r) => r.studentId)),
      this.slotTitles(rows.map((r) => r.slotId)),
    ]);
    return rows.map((r) => ({
      studentId: r.studentId,
      nisn: students.get(r.studentId)?.nisn ?? '',
      studentName: students.get(r.studentId)?.name ?? '',
      schoolId: r.schoolId,
      slotId: r.slotId,
      slotTitle: titles.get(r.slotId) ?? '',
      companyId: r.companyId,
      score: Number(r.score),
      rank: r.rank,
      explanation: JSON.parse(r.explanation) as Record<string, unknown>,
    }));
  }

  private async unmatchedRows(rows: UnmatchedRow[]): Promise<UnmatchedExportRow[]> {
    const [students, titles] = await Promise.all([
      this.studentsById(rows.map((r) => r.studentId)),
      this.slotTitles(rows.flatMap((r) => (r.slotId === null ? [] : [r.slotId]))),
    ]);
    return rows.map((r) => ({
      studentId: r.studentId,
      nisn: students.get(r.studentId)?.nisn ?? '',
      studentName: students.get(r.studentId)?.name ?? '',
      schoolId: r.schoolId,
      reasonCode: r.reasonCode,
      slotId: r.slotId,
      slotTitle: r.slotId === null ? null : (titles.get(r.slotId) ?? null),
      reason: JSON.parse(r.reason) as Record<string, unknown>,
    }));
  }

  /**
   * A round's rows are shown row by row (policy: matchingResult); the office's roles must also
   * be allowed to read the round itself (a limited coordinator: every region of its scope).
   */
  private async assertResultsVisible(id: number, user: AuthUser): Promise<void> {
    if (mayDo(user, 'matchingRun', Action.Read)) {
      await this.get(id, user);
    } else if (!(await this.runs.findRun(id))) {
      throw new NotFoundException('matching_run', id);
    }
  }

  private async studentsById(ids: number[]): Promise<Map<number, { nisn: string; name: string }>> {
    const students = ids.length === 0 ? [] : await this.studentsService.findByIds(ids);
    return new Map(students.map((s) => [s.id, s]));
  }

  private async slotTitles(ids: number[]): Promise<Map<number, string>> {
    const slots = ids.length === 0 ? [] : await this.slotsService.findSummaries([...new Set(ids)]);
    return new Map(slots.map((s) => [s.id, s.title]));
  }

  private async validScope(dto: CreateRunDto, user: AuthUser): Promise<RunScope> {
    const problems: FieldProblem[] = [];
    let regionCodes = [...new Set(dto.scope.regionCodes ?? [])].sort();
    // A coordinator limited to some regions matches within them only (no regions: all of theirs).
    const limit = regionLimit(user);
    if (limit !== null && regionCodes.length === 0) {
      regionCodes = [...limit].sort();
    }
    problems.push(...regionProblems(user, regionCodes, 'scope.regionCodes'));
    const reserveCodes = dto.options?.reserves?.regionCodes ?? [];
    const known = new Set(await this.regions.knownCodes([...regionCodes, ...reserveCodes]));
    if (regionCodes.some((c) => !known.has(c))) {
      problems.push({ field: 'scope.regionCodes', problems: ['contains an unknown region'] });
    }
    if (reserveCodes.some((c) => !known.has(c))) {
      problems.push({
        field: 'options.reserves.regionCodes',
        problems: ['contains an unknown region'],
      });
    }
    if (dto.scope.cohortId !== undefined) {
      const region = await this.cohorts.regionOf(dto.scope.cohortId);
      // Another region's cohort is unknown to a region-limited coordinator, as a missing one is.
      if (region === null || !regionsAllowed(user, [region])) {
        problems.push({
          field: 'scope.cohortId',
          problems: [`unknown cohort ${dto.scope.cohortId}`],
        });
      }
    }
    if (problems.length > 0) {
      throw new ValidationFailedException(problems);
    }
    if (
      dto.mode === 'optimal' &&
      (dto.options?.schoolCompanyCap !== undefined || dto.options?.reserves !== undefined)
    ) {
      throw MatchingException.fairnessNeedsStable();
    }
    return {
      regionCodes,
      graduationYear: dto.scope.graduationYear ?? null,
      cohortId: dto.scope.cohortId ?? null,
      onlyUnplaced: dto.scope.onlyUnplaced ?? true,
    };
  }
}

/** `creatorNames`: display names by user id (UsersService.namesOf), for `createdByName`. */
export function toRunDto(run: MatchingRun, creatorNames: Map<number, string>): RunDto {
  return {
    id: run.id,
    status: run.status,
    stage: run.stage,
    progress: run.progress,
    mode: run.mode,
    scope: JSON.parse(run.scope) as RunDto['scope'],
    options: JSON.parse(run.options) as Record<string, unknown>,
    offerDays: run.offerDays,
    stats: run.stats === null ? null : (JSON.parse(run.stats) as Record<string, unknown>),
    timings: run.timings === null ? null : (JSON.parse(run.timings) as Record<string, number>),
    error: run.error,
    createdAt: run.createdAt.toISOString(),
    startedAt: run.startedAt?.toISOString() ?? null,
    finishedAt: run.finishedAt?.toISOString() ?? null,
    publishedAt: run.publishedAt?.toISOString() ?? null,
    createdBy: run.createdBy,
    createdByName: creatorNames.get(run.createdBy) ?? null,
  };
}

/** A proposal with the student's NISN (the file export's rows; the JSON list leaves it out). */
export type ProposalExportRow = ProposalDto & { nisn: string };
export type UnmatchedExportRow = UnmatchedDto & { nisn: string };

const EXPORT_PAGE = 5000;

/** Reads page after page of EXPORT_PAGE rows until a short one. */
async function everyPage<T>(read: (page: PageQueryDto) => Promise<T[]>): Promise<T[]> {
  const all: T[] = [];
  for (let n = 1; ; n++) {
    const rows = await read(Object.assign(new PageQueryDto(), { page: n, pageSize: EXPORT_PAGE }));
    all.push(...rows);
    if (rows.length < EXPORT_PAGE) {
      return all;
    }
  }
}

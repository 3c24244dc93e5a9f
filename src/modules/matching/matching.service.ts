import { InjectQueue } from '@nestjs/bull';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Queue } from 'bull';
import { DataSource, In, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { AuthUser } from '../../common/auth/auth-user';
import { ownRegionCodes, restrictToOwnRows } from '../../common/auth/tenant-scope';
import { enqueueWithin } from '../../common/queue/enqueue';
import { inTransaction } from '../../common/database/transaction';
import {
  FieldProblem,
  NotFoundException,
  ValidationFailedException,
} from '../../common/errors/domain.exception';
import { Page, PageQueryDto, toPage } from '../../common/pagination/pagination';
import { Region } from '../regions/region.entity';
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
import { ACTIVE_RUN_STATUSES, MatchingRun, RunScope, RunStatus } from './matching-run.entity';
import { scopesOverlap } from './run-scope';

@Injectable()
export class MatchingService {
  private readonly logger = new Logger(MatchingService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectQueue(MATCHING_QUEUE) private readonly queue: Queue<RunRoundJobData>,
  ) {}

  /** Records the round and queues it; a round already queued or running on an overlapping scope is a 409. */
  async create(dto: CreateRunDto, user: AuthUser): Promise<MatchingRun> {
    const scope = await this.validScope(dto, user);
    const id = await inTransaction(this.dataSource, async (manager) => {
      // Locking the scope's region rows (in code order) makes overlapping creations wait for each other.
      await manager
        .getRepository(Region)
        .createQueryBuilder('r')
        .setLock('pessimistic_write')
        .where(scope.regionCodes.length > 0 ? 'r.code IN (:...codes)' : '1 = 1', {
          codes: scope.regionCodes,
        })
        .orderBy('r.code')
        .getMany();
      const active = await manager
        .getRepository(MatchingRun)
        .findBy({ status: In(ACTIVE_RUN_STATUSES) });
      const clash = active.find((run) => scopesOverlap(JSON.parse(run.scope) as RunScope, scope));
      if (clash) {
        throw MatchingException.overlappingRun(clash.id);
      }
      const run = await manager.getRepository(MatchingRun).save({
        status: RunStatus.Queued,
        stage: 'queued',
        progress: 0,
        mode: dto.mode,
        scope: JSON.stringify(scope),
        options: JSON.stringify(dto.options ?? {}),
        offerDays: dto.offerDays ?? 7,
        createdBy: user.id,
      });
      return run.id;
    });
    // Read before enqueueing: the answer describes the round as created (queued), not a later state.
    const created = await this.dataSource.getRepository(MatchingRun).findOneByOrFail({ id });
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
      // The round stays queued in MySQL; the worker re-enqueues queued rounds when it starts.
      this.logger.error(`Round ${runId} recorded but not queued yet: Redis did not answer`);
    }
  }

  async get(id: number): Promise<MatchingRun> {
    const run = await this.dataSource.getRepository(MatchingRun).findOneBy({ id });
    if (!run) {
      throw new NotFoundException('matching_run', id);
    }
    return run;
  }

  async list(query: ListRunsQuery): Promise<Page<MatchingRun>> {
    const [items, total] = await this.dataSource.getRepository(MatchingRun).findAndCount({
      where: query.status ? { status: query.status } : {},
      order: { id: 'DESC' },
      skip: query.skip,
      take: query.pageSize,
    });
    return toPage(items, total, query);
  }

  async cancel(id: number): Promise<MatchingRun> {
    const run = await this.get(id);
    const cancelled = await this.dataSource
      .createQueryBuilder()
      .update(MatchingRun)
      .set({ status: RunStatus.Cancelled, stage: 'cancelled', finishedAt: new Date() })
      .where('id = :id AND status IN (:...active)', { id, active: ACTIVE_RUN_STATUSES })
      .execute();
    if (cancelled.affected !== 1) {
      throw MatchingException.invalidRunStatus('cancel', run.status);
    }
    // A queued job is dropped; a running one notices the status and stops before writing.
    const job = await this.queue.getJob(roundJobId(id)).catch(() => null);
    if (job && (await job.isWaiting().catch(() => false))) {
      await job.remove().catch(() => undefined);
    }
    return this.get(id);
  }

  async proposals(id: number, query: PageQueryDto, user: AuthUser): Promise<Page<ProposalDto>> {
    await this.get(id);
    const qb = this.dataSource
      .createQueryBuilder()
      .from('matching_proposals', 'p')
      .innerJoin('students', 'st', 'st.id = p.student_id')
      .innerJoin('slots', 'sl', 'sl.id = p.slot_id')
      .where('p.run_id = :id', { id });
    restrictToOwnRows(qb, user, 'p');
    const page = await rawPage<
      Omit<ProposalDto, 'explanation'> & { explanation: string; score: string }
    >(
      qb,
      [
        'p.student_id AS studentId',
        'st.name AS studentName',
        'p.school_id AS schoolId',
        'p.slot_id AS slotId',
        'sl.title AS slotTitle',
        'p.company_id AS companyId',
        'p.score AS score',
        'p.rank AS `rank`',
        'p.explanation AS explanation',
      ],
      'p.student_id',
      query,
    );
    return toPage(
      page.rows.map((r) => ({
        ...r,
        score: Number(r.score),
        explanation: JSON.parse(r.explanation) as Record<string, unknown>,
      })),
      page.total,
      query,
    );
  }

  async unmatched(id: number, query: PageQueryDto, user: AuthUser): Promise<Page<UnmatchedDto>> {
    await this.get(id);
    const qb = this.dataSource
      .createQueryBuilder()
      .from('matching_unmatched', 'u')
      .innerJoin('students', 'st', 'st.id = u.student_id')
      .where('u.run_id = :id', { id });
    restrictToOwnRows(qb, user, 'u');
    const page = await rawPage<Omit<UnmatchedDto, 'reason'> & { reason: string }>(
      qb,
      [
        'u.student_id AS studentId',
        'st.name AS studentName',
        'u.school_id AS schoolId',
        'u.reason_code AS reasonCode',
        'u.reason AS reason',
      ],
      'u.student_id',
      query,
    );
    return toPage(
      page.rows.map((r) => ({ ...r, reason: JSON.parse(r.reason) as Record<string, unknown> })),
      page.total,
      query,
    );
  }

  private async validScope(dto: CreateRunDto, user: AuthUser): Promise<RunScope> {
    const problems: FieldProblem[] = [];
    let regionCodes = [...new Set(dto.scope.regionCodes ?? [])].sort();
    // A coordinator limited to some regions matches within them only.
    const ownRegions = ownRegionCodes(user);
    if (ownRegions !== null) {
      if (regionCodes.length === 0) {
        regionCodes = [...ownRegions].sort();
      } else if (regionCodes.some((c) => !ownRegions.includes(c))) {
        problems.push({
          field: 'scope.regionCodes',
          problems: ['includes a region outside your own'],
        });
      }
    }
    const reserveCodes = dto.options?.reserves?.regionCodes ?? [];
    const known = new Set(
      (
        await this.dataSource
          .getRepository(Region)
          .findBy({ code: In([...regionCodes, ...reserveCodes, '0000']) })
      ).map((r) => r.code),
    );
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
      const [found] = await this.dataSource.query<{ region_code: string }[]>(
        'SELECT region_code FROM cohorts WHERE id = ?',
        [dto.scope.cohortId],
      );
      // Another region's cohort is unknown to a region-limited coordinator, as a missing one is.
      if (!found || (ownRegions !== null && !ownRegions.includes(found.region_code))) {
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

export function toRunDto(run: MatchingRun): RunDto {
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
  };
}

/** One page of a raw query's rows, in `orderBy` order, and the count of all its rows. */
async function rawPage<T>(
  qb: SelectQueryBuilder<ObjectLiteral>,
  columns: string[],
  orderBy: string,
  query: PageQueryDto,
): Promise<{ rows: T[]; total: number }> {
  const [{ total }] = await qb.clone().select('COUNT(*)', 'total').getRawMany<{ total: string }>();
  const rows = await qb
    .select(columns)
    .orderBy(orderBy)
    .offset(query.skip)
    .limit(query.pageSize)
    .getRawMany<T>();
  return { rows, total: Number(total) };
}

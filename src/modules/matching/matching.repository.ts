import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { Action, scopeList } from '../../common/access/access-policy';
import type { AuthUser } from '../../common/auth/auth-user';
import type { PageQueryDto } from '../../common/pagination/pagination';
import { executeRows, RowsStatement } from '../../common/database/prepared-rows';
import type { ListRunsQuery } from './dto/matching-run.dto';
import { WRITE_BATCH } from './matching.constants';
import {
  ACTIVE_RUN_STATUSES,
  MatchingRun,
  MatchingRunRegion,
  RunScope,
  RunStatus,
} from './matching-run.entity';
import type { RoundResultRows } from './round-results';

/** A proposal row as stored, without the names (the owners of students and slots give those). */
export interface ProposalRow {
  studentId: number;
  schoolId: number;
  slotId: number;
  companyId: number;
  score: string;
  rank: number | null;
  explanation: string;
}

export interface UnmatchedRow {
  studentId: number;
  schoolId: number;
  reasonCode: string;
  /** the slot the reason names (the closest, or the first choice), or null */
  slotId: number | null;
  reason: string;
}

/** The round's result rows, written in batches of WRITE_BATCH (`upsertRows`). */
const PROPOSALS_UPSERT: RowsStatement = {
  head: 'INSERT INTO matching_proposals (run_id, student_id, slot_id, school_id, company_id, score, `rank`, explanation)',
  tail: 'ON DUPLICATE KEY UPDATE slot_id = VALUES(slot_id), school_id = VALUES(school_id), company_id = VALUES(company_id), score = VALUES(score), `rank` = VALUES(`rank`), explanation = VALUES(explanation)',
  columns: 8,
};
const UNMATCHED_UPSERT: RowsStatement = {
  head: 'INSERT INTO matching_unmatched (run_id, student_id, school_id, reason_code, slot_id, company_id, reason)',
  tail: 'ON DUPLICATE KEY UPDATE reason_code = VALUES(reason_code), slot_id = VALUES(slot_id), company_id = VALUES(company_id), reason = VALUES(reason)',
  columns: 7,
};

/** A run's new fields; the rest take their defaults. */
export type NewRun = Pick<
  MatchingRun,
  'mode' | 'scope' | 'options' | 'offerDays' | 'createdBy' | 'status' | 'stage' | 'progress'
>;

/**
 * Every query on matching's tables: matching_runs, matching_run_regions, matching_proposals,
 * matching_unmatched (student_preferences and slot_rankings: preferences.repository.ts;
 * matching_run_parts: run-parts.repository.ts).
 */
@Injectable()
export class MatchingRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private runs(manager: EntityManager = this.dataSource.manager) {
    return manager.getRepository(MatchingRun);
  }

  findRun(id: number, manager?: EntityManager): Promise<MatchingRun | null> {
    return this.runs(manager).findOneBy({ id });
  }

  findRunOrFail(id: number): Promise<MatchingRun> {
    return this.runs().findOneByOrFail({ id });
  }

  findActiveRuns(manager: EntityManager): Promise<MatchingRun[]> {
    return this.runs(manager).findBy({ status: In(ACTIVE_RUN_STATUSES) });
  }

  /**
   * Rounds queued or running that are not split into parts: a split round's work is in its
   * parts' jobs (run-parts.repository.ts: unfinishedPartIds), its own job is done.
   */
  async unfinishedRunIds(): Promise<number[]> {
    const rows = await this.dataSource.query<{ id: number }[]>(
      `SELECT r.id FROM matching_runs r
        WHERE r.status IN (?)
          AND NOT EXISTS (SELECT 1 FROM matching_run_parts p WHERE p.run_id = r.id)
        ORDER BY r.id`,
      [ACTIVE_RUN_STATUSES],
    );
    return rows.map((r) => Number(r.id));
  }

  /** The round's status, its row locked until `manager`'s transaction ends; null if it is gone. */
  async lockRun(manager: EntityManager, runId: number): Promise<RunStatus | null> {
    const rows = await manager.query<{ status: RunStatus }[]>(
      'SELECT status FROM matching_runs WHERE id = ? FOR UPDATE',
      [runId],
    );
    return rows[0]?.status ?? null;
  }

  /** Records a round and the regions of its scope (the access policy reads those). */
  async insertRun(manager: EntityManager, run: NewRun, scope: RunScope): Promise<number> {
    const saved = await this.runs(manager).save(run);
    if (scope.regionCodes.length > 0) {
      await manager
        .getRepository(MatchingRunRegion)
        .insert(scope.regionCodes.map((regionCode) => ({ runId: saved.id, regionCode })));
    }
    return saved.id;
  }

  /** The rounds the user may see, newest first. */
  listRuns(user: AuthUser, query: ListRunsQuery): Promise<[MatchingRun[], number]> {
    const qb = this.runs().createQueryBuilder('r');
    if (query.status) {
      qb.andWhere('r.status = :status', { status: query.status });
    }
    scopeList(qb, user, 'matchingRun', 'r');
    return qb.orderBy('r.id', 'DESC').skip(query.skip).take(query.pageSize).getManyAndCount();
  }

  /** Moves a queued or running round to cancelled; false when it was neither. */
  async cancelIfActive(id: number): Promise<boolean> {
    const cancelled = await this.runs()
      .createQueryBuilder()
      .update()
      .set({ status: RunStatus.Cancelled, stage: 'cancelled', finishedAt: new Date() })
      .where('id = :id AND status IN (:...active)', { id, active: ACTIVE_RUN_STATUSES })
      .execute();
    return cancelled.affected === 1;
  }

  /** Marks a completed, unpublished round published; false when it is not such a round. */
  async claimForPublish(manager: EntityManager, runId: number): Promise<boolean> {
    const claimed = await this.runs(manager)
      .createQueryBuilder()
      .update()
      .set({ publishedAt: new Date() })
      .where('id = :runId AND status = :completed AND published_at IS NULL', {
        runId,
        completed: RunStatus.Completed,
      })
      .execute();
    return claimed.affected === 1;
  }

  /** Updates a queued or running round; false when it is no longer either (cancelled meanwhile). */
  async updateActive(runId: number, fields: Partial<MatchingRun>): Promise<boolean> {
    const updated = await this.runs()
      .createQueryBuilder()
      .update()
      .set(fields)
      .where('id = :runId AND status IN (:...active)', { runId, active: ACTIVE_RUN_STATUSES })
      .execute();
    return updated.affected === 1;
  }

  /** Updates a running round; false when it is no longer running. */
  async updateRunning(
    runId: number,
    fields: Partial<MatchingRun>,
    manager?: EntityManager,
  ): Promise<boolean> {
    const updated = await this.runs(manager)
      .createQueryBuilder()
      .update()
      .set(fields)
      .where('id = :runId AND status = :running', { runId, running: RunStatus.Running })
      .execute();
    return updated.affected === 1;
  }

  /** A previous attempt may have written part of the round: start from a clean slate. */
  async deleteResults(runId: number): Promise<void> {
    await this.dataSource.query('DELETE FROM matching_proposals WHERE run_id = ?', [runId]);
    await this.dataSource.query('DELETE FROM matching_unmatched WHERE run_id = ?', [runId]);
  }

  /**
   * Every proposal and unmatched row of a round's result (or of a part's), WRITE_BATCH rows an
   * upsert, each batch made just before it is written.
   */
  async writeResults(rows: RoundResultRows, manager?: EntityManager): Promise<void> {
    for (let i = 0; i < rows.proposalCount; i += WRITE_BATCH) {
      await this.upsertProposals(rows.proposals(i, i + WRITE_BATCH), manager);
    }
    for (let i = 0; i < rows.unmatchedCount; i += WRITE_BATCH) {
      await this.upsertUnmatched(rows.unmatched(i, i + WRITE_BATCH), manager);
    }
  }

  /** [run, student, slot, school, company, score, rank, explanation] rows, one multi-row upsert. */
  async upsertProposals(rows: unknown[][], manager?: EntityManager): Promise<void> {
    await this.upsertRows(PROPOSALS_UPSERT, rows, manager);
  }

  /** [run, student, school, reason code, slot, company, reason] rows, one multi-row upsert. */
  async upsertUnmatched(rows: unknown[][], manager?: EntityManager): Promise<void> {
    await this.upsertRows(UNMATCHED_UPSERT, rows, manager);
  }

  /**
   * A full batch (WRITE_BATCH rows) as a prepared statement, any other as text: one prepared
   * shape per table and connection, however a round's last batch is cut.
   */
  private async upsertRows(
    statement: RowsStatement,
    rows: unknown[][],
    manager?: EntityManager,
  ): Promise<void> {
    if (rows.length === WRITE_BATCH) {
      await executeRows(this.dataSource, manager, statement, rows);
    } else {
      await (manager ?? this.dataSource.manager).query(
        `${statement.head} VALUES ? ${statement.tail}`,
        [rows],
      );
    }
  }

  /** One page of a round's proposals the user may see (resource matchingResult), by student. */
  proposalsPage(
    runId: number,
    user: AuthUser,
    query: PageQueryDto,
  ): Promise<{ rows: ProposalRow[]; total: number }> {
    const qb = this.dataSource
      .createQueryBuilder()
      .from('matching_proposals', 'p')
      .where('p.run_id = :runId', { runId });
    scopeList(qb, user, 'matchingResult', 'p', Action.List);
    return rawPage<ProposalRow>(
      qb,
      [
        'p.student_id AS studentId',
        'p.school_id AS schoolId',
        'p.slot_id AS slotId',
        'p.company_id AS companyId',
        'p.score AS score',
        'p.rank AS `rank`',
        'p.explanation AS explanation',
      ],
      'p.student_id',
      query,
    );
  }

  /** One page of a round's unmatched students the user may see (resource matchingResult). */
  unmatchedPage(
    runId: number,
    user: AuthUser,
    query: PageQueryDto,
  ): Promise<{ rows: UnmatchedRow[]; total: number }> {
    const qb = this.dataSource
      .createQueryBuilder()
      .from('matching_unmatched', 'u')
      .where('u.run_id = :runId', { runId });
    scopeList(qb, user, 'matchingResult', 'u', Action.List);
    return rawPage<UnmatchedRow>(
      qb,
      [
        'u.student_id AS studentId',
        'u.school_id AS schoolId',
        'u.reason_code AS reasonCode',
        'u.slot_id AS slotId',
        'u.reason AS reason',
      ],
      'u.student_id',
      query,
    );
  }

  /** The next `limit` proposals of a round after `afterStudent`, by student (keyset). */
  async proposalBatch(
    manager: EntityManager,
    runId: number,
    afterStudent: number,
    limit: number,
  ): Promise<{ studentId: number; slotId: number }[]> {
    const rows = await manager.query<{ studentId: number; slotId: number }[]>(
      `SELECT student_id AS studentId, slot_id AS slotId FROM matching_proposals
        WHERE run_id = ? AND student_id > ? ORDER BY student_id LIMIT ?`,
      [runId, afterStudent, limit],
    );
    return rows.map((r) => ({ studentId: Number(r.studentId), slotId: Number(r.slotId) }));
  }
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

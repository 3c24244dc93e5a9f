import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuthUser } from '../../common/auth/auth-user';
import { assertRegionInScope } from '../../common/auth/tenant-scope';
import { NotFoundException } from '../../common/errors/domain.exception';
import { Cohort, CohortStatus } from './cohort.entity';
import { CohortsException } from './cohorts.exception';
import { todayUtc } from '../../common/database/dates';
import { retryOnDeadlock } from '../../common/database/transaction';

export interface CompletionOutcome {
  cohort: Cohort;
  alreadyCompleted: boolean;
  studentsAwarded: number;
  unitsAwarded: number;
  levelsRaised: number;
}

/**
 * Completing a cohort awards the course's units to every student assessed competent, once.
 * The status change running → completed is a conditional UPDATE: of two concurrent or repeated
 * completions only one changes the row, and only that one awards, in the same transaction.
 */
@Injectable()
export class CompletionService {
  private readonly logger = new Logger(CompletionService.name);

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async complete(
    cohortId: number,
    actor: AuthUser,
    now: Date = new Date(),
  ): Promise<CompletionOutcome> {
    // Out of the actor's regions: 404 before anything changes (a cohort's region never changes).
    const scoped = await this.dataSource.getRepository(Cohort).findOneBy({ id: cohortId });
    if (!scoped) {
      throw new NotFoundException('cohort', cohortId);
    }
    assertRegionInScope(actor, scoped.regionCode, 'cohort', cohortId);
    const awarded = await retryOnDeadlock(() =>
      this.dataSource.transaction(async (manager) => {
        const changed = await manager.query<{ affectedRows: number }>(
          `UPDATE cohorts SET status = 'completed', completed_at = ?
            WHERE id = ? AND status = 'running'`,
          [now, cohortId],
        );
        const cohort = await manager.getRepository(Cohort).findOneBy({ id: cohortId });
        if (!cohort) {
          throw new NotFoundException('cohort', cohortId);
        }
        if (changed.affectedRows === 0) {
          if (cohort.status === CohortStatus.Completed) {
            return false;
          }
          throw CohortsException.transition(cohortId, cohort.status, CohortStatus.Completed);
        }
        await this.award(manager, cohort, now);
        return true;
      }),
    );
    const totals = await this.totals(cohortId);
    const cohort = (await this.dataSource
      .getRepository(Cohort)
      .findOneBy({ id: cohortId })) as Cohort;
    if (awarded) {
      this.logger.log(`Cohort ${cohortId} completed: ${totals.unitsAwarded} unit awards`);
    }
    return { cohort, alreadyCompleted: !awarded, ...totals };
  }

  private async award(manager: EntityManager, cohort: Cohort, now: Date): Promise<void> {
    // The record first, with the level each student held before, then the upsert from it.
    await manager.query(
      `INSERT INTO cohort_awards (enrolment_id, unit_code, cohort_id, student_id, level, previous_level)
       SELECT e.id, cu.unit_code, e.cohort_id, e.student_id, cu.level, sc.level
         FROM enrolments e
         JOIN course_units cu ON cu.course_id = ?
         LEFT JOIN student_competencies sc
           ON sc.student_id = e.student_id AND sc.unit_code = cu.unit_code
        WHERE e.cohort_id = ? AND e.active = 1 AND e.result = 'competent'`,
      [cohort.courseId, cohort.id],
    );
    // A cohort completed before its planned end did not teach past today.
    const achievedOn = cohort.endDate < todayUtc(now) ? cohort.endDate : todayUtc(now);
    // Assignments run left to right and see earlier ones, so `level` is raised last: source,
    // evidence and date move only when this award is higher than what the student holds.
    await manager.query(
      `INSERT INTO student_competencies (student_id, unit_code, level, source, evidence_ref, achieved_on)
       SELECT a.student_id, a.unit_code, a.level, 'course', CONCAT('cohort:', a.cohort_id), ?
         FROM cohort_awards a
        WHERE a.cohort_id = ?
       ON DUPLICATE KEY UPDATE
         source = IF(VALUES(level) > student_competencies.level, VALUES(source), student_competencies.source),
         evidence_ref = IF(VALUES(level) > student_competencies.level, VALUES(evidence_ref), student_competencies.evidence_ref),
         achieved_on = IF(VALUES(level) > student_competencies.level, VALUES(achieved_on), student_competencies.achieved_on),
         level = GREATEST(student_competencies.level, VALUES(level))`,
      [achievedOn, cohort.id],
    );
  }

  async totals(
    cohortId: number,
  ): Promise<{ studentsAwarded: number; unitsAwarded: number; levelsRaised: number }> {
    const [row] = await this.dataSource.query<
      { students: string; units: string; raised: string }[]
    >(
      `SELECT COUNT(DISTINCT student_id) AS students, COUNT(*) AS units,
              COALESCE(SUM(previous_level IS NULL OR previous_level < level), 0) AS raised
         FROM cohort_awards WHERE cohort_id = ?`,
      [cohortId],
    );
    return {
      studentsAwarded: Number(row.students),
      unitsAwarded: Number(row.units),
      levelsRaised: Number(row.raised),
    };
  }
}

import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Action } from '../../common/access/access-policy';
import { AccessRepository } from '../../common/access/access.repository';
import { AuthUser } from '../../common/auth/auth-user';
import { todayUtc } from '../../common/database/dates';
import { retryOnDeadlock } from '../../common/database/transaction';
import { NotFoundException } from '../../common/errors/domain.exception';
import { CompetenciesService } from '../competencies/competencies.service';
import { CompetencySource } from '../competencies/competencies.types';
import { CoursesService } from '../courses/courses.service';
import { Cohort } from './cohort.entity';
import { CohortsException } from './cohorts.exception';
import { AwardTotals, CohortsRepository } from './cohorts.repository';
import { canTransition } from './cohorts.rules';
import { CohortStatus } from './cohorts.types';
import { EnrolmentsRepository } from './enrolments.repository';

export interface CompletionOutcome extends AwardTotals {
  cohort: Cohort;
  alreadyCompleted: boolean;
}

/**
 * Completing a cohort awards the course's units to every student assessed competent, once.
 * The status change running → completed happens on the locked row: of two concurrent or
 * repeated completions only one changes it, and only that one awards, in the same transaction.
 */
@Injectable()
export class CompletionService {
  private readonly logger = new Logger(CompletionService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cohorts: CohortsRepository,
    private readonly enrolments: EnrolmentsRepository,
    private readonly access: AccessRepository,
    private readonly courses: CoursesService,
    private readonly competencies: CompetenciesService,
  ) {}

  async complete(
    cohortId: number,
    actor: AuthUser,
    now: Date = new Date(),
  ): Promise<CompletionOutcome> {
    // Out of the actor's regions: 404 before anything changes (a cohort's region never changes).
    await this.access.assertInScope(actor, 'cohort', cohortId, Action.Act, undefined, 'cohort');
    const awarded = await retryOnDeadlock(() =>
      this.dataSource.transaction(async (manager) => {
        const cohort = await this.cohorts.lock(cohortId, manager);
        if (!cohort) {
          throw new NotFoundException('cohort', cohortId);
        }
        if (cohort.status === CohortStatus.Completed) {
          return false;
        }
        if (!canTransition(cohort.status, CohortStatus.Completed)) {
          throw CohortsException.transition(cohortId, cohort.status, CohortStatus.Completed);
        }
        await this.cohorts.update(
          cohortId,
          { status: CohortStatus.Completed, completedAt: now },
          manager,
        );
        await this.award(manager, cohort, now);
        return true;
      }),
    );
    const totals = await this.cohorts.awardTotals(cohortId);
    const cohort = (await this.cohorts.findById(cohortId)) as Cohort;
    if (awarded) {
      this.logger.log(`Cohort ${cohortId} completed: ${totals.unitsAwarded} unit awards`);
    }
    return { cohort, alreadyCompleted: !awarded, ...totals };
  }

  private async award(manager: EntityManager, cohort: Cohort, now: Date): Promise<void> {
    const competent = await this.enrolments.competent(cohort.id, manager);
    const units = await this.courses.unitLevels(cohort.courseId, manager);
    if (competent.length === 0 || units.length === 0) {
      return;
    }
    // The record first, with the level each student held before, then the upsert from it.
    const held = await this.competencies.heldUnits(
      competent.map((e) => e.studentId),
      manager,
    );
    const rows = competent.flatMap((e) =>
      units.map((u) => ({
        enrolmentId: e.enrolmentId,
        unitCode: u.unitCode,
        cohortId: cohort.id,
        studentId: e.studentId,
        level: u.level,
        previousLevel: heldLevel(held.get(e.studentId), u.unitCode),
      })),
    );
    await this.cohorts.insertAwards(rows, manager);
    // A cohort completed before its planned end did not teach past today.
    const achievedOn = cohort.endDate < todayUtc(now) ? cohort.endDate : todayUtc(now);
    await this.competencies.raiseLevels(
      rows.map((a) => ({
        studentId: a.studentId,
        unitCode: a.unitCode,
        level: a.level,
        source: CompetencySource.Course,
        evidenceRef: `cohort:${a.cohortId}`,
        achievedOn,
      })),
      manager,
    );
  }
}

/** The level a student holds in a unit (unit codes compare as the database does: any case). */
function heldLevel(held: Record<string, number> | undefined, unitCode: string): number | null {
  if (!held) {
    return null;
  }
  const key = Object.keys(held).find((k) => k.toLowerCase() === unitCode.toLowerCase());
  return key === undefined ? null : held[key];
}

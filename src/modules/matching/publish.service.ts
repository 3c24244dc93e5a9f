import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { AuthUser } from '../../common/auth/auth-user';
import { ageOn } from '../../common/database/dates';
import { inTransaction } from '../../common/database/transaction';
import { NotFoundException } from '../../common/errors/domain.exception';
import { OutboxService } from '../notifications/outbox.service';
import { placementEvent } from '../notifications/placement-events';
import { Placement, PlacementStatus } from '../placements/placement.entity';
import { PublishResultDto } from './dto/matching-run.dto';
import { MatchingException } from './matching.exception';
import { MatchingRun, RunStatus } from './matching-run.entity';

const PUBLISH_BATCH = 1_000;

interface ProposalRow {
  studentId: number;
  slotId: number;
  companyId: number;
  schoolId: number;
  startDate: string;
  endDate: string;
  birthDate: string;
  parentalConsent: number;
  slotStatus: string;
  placed: number;
  hasOffer: number;
}

/**
 * Turns a completed round's proposals into offers (placements `offered`), all in one
 * transaction: either the whole round is published or none of it. Students placed since the
 * round ran, students who already hold an offer for that slot, closed slots and students too
 * young for the slot's start date are skipped and counted.
 */
@Injectable()
export class PublishService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
  ) {}

  async publish(runId: number, user: AuthUser): Promise<PublishResultDto> {
    const run = await this.dataSource.getRepository(MatchingRun).findOneBy({ id: runId });
    if (!run) {
      throw new NotFoundException('matching_run', runId);
    }
    return inTransaction(this.dataSource, async (manager) => {
      const claimed = await manager
        .createQueryBuilder()
        .update(MatchingRun)
        .set({ publishedAt: new Date() })
        .where('id = :runId AND status = :completed AND published_at IS NULL', {
          runId,
          completed: RunStatus.Completed,
        })
        .execute();
      if (claimed.affected !== 1) {
        throw run.publishedAt !== null
          ? MatchingException.alreadyPublished()
          : MatchingException.invalidRunStatus('publish', run.status);
      }
      const deadline = new Date(Date.now() + run.offerDays * 86_400_000);
      let offered = 0;
      let skipped = 0;
      for (let lastStudent = 0; ;) {
        const rows = await this.batch(manager, runId, lastStudent);
        if (rows.length === 0) {
          break;
        }
        lastStudent = rows[rows.length - 1].studentId;
        const offers = rows.filter((r) => publishable(r));
        skipped += rows.length - offers.length;
        if (offers.length > 0) {
          await manager.query(
            `INSERT INTO placements (student_id, slot_id, company_id, school_id, status, source, run_id,
                                     offer_deadline, start_date, end_date, created_by)
             VALUES ?`,
            [
              offers.map((o) => [
                o.studentId,
                o.slotId,
                o.companyId,
                o.schoolId,
                PlacementStatus.Offered,
                'round',
                runId,
                deadline,
                o.startDate,
                o.endDate,
                user.id,
              ]),
            ],
          );
          // Each offer is announced in the same transaction (placement.offered).
          const made = await manager.getRepository(Placement).find({
            where: {
              runId,
              studentId: In(offers.map((o) => o.studentId)),
              status: PlacementStatus.Offered,
            },
          });
          await this.outbox.recordAll(
            manager,
            made.map((placement) => placementEvent('placement.offered', placement)),
          );
          offered += offers.length;
        }
      }
      return { offered, skipped };
    });
  }

  private batch(
    manager: EntityManager,
    runId: number,
    afterStudent: number,
  ): Promise<ProposalRow[]> {
    return manager.query<ProposalRow[]>(
      `SELECT p.student_id AS studentId, p.slot_id AS slotId, sl.company_id AS companyId, st.school_id AS schoolId,
              sl.start_date AS startDate, sl.end_date AS endDate, st.birth_date AS birthDate,
              st.parental_consent AS parentalConsent, sl.status AS slotStatus,
              EXISTS (SELECT 1 FROM placements x WHERE x.student_id = p.student_id AND x.status IN ('accepted', 'active')) AS placed,
              EXISTS (SELECT 1 FROM placements y WHERE y.student_id = p.student_id AND y.slot_id = p.slot_id
                        AND y.status IN ('proposed', 'offered')) AS hasOffer
         FROM matching_proposals p
         JOIN students st ON st.id = p.student_id
         JOIN slots sl ON sl.id = p.slot_id
        WHERE p.run_id = ? AND p.student_id > ?
        ORDER BY p.student_id
        LIMIT ?`,
      [runId, afterStudent, PUBLISH_BATCH],
    );
  }
}

function publishable(row: ProposalRow): boolean {
  const age = ageOn(row.birthDate, row.startDate);
  const oldEnough = age >= 18 || (age >= 17 && Number(row.parentalConsent) === 1);
  return (
    row.slotStatus === 'open' && Number(row.placed) === 0 && Number(row.hasOffer) === 0 && oldEnough
  );
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { inTransaction } from '../../common/database/transaction';
import { OutboxEventInput, OutboxService } from '../notifications/outbox.service';
import { PlacementsService } from '../placements/placements.service';
import { PlacementSummary } from '../placements/placements.types';
import { REMINDERS_BATCH, ReminderEventType } from './monitoring.constants';
import { MonitoringAttention } from './monitoring.entities';
import { MonitoringRepository } from './monitoring.repository';
import {
  AttentionFinding,
  attendanceOverdueBefore,
  attentionFinding,
  localToday,
} from './monitoring.rules';

/** What one run found. */
export interface RemindersRun {
  day: string;
  /** Active placements checked. */
  checked: number;
  journalMissing: number;
  attendanceUnconfirmed: number;
  /** Rows of placements that are no longer active, taken off the list. */
  cleared: number;
}

/**
 * The daily reminders: every active placement whose journal is missing for 3 or more working
 * days, or whose attendance waits more than 7 days for the mentor, gets an outbox event
 * (`journal.missing`, `attendance.unconfirmed`; key `<type>:<placementId>:<day>`, so one per
 * placement and day however often the job runs) and a row in the "needs attention" list. The
 * events and the rows of a batch commit together; the list is replaced, not appended to.
 */
@Injectable()
export class MonitoringReminders {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repo: MonitoringRepository,
    private readonly placements: PlacementsService,
    private readonly outbox: OutboxService,
  ) {}

  async run(today: string = localToday()): Promise<RemindersRun> {
    const overdueBefore = attendanceOverdueBefore(today);
    const run: RemindersRun = {
      day: today,
      checked: 0,
      journalMissing: 0,
      attendanceUnconfirmed: 0,
      cleared: 0,
    };
    const listed = await this.repo.attentionPlacementIds();
    const checked = new Set<number>();
    for (let afterId = 0; ;) {
      const batch = await this.placements.activeAfter(afterId, REMINDERS_BATCH);
      if (batch.length === 0) {
        break;
      }
      afterId = batch[batch.length - 1].id;
      const ids = batch.map((p) => p.id);
      ids.forEach((id) => checked.add(id));
      const [lastJournal, overdue] = await Promise.all([
        this.repo.lastJournalDates(ids),
        this.repo.unconfirmedBefore(ids, overdueBefore),
      ]);
      const rows: Omit<MonitoringAttention, 'updatedAt'>[] = [];
      const events: OutboxEventInput[] = [];
      for (const placement of batch) {
        const finding = attentionFinding(
          placement,
          lastJournal.get(placement.id) ?? null,
          overdue.get(placement.id) ?? { count: 0, oldest: null },
          today,
        );
        if (!finding) {
          continue;
        }
        rows.push({ placementId: placement.id, ...finding, detectedOn: today });
        if (finding.journalMissingDays > 0) {
          events.push(reminderEvent('journal.missing', placement, today, finding));
          run.journalMissing++;
        }
        if (finding.unconfirmedDays > 0) {
          events.push(reminderEvent('attendance.unconfirmed', placement, today, finding));
          run.attendanceUnconfirmed++;
        }
      }
      await inTransaction(this.dataSource, async (manager) => {
        await this.outbox.recordAll(manager, events);
        await this.repo.replaceAttention(ids, rows, manager);
      });
      run.checked += batch.length;
    }
    // Listed before, no longer active (completed, terminated...): off the list.
    const ended = listed.filter((id) => !checked.has(id));
    await this.repo.deleteAttention(ended);
    run.cleared = ended.length;
    return run;
  }
}

/** One reminder event: ids, dates and counts, no personal data. */
export function reminderEvent(
  type: ReminderEventType,
  placement: PlacementSummary,
  day: string,
  finding: AttentionFinding,
): OutboxEventInput {
  const details =
    type === 'journal.missing'
      ? {
          missingWorkingDays: finding.journalMissingDays,
          lastJournalDate: finding.lastJournalDate,
        }
      : {
          unconfirmedDays: finding.unconfirmedDays,
          oldestUnconfirmedDay: finding.oldestUnconfirmedDay,
        };
  return {
    type,
    key: `${type}:${placement.id}:${day}`,
    payload: {
      placementId: placement.id,
      studentId: placement.studentId,
      slotId: placement.slotId,
      companyId: placement.companyId,
      schoolId: placement.schoolId,
      teacherId: placement.teacherId,
      mentorId: placement.mentorId,
      day,
      ...details,
    },
  };
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import {
  AttendanceRecord,
  Certificate,
  JournalEntry,
  MonitoringAttention,
  MonitoringTotals,
  MonitoringVisit,
  PlacementAssessment,
  PlacementAssessmentUnit,
} from './monitoring.entities';
import { AttendanceStatus, JournalStatus } from './monitoring.types';

export interface PageRequest {
  skip: number;
  take: number;
}

/** Which "waiting for me" queue: submitted entries (mentor) or entries without a comment (teacher). */
export type JournalQueue = 'review' | 'comment';

/** Ids per IN (...) list: the reports read tens of thousands of placements. */
const CHUNK = 5_000;

function chunks<T>(values: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < values.length; i += CHUNK) {
    out.push(values.slice(i, i + CHUNK));
  }
  return out;
}

/** Every query on the monitoring tables. */
@Injectable()
export class MonitoringRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private m(manager?: EntityManager): EntityManager {
    return manager ?? this.dataSource.manager;
  }

  // The journal

  /** Inserts an entry; null when the placement already has one for that day. */
  async insertEntry(row: Partial<JournalEntry>, manager?: EntityManager): Promise<number | null> {
    const result = await this.m(manager).query<{ insertId: number; affectedRows: number }>(
      `INSERT IGNORE INTO journal_entries (placement_id, entry_date, activities, unit_codes, hours, status)
       VALUES (?, ?, ?, ?, ?, ?)`,
      [
        row.placementId,
        row.entryDate,
        row.activities,
        row.unitCodes,
        row.hours,
        JournalStatus.Submitted,
      ],
    );
    return result.affectedRows === 1 ? result.insertId : null;
  }

  findEntry(id: number, manager?: EntityManager): Promise<JournalEntry | null> {
    return this.m(manager).getRepository(JournalEntry).findOneBy({ id });
  }

  lockEntry(id: number, manager: EntityManager): Promise<JournalEntry | null> {
    return manager
      .getRepository(JournalEntry)
      .createQueryBuilder('j')
      .setLock('pessimistic_write')
      .where('j.id = :id', { id })
      .getOne();
  }

  async updateEntry(
    id: number,
    changes: Partial<JournalEntry>,
    manager?: EntityManager,
  ): Promise<void> {
    await this.m(manager).getRepository(JournalEntry).update({ id }, changes);
  }

  /** A placement's entries, newest day first. */
  pageEntries(placementId: number, page: PageRequest): Promise<[JournalEntry[], number]> {
    return this.dataSource.getRepository(JournalEntry).findAndCount({
      where: { placementId },
      order: { entryDate: 'DESC' },
      skip: page.skip,
      take: page.take,
    });
  }

  /** Entries of these placements waiting for a review or a comment, oldest day first. */
  async pageWaiting(
    placementIds: readonly number[],
    queue: JournalQueue,
    page: PageRequest,
  ): Promise<[JournalEntry[], number]> {
    if (placementIds.length === 0) {
      return [[], 0];
    }
    const qb = this.dataSource
      .getRepository(JournalEntry)
      .createQueryBuilder('j')
      .where('j.placement_id IN (:...ids)', { ids: placementIds });
    if (queue === 'review') {
      qb.andWhere('j.status = :status', { status: JournalStatus.Submitted });
    } else {
      qb.andWhere('j.teacher_comment IS NULL').andWhere('j.status <> :returned', {
        returned: JournalStatus.Returned,
      });
    }
    return qb
      .orderBy('j.entry_date', 'ASC')
      .addOrderBy('j.id', 'ASC')
      .skip(page.skip)
      .take(page.take)
      .getManyAndCount();
  }

  // Attendance

  findAttendance(id: number, manager?: EntityManager): Promise<AttendanceRecord | null> {
    return this.m(manager).getRepository(AttendanceRecord).findOneBy({ id });
  }

  findAttendanceDay(placementId: number, day: string): Promise<AttendanceRecord | null> {
    return this.dataSource.getRepository(AttendanceRecord).findOneBy({ placementId, day });
  }

  /** Inserts a day's record; null when the placement already has one for that day. */
  async insertAttendance(
    placementId: number,
    day: string,
    status: AttendanceStatus,
    note: string,
    manager?: EntityManager,
  ): Promise<number | null> {
    const result = await this.m(manager).query<{ insertId: number; affectedRows: number }>(
      'INSERT IGNORE INTO attendance_records (placement_id, day, status, note) VALUES (?, ?, ?, ?)',
      [placementId, day, status, note],
    );
    return result.affectedRows === 1 ? result.insertId : null;
  }

  lockAttendance(id: number, manager: EntityManager): Promise<AttendanceRecord | null> {
    return manager
      .getRepository(AttendanceRecord)
      .createQueryBuilder('a')
      .setLock('pessimistic_write')
      .where('a.id = :id', { id })
      .getOne();
  }

  async updateAttendance(
    id: number,
    changes: Partial<AttendanceRecord>,
    manager?: EntityManager,
  ): Promise<void> {
    await this.m(manager).getRepository(AttendanceRecord).update({ id }, changes);
  }

  /** Confirms a record not yet confirmed; false when it already was. */
  async confirmAttendance(id: number, userId: number): Promise<boolean> {
    const result = await this.dataSource
      .getRepository(AttendanceRecord)
      .createQueryBuilder()
      .update()
      .set({ confirmedBy: userId, confirmedAt: () => 'CURRENT_TIMESTAMP(3)' })
      .where('id = :id AND confirmed_at IS NULL', { id })
      .execute();
    return result.affected === 1;
  }

  pageAttendance(placementId: number, page: PageRequest): Promise<[AttendanceRecord[], number]> {
    return this.dataSource.getRepository(AttendanceRecord).findAndCount({
      where: { placementId },
      order: { day: 'DESC' },
      skip: page.skip,
      take: page.take,
    });
  }

  /** Every record's status and whether it is confirmed, for the totals. */
  async attendanceStatuses(
    placementId: number,
  ): Promise<{ status: AttendanceStatus; confirmed: boolean }[]> {
    const rows = await this.dataSource.query<
      { status: AttendanceStatus; n: string; confirmed: string }[]
    >(
      `SELECT status, COUNT(*) AS n, SUM(confirmed_at IS NOT NULL) AS confirmed
         FROM attendance_records WHERE placement_id = ? GROUP BY status`,
      [placementId],
    );
    return rows.flatMap((r) =>
      Array.from({ length: Number(r.n) }, (_v, i) => ({
        status: r.status,
        confirmed: i < Number(r.confirmed),
      })),
    );
  }

  // Visits

  async insertVisit(row: Partial<MonitoringVisit>): Promise<number> {
    const saved = await this.dataSource.getRepository(MonitoringVisit).save(row);
    return saved.id;
  }

  findVisit(id: number): Promise<MonitoringVisit | null> {
    return this.dataSource.getRepository(MonitoringVisit).findOneBy({ id });
  }

  pageVisits(placementId: number, page: PageRequest): Promise<[MonitoringVisit[], number]> {
    return this.dataSource.getRepository(MonitoringVisit).findAndCount({
      where: { placementId },
      order: { visitDate: 'DESC', id: 'DESC' },
      skip: page.skip,
      take: page.take,
    });
  }

  // The assessment and the certificate

  async findAssessment(
    placementId: number,
    manager?: EntityManager,
  ): Promise<{ assessment: PlacementAssessment; units: PlacementAssessmentUnit[] } | null> {
    const assessment = await this.m(manager)
      .getRepository(PlacementAssessment)
      .findOneBy({ placementId });
    if (!assessment) {
      return null;
    }
    const units = await this.m(manager)
      .getRepository(PlacementAssessmentUnit)
      .find({ where: { placementId }, order: { unitCode: 'ASC' } });
    return { assessment, units };
  }

  async insertAssessment(
    manager: EntityManager,
    assessment: Omit<PlacementAssessment, 'createdAt'>,
    units: readonly PlacementAssessmentUnit[],
  ): Promise<void> {
    await manager.getRepository(PlacementAssessment).insert(assessment);
    await manager.getRepository(PlacementAssessmentUnit).insert([...units]);
  }

  findCertificate(placementId: number, manager?: EntityManager): Promise<Certificate | null> {
    return this.m(manager).getRepository(Certificate).findOneBy({ placementId });
  }

  findCertificateByCode(code: string): Promise<Certificate | null> {
    return this.dataSource.getRepository(Certificate).findOneBy({ code });
  }

  async insertCertificate(
    manager: EntityManager,
    row: Omit<Certificate, 'id' | 'status'>,
  ): Promise<void> {
    await manager.getRepository(Certificate).insert(row);
  }

  // The daily reminders and the "needs attention" list

  /** The day of each placement's latest journal entry (placements without one are absent). */
  async lastJournalDates(placementIds: readonly number[]): Promise<Map<number, string>> {
    const found = new Map<number, string>();
    for (const ids of chunks(placementIds)) {
      const rows = await this.dataSource.query<{ id: number; last: string }[]>(
        `SELECT placement_id AS id, DATE_FORMAT(MAX(entry_date), '%Y-%m-%d') AS last
           FROM journal_entries WHERE placement_id IN (?) GROUP BY placement_id`,
        [ids],
      );
      rows.forEach((r) => found.set(Number(r.id), r.last));
    }
    return found;
  }

  /** Per placement, its attendance records still unconfirmed for a day before `before`. */
  async unconfirmedBefore(
    placementIds: readonly number[],
    before: string,
  ): Promise<Map<number, { count: number; oldest: string }>> {
    const found = new Map<number, { count: number; oldest: string }>();
    for (const ids of chunks(placementIds)) {
      const rows = await this.dataSource.query<{ id: number; n: string; oldest: string }[]>(
        `SELECT placement_id AS id, COUNT(*) AS n, DATE_FORMAT(MIN(day), '%Y-%m-%d') AS oldest
           FROM attendance_records
          WHERE placement_id IN (?) AND confirmed_at IS NULL AND day < ?
          GROUP BY placement_id`,
        [ids, before],
      );
      rows.forEach((r) => found.set(Number(r.id), { count: Number(r.n), oldest: r.oldest }));
    }
    return found;
  }

  /**
   * Makes the attention rows of `checked` placements exactly `rows` (one multi-row upsert, and
   * the checked placements no longer needing attention removed), in the caller's transaction.
   */
  async replaceAttention(
    checked: readonly number[],
    rows: readonly Omit<MonitoringAttention, 'updatedAt'>[],
    manager: EntityManager,
  ): Promise<void> {
    const flagged = new Set(rows.map((r) => r.placementId));
    const cleared = checked.filter((id) => !flagged.has(id));
    if (cleared.length > 0) {
      await manager.query('DELETE FROM monitoring_attention WHERE placement_id IN (?)', [cleared]);
    }
    if (rows.length === 0) {
      return;
    }
    await manager.query(
      `INSERT INTO monitoring_attention
         (placement_id, journal_missing_days, last_journal_date, unconfirmed_days, oldest_unconfirmed_day, detected_on)
       VALUES ?
       ON DUPLICATE KEY UPDATE journal_missing_days = VALUES(journal_missing_days),
         last_journal_date = VALUES(last_journal_date), unconfirmed_days = VALUES(unconfirmed_days),
         oldest_unconfirmed_day = VALUES(oldest_unconfirmed_day), detected_on = VALUES(detected_on)`,
      [
        rows.map((r) => [
          r.placementId,
          r.journalMissingDays,
          r.lastJournalDate,
          r.unconfirmedDays,
          r.oldestUnconfirmedDay,
          r.detectedOn,
        ]),
      ],
    );
  }

  /** The placements on the attention list now. */
  async attentionPlacementIds(): Promise<number[]> {
    const rows = await this.dataSource.query<{ id: number }[]>(
      'SELECT placement_id AS id FROM monitoring_attention',
    );
    return rows.map((r) => Number(r.id));
  }

  async deleteAttention(placementIds: readonly number[]): Promise<void> {
    for (const ids of chunks(placementIds)) {
      await this.dataSource.query('DELETE FROM monitoring_attention WHERE placement_id IN (?)', [
        ids,
      ]);
    }
  }

  /** The attention rows of these placements, the longest journal gap first. */
  async pageAttention(
    placementIds: readonly number[],
    page: PageRequest,
  ): Promise<[MonitoringAttention[], number]> {
    if (placementIds.length === 0) {
      return [[], 0];
    }
    return this.dataSource
      .getRepository(MonitoringAttention)
      .createQueryBuilder('a')
      .where('a.placement_id IN (:...ids)', { ids: placementIds })
      .orderBy('a.journal_missing_days', 'DESC')
      .addOrderBy('a.unconfirmed_days', 'DESC')
      .addOrderBy('a.placement_id', 'ASC')
      .skip(page.skip)
      .take(page.take)
      .getManyAndCount();
  }

  // The reports

  /**
   * Adds to a placement's running totals, in the caller's transaction (the write it counts).
   * The first write of a placement creates its row (its deltas are then never negative).
   */
  async addToTotals(
    placementId: number,
    delta: { attendanceDays?: number; attendancePresent?: number; journalsWaiting?: number },
    manager: EntityManager,
  ): Promise<void> {
    const values = [
      delta.attendanceDays ?? 0,
      delta.attendancePresent ?? 0,
      delta.journalsWaiting ?? 0,
    ];
    if (values.every((v) => v === 0)) {
      return;
    }
    await manager.query(
      `INSERT INTO monitoring_totals (placement_id, attendance_days, attendance_present, journals_waiting)
       VALUES (?, ?, ?, ?)
       ON DUPLICATE KEY UPDATE attendance_days = attendance_days + VALUES(attendance_days),
         attendance_present = attendance_present + VALUES(attendance_present),
         journals_waiting = journals_waiting + VALUES(journals_waiting)`,
      [placementId, ...values],
    );
  }

  /** The running totals of these placements (placements with nothing recorded are absent). */
  async totals(placementIds: readonly number[]): Promise<Map<number, MonitoringTotals>> {
    const found = new Map<number, MonitoringTotals>();
    for (const ids of chunks(placementIds)) {
      const rows = await this.dataSource.query<Record<string, string | number>[]>(
        `SELECT placement_id AS placementId, attendance_days AS attendanceDays,
                attendance_present AS attendancePresent, journals_waiting AS journalsWaiting
           FROM monitoring_totals WHERE placement_id IN (?)`,
        [ids],
      );
      rows.forEach((r) =>
        found.set(Number(r.placementId), {
          placementId: Number(r.placementId),
          attendanceDays: Number(r.attendanceDays),
          attendancePresent: Number(r.attendancePresent),
          journalsWaiting: Number(r.journalsWaiting),
        }),
      );
    }
    return found;
  }

  /** The placements among these with a final assessment. */
  async assessedPlacements(placementIds: readonly number[]): Promise<Set<number>> {
    const found = new Set<number>();
    for (const ids of chunks(placementIds)) {
      const rows = await this.dataSource.query<{ id: number }[]>(
        'SELECT placement_id AS id FROM placement_assessments WHERE placement_id IN (?)',
        [ids],
      );
      rows.forEach((r) => found.add(Number(r.id)));
    }
    return found;
  }
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import {
  AttendanceRecord,
  Certificate,
  JournalEntry,
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

/** Every query on the monitoring tables. */
@Injectable()
export class MonitoringRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private m(manager?: EntityManager): EntityManager {
    return manager ?? this.dataSource.manager;
  }

  // The journal

  /** Inserts an entry; false when the placement already has one for that day. */
  async insertEntry(row: Partial<JournalEntry>): Promise<number | null> {
    const result = await this.dataSource.query<{ insertId: number; affectedRows: number }>(
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
  ): Promise<number | null> {
    const result = await this.dataSource.query<{ insertId: number; affectedRows: number }>(
      'INSERT IGNORE INTO attendance_records (placement_id, day, status, note) VALUES (?, ?, ?, ?)',
      [placementId, day, status, note],
    );
    return result.affectedRows === 1 ? result.insertId : null;
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
}

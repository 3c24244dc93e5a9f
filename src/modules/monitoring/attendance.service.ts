import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Action } from '../../common/access/access-policy';
import { AuthUser } from '../../common/auth/auth-user';
import { isCalendarDate } from '../../common/database/dates';
import { inTransaction } from '../../common/database/transaction';
import { NotFoundException, ValidationFailedException } from '../../common/errors/domain.exception';
import { Page, PageQueryDto, toPage } from '../../common/pagination/pagination';
import { AttendanceDto, AttendanceSummaryDto, RecordAttendanceDto } from './dto/monitoring.dto';
import { FileStore } from './file-store';
import { IMAGE_MIME, ImageType } from './image-sanitizer';
import { cleanUpload, MonitoredPlacements } from './monitored-placements';
import { AttendanceRecord } from './monitoring.entities';
import { MonitoringException } from './monitoring.exception';
import { MonitoringRepository } from './monitoring.repository';
import {
  attendanceDayProblem,
  attendanceTotals,
  isAttendanceLocked,
  localToday,
  mayConfirmAttendance,
  presentDelta,
  takesEvidence,
} from './monitoring.rules';
import { UploadedImage } from './monitoring.types';

/** Attendance per working day: the student records it, the mentor confirms it. */
@Injectable()
export class AttendanceService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repo: MonitoringRepository,
    private readonly placements: MonitoredPlacements,
    private readonly files: FileStore,
  ) {}

  /** Records a day, or changes it while unconfirmed (the evidence goes with a status that takes none). */
  async record(
    user: AuthUser,
    placementId: number,
    day: string,
    dto: RecordAttendanceDto,
  ): Promise<AttendanceDto> {
    const placement = await this.placements.get(user, 'attendance', placementId, Action.Create);
    if (!isCalendarDate(day)) {
      throw ValidationFailedException.field('day', 'must be a real date (YYYY-MM-DD)');
    }
    const problem = attendanceDayProblem(placement, day, localToday());
    if (problem) {
      throw MonitoringException.day(problem, day);
    }
    const note = dto.note ?? '';
    const existing = await this.repo.findAttendanceDay(placementId, day);
    if (!existing) {
      const id = await inTransaction(this.dataSource, async (manager) => {
        const inserted = await this.repo.insertAttendance(
          placementId,
          day,
          dto.status,
          note,
          manager,
        );
        if (inserted !== null) {
          const present = presentDelta(null, dto.status);
          await this.repo.addToTotals(
            placementId,
            { attendanceDays: 1, attendancePresent: present },
            manager,
          );
        }
        return inserted;
      });
      if (id !== null) {
        return this.read(id);
      }
    }
    const current = existing ?? (await this.repo.findAttendanceDay(placementId, day));
    if (!current) {
      throw new NotFoundException('attendance', day);
    }
    await inTransaction(this.dataSource, async (manager) => {
      // Locked: a confirmation or another change of the day waits, and the totals stay exact.
      const locked = await this.repo.lockAttendance(current.id, manager);
      if (!locked || isAttendanceLocked(locked.confirmedAt)) {
        throw MonitoringException.attendanceLocked(current.id);
      }
      const keepsEvidence = takesEvidence(dto.status);
      await this.repo.updateAttendance(
        current.id,
        {
          status: dto.status,
          note,
          ...(keepsEvidence ? {} : { evidenceKey: null, evidenceType: null }),
        },
        manager,
      );
      const present = presentDelta(locked.status, dto.status);
      await this.repo.addToTotals(placementId, { attendancePresent: present }, manager);
    });
    return this.read(current.id);
  }

  /** The mentor confirms a day; confirming twice changes nothing. */
  async confirm(user: AuthUser, id: number): Promise<AttendanceDto> {
    await this.found(user, id, Action.Act);
    if (!mayConfirmAttendance(user.role)) {
      throw MonitoringException.forbidden(`A ${user.role} cannot confirm attendance`);
    }
    await this.repo.confirmAttendance(id, user.id);
    return this.read(id);
  }

  /** A letter for an izin or sakit day, while unconfirmed. */
  async putEvidence(
    user: AuthUser,
    id: number,
    file: UploadedImage | undefined,
  ): Promise<AttendanceDto> {
    const record = await this.found(user, id, Action.Change);
    if (isAttendanceLocked(record.confirmedAt)) {
      throw MonitoringException.attendanceLocked(id);
    }
    if (!takesEvidence(record.status)) {
      throw MonitoringException.evidenceNotAllowed(record.status);
    }
    const image = cleanUpload(file);
    const key = await this.files.put(
      `attendance/${record.placementId}`,
      image.type === 'jpeg' ? 'jpg' : 'png',
      image.data,
    );
    await this.repo.updateAttendance(id, { evidenceKey: key, evidenceType: image.type });
    return this.read(id);
  }

  async evidence(user: AuthUser, id: number): Promise<{ data: Buffer; mime: string }> {
    const record = await this.found(user, id, Action.Read);
    if (!record.evidenceKey || !record.evidenceType) {
      throw new NotFoundException('evidence', id);
    }
    return {
      data: await this.files.get(record.evidenceKey),
      mime: IMAGE_MIME[record.evidenceType as ImageType],
    };
  }

  async list(
    user: AuthUser,
    placementId: number,
    query: PageQueryDto,
  ): Promise<Page<AttendanceDto>> {
    await this.placements.get(user, 'attendance', placementId, Action.List);
    const [items, total] = await this.repo.pageAttendance(placementId, {
      skip: query.skip,
      take: query.pageSize,
    });
    return toPage(items.map(toDto), total, query);
  }

  /** Days per status, confirmed days, and the rate of days present. */
  async summary(user: AuthUser, placementId: number): Promise<AttendanceSummaryDto> {
    await this.placements.get(user, 'attendance', placementId, Action.Read);
    return { placementId, ...attendanceTotals(await this.repo.attendanceStatuses(placementId)) };
  }

  private async found(user: AuthUser, id: number, action: Action): Promise<AttendanceRecord> {
    const record = await this.repo.findAttendance(id);
    if (!record) {
      throw new NotFoundException('attendance', id);
    }
    await this.placements.assertRecord(
      user,
      'attendance',
      record.placementId,
      action,
      'attendance',
      id,
    );
    return record;
  }

  private async read(id: number): Promise<AttendanceDto> {
    const record = await this.repo.findAttendance(id);
    if (!record) {
      throw new NotFoundException('attendance', id);
    }
    return toDto(record);
  }
}

function toDto(r: AttendanceRecord): AttendanceDto {
  return {
    id: r.id,
    placementId: r.placementId,
    day: r.day,
    status: r.status,
    note: r.note,
    hasEvidence: r.evidenceKey !== null,
    confirmedAt: r.confirmedAt ? r.confirmedAt.toISOString() : null,
  };
}

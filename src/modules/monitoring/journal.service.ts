import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Action } from '../../common/access/access-policy';
import { AuthUser } from '../../common/auth/auth-user';
import { Role } from '../../common/auth/role.enum';
import { isCalendarDate } from '../../common/database/dates';
import { inTransaction } from '../../common/database/transaction';
import { NotFoundException, ValidationFailedException } from '../../common/errors/domain.exception';
import { Page, PageQueryDto, toPage } from '../../common/pagination/pagination';
import { PlacementsService } from '../placements/placements.service';
import { PlacementStatus } from '../placements/placements.types';
import { SlotsService } from '../slots/slots.service';
import {
  CreateJournalEntryDto,
  JournalEntryDto,
  UpdateJournalEntryDto,
} from './dto/monitoring.dto';
import { FileStore } from './file-store';
import { IMAGE_MIME, ImageType } from './image-sanitizer';
import { cleanUpload, MonitoredPlacements } from './monitored-placements';
import { JournalEntry } from './monitoring.entities';
import { MonitoringException } from './monitoring.exception';
import { MonitoringRepository } from './monitoring.repository';
import {
  canTakeJournalStep,
  foreignUnits,
  isJournalLocked,
  journalDayProblem,
  JournalStep,
  journalWaitingDelta,
  JOURNAL_STEPS,
  localToday,
  mayTakeJournalStep,
} from './monitoring.rules';
import { JournalStatus, UploadedImage } from './monitoring.types';

/** The student's daily journal, the mentor's review and the teacher's comments. */
@Injectable()
export class JournalService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repo: MonitoringRepository,
    private readonly placements: MonitoredPlacements,
    private readonly placementsService: PlacementsService,
    private readonly slots: SlotsService,
    private readonly files: FileStore,
  ) {}

  async create(
    user: AuthUser,
    placementId: number,
    dto: CreateJournalEntryDto,
  ): Promise<JournalEntryDto> {
    const placement = await this.placements.get(user, 'journal', placementId, Action.Create);
    if (!isCalendarDate(dto.date)) {
      throw ValidationFailedException.field('date', 'must be a real date');
    }
    const problem = journalDayProblem(placement, dto.date, localToday());
    if (problem) {
      throw MonitoringException.day(problem, dto.date);
    }
    await this.assertSlotUnits(placement.slotId, dto.unitCodes);
    const id = await inTransaction(this.dataSource, async (manager) => {
      const inserted = await this.repo.insertEntry(
        {
          placementId,
          entryDate: dto.date,
          activities: dto.activities,
          unitCodes: [...new Set(dto.unitCodes)].join(','),
          hours: dto.hours,
        },
        manager,
      );
      if (inserted !== null) {
        const waiting = journalWaitingDelta(null, JournalStatus.Submitted);
        await this.repo.addToTotals(placementId, { journalsWaiting: waiting }, manager);
      }
      return inserted;
    });
    if (id === null) {
      throw MonitoringException.journalExists(dto.date);
    }
    return this.read(id);
  }

  /** The student edits an entry not yet approved; a returned entry is submitted again. */
  async update(user: AuthUser, id: number, dto: UpdateJournalEntryDto): Promise<JournalEntryDto> {
    const entry = await this.found(user, id, Action.Change);
    const placement = await this.placementsService.findSummary(entry.placementId);
    if (placement?.status !== PlacementStatus.Active) {
      throw MonitoringException.day('placement_not_active', entry.entryDate);
    }
    if (dto.unitCodes) {
      await this.assertSlotUnits(placement.slotId, dto.unitCodes);
    }
    await inTransaction(this.dataSource, async (manager) => {
      const current = await this.repo.lockEntry(id, manager);
      if (!current || isJournalLocked(current.status)) {
        throw MonitoringException.journalLocked(id);
      }
      await this.repo.updateEntry(
        id,
        {
          ...(dto.activities !== undefined ? { activities: dto.activities } : {}),
          ...(dto.unitCodes ? { unitCodes: [...new Set(dto.unitCodes)].join(',') } : {}),
          ...(dto.hours !== undefined ? { hours: dto.hours } : {}),
          status: JournalStatus.Submitted,
        },
        manager,
      );
      const waiting = journalWaitingDelta(current.status, JournalStatus.Submitted);
      await this.repo.addToTotals(current.placementId, { journalsWaiting: waiting }, manager);
    });
    return this.read(id);
  }

  /** approve / return (the mentor) and comment (the teacher): the state table's steps. */
  async step(
    user: AuthUser,
    id: number,
    step: JournalStep,
    comment: string | null,
  ): Promise<JournalEntryDto> {
    await this.found(user, id, Action.Act);
    if (!mayTakeJournalStep(step, user.role)) {
      throw MonitoringException.forbidden(`A ${user.role} cannot ${step} a journal entry`);
    }
    await inTransaction(this.dataSource, async (manager) => {
      const current = await this.repo.lockEntry(id, manager);
      if (!current) {
        throw new NotFoundException('journal_entry', id);
      }
      if (!canTakeJournalStep(step, current.status)) {
        throw MonitoringException.invalidStep(step, current.status);
      }
      const to = JOURNAL_STEPS[step].to;
      const changes: Partial<JournalEntry> =
        to === null
          ? { teacherComment: comment, commentedBy: user.id, commentedAt: new Date() }
          : {
              status: to,
              mentorComment: comment ?? current.mentorComment,
              reviewedBy: user.id,
              reviewedAt: new Date(),
            };
      await this.repo.updateEntry(id, changes, manager);
      if (to !== null) {
        const waiting = journalWaitingDelta(current.status, to);
        await this.repo.addToTotals(current.placementId, { journalsWaiting: waiting }, manager);
      }
    });
    return this.read(id);
  }

  async get(user: AuthUser, id: number): Promise<JournalEntryDto> {
    await this.found(user, id, Action.Read);
    return this.read(id);
  }

  async list(
    user: AuthUser,
    placementId: number,
    query: PageQueryDto,
  ): Promise<Page<JournalEntryDto>> {
    await this.placements.get(user, 'journal', placementId, Action.List);
    const [items, total] = await this.repo.pageEntries(placementId, {
      skip: query.skip,
      take: query.pageSize,
    });
    return toPage(items.map(toDto), total, query);
  }

  /**
   * "Waiting for me": a mentor's entries to review (submitted) and a teacher's entries to
   * comment, across the active and completed placements assigned to them.
   */
  async waiting(user: AuthUser, query: PageQueryDto): Promise<Page<JournalEntryDto>> {
    const ids = await this.placementsService.idsInScope(user, 'journalQueue', [
      PlacementStatus.Active,
      PlacementStatus.Completed,
    ]);
    const queue = user.role === Role.Teacher ? 'comment' : 'review';
    const [items, total] = await this.repo.pageWaiting(ids, queue, {
      skip: query.skip,
      take: query.pageSize,
    });
    return toPage(items.map(toDto), total, query);
  }

  /** Stores the entry's photo (replacing any), metadata stripped; not once it is approved. */
  async putPhoto(
    user: AuthUser,
    id: number,
    file: UploadedImage | undefined,
  ): Promise<JournalEntryDto> {
    const entry = await this.found(user, id, Action.Change);
    if (isJournalLocked(entry.status)) {
      throw MonitoringException.journalLocked(id);
    }
    const image = cleanUpload(file);
    const key = await this.files.put(
      `journal/${entry.placementId}`,
      image.type === 'jpeg' ? 'jpg' : 'png',
      image.data,
    );
    await inTransaction(this.dataSource, async (manager) => {
      const current = await this.repo.lockEntry(id, manager);
      if (!current || isJournalLocked(current.status)) {
        throw MonitoringException.journalLocked(id);
      }
      await this.repo.updateEntry(id, { photoKey: key, photoType: image.type }, manager);
    });
    return this.read(id);
  }

  /** The photo, to those who may read the entry. */
  async photo(user: AuthUser, id: number): Promise<{ data: Buffer; mime: string }> {
    const entry = await this.found(user, id, Action.Read);
    if (!entry.photoKey || !entry.photoType) {
      throw new NotFoundException('photo', id);
    }
    return {
      data: await this.files.get(entry.photoKey),
      mime: IMAGE_MIME[entry.photoType as ImageType],
    };
  }

  private async found(user: AuthUser, id: number, action: Action): Promise<JournalEntry> {
    const entry = await this.repo.findEntry(id);
    if (!entry) {
      throw new NotFoundException('journal_entry', id);
    }
    await this.placements.assertRecord(
      user,
      'journal',
      entry.placementId,
      action,
      'journal_entry',
      id,
    );
    return entry;
  }

  private async read(id: number): Promise<JournalEntryDto> {
    const entry = await this.repo.findEntry(id);
    if (!entry) {
      throw new NotFoundException('journal_entry', id);
    }
    return toDto(entry);
  }

  private async assertSlotUnits(slotId: number, unitCodes: readonly string[]): Promise<void> {
    const slotUnits = (await this.slots.findRequirements([slotId])).map((r) => r.unit);
    const foreign = foreignUnits(slotUnits, unitCodes);
    if (foreign.length > 0) {
      throw ValidationFailedException.field(
        'unitCodes',
        `${foreign.join(', ')} not among the slot's units`,
      );
    }
  }
}

function toDto(e: JournalEntry): JournalEntryDto {
  return {
    id: e.id,
    placementId: e.placementId,
    date: e.entryDate,
    activities: e.activities,
    unitCodes: e.unitCodes === '' ? [] : e.unitCodes.split(','),
    hours: e.hours,
    status: e.status,
    mentorComment: e.mentorComment,
    reviewedAt: e.reviewedAt ? e.reviewedAt.toISOString() : null,
    teacherComment: e.teacherComment,
    commentedAt: e.commentedAt ? e.commentedAt.toISOString() : null,
    hasPhoto: e.photoKey !== null,
    updatedAt: e.updatedAt.toISOString(),
  };
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AccessRepository } from '../../common/access/access.repository';
import { Action } from '../../common/access/access-policy';
import { AuthUser } from '../../common/auth/auth-user';
import { inTransaction } from '../../common/database/transaction';
import { NotFoundException, ValidationFailedException } from '../../common/errors/domain.exception';
import { score } from '../../matching-engine';
import { CompetenciesService } from '../competencies/competencies.service';
import { SlotsService } from '../slots/slots.service';
import { SlotStatus } from '../slots/slots.types';
import type { StudentRecord } from '../students/students.types';
import { StudentsService } from '../students/students.service';
import { PreferencesDto, RankingDto } from './dto/preferences.dto';
import { MatchingException } from './matching.exception';
import { toEngineSlot, toEngineStudent } from './matching.mapper';
import { PreferencesRepository } from './preferences.repository';

interface SlotFacts {
  id: number;
  companyId: number;
  regionCode: string;
  capacity: number;
}

@Injectable()
export class PreferencesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessRepository,
    private readonly preferences: PreferencesRepository,
    private readonly studentsService: StudentsService,
    private readonly slotsService: SlotsService,
    private readonly competencies: CompetenciesService,
  ) {}

  async getPreferences(studentId: number, user: AuthUser): Promise<number[]> {
    await this.assertStudent(user, studentId, Action.Read);
    return this.preferences.preferencesOf(studentId);
  }

  /**
   * Replaces the student's ranked list. Every slot must be open and one the student is
   * eligible for; the first that is not is a 422 naming the missing unit or programme.
   */
  async setPreferences(studentId: number, dto: PreferencesDto, user: AuthUser): Promise<number[]> {
    await this.assertStudent(user, studentId, Action.Change);
    const [student] = await this.studentsService.findByIds([studentId]);
    if (!student) {
      throw new NotFoundException('student', studentId);
    }
    const slots =
      dto.slotIds.length === 0 ? [] : await this.slotsService.findSummaries(dto.slotIds);
    const byId = new Map(slots.map((s) => [s.id, s]));
    const missing = dto.slotIds.filter((id) => byId.get(id)?.status !== SlotStatus.Open);
    if (missing.length > 0) {
      throw ValidationFailedException.field('slotIds', `not open slots: ${missing.join(', ')}`);
    }
    await this.assertEligible(student, slots);
    await inTransaction(this.dataSource, (manager) =>
      this.preferences.replacePreferences(manager, studentId, dto.slotIds),
    );
    return dto.slotIds;
  }

  async getRanking(slotId: number, user: AuthUser): Promise<number[]> {
    await this.assertSlot(user, slotId, Action.Read);
    return this.preferences.rankingOf(slotId);
  }

  /** A company's ranking of candidates for its slot; otherwise the engine's score ranks them. */
  async setRanking(slotId: number, dto: RankingDto, user: AuthUser): Promise<number[]> {
    await this.assertSlot(user, slotId, Action.Change);
    const known =
      dto.studentIds.length === 0 ? [] : await this.studentsService.findByIds(dto.studentIds);
    const unknown = dto.studentIds.filter((id) => !known.some((s) => s.id === id));
    if (unknown.length > 0) {
      throw ValidationFailedException.field(
        'studentIds',
        `unknown students: ${unknown.join(', ')}`,
      );
    }
    await inTransaction(this.dataSource, (manager) =>
      this.preferences.replaceRanking(manager, slotId, dto.studentIds),
    );
    return dto.studentIds;
  }

  private assertStudent(user: AuthUser, studentId: number, action: Action): Promise<void> {
    return this.access.assertInScope(
      user,
      'studentPreference',
      studentId,
      action,
      undefined,
      'student',
    );
  }

  private assertSlot(user: AuthUser, slotId: number, action: Action): Promise<void> {
    return this.access.assertInScope(user, 'slotRanking', slotId, action, undefined, 'slot');
  }

  /** Eligibility is the engine's own rule (score 0 = ineligible); the message says what is missing. */
  private async assertEligible(student: StudentRecord, slots: SlotFacts[]): Promise<void> {
    if (slots.length === 0) {
      return;
    }
    const ids = slots.map((s) => s.id);
    const [held, requirements, programs] = await Promise.all([
      this.competencies.heldUnits([student.id]),
      this.slotsService.findRequirements(ids),
      this.slotsService.findPrograms(ids),
    ]);
    const units = held.get(student.id) ?? {};
    const engineStudent = toEngineStudent(
      {
        id: student.id,
        schoolId: student.schoolId,
        programCode: student.programCode,
        regionCode: student.domicileRegionCode,
      },
      units,
      undefined,
    );
    for (const slot of slots) {
      const needs = requirements
        .filter((r) => r.slotId === slot.id)
        .map((r) => ({ unit: r.unit, minLevel: r.minLevel, weight: r.weight }));
      const accepts = programs.filter((p) => p.slotId === slot.id).map((p) => p.programCode);
      const engineSlot = toEngineSlot(
        {
          id: slot.id,
          companyId: slot.companyId,
          regionCode: slot.regionCode,
          remaining: slot.capacity,
        },
        needs,
        accepts,
        undefined,
      );
      if (score(engineStudent, engineSlot, { mode: 'stable', regionPolicy: 'any' }) > 0) {
        continue;
      }
      if (accepts.length > 0 && !accepts.includes(student.programCode)) {
        throw MatchingException.notEligible(
          'slotIds',
          `slot ${slot.id} accepts the programmes ${accepts.join(', ')}, not ${student.programCode}`,
          {
            slotId: slot.id,
            missingProgram: student.programCode,
          },
        );
      }
      const gap = needs.find((n) => (units[n.unit] ?? 0) < n.minLevel);
      throw MatchingException.notEligible(
        'slotIds',
        gap
          ? `slot ${slot.id} needs ${gap.unit} at level ${gap.minLevel}; the student holds ${units[gap.unit] ?? 'none'}`
          : `the student is not eligible for slot ${slot.id}`,
        {
          slotId: slot.id,
          missingUnit: gap?.unit,
          minLevel: gap?.minLevel,
          heldLevel: gap ? (units[gap.unit] ?? 0) : undefined,
        },
      );
    }
  }
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { AuthUser } from '../../common/auth/auth-user';
import { Role } from '../../common/auth/role.enum';
import { inTransaction } from '../../common/database/transaction';
import { ValidationFailedException } from '../../common/errors/domain.exception';
import { score } from '../../matching-engine';
import { StudentCompetency } from '../competencies/student-competency.entity';
import { Slot, SlotProgram, SlotRequirement, SlotStatus } from '../slots/slot.entity';
import { SlotsService } from '../slots/slots.service';
import { Student } from '../students/student.entity';
import { StudentsService } from '../students/students.service';
import { PreferencesDto, RankingDto } from './dto/preferences.dto';
import { MatchingException } from './matching.exception';
import { toEngineSlot, toEngineStudent } from './matching.mapper';
import { SlotRanking, StudentPreference } from './preference.entity';

@Injectable()
export class PreferencesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly students: StudentsService,
    private readonly slots: SlotsService,
  ) {}

  async getPreferences(studentId: number, user: AuthUser): Promise<number[]> {
    await this.students.findInScope(user, studentId);
    const rows = await this.dataSource
      .getRepository(StudentPreference)
      .find({ where: { studentId }, order: { rank: 'ASC' } });
    return rows.map((r) => r.slotId);
  }

  /**
   * Replaces the student's ranked list. Every slot must be open and one the student is
   * eligible for; the first that is not is a 422 naming the missing unit or programme.
   */
  async setPreferences(studentId: number, dto: PreferencesDto, user: AuthUser): Promise<number[]> {
    const student = await this.students.findInScope(user, studentId);
    const slots =
      dto.slotIds.length === 0
        ? []
        : await this.dataSource.getRepository(Slot).findBy({ id: In(dto.slotIds) });
    const byId = new Map(slots.map((s) => [s.id, s]));
    const missing = dto.slotIds.filter((id) => byId.get(id)?.status !== SlotStatus.Open);
    if (missing.length > 0) {
      throw ValidationFailedException.field('slotIds', `not open slots: ${missing.join(', ')}`);
    }
    await this.assertEligible(student, slots);
    await inTransaction(this.dataSource, async (manager) => {
      await manager.getRepository(StudentPreference).delete({ studentId });
      if (dto.slotIds.length > 0) {
        await manager
          .getRepository(StudentPreference)
          .insert(dto.slotIds.map((slotId, index) => ({ studentId, slotId, rank: index + 1 })));
      }
    });
    return dto.slotIds;
  }

  async getRanking(slotId: number, user: AuthUser): Promise<number[]> {
    await this.findOwnSlot(slotId, user);
    const rows = await this.dataSource
      .getRepository(SlotRanking)
      .find({ where: { slotId }, order: { rank: 'ASC' } });
    return rows.map((r) => r.studentId);
  }

  /** A company's ranking of candidates for its slot; otherwise the engine's score ranks them. */
  async setRanking(slotId: number, dto: RankingDto, user: AuthUser): Promise<number[]> {
    await this.findOwnSlot(slotId, user);
    const known =
      dto.studentIds.length === 0
        ? []
        : await this.dataSource.getRepository(Student).findBy({ id: In(dto.studentIds) });
    const unknown = dto.studentIds.filter((id) => !known.some((s) => s.id === id));
    if (unknown.length > 0) {
      throw ValidationFailedException.field(
        'studentIds',
        `unknown students: ${unknown.join(', ')}`,
      );
    }
    await inTransaction(this.dataSource, async (manager) => {
      await manager.getRepository(SlotRanking).delete({ slotId });
      if (dto.studentIds.length > 0) {
        await manager
          .getRepository(SlotRanking)
          .insert(
            dto.studentIds.map((studentId, index) => ({ slotId, studentId, rank: index + 1 })),
          );
      }
    });
    return dto.studentIds;
  }

  private async findOwnSlot(slotId: number, user: AuthUser): Promise<Slot> {
    const slot = await this.slots.findInScope(slotId, user);
    if (
      user.role !== Role.CompanyAdmin &&
      user.role !== Role.Admin &&
      user.role !== Role.Coordinator
    ) {
      throw ValidationFailedException.field('slotId', 'only the company ranks candidates');
    }
    return slot;
  }

  /** Eligibility is the engine's own rule (score 0 = ineligible); the message says what is missing. */
  private async assertEligible(student: Student, slots: Slot[]): Promise<void> {
    if (slots.length === 0) {
      return;
    }
    const ids = slots.map((s) => s.id);
    const [held, requirements, programs] = await Promise.all([
      this.dataSource.getRepository(StudentCompetency).findBy({ studentId: student.id }),
      this.dataSource.getRepository(SlotRequirement).findBy({ slotId: In(ids) }),
      this.dataSource.getRepository(SlotProgram).findBy({ slotId: In(ids) }),
    ]);
    const units = Object.fromEntries(held.map((h) => [h.unitCode, h.level]));
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
        .map((r) => ({ unit: r.unitCode, minLevel: r.minLevel, weight: Number(r.weight) }));
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

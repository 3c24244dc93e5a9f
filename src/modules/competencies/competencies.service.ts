import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Action } from '../../common/access/access-policy';
import { AccessRepository } from '../../common/access/access.repository';
import { AuthUser } from '../../common/auth/auth-user';
import { isCalendarDate } from '../../common/database/dates';
import { NotFoundException, ValidationFailedException } from '../../common/errors/domain.exception';
import { Page, toPage } from '../../common/pagination/pagination';
import { StudentsService } from '../students/students.service';
import { CompetenciesException } from './competencies.exception';
import { CompetenciesRepository } from './competencies.repository';
import { unitKind } from './competencies.rules';
import type {
  CompetencyAward,
  CompetencyImportOutcome,
  CompetencyImportRow,
  CompetencyUnitRecord,
  GraduateSupply,
} from './competencies.types';
import { importCompetencyBatch } from './competency-import';
import { CompetencyUnit } from './competency-unit.entity';
import {
  CreateCompetencyUnitDto,
  ListCompetencyUnitsQuery,
  RecordCompetencyDto,
  UpdateCompetencyUnitDto,
} from './dto/competency.dto';
import { StudentCompetency } from './student-competency.entity';

@Injectable()
export class CompetenciesService {
  constructor(
    private readonly repo: CompetenciesRepository,
    private readonly access: AccessRepository,
    private readonly students: StudentsService,
  ) {}

  async createUnit(dto: CreateCompetencyUnitDto): Promise<CompetencyUnit> {
    const kind = unitKind(dto.code);
    if (!kind) {
      throw ValidationFailedException.field(
        'code',
        'must be SKKNI-shaped (X.000000.000.00) or a local code (A-Z, 0-9, . _ -)',
      );
    }
    if (await this.repo.unitExists(dto.code)) {
      throw CompetenciesException.codeTaken(dto.code);
    }
    await this.repo.insertUnit({ code: dto.code, name: dto.name, sector: dto.sector, kind });
    return (await this.repo.findUnit(dto.code)) as CompetencyUnit;
  }

  async updateUnit(code: string, dto: UpdateCompetencyUnitDto): Promise<CompetencyUnit> {
    if (!(await this.repo.unitExists(code))) {
      throw new NotFoundException('competency_unit', code);
    }
    await this.repo.updateUnit(code, dto);
    return (await this.repo.findUnit(code)) as CompetencyUnit;
  }

  async listUnits(query: ListCompetencyUnitsQuery): Promise<Page<CompetencyUnit>> {
    const [items, total] = await this.repo.pageUnits(query);
    return toPage(items, total, query);
  }

  async listHeld(user: AuthUser, studentId: number): Promise<StudentCompetency[]> {
    await this.assertStudent(user, studentId, Action.List);
    return this.repo.listHeld(studentId);
  }

  /** Records (or replaces) the level a student holds a catalogue unit at. */
  async record(
    user: AuthUser,
    studentId: number,
    unitCode: string,
    dto: RecordCompetencyDto,
  ): Promise<StudentCompetency> {
    await this.assertStudent(user, studentId, Action.Change);
    if (!(await this.repo.unitExists(unitCode))) {
      throw ValidationFailedException.field('unitCode', 'is not in the competency catalogue');
    }
    if (!isCalendarDate(dto.achievedOn)) {
      throw ValidationFailedException.field('achievedOn', 'must be a real date');
    }
    await this.repo.upsertHeld({
      studentId,
      unitCode,
      level: dto.level,
      source: dto.source,
      evidenceRef: dto.evidenceRef ?? '',
      achievedOn: dto.achievedOn,
    });
    return this.repo.findHeld(studentId, unitCode);
  }

  async remove(user: AuthUser, studentId: number, unitCode: string): Promise<void> {
    await this.assertStudent(user, studentId, Action.Change);
    if (!(await this.repo.deleteHeld(studentId, unitCode))) {
      throw new NotFoundException('student_competency', unitCode);
    }
  }

  // Reads and writes for other features (they never touch these tables themselves).

  /** unit code → level for each of these students (students holding nothing are absent). */
  heldUnits(
    studentIds: readonly number[],
    manager?: EntityManager,
  ): Promise<Map<number, Record<string, number>>> {
    return this.repo.heldLevels(studentIds, manager);
  }

  /** visit(student, unit code, level) for every unit the students hold, by student. */
  eachHeldUnit(
    studentIds: readonly number[],
    visit: (studentId: number, unit: string, level: number) => void,
    manager?: EntityManager,
  ): Promise<void> {
    return this.repo.eachHeldLevel(studentIds, visit, manager);
  }

  /** Awards units in one statement, keeping each student's highest level of a unit. */
  raiseLevels(awards: readonly CompetencyAward[], manager: EntityManager): Promise<void> {
    return this.repo.raiseLevels(manager, awards);
  }

  /** The catalogue's units among `codes`. */
  findUnits(codes: readonly string[], manager?: EntityManager): Promise<CompetencyUnitRecord[]> {
    return this.repo.findUnits(codes, manager);
  }

  /** Upserts one batch of a competencies CSV for the school's students, in the import's transaction. */
  importBatch(
    manager: EntityManager,
    rows: CompetencyImportRow[],
    schoolId: number,
  ): Promise<CompetencyImportOutcome> {
    return importCompetencyBatch(
      { repo: this.repo, students: this.students },
      manager,
      rows,
      schoolId,
    );
  }

  /** The student's units follow the student's scope: 404 `student_not_found` outside it. */
  private assertStudent(user: AuthUser, studentId: number, action: Action): Promise<void> {
    return this.access.assertInScope(
      user,
      'studentCompetency',
      studentId,
      action,
      undefined,
      'student',
    );
  }

  /** Graduates of `year` per domicile region, unit and level (analytics' supply). */
  graduateSupply(
    year: number,
    regionCodes: readonly string[],
    unitCode?: string,
  ): Promise<GraduateSupply[]> {
    return this.repo.graduateSupply(year, regionCodes, unitCode);
  }
}

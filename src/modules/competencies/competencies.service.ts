import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { AuthUser } from '../../common/auth/auth-user';
import { NotFoundException, ValidationFailedException } from '../../common/errors/domain.exception';
import { Page, toPage } from '../../common/pagination/pagination';
import { containsPattern } from '../../common/database/like';
import { isCalendarDate } from '../../common/database/dates';
import { StudentsService } from '../students/students.service';
import { CompetenciesException } from './competencies.exception';
import {
  CompetencyUnit,
  CompetencyUnitKind,
  LOCAL_CODE,
  SKKNI_CODE,
} from './competency-unit.entity';
import {
  CreateCompetencyUnitDto,
  ListCompetencyUnitsQuery,
  RecordCompetencyDto,
  UpdateCompetencyUnitDto,
} from './dto/competency.dto';
import { StudentCompetency } from './student-competency.entity';

/** SKKNI-shaped codes first; anything else must look like a local code. */
export function unitKind(code: string): CompetencyUnitKind | null {
  if (SKKNI_CODE.test(code)) {
    return CompetencyUnitKind.Skkni;
  }
  return LOCAL_CODE.test(code) ? CompetencyUnitKind.Local : null;
}

@Injectable()
export class CompetenciesService {
  constructor(
    @InjectRepository(CompetencyUnit) private readonly units: Repository<CompetencyUnit>,
    @InjectRepository(StudentCompetency) private readonly held: Repository<StudentCompetency>,
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
    if (await this.units.existsBy({ code: dto.code })) {
      throw CompetenciesException.codeTaken(dto.code);
    }
    await this.units.insert({ code: dto.code, name: dto.name, sector: dto.sector, kind });
    return this.units.findOneByOrFail({ code: dto.code });
  }

  async updateUnit(code: string, dto: UpdateCompetencyUnitDto): Promise<CompetencyUnit> {
    const unit = await this.units.findOneBy({ code });
    if (!unit) {
      throw new NotFoundException('competency_unit', code);
    }
    await this.units.update({ code }, dto);
    return this.units.findOneByOrFail({ code });
  }

  async listUnits(query: ListCompetencyUnitsQuery): Promise<Page<CompetencyUnit>> {
    const qb = this.units.createQueryBuilder('u');
    if (query.sector) {
      qb.andWhere('u.sector = :sector', { sector: query.sector });
    }
    if (query.q) {
      qb.andWhere('(u.code LIKE :q OR u.name LIKE :q)', { q: containsPattern(query.q) });
    }
    const [items, total] = await qb
      .orderBy('u.code', 'ASC')
      .skip(query.skip)
      .take(query.pageSize)
      .getManyAndCount();
    return toPage(items, total, query);
  }

  async listHeld(user: AuthUser, studentId: number): Promise<StudentCompetency[]> {
    await this.students.findInScope(user, studentId);
    return this.held.find({
      where: { studentId },
      relations: { unit: true },
      order: { unitCode: 'ASC' },
    });
  }

  /** Records (or replaces) the level a student holds a catalogue unit at. */
  async record(
    user: AuthUser,
    studentId: number,
    unitCode: string,
    dto: RecordCompetencyDto,
  ): Promise<StudentCompetency> {
    await this.students.findInScope(user, studentId);
    if (!(await this.units.existsBy({ code: unitCode }))) {
      throw ValidationFailedException.field('unitCode', 'is not in the competency catalogue');
    }
    if (!isCalendarDate(dto.achievedOn)) {
      throw ValidationFailedException.field('achievedOn', 'must be a real date');
    }
    await this.held.upsert(
      {
        studentId,
        unitCode,
        level: dto.level,
        source: dto.source,
        evidenceRef: dto.evidenceRef ?? '',
        achievedOn: dto.achievedOn,
      },
      ['studentId', 'unitCode'],
    );
    return this.held.findOneOrFail({
      where: { studentId, unitCode },
      relations: { unit: true },
    });
  }

  async remove(user: AuthUser, studentId: number, unitCode: string): Promise<void> {
    await this.students.findInScope(user, studentId);
    const result = await this.held.delete({ studentId, unitCode });
    if (!result.affected) {
      throw new NotFoundException('student_competency', unitCode);
    }
  }
}

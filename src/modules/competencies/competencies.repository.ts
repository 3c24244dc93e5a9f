import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { IN_LIST_MAX } from '../../common/database/in-list';
import { containsPattern } from '../../common/database/like';
import type { CompetencyAward, CompetencyUnitRecord, GraduateSupply } from './competencies.types';
import { CompetencyUnit } from './competency-unit.entity';
import type { ListCompetencyUnitsQuery, UpdateCompetencyUnitDto } from './dto/competency.dto';
import { StudentCompetency } from './student-competency.entity';

/** Students per IN list when reading many students' units. */
const HELD_CHUNK = IN_LIST_MAX;

/** A held unit as the import compares it (DB column names). */
export interface HeldRow {
  student_id: number;
  unit_code: string;
  level: number;
  source: string;
  evidence_ref: string;
  achieved_on: string;
}

function inList(n: number): string {
  return new Array<string>(n).fill('?').join(', ');
}

function valuesList(rows: number, columns: number): string {
  return new Array<string>(rows).fill(`(${inList(columns)})`).join(', ');
}

/** Every query on competency_units and student_competencies. */
@Injectable()
export class CompetenciesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private units(manager: EntityManager = this.dataSource.manager) {
    return manager.getRepository(CompetencyUnit);
  }

  private held(manager: EntityManager = this.dataSource.manager) {
    return manager.getRepository(StudentCompetency);
  }

  unitExists(code: string): Promise<boolean> {
    return this.units().existsBy({ code });
  }

  findUnit(code: string): Promise<CompetencyUnit | null> {
    return this.units().findOneBy({ code });
  }

  async findUnits(
    codes: readonly string[],
    manager?: EntityManager,
  ): Promise<CompetencyUnitRecord[]> {
    if (codes.length === 0) {
      return [];
    }
    return this.units(manager).findBy({ code: In([...codes]) });
  }

  async insertUnit(unit: CompetencyUnitRecord): Promise<void> {
    await this.units().insert(unit);
  }

  async updateUnit(code: string, changes: UpdateCompetencyUnitDto): Promise<void> {
    // An empty PATCH changes nothing (TypeORM refuses an UPDATE without values).
    if (Object.values(changes).every((v) => v === undefined)) {
      return;
    }
    await this.units().update({ code }, changes);
  }

  pageUnits(query: ListCompetencyUnitsQuery): Promise<[CompetencyUnit[], number]> {
    const qb = this.units().createQueryBuilder('u');
    if (query.sector) {
      qb.andWhere('u.sector = :sector', { sector: query.sector });
    }
    if (query.q) {
      qb.andWhere('(u.code LIKE :q OR u.name LIKE :q)', { q: containsPattern(query.q) });
    }
    if (query.codes) {
      qb.andWhere('u.code IN (:...codes)', { codes: query.codes });
    }
    return qb.orderBy('u.code', 'ASC').skip(query.skip).take(query.pageSize).getManyAndCount();
  }

  /** A student's units with their catalogue rows, by code. */
  listHeld(studentId: number): Promise<StudentCompetency[]> {
    return this.held().find({
      where: { studentId },
      relations: { unit: true },
      order: { unitCode: 'ASC' },
    });
  }

  findHeld(studentId: number, unitCode: string): Promise<StudentCompetency> {
    return this.held().findOneOrFail({ where: { studentId, unitCode }, relations: { unit: true } });
  }

  async upsertHeld(row: CompetencyAward): Promise<void> {
    await this.held().upsert(row, ['studentId', 'unitCode']);
  }

  async deleteHeld(studentId: number, unitCode: string): Promise<boolean> {
    return ((await this.held().delete({ studentId, unitCode })).affected ?? 0) > 0;
  }

  /** unit code → level, per student, for many students (read in chunks). */
  async heldLevels(
    studentIds: readonly number[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Map<number, Record<string, number>>> {
    const units = new Map<number, Record<string, number>>();
    // Rows come by student: one record made and filed per student, not a lookup per row.
    let lastId = NaN;
    let record: Record<string, number> = {};
    await this.eachHeldLevel(
      studentIds,
      (id, unit, level) => {
        if (id !== lastId) {
          lastId = id;
          record = {};
          units.set(id, record);
        }
        record[unit] = level;
      },
      manager,
    );
    return units;
  }

  /**
   * Calls visit(student, unit code, level) for every unit the students hold, read in chunks:
   * each student's units one after another in unit-code order, with nothing made per student
   * (the round's loader packs them straight into the engine's input).
   */
  async eachHeldLevel(
    studentIds: readonly number[],
    visit: (studentId: number, unit: string, level: number) => void,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<void> {
    for (let i = 0; i < studentIds.length; i += HELD_CHUNK) {
      const chunk = studentIds.slice(i, i + HELD_CHUNK);
      const held = await manager.query<{ studentId: number; unit: string; level: number }[]>(
        'SELECT student_id AS studentId, unit_code AS unit, level FROM student_competencies WHERE student_id IN (?) ORDER BY student_id, unit_code',
        [chunk],
      );
      for (const h of held) visit(Number(h.studentId), h.unit, Number(h.level));
    }
  }

  /**
   * One multi-row upsert that keeps each unit's highest level: source, evidence and date move
   * only when the award is higher (assignments run left to right, so `level` is raised last).
   */
  async raiseLevels(manager: EntityManager, awards: readonly CompetencyAward[]): Promise<void> {
    if (awards.length === 0) {
      return;
    }
    await manager.query(
      `INSERT INTO student_competencies (student_id, unit_code, level, source, evidence_ref, achieved_on)
       VALUES ${valuesList(awards.length, 6)}
       ON DUPLICATE KEY UPDATE
         source = IF(VALUES(level) > student_competencies.level, VALUES(source), student_competencies.source),
         evidence_ref = IF(VALUES(level) > student_competencies.level, VALUES(evidence_ref), student_competencies.evidence_ref),
         achieved_on = IF(VALUES(level) > student_competencies.level, VALUES(achieved_on), student_competencies.achieved_on),
         level = GREATEST(student_competencies.level, VALUES(level))`,
      awards.flatMap((a) => [
        a.studentId,
        a.unitCode,
        a.level,
        a.source,
        a.evidenceRef,
        a.achievedOn,
      ]),
    );
  }

  /** The catalogue codes among `codes`. */
  async knownUnitCodes(manager: EntityManager, codes: readonly string[]): Promise<Set<string>> {
    return new Set((await this.findUnits(codes, manager)).map((u) => u.code));
  }

  /** The units these students hold, locked for update (the import's comparison). */
  async lockHeld(manager: EntityManager, studentIds: readonly number[]): Promise<HeldRow[]> {
    if (studentIds.length === 0) {
      return [];
    }
    return manager.query<HeldRow[]>(
      `SELECT student_id, unit_code, level, source, evidence_ref, achieved_on
         FROM student_competencies WHERE student_id IN (${inList(studentIds.length)}) FOR UPDATE`,
      [...studentIds],
    );
  }

  /** One multi-row upsert replacing what each (student, unit) held. */
  async upsertImported(manager: EntityManager, rows: readonly CompetencyAward[]): Promise<void> {
    if (rows.length === 0) {
      return;
    }
    await manager.query(
      `INSERT INTO student_competencies (student_id, unit_code, level, source, evidence_ref, achieved_on)
       VALUES ${valuesList(rows.length, 6)}
       ON DUPLICATE KEY UPDATE level = VALUES(level), source = VALUES(source),
         evidence_ref = VALUES(evidence_ref), achieved_on = VALUES(achieved_on)`,
      rows.flatMap((a) => [
        a.studentId,
        a.unitCode,
        a.level,
        a.source,
        a.evidenceRef,
        a.achievedOn,
      ]),
    );
  }

  /**
   * Graduates of `year` per domicile region, unit and level (analytics). It joins the students
   * table for speed: one GROUP BY over 550,000 held units, not a read of every graduate first.
   */
  async graduateSupply(
    year: number,
    regionCodes: readonly string[],
    unitCode?: string,
  ): Promise<GraduateSupply[]> {
    if (regionCodes.length === 0) {
      return [];
    }
    const rows = await this.dataSource.query<
      { region: string; unit: string; level: number; n: string }[]
    >(
      // A binary collation for the grouping key: the case-insensitive one made this
      // 550,000-row GROUP BY twice as slow, and unit codes are exact anyway.
      `SELECT s.domicile_region_code AS region, sc.unit_code COLLATE utf8mb4_bin AS unit,
              sc.level AS level, COUNT(*) AS n
         FROM students s
         JOIN student_competencies sc ON sc.student_id = s.id
        WHERE s.graduation_year = ? AND s.status = 'graduated'
          AND s.domicile_region_code IN (?) ${unitCode === undefined ? '' : 'AND sc.unit_code = ?'}
        GROUP BY 1, 2, 3
        ORDER BY NULL`,
      [year, regionCodes, ...(unitCode === undefined ? [] : [unitCode])],
    );
    return rows.map((r) => ({
      region: r.region,
      unit: r.unit,
      level: Number(r.level),
      n: Number(r.n),
    }));
  }
}

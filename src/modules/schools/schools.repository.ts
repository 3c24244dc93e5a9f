import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { scopeList } from '../../common/access/access-policy';
import type { AuthUser } from '../../common/auth/auth-user';
import { containsPattern } from '../../common/database/like';
import type { ListSchoolsQuery } from './dto/school.dto';
import { Program } from './program.entity';
import { SchoolProgram } from './school-program.entity';
import { School } from './school.entity';
import type { SchoolSummary } from './schools.types';

const SORT_COLUMNS = { name: 'school.name', npsn: 'school.npsn', createdAt: 'school.id' } as const;

export type NewSchool = Pick<
  School,
  'npsn' | 'name' | 'regionCode' | 'status' | 'accreditation' | 'address'
>;
export type SchoolChanges = Partial<NewSchool & Pick<School, 'active'>>;

/** Every query on schools, programs and school_programs. */
@Injectable()
export class SchoolsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** A page of the schools the user may list, filtered and sorted as asked. */
  page(user: AuthUser, query: ListSchoolsQuery): Promise<[School[], number]> {
    const qb = this.dataSource.getRepository(School).createQueryBuilder('school');
    scopeList(qb, user, 'school', 'school');
    if (query.regionCode) {
      qb.andWhere('school.region_code = :region', { region: query.regionCode });
    }
    if (query.q) {
      qb.andWhere('school.name LIKE :q', { q: containsPattern(query.q) });
    }
    if (query.active !== undefined) {
      qb.andWhere('school.active = :active', { active: query.active });
    }
    if (query.ids) {
      qb.andWhere('school.id IN (:...ids)', { ids: query.ids });
    }
    return qb
      .orderBy(SORT_COLUMNS[query.sort], query.order === 'desc' ? 'DESC' : 'ASC')
      .addOrderBy('school.id', 'ASC')
      .skip(query.skip)
      .take(query.pageSize)
      .getManyAndCount();
  }

  findById(id: number, manager: EntityManager = this.dataSource.manager): Promise<School | null> {
    return manager.getRepository(School).findOneBy({ id });
  }

  async findSummaries(
    ids: readonly number[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<SchoolSummary[]> {
    if (ids.length === 0) {
      return [];
    }
    return manager.getRepository(School).find({
      select: { id: true, name: true, regionCode: true, active: true },
      where: { id: In([...ids]) },
    });
  }

  npsnTaken(npsn: string): Promise<boolean> {
    return this.dataSource.getRepository(School).existsBy({ npsn });
  }

  async insert(manager: EntityManager, school: NewSchool): Promise<number> {
    const result = await manager.getRepository(School).insert(school);
    return Number((result.identifiers[0] as { id: number }).id);
  }

  async update(
    id: number,
    changes: SchoolChanges,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<void> {
    if (Object.keys(changes).length > 0) {
      await manager.getRepository(School).update({ id }, changes);
    }
  }

  /**
   * Whether the school takes new work; a missing school counts as active. With `lockForShare`
   * the row stays share-locked to the end of the caller's transaction.
   */
  async isActive(
    schoolId: number,
    manager: EntityManager = this.dataSource.manager,
    lockForShare = false,
  ): Promise<boolean> {
    const [row] = await manager.query<{ active: number }[]>(
      `SELECT active FROM schools WHERE id = ?${lockForShare ? ' LOCK IN SHARE MODE' : ''}`,
      [schoolId],
    );
    return !row || Boolean(Number(row.active));
  }

  listPrograms(): Promise<Program[]> {
    return this.dataSource.getRepository(Program).find({ order: { field: 'ASC', code: 'ASC' } });
  }

  async findPrograms(
    codes: readonly string[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Program[]> {
    if (codes.length === 0) {
      return [];
    }
    return manager.getRepository(Program).findBy({ code: In([...codes]) });
  }

  /** The programmes the school runs, by code. */
  programsOfSchool(schoolId: number): Promise<Program[]> {
    return this.dataSource
      .getRepository(Program)
      .createQueryBuilder('p')
      .innerJoin(SchoolProgram, 'sp', 'sp.program_code = p.code AND sp.school_id = :schoolId', {
        schoolId,
      })
      .orderBy('p.code', 'ASC')
      .getMany();
  }

  /** The codes (among `codes`, or all) of the programmes the school runs. */
  async programCodesRun(
    schoolId: number,
    codes?: readonly string[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<string[]> {
    if (codes !== undefined && codes.length === 0) {
      return [];
    }
    const rows = await manager.getRepository(SchoolProgram).find({
      select: { programCode: true },
      where: { schoolId, ...(codes === undefined ? {} : { programCode: In([...codes]) }) },
    });
    return rows.map((r) => r.programCode);
  }

  runsProgram(schoolId: number, programCode: string): Promise<boolean> {
    return this.dataSource.getRepository(SchoolProgram).existsBy({ schoolId, programCode });
  }

  /** The school's programme codes, locked for update until the caller's transaction ends. */
  async lockProgramCodes(manager: EntityManager, schoolId: number): Promise<string[]> {
    const rows = await manager
      .getRepository(SchoolProgram)
      .createQueryBuilder('sp')
      .setLock('pessimistic_write')
      .where('sp.school_id = :schoolId', { schoolId })
      .getMany();
    return rows.map((r) => r.programCode);
  }

  async addPrograms(manager: EntityManager, schoolId: number, codes: string[]): Promise<void> {
    if (codes.length > 0) {
      await manager.insert(
        SchoolProgram,
        codes.map((programCode) => ({ schoolId, programCode })),
      );
    }
  }

  async removePrograms(manager: EntityManager, schoolId: number, codes: string[]): Promise<void> {
    if (codes.length > 0) {
      await manager.delete(SchoolProgram, { schoolId, programCode: In(codes) });
    }
  }
}

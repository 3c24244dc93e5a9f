import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { scopeList } from '../../common/access/access-policy';
import type { AuthUser } from '../../common/auth/auth-user';
import { containsPattern } from '../../common/database/like';
import { ProgramUsage } from '../schools/program-usage.port';
import type { ListStudentsQuery } from './dto/student.dto';
import { Student } from './student.entity';
import type { RoundStudent, RoundStudentFilter, StudentRecord } from './students.types';

/** Rows a round reads per query (keyset pages over the students' primary key). */
const ROUND_PAGE = 5000;

/** The columns of a student every other feature may read (no NIK ciphertext or hash). */
const RECORD_COLUMNS = {
  id: true,
  nisn: true,
  nikMasked: true,
  name: true,
  birthDate: true,
  gender: true,
  schoolId: true,
  programCode: true,
  domicileRegionCode: true,
  enrolmentYear: true,
  graduationYear: true,
  status: true,
  parentalConsent: true,
  phone: true,
  email: true,
} as const;

/** A student row as the import compares it (DB column names). */
export interface ImportedStudent {
  id: number;
  nisn: string;
  school_id: number;
  nik_hash: string;
  nik_ciphertext: string;
  name: string;
  birth_date: string;
  gender: string;
  program_code: string;
  domicile_region_code: string;
  enrolment_year: number;
  graduation_year: number | null;
  status: string;
  parental_consent: number;
}

/** The columns the import writes, in the order of `upsertImported`'s values. */
export const IMPORT_COLUMNS = [
  'nisn',
  'nik_ciphertext',
  'nik_hash',
  'nik_masked',
  'name',
  'birth_date',
  'gender',
  'school_id',
  'program_code',
  'domicile_region_code',
  'enrolment_year',
  'graduation_year',
  'status',
  'parental_consent',
] as const;
/** school_id is never updated: a NISN of another school is refused before the statement. */
const IMPORT_UPDATED = IMPORT_COLUMNS.filter((c) => c !== 'nisn' && c !== 'school_id');

function inList(n: number): string {
  return new Array<string>(n).fill('?').join(', ');
}

/** Every query on the students table. */
@Injectable()
export class StudentsRepository implements ProgramUsage {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private repo(manager: EntityManager = this.dataSource.manager) {
    return manager.getRepository(Student);
  }

  /** A page of the students the user may list. */
  page(user: AuthUser, query: ListStudentsQuery): Promise<[Student[], number]> {
    const qb = this.repo().createQueryBuilder('s');
    scopeList(qb, user, 'student', 's');
    if (query.schoolId !== undefined) {
      qb.andWhere('s.school_id = :schoolId', { schoolId: query.schoolId });
    }
    if (query.programCode) {
      qb.andWhere('s.program_code = :programCode', { programCode: query.programCode });
    }
    if (query.regionCode) {
      qb.andWhere('s.domicile_region_code = :regionCode', { regionCode: query.regionCode });
    }
    if (query.graduationYear !== undefined) {
      qb.andWhere('s.graduation_year = :graduationYear', { graduationYear: query.graduationYear });
    }
    if (query.status) {
      qb.andWhere('s.status = :status', { status: query.status });
    }
    if (query.q) {
      if (/^\d{10}$/.test(query.q)) {
        qb.andWhere('s.nisn = :nisn', { nisn: query.q });
      } else {
        qb.andWhere('s.name LIKE :q', { q: containsPattern(query.q) });
      }
    }
    if (query.ids) {
      qb.andWhere('s.id IN (:...ids)', { ids: query.ids });
    }
    return qb
      .orderBy('s.name', 'ASC')
      .addOrderBy('s.id', 'ASC')
      .skip(query.skip)
      .take(query.pageSize)
      .getManyAndCount();
  }

  findById(id: number, manager?: EntityManager): Promise<Student | null> {
    return this.repo(manager).findOneBy({ id });
  }

  async findRecords(ids: readonly number[], manager?: EntityManager): Promise<StudentRecord[]> {
    if (ids.length === 0) {
      return [];
    }
    return this.repo(manager).find({ select: RECORD_COLUMNS, where: { id: In([...ids]) } });
  }

  /** The student's row, locked for update until the caller's transaction ends. */
  lockForUpdate(id: number, manager: EntityManager): Promise<StudentRecord | null> {
    return this.repo(manager)
      .createQueryBuilder('s')
      .select(Object.keys(RECORD_COLUMNS).map((c) => `s.${c}`))
      .setLock('pessimistic_write')
      .where('s.id = :id', { id })
      .getOne();
  }

  /** The students among `ids`, locked for update in id order until the caller's transaction ends. */
  async lockManyForUpdate(
    ids: readonly number[],
    manager: EntityManager,
  ): Promise<StudentRecord[]> {
    if (ids.length === 0) {
      return [];
    }
    return this.repo(manager)
      .createQueryBuilder('s')
      .select(Object.keys(RECORD_COLUMNS).map((c) => `s.${c}`))
      .setLock('pessimistic_write')
      .where('s.id IN (:...ids)', { ids: [...new Set(ids)] })
      .orderBy('s.id', 'ASC')
      .getMany();
  }

  /** A school's students by NISN (id, nisn, status). */
  async findByNisns(
    schoolId: number,
    nisns: readonly string[],
    manager?: EntityManager,
  ): Promise<Pick<StudentRecord, 'id' | 'nisn' | 'status'>[]> {
    if (nisns.length === 0) {
      return [];
    }
    return this.repo(manager).find({
      select: { id: true, nisn: true, status: true },
      where: { schoolId, nisn: In([...nisns]) },
    });
  }

  /** The id of the student holding the NISN or the NIK hash, if any. */
  async idByNisn(nisn: string): Promise<number | null> {
    return (await this.repo().findOne({ where: { nisn }, select: { id: true } }))?.id ?? null;
  }

  async idByNikHash(nikHash: string): Promise<number | null> {
    return (await this.repo().findOne({ where: { nikHash }, select: { id: true } }))?.id ?? null;
  }

  async insert(manager: EntityManager, student: Omit<Student, 'id' | 'createdAt' | 'updatedAt'>) {
    const result = await this.repo(manager).insert(student);
    return Number((result.identifiers[0] as { id: number }).id);
  }

  async update(manager: EntityManager, id: number, changes: Partial<Student>): Promise<void> {
    await this.repo(manager).update({ id }, changes);
  }

  /** The round's students, in id order, read in keyset pages. */
  async findForRound(filter: RoundStudentFilter, manager?: EntityManager): Promise<RoundStudent[]> {
    if (filter.onlyIds !== undefined && filter.onlyIds.length === 0) {
      return [];
    }
    // One region at a time: pages by id within one region read its index in order, where pages
    // over a list of regions each read the whole scope again and sorted it (the parts of a
    // national round examined 20.7 M rows to return 1.5 M).
    const regions = [...new Set(filter.regionCodes)];
    const rows: RoundStudent[] = [];
    for (const regionCodes of regions.length > 0 ? regions.map((code) => [code]) : [[]]) {
      await this.roundPages({ ...filter, regionCodes }, rows, manager);
    }
    return regions.length > 1 ? rows.sort((a, b) => a.id - b.id) : rows;
  }

  /** Appends the filter's students to `rows`, in keyset pages by id. */
  private async roundPages(
    filter: RoundStudentFilter,
    rows: RoundStudent[],
    manager?: EntityManager,
  ): Promise<void> {
    const { where, params } = roundWhere(filter);
    for (let lastId = 0; ;) {
      const batch = await (manager ?? this.dataSource.manager).query<
        (Omit<RoundStudent, 'parentalConsent'> & { parentalConsent: number })[]
      >(
        `SELECT s.id, s.school_id AS schoolId, s.program_code AS programCode,
                s.domicile_region_code AS regionCode, s.birth_date AS birthDate,
                s.parental_consent AS parentalConsent
           FROM students s
          WHERE s.id > ? AND ${where.join(' AND ')}
          ORDER BY s.id LIMIT ?`,
        [lastId, ...params, ROUND_PAGE],
      );
      for (const r of batch) {
        rows.push({
          id: Number(r.id),
          schoolId: Number(r.schoolId),
          programCode: r.programCode,
          regionCode: r.regionCode,
          birthDate: r.birthDate,
          parentalConsent: Number(r.parentalConsent) === 1,
        });
      }
      if (batch.length < ROUND_PAGE) {
        return;
      }
      lastId = Number(batch[batch.length - 1].id);
    }
  }

  /** The domicile regions of the round's students, in code order. */
  async regionsForRound(filter: RoundStudentFilter): Promise<string[]> {
    if (filter.onlyIds !== undefined && filter.onlyIds.length === 0) {
      return [];
    }
    const { where, params } = roundWhere(filter);
    const rows = await this.dataSource.query<{ code: string }[]>(
      `SELECT DISTINCT s.domicile_region_code AS code FROM students s
        WHERE ${where.join(' AND ')} ORDER BY code`,
      params,
    );
    return rows.map((r) => r.code);
  }

  /** ProgramUsage: whether students of the school follow the programme. */
  hasStudentsIn(schoolId: number, programCode: string, manager: EntityManager): Promise<boolean> {
    return this.repo(manager).existsBy({ schoolId, programCode });
  }

  /** The import's existing students by NISN, locked for update. */
  async lockImportedByNisn(
    manager: EntityManager,
    nisns: readonly string[],
  ): Promise<ImportedStudent[]> {
    if (nisns.length === 0) {
      return [];
    }
    return manager.query<ImportedStudent[]>(
      `SELECT id, nisn, school_id, nik_hash, nik_ciphertext, name, birth_date, gender, program_code,
              domicile_region_code, enrolment_year, graduation_year, status, parental_consent
         FROM students WHERE nisn IN (${inList(nisns.length)}) FOR UPDATE`,
      [...nisns],
    );
  }

  /** Who holds each of these NIK hashes (nisn by hash), locked for update. */
  async lockNikOwners(
    manager: EntityManager,
    nikHashes: readonly string[],
  ): Promise<{ nisn: string; nik_hash: string }[]> {
    if (nikHashes.length === 0) {
      return [];
    }
    return manager.query<{ nisn: string; nik_hash: string }[]>(
      `SELECT nisn, nik_hash FROM students WHERE nik_hash IN (${inList(nikHashes.length)}) FOR UPDATE`,
      [...nikHashes],
    );
  }

  /** One multi-row upsert by NISN; `rows` hold IMPORT_COLUMNS' values in order. */
  async upsertImported(manager: EntityManager, rows: unknown[][]): Promise<void> {
    if (rows.length === 0) {
      return;
    }
    const one = `(${inList(IMPORT_COLUMNS.length)})`;
    await manager.query(
      `INSERT INTO students (${IMPORT_COLUMNS.join(', ')}) VALUES ${new Array<string>(rows.length).fill(one).join(', ')}
       ON DUPLICATE KEY UPDATE ${IMPORT_UPDATED.map((c) => `${c} = VALUES(${c})`).join(', ')}`,
      rows.flat(),
    );
  }

  /** Student ids by NISN (for the audit rows of what an import wrote). */
  async idsByNisn(manager: EntityManager, nisns: readonly string[]): Promise<Map<string, number>> {
    const ids = new Map<string, number>();
    if (nisns.length === 0) {
      return ids;
    }
    for (const s of await manager.query<{ id: number; nisn: string }[]>(
      `SELECT id, nisn FROM students WHERE nisn IN (${inList(nisns.length)})`,
      [...nisns],
    )) {
      ids.set(s.nisn, Number(s.id));
    }
    return ids;
  }
}

/** The conditions that pick a round's students (`s` is the students table). */
function roundWhere(filter: RoundStudentFilter): { where: string[]; params: unknown[] } {
  const where = [filter.graduatedOnly ? "s.status = 'graduated'" : "s.status <> 'withdrawn'"];
  const params: unknown[] = [];
  if (filter.regionCodes.length > 0) {
    where.push('s.domicile_region_code IN (?)');
    params.push(filter.regionCodes);
  }
  if (filter.graduationYear !== null) {
    where.push('s.graduation_year = ?');
    params.push(filter.graduationYear);
  }
  if (filter.onlyIds !== undefined) {
    where.push('s.id IN (?)');
    params.push(filter.onlyIds);
  }
  return { where, params };
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import { Action, assertRegionsAllowed } from '../../common/access/access-policy';
import { AccessRepository } from '../../common/access/access.repository';
import { AuthUser } from '../../common/auth/auth-user';
import { FieldCipher } from '../../common/crypto/field-cipher';
import { todayUtc } from '../../common/database/dates';
import { inTransaction } from '../../common/database/transaction';
import { FieldProblem, ValidationFailedException } from '../../common/errors/domain.exception';
import { Page, toPage } from '../../common/pagination/pagination';
import { AuditAction } from '../audit/audit.types';
import { AuditService, PersonalField } from '../audit/audit.service';
import { RegionsService } from '../regions/regions.service';
import { SchoolsService } from '../schools/schools.service';
import {
  CreateStudentDto,
  ListStudentsQuery,
  StudentResponseDto,
  UpdateStudentDto,
} from './dto/student.dto';
import { importStudentBatch } from './student-import';
import { toResponse } from './student.mapper';
import { Student } from './student.entity';
import { StudentsException } from './students.exception';
import { StudentsRepository } from './students.repository';
import { crossFieldProblems, isOwnStudent, maskNik, refusedSelfEdits } from './students.rules';
import {
  BatchOutcome,
  RoundStudent,
  RoundStudentFilter,
  StudentImportContext,
  StudentImportRow,
  StudentRecord,
  StudentStatus,
} from './students.types';

@Injectable()
export class StudentsService {
  constructor(
    private readonly repo: StudentsRepository,
    private readonly schools: SchoolsService,
    private readonly regions: RegionsService,
    private readonly access: AccessRepository,
    private readonly cipher: FieldCipher,
    private readonly audit: AuditService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async create(user: AuthUser, dto: CreateStudentDto): Promise<StudentResponseDto> {
    const schoolId = await this.schools.targetSchool(user, dto.schoolId, true);
    await this.schools.assertActive(schoolId);
    checkOwnRegion(user, dto.domicileRegionCode);
    const parentalConsent = dto.parentalConsent ?? false;
    await this.checkFields(schoolId, { ...dto, parentalConsent });
    const nikHash = this.cipher.hash(dto.nik);
    await this.checkUnique(dto.nisn, nikHash, null);
    const id = await inTransaction(this.dataSource, async (manager) => {
      const studentId = await this.repo
        .insert(manager, {
          nisn: dto.nisn,
          nikCiphertext: this.cipher.encrypt(dto.nik),
          nikHash,
          nikMasked: maskNik(dto.nik),
          name: dto.name,
          birthDate: dto.birthDate,
          gender: dto.gender,
          schoolId,
          programCode: dto.programCode,
          domicileRegionCode: dto.domicileRegionCode,
          enrolmentYear: dto.enrolmentYear,
          graduationYear: dto.graduationYear ?? null,
          status: dto.status ?? StudentStatus.Enrolled,
          parentalConsent,
          phone: dto.phone ?? '',
          email: dto.email ?? '',
        })
        .catch(rethrowDuplicate);
      await this.audit.record(
        [{ actor: user, action: AuditAction.Create, studentId, fields: ['nik', 'birthDate'] }],
        manager,
      );
      return studentId;
    });
    const student = await this.found(id);
    return toResponse(student, student.nikMasked);
  }

  async list(user: AuthUser, query: ListStudentsQuery): Promise<Page<Student>> {
    const [items, total] = await this.repo.page(user, query);
    return toPage(items, total, query);
  }

  /** The student if the user may `action` them, else the 404 a missing one would get. No audit. */
  async findInScope(user: AuthUser, id: number, action = Action.Read): Promise<Student> {
    await this.access.assertInScope(user, 'student', id, action);
    return this.found(id);
  }

  /** Reading one student shows their birth date (and the owner their NIK): recorded. */
  async get(user: AuthUser, id: number): Promise<StudentResponseDto> {
    await this.access.assertInScope(user, 'student', id, Action.Read);
    const student = await this.found(id);
    const own = isOwnStudent(user, id);
    await this.audit.record([
      {
        actor: user,
        action: AuditAction.Read,
        studentId: id,
        fields: own ? ['nik', 'birthDate'] : ['birthDate'],
      },
    ]);
    return toResponse(
      student,
      own ? this.cipher.decrypt(student.nikCiphertext) : student.nikMasked,
    );
  }

  async update(user: AuthUser, id: number, dto: UpdateStudentDto): Promise<StudentResponseDto> {
    await this.access.assertInScope(user, 'student', id, Action.Change);
    const student = await this.found(id);
    const refused = refusedSelfEdits(user.role, Object.keys(dto));
    if (refused.length > 0) {
      throw new ValidationFailedException(refused);
    }
    const schoolId =
      dto.schoolId === undefined
        ? student.schoolId
        : await this.schools.targetSchool(user, dto.schoolId, false);
    if (schoolId !== student.schoolId) {
      // Moving a student in is a new student for that school.
      await this.schools.assertActive(schoolId);
    }
    if (dto.domicileRegionCode !== undefined) {
      checkOwnRegion(user, dto.domicileRegionCode);
    }
    const merged = { ...student, ...dto, schoolId };
    await this.checkFields(schoolId, {
      ...merged,
      nik: dto.nik,
      // Consent is re-judged only when what it depends on changes.
      birthDate:
        dto.birthDate ?? (dto.parentalConsent !== undefined ? student.birthDate : undefined),
    });
    const changes: Partial<Student> = { ...withoutUndefined(dto), schoolId };
    delete (changes as { nik?: string }).nik;
    const touched: PersonalField[] = [];
    if (dto.nik !== undefined) {
      const nikHash = this.cipher.hash(dto.nik);
      if (nikHash !== student.nikHash) {
        await this.checkUnique(undefined, nikHash, id);
        Object.assign(changes, {
          nikHash,
          nikCiphertext: this.cipher.encrypt(dto.nik),
          nikMasked: maskNik(dto.nik),
        });
        touched.push('nik');
      }
    }
    if (dto.nisn !== undefined && dto.nisn !== student.nisn) {
      await this.checkUnique(dto.nisn, undefined, id);
    }
    if (dto.birthDate !== undefined && dto.birthDate !== student.birthDate) {
      touched.push('birthDate');
    }
    await inTransaction(this.dataSource, async (manager) => {
      await this.repo.update(manager, id, changes).catch(rethrowDuplicate);
      await this.audit.record(
        [{ actor: user, action: AuditAction.Update, studentId: id, fields: touched }],
        manager,
      );
    });
    // Masked even to the student themself: only their own GET shows (and audits) the full NIK.
    const updated = await this.found(id);
    return toResponse(updated, updated.nikMasked);
  }

  // Reads and writes for other features (they never touch the students table themselves).

  /** The students among `ids` that exist. */
  findByIds(ids: readonly number[], manager?: EntityManager): Promise<StudentRecord[]> {
    return this.repo.findRecords(ids, manager);
  }

  /** The student's row locked for update to the end of `manager`'s transaction, or null. */
  lockForUpdate(id: number, manager: EntityManager): Promise<StudentRecord | null> {
    return this.repo.lockForUpdate(id, manager);
  }

  /** The students among `ids`, locked for update (in id order) to the end of `manager`'s transaction. */
  lockManyForUpdate(ids: readonly number[], manager: EntityManager): Promise<StudentRecord[]> {
    return this.repo.lockManyForUpdate(ids, manager);
  }

  /** A round's students (see RoundStudentFilter), ordered by id. */
  findForRound(filter: RoundStudentFilter, manager?: EntityManager): Promise<RoundStudent[]> {
    return this.repo.findForRound(filter, manager);
  }

  /** The domicile regions of the students a round with this filter would read, in code order. */
  regionsForRound(filter: RoundStudentFilter): Promise<string[]> {
    return this.repo.regionsForRound(filter);
  }

  /** A school's students among these NISNs. */
  findByNisns(
    schoolId: number,
    nisns: readonly string[],
    manager?: EntityManager,
  ): Promise<Pick<StudentRecord, 'id' | 'nisn' | 'status'>[]> {
    return this.repo.findByNisns(schoolId, nisns, manager);
  }

  /** Upserts one batch of a students CSV in the import's transaction (one multi-row write). */
  importBatch(
    manager: EntityManager,
    rows: StudentImportRow[],
    ctx: StudentImportContext,
  ): Promise<BatchOutcome> {
    return importStudentBatch(
      { repo: this.repo, cipher: this.cipher, audit: this.audit },
      manager,
      rows,
      ctx,
    );
  }

  private async found(id: number): Promise<Student> {
    return (await this.repo.findById(id)) as Student;
  }

  private async checkFields(
    schoolId: number,
    f: {
      nik?: string;
      birthDate?: string;
      programCode?: string;
      domicileRegionCode?: string;
      enrolmentYear?: number;
      graduationYear?: number | null;
      parentalConsent?: boolean;
    },
  ): Promise<void> {
    const problems: FieldProblem[] = crossFieldProblems(f, todayUtc());
    if (f.programCode !== undefined && !(await this.schools.runsProgram(schoolId, f.programCode))) {
      problems.push({ field: 'programCode', problems: ['is not a programme the school runs'] });
    }
    if (
      f.domicileRegionCode !== undefined &&
      (await this.regions.knownCodes([f.domicileRegionCode])).length === 0
    ) {
      problems.push({ field: 'domicileRegionCode', problems: ['unknown region'] });
    }
    if (problems.length > 0) {
      throw new ValidationFailedException(problems);
    }
  }

  private async checkUnique(
    nisn: string | undefined,
    nikHash: string | undefined,
    exceptId: number | null,
  ): Promise<void> {
    if (nisn !== undefined) {
      const other = await this.repo.idByNisn(nisn);
      if (other !== null && other !== exceptId) {
        throw StudentsException.nisnTaken(nisn);
      }
    }
    if (nikHash !== undefined) {
      const other = await this.repo.idByNikHash(nikHash);
      if (other !== null && other !== exceptId) {
        throw StudentsException.nikTaken();
      }
    }
  }
}

/** A region-limited coordinator never writes a student they could not then see. */
function checkOwnRegion(user: AuthUser, domicileRegionCode: string): void {
  assertRegionsAllowed(user, [domicileRegionCode], 'domicileRegionCode');
}

function withoutUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** A race lost between the uniqueness check and the write: answer as the check would have. */
function rethrowDuplicate(error: unknown): never {
  if (error instanceof QueryFailedError) {
    const message = String((error.driverError as { sqlMessage?: string }).sqlMessage ?? '');
    if (message.includes('UQ_students_nisn')) {
      throw StudentsException.nisnTaken();
    }
    if (message.includes('UQ_students_nik_hash')) {
      throw StudentsException.nikTaken();
    }
  }
  throw error;
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, QueryFailedError, SelectQueryBuilder } from 'typeorm';
import { AuthUser } from '../../common/auth/auth-user';
import { Role } from '../../common/auth/role.enum';
import { ownRegionCodes, ownSchoolId } from '../../common/auth/tenant-scope';
import { FieldCipher } from '../../common/crypto/field-cipher';
import {
  FieldProblem,
  NotFoundException,
  ValidationFailedException,
} from '../../common/errors/domain.exception';
import { Page, toPage } from '../../common/pagination/pagination';
import { AuditAction } from '../audit/audit-event.entity';
import { AuditService, PersonalField } from '../audit/audit.service';
import { Region } from '../regions/region.entity';
import { SchoolProgram } from '../schools/school-program.entity';
import { assertSchoolActive } from '../schools/school-active';
import { School } from '../schools/school.entity';
import { targetSchool } from '../schools/target-school';
import { containsPattern } from '../../common/database/like';
import {
  CreateStudentDto,
  ListStudentsQuery,
  SELF_EDITABLE,
  StudentResponseDto,
  UpdateStudentDto,
} from './dto/student.dto';
import { toResponse } from './student.mapper';
import { crossFieldProblems, maskNik, todayIso } from './student-rules';
import { Student, StudentStatus } from './student.entity';
import { StudentsException } from './students.exception';

@Injectable()
export class StudentsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cipher: FieldCipher,
    private readonly audit: AuditService,
  ) {}

  async create(user: AuthUser, dto: CreateStudentDto): Promise<StudentResponseDto> {
    const schoolId = await targetSchool(
      this.dataSource.getRepository(School),
      user,
      dto.schoolId,
      true,
    );
    await assertSchoolActive(this.dataSource.manager, schoolId);
    checkOwnRegion(user, dto.domicileRegionCode);
    const parentalConsent = dto.parentalConsent ?? false;
    await this.checkFields(schoolId, { ...dto, parentalConsent });
    const nikHash = this.cipher.hash(dto.nik);
    await this.checkUnique(dto.nisn, nikHash, null);
    const id = await this.dataSource.transaction(async (manager) => {
      const saved = await manager
        .getRepository(Student)
        .save({
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
        [
          {
            actor: user,
            action: AuditAction.Create,
            studentId: saved.id,
            fields: ['nik', 'birthDate'],
          },
        ],
        manager,
      );
      return saved.id;
    });
    const student = await this.dataSource.getRepository(Student).findOneByOrFail({ id });
    return toResponse(student, student.nikMasked);
  }

  async list(user: AuthUser, query: ListStudentsQuery): Promise<Page<Student>> {
    const qb = this.scoped(user);
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
    const [items, total] = await qb
      .orderBy('s.name', 'ASC')
      .addOrderBy('s.id', 'ASC')
      .skip(query.skip)
      .take(query.pageSize)
      .getManyAndCount();
    return toPage(items, total, query);
  }

  /** The student if the user may see them, else the 404 a missing one would get. No audit. */
  async findInScope(user: AuthUser, id: number): Promise<Student> {
    const student = await this.scoped(user).andWhere('s.id = :id', { id }).getOne();
    if (!student) {
      throw new NotFoundException('student', id);
    }
    return student;
  }

  /** Reading one student shows their birth date (and the owner their NIK): recorded. */
  async get(user: AuthUser, id: number): Promise<StudentResponseDto> {
    const student = await this.findInScope(user, id);
    const own = isOwner(user, student);
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
    const student = await this.findInScope(user, id);
    const own = isOwner(user, student);
    if (user.role === Role.Student) {
      const refused = Object.keys(dto).filter(
        (k) => !(SELF_EDITABLE as readonly string[]).includes(k),
      );
      if (refused.length > 0) {
        throw new ValidationFailedException(
          refused.map((field) => ({ field, problems: ['a student cannot change this'] })),
        );
      }
    }
    const schoolId =
      dto.schoolId === undefined
        ? student.schoolId
        : await targetSchool(this.dataSource.getRepository(School), user, dto.schoolId, false);
    if (schoolId !== student.schoolId) {
      // Moving a student in is a new student for that school.
      await assertSchoolActive(this.dataSource.manager, schoolId);
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
    await this.dataSource.transaction(async (manager) => {
      await manager.update(Student, { id }, changes).catch(rethrowDuplicate);
      await this.audit.record(
        [{ actor: user, action: AuditAction.Update, studentId: id, fields: touched }],
        manager,
      );
    });
    const updated = await this.dataSource.getRepository(Student).findOneByOrFail({ id });
    return toResponse(
      updated,
      own ? this.cipher.decrypt(updated.nikCiphertext) : updated.nikMasked,
    );
  }

  /** The rows a user may see: everything province-wide, their school, or only themself. */
  scoped(user: AuthUser, manager?: EntityManager): SelectQueryBuilder<Student> {
    const qb = (manager ?? this.dataSource.manager).getRepository(Student).createQueryBuilder('s');
    if (user.role === Role.Student) {
      return qb.where('s.id = :self', { self: user.studentId ?? 0 });
    }
    const own = ownSchoolId(user);
    if (own !== null) {
      return qb.where('s.school_id = :own', { own });
    }
    const regions = ownRegionCodes(user);
    return regions === null
      ? qb.where('1 = 1')
      : qb.where('s.domicile_region_code IN (:...regions)', { regions });
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
    const problems: FieldProblem[] = crossFieldProblems(f, todayIso());
    if (
      f.programCode !== undefined &&
      !(await this.dataSource
        .getRepository(SchoolProgram)
        .existsBy({ schoolId, programCode: f.programCode }))
    ) {
      problems.push({ field: 'programCode', problems: ['is not a programme the school runs'] });
    }
    if (
      f.domicileRegionCode !== undefined &&
      !(await this.dataSource.getRepository(Region).existsBy({ code: f.domicileRegionCode }))
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
    const repo = this.dataSource.getRepository(Student);
    if (nisn !== undefined) {
      const other = await repo.findOne({ where: { nisn }, select: { id: true } });
      if (other && other.id !== exceptId) {
        throw StudentsException.nisnTaken(nisn);
      }
    }
    if (nikHash !== undefined) {
      const other = await repo.findOne({ where: { nikHash }, select: { id: true } });
      if (other && other.id !== exceptId) {
        throw StudentsException.nikTaken();
      }
    }
  }
}

/** A region-limited coordinator never writes a student they could not then see. */
function checkOwnRegion(user: AuthUser, domicileRegionCode: string): void {
  const regions = ownRegionCodes(user);
  if (regions !== null && !regions.includes(domicileRegionCode)) {
    throw ValidationFailedException.field('domicileRegionCode', 'is outside your regions');
  }
}

function isOwner(user: AuthUser, student: Student): boolean {
  return user.role === Role.Student && user.studentId === student.id;
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

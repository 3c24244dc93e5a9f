import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Action, assertRegionsAllowed } from '../../common/access/access-policy';
import { AccessRepository } from '../../common/access/access.repository';
import { AuthUser } from '../../common/auth/auth-user';
import { inTransaction } from '../../common/database/transaction';
import { FieldProblem, ValidationFailedException } from '../../common/errors/domain.exception';
import { Page, toPage } from '../../common/pagination/pagination';
import { RegionsService } from '../regions/regions.service';
import { CreateSchoolDto, ListSchoolsQuery, UpdateSchoolDto } from './dto/school.dto';
import { ProgramUsage } from './program-usage.port';
import { School } from './school.entity';
import { SchoolsException } from './schools.exception';
import { SchoolsRepository } from './schools.repository';
import { refusedSchoolFields } from './schools.rules';
import type { ProgramRecord, SchoolSummary } from './schools.types';
import { targetSchool } from './target-school';

@Injectable()
export class SchoolsService {
  constructor(
    private readonly repo: SchoolsRepository,
    private readonly regions: RegionsService,
    private readonly access: AccessRepository,
    private readonly usage: ProgramUsage,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async create(user: AuthUser, dto: CreateSchoolDto): Promise<School> {
    const codes = [...new Set(dto.programCodes ?? [])];
    checkOwnRegion(user, dto.regionCode);
    await this.checkReferences(dto.regionCode, codes);
    if (await this.repo.npsnTaken(dto.npsn)) {
      throw SchoolsException.npsnTaken(dto.npsn);
    }
    const id = await inTransaction(this.dataSource, async (manager) => {
      const schoolId = await this.repo.insert(manager, {
        npsn: dto.npsn,
        name: dto.name,
        regionCode: dto.regionCode,
        status: dto.status,
        accreditation: dto.accreditation ?? null,
        address: dto.address ?? '',
      });
      await this.repo.addPrograms(manager, schoolId, codes);
      return schoolId;
    });
    return this.found(id);
  }

  async list(user: AuthUser, query: ListSchoolsQuery): Promise<Page<School>> {
    const [items, total] = await this.repo.page(user, query);
    return toPage(items, total, query);
  }

  async get(user: AuthUser, id: number): Promise<School> {
    await this.access.assertInScope(user, 'school', id, Action.Read);
    return this.found(id);
  }

  async update(user: AuthUser, id: number, dto: UpdateSchoolDto): Promise<School> {
    await this.access.assertInScope(user, 'school', id, Action.Change);
    const school = await this.found(id);
    const refused = refusedSchoolFields(user.role, dto);
    if (refused.length > 0) {
      throw new ValidationFailedException(refused);
    }
    if (dto.regionCode !== undefined) {
      checkOwnRegion(user, dto.regionCode);
      await this.checkReferences(dto.regionCode, []);
    }
    if (dto.npsn !== undefined && dto.npsn !== school.npsn) {
      if (await this.repo.npsnTaken(dto.npsn)) {
        throw SchoolsException.npsnTaken(dto.npsn);
      }
    }
    const { programCodes, ...fields } = dto;
    const codes = programCodes === undefined ? undefined : [...new Set(programCodes)];
    if (codes !== undefined) {
      await this.checkReferences(undefined, codes);
    }
    // One transaction: a programme that cannot be dropped leaves the other fields unchanged too.
    await inTransaction(this.dataSource, async (manager) => {
      await this.repo.update(id, fields, manager);
      if (codes !== undefined) {
        await this.replacePrograms(manager, id, codes);
      }
    });
    return this.found(id);
  }

  async deactivate(user: AuthUser, id: number): Promise<School> {
    await this.access.assertInScope(user, 'school', id, Action.Act);
    await this.repo.update(id, { active: false });
    return this.found(id);
  }

  listPrograms(): Promise<ProgramRecord[]> {
    return this.repo.listPrograms();
  }

  async schoolPrograms(user: AuthUser, id: number): Promise<ProgramRecord[]> {
    await this.access.assertInScope(user, 'school', id, Action.Read);
    return this.repo.programsOfSchool(id);
  }

  /** Replaces the set; a programme that still has students at the school cannot be dropped. */
  async setPrograms(user: AuthUser, id: number, programCodes: string[]): Promise<ProgramRecord[]> {
    await this.access.assertInScope(user, 'school', id, Action.Change);
    const codes = [...new Set(programCodes)];
    await this.checkReferences(undefined, codes);
    await inTransaction(this.dataSource, (manager) => this.replacePrograms(manager, id, codes));
    return this.repo.programsOfSchool(id);
  }

  private async replacePrograms(
    manager: EntityManager,
    id: number,
    codes: string[],
  ): Promise<void> {
    const current = await this.repo.lockProgramCodes(manager, id);
    const removed = current.filter((c) => !codes.includes(c));
    for (const code of removed) {
      if (await this.usage.hasStudentsIn(id, code, manager)) {
        throw SchoolsException.programInUse(code);
      }
    }
    await this.repo.removePrograms(manager, id, removed);
    await this.repo.addPrograms(
      manager,
      id,
      codes.filter((c) => !current.includes(c)),
    );
  }

  /** The school a write goes to (a new student, an import): see target-school.ts. */
  targetSchool(
    user: AuthUser,
    given: number | undefined,
    required: boolean,
    manager?: EntityManager,
  ): Promise<number> {
    return targetSchool(
      this.access,
      async (schoolId) => (await this.repo.findById(schoolId, manager)) !== null,
      user,
      given,
      required,
      manager,
    );
  }

  /** Whether the school runs the programme (students must be in one of these). */
  runsProgram(schoolId: number, programCode: string): Promise<boolean> {
    return this.repo.runsProgram(schoolId, programCode);
  }

  /** The codes among `codes` (or all codes) of the programmes the school runs. */
  programsRun(
    schoolId: number,
    codes?: readonly string[],
    manager?: EntityManager,
  ): Promise<string[]> {
    return this.repo.programCodesRun(schoolId, codes, manager);
  }

  /** The codes among `codes` that are on the national list of programmes. */
  async knownProgramCodes(codes: readonly string[], manager?: EntityManager): Promise<string[]> {
    return (await this.repo.findPrograms(codes, manager)).map((p) => p.code);
  }

  findPrograms(codes: readonly string[], manager?: EntityManager): Promise<ProgramRecord[]> {
    return this.repo.findPrograms(codes, manager);
  }

  async findSummary(id: number, manager?: EntityManager): Promise<SchoolSummary | null> {
    return (await this.repo.findSummaries([id], manager))[0] ?? null;
  }

  findSummaries(ids: readonly number[], manager?: EntityManager): Promise<SchoolSummary[]> {
    return this.repo.findSummaries(ids, manager);
  }

  /**
   * Whether the school takes new work (a missing school counts as active: the caller answers
   * that case). With `lockForShare`, the school's row stays share-locked until the caller's
   * transaction ends: a deactivation waits for it, and it sees a deactivation committed before
   * it, so what it writes lands either wholly before the school is off or not at all.
   */
  isActive(schoolId: number, manager?: EntityManager, lockForShare = false): Promise<boolean> {
    return this.repo.isActive(schoolId, manager, lockForShare);
  }

  /**
   * Throws the `school_inactive` rule violation when the school is deactivated. Called where
   * new work would land in a school (a new or moved student, an import, a cohort enrolment);
   * the rows a deactivated school already holds stay readable and editable.
   */
  async assertActive(schoolId: number, manager?: EntityManager): Promise<void> {
    if (!(await this.repo.isActive(schoolId, manager))) {
      throw SchoolsException.inactive(schoolId);
    }
  }

  private async found(id: number): Promise<School> {
    return (await this.repo.findById(id)) as School;
  }

  private async checkReferences(regionCode: string | undefined, codes: string[]): Promise<void> {
    const problems: FieldProblem[] = [];
    if (regionCode !== undefined && (await this.regions.knownCodes([regionCode])).length === 0) {
      problems.push({ field: 'regionCode', problems: [`unknown region ${regionCode}`] });
    }
    if (codes.length > 0) {
      const known = await this.knownProgramCodes(codes);
      const unknown = codes.filter((c) => !known.includes(c));
      if (unknown.length > 0) {
        problems.push({ field: 'programCodes', problems: [`unknown: ${unknown.join(', ')}`] });
      }
    }
    if (problems.length > 0) {
      throw new ValidationFailedException(problems);
    }
  }
}

/** A region-limited coordinator places a school only in one of their regions. */
function checkOwnRegion(user: AuthUser, regionCode: string): void {
  assertRegionsAllowed(user, [regionCode], 'regionCode');
}

import { Injectable } from '@nestjs/common';
import { containsPattern } from '../../common/database/like';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, In, Repository } from 'typeorm';
import { AuthUser } from '../../common/auth/auth-user';
import {
  assertRegionInScope,
  assertSchoolInScope,
  isProvinceWide,
  ownRegionCodes,
  ownSchoolId,
} from '../../common/auth/tenant-scope';
import {
  FieldProblem,
  NotFoundException,
  ValidationFailedException,
} from '../../common/errors/domain.exception';
import { Page, toPage } from '../../common/pagination/pagination';
import { Region } from '../regions/region.entity';
import { CreateSchoolDto, ListSchoolsQuery, UpdateSchoolDto } from './dto/school.dto';
import { Program } from './program.entity';
import { SchoolProgram } from './school-program.entity';
import { School } from './school.entity';
import { SchoolsException } from './schools.exception';

const SORT_COLUMNS = { name: 'school.name', npsn: 'school.npsn', createdAt: 'school.id' } as const;
/** What a school_admin may not change about their own school. */
const PROVINCE_ONLY_FIELDS = ['npsn', 'regionCode', 'status'] as const;

@Injectable()
export class SchoolsService {
  constructor(
    @InjectRepository(School) private readonly schools: Repository<School>,
    @InjectRepository(Program) private readonly programs: Repository<Program>,
    @InjectRepository(Region) private readonly regions: Repository<Region>,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async create(user: AuthUser, dto: CreateSchoolDto): Promise<School> {
    const codes = [...new Set(dto.programCodes ?? [])];
    checkOwnRegion(user, dto.regionCode);
    await this.checkReferences(dto.regionCode, codes);
    if (await this.schools.existsBy({ npsn: dto.npsn })) {
      throw SchoolsException.npsnTaken(dto.npsn);
    }
    const id = await this.dataSource.transaction(async (manager) => {
      const saved = await manager.getRepository(School).save({
        npsn: dto.npsn,
        name: dto.name,
        regionCode: dto.regionCode,
        status: dto.status,
        accreditation: dto.accreditation ?? null,
        address: dto.address ?? '',
      });
      if (codes.length > 0) {
        await manager
          .getRepository(SchoolProgram)
          .insert(codes.map((programCode) => ({ schoolId: saved.id, programCode })));
      }
      return saved.id;
    });
    return this.schools.findOneByOrFail({ id });
  }

  async list(user: AuthUser, query: ListSchoolsQuery): Promise<Page<School>> {
    const qb = this.schools.createQueryBuilder('school');
    const own = ownSchoolId(user);
    if (own !== null) {
      qb.andWhere('school.id = :own', { own });
    }
    const regions = ownRegionCodes(user);
    if (regions !== null) {
      qb.andWhere('school.region_code IN (:...regions)', { regions });
    }
    if (query.regionCode) {
      qb.andWhere('school.region_code = :region', { region: query.regionCode });
    }
    if (query.q) {
      qb.andWhere('school.name LIKE :q', { q: containsPattern(query.q) });
    }
    if (query.active !== undefined) {
      qb.andWhere('school.active = :active', { active: query.active });
    }
    qb.orderBy(SORT_COLUMNS[query.sort], query.order === 'desc' ? 'DESC' : 'ASC')
      .addOrderBy('school.id', 'ASC')
      .skip(query.skip)
      .take(query.pageSize);
    const [items, total] = await qb.getManyAndCount();
    return toPage(items, total, query);
  }

  async get(user: AuthUser, id: number): Promise<School> {
    const school = await this.schools.findOneBy({ id });
    if (!school) {
      throw new NotFoundException('school', id);
    }
    assertSchoolInScope(user, school.id, 'school', id);
    assertRegionInScope(user, school.regionCode, 'school', id);
    return school;
  }

  async update(user: AuthUser, id: number, dto: UpdateSchoolDto): Promise<School> {
    const school = await this.get(user, id);
    if (!isProvinceWide(user)) {
      const problems: FieldProblem[] = PROVINCE_ONLY_FIELDS.filter((f) => dto[f] !== undefined).map(
        (field) => ({ field, problems: ['can be changed only by an admin or coordinator'] }),
      );
      if (problems.length > 0) {
        throw new ValidationFailedException(problems);
      }
    }
    if (dto.regionCode !== undefined) {
      checkOwnRegion(user, dto.regionCode);
      await this.checkReferences(dto.regionCode, []);
    }
    if (dto.npsn !== undefined && dto.npsn !== school.npsn) {
      if (await this.schools.existsBy({ npsn: dto.npsn })) {
        throw SchoolsException.npsnTaken(dto.npsn);
      }
    }
    const { programCodes, ...fields } = dto;
    await this.schools.update({ id }, fields);
    if (programCodes !== undefined) {
      await this.setPrograms(user, id, programCodes);
    }
    return this.schools.findOneByOrFail({ id });
  }

  async deactivate(user: AuthUser, id: number): Promise<School> {
    await this.get(user, id);
    await this.schools.update({ id }, { active: false });
    return this.schools.findOneByOrFail({ id });
  }

  listPrograms(): Promise<Program[]> {
    return this.programs.find({ order: { field: 'ASC', code: 'ASC' } });
  }

  async schoolPrograms(user: AuthUser, id: number): Promise<Program[]> {
    await this.get(user, id);
    return this.programs
      .createQueryBuilder('p')
      .innerJoin(SchoolProgram, 'sp', 'sp.program_code = p.code AND sp.school_id = :id', { id })
      .orderBy('p.code', 'ASC')
      .getMany();
  }

  /** Replaces the set; a programme that still has students at the school cannot be dropped. */
  async setPrograms(user: AuthUser, id: number, programCodes: string[]): Promise<Program[]> {
    await this.get(user, id);
    const codes = [...new Set(programCodes)];
    await this.checkReferences(undefined, codes);
    await this.dataSource.transaction(async (manager) => {
      const current = await manager
        .getRepository(SchoolProgram)
        .createQueryBuilder('sp')
        .setLock('pessimistic_write')
        .where('sp.school_id = :id', { id })
        .getMany();
      const removed = current.map((c) => c.programCode).filter((c) => !codes.includes(c));
      for (const code of removed) {
        const inUse = await manager
          .createQueryBuilder()
          .from('students', 's')
          .where('s.school_id = :id AND s.program_code = :code', { id, code })
          .getExists();
        if (inUse) {
          throw SchoolsException.programInUse(code);
        }
      }
      if (removed.length > 0) {
        await manager.delete(SchoolProgram, { schoolId: id, programCode: In(removed) });
      }
      const added = codes.filter((c) => !current.some((x) => x.programCode === c));
      if (added.length > 0) {
        await manager.insert(
          SchoolProgram,
          added.map((programCode) => ({ schoolId: id, programCode })),
        );
      }
    });
    return this.schoolPrograms(user, id);
  }

  /** Whether the school runs the programme (students must be in one of these). */
  runsProgram(schoolId: number, programCode: string): Promise<boolean> {
    return this.dataSource.getRepository(SchoolProgram).existsBy({ schoolId, programCode });
  }

  private async checkReferences(regionCode: string | undefined, codes: string[]): Promise<void> {
    const problems: FieldProblem[] = [];
    if (regionCode !== undefined && !(await this.regions.existsBy({ code: regionCode }))) {
      problems.push({ field: 'regionCode', problems: [`unknown region ${regionCode}`] });
    }
    if (codes.length > 0) {
      const known = await this.programs.findBy({ code: In(codes) });
      const unknown = codes.filter((c) => !known.some((k) => k.code === c));
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
  const regions = ownRegionCodes(user);
  if (regions !== null && !regions.includes(regionCode)) {
    throw ValidationFailedException.field('regionCode', 'is outside your regions');
  }
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, SelectQueryBuilder } from 'typeorm';
import { AuthUser } from '../../common/auth/auth-user';
import { Role } from '../../common/auth/role.enum';
import {
  ownCompanyId,
  ownRegionCodes,
  ownSchoolId,
  restrictToOwnRegions,
} from '../../common/auth/tenant-scope';
import { isCalendarDate } from '../../common/database/dates';
import { inTransaction } from '../../common/database/transaction';
import {
  FieldProblem,
  NotFoundException,
  ValidationFailedException,
} from '../../common/errors/domain.exception';
import { Page, toPage } from '../../common/pagination/pagination';
import { SchoolProgram } from '../schools/school-program.entity';
import { School } from '../schools/school.entity';
import { Agreement, AgreementProgram } from './agreement.entity';
import { Company } from './company.entity';
import { AgreementDto, CreateAgreementDto, ListAgreementsQuery } from './dto/agreement.dto';

@Injectable()
export class AgreementsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async create(dto: CreateAgreementDto, user: AuthUser): Promise<AgreementDto> {
    const schoolId = this.schoolFor(dto.schoolId, user);
    const problems: FieldProblem[] = [];
    if (!isCalendarDate(dto.validFrom)) {
      problems.push({ field: 'validFrom', problems: ['is not a real calendar date'] });
    }
    if (!isCalendarDate(dto.validUntil) || dto.validUntil < dto.validFrom) {
      problems.push({
        field: 'validUntil',
        problems: ['must be a real date on or after validFrom'],
      });
    }
    const school = await this.dataSource.getRepository(School).findOneBy({ id: schoolId });
    if (!school) {
      throw new NotFoundException('school', schoolId);
    }
    const company = await this.dataSource.getRepository(Company).findOneBy({ id: dto.companyId });
    // A region-limited coordinator records only agreements they could then see: one side in
    // their regions.
    const regions = ownRegionCodes(user);
    if (
      regions !== null &&
      !regions.includes(school.regionCode) &&
      !(company && regions.includes(company.regionCode))
    ) {
      throw new NotFoundException('school', schoolId);
    }
    if (!company) {
      problems.push({ field: 'companyId', problems: [`unknown company ${dto.companyId}`] });
    }
    const programCodes = [...new Set(dto.programCodes)];
    if (programCodes.length > 0) {
      const run = await this.dataSource
        .getRepository(SchoolProgram)
        .findBy({ schoolId, programCode: In(programCodes) });
      const missing = programCodes.filter((c) => !run.some((r) => r.programCode === c));
      if (missing.length > 0) {
        problems.push({
          field: 'programCodes',
          problems: [`the school does not run: ${missing.join(', ')}`],
        });
      }
    }
    if (problems.length > 0) {
      throw new ValidationFailedException(problems);
    }
    const id = await inTransaction(this.dataSource, async (manager) => {
      const agreement = await manager.getRepository(Agreement).save({
        schoolId,
        companyId: dto.companyId,
        documentNumber: dto.documentNumber,
        validFrom: dto.validFrom,
        validUntil: dto.validUntil,
      });
      if (programCodes.length > 0) {
        await manager
          .getRepository(AgreementProgram)
          .insert(programCodes.map((programCode) => ({ agreementId: agreement.id, programCode })));
      }
      return agreement.id;
    });
    return this.get(id, user);
  }

  async list(query: ListAgreementsQuery, user: AuthUser): Promise<Page<AgreementDto>> {
    const qb = this.dataSource.getRepository(Agreement).createQueryBuilder('a');
    this.scope(qb, user);
    if (query.validOn) {
      qb.andWhere(':validOn BETWEEN a.validFrom AND a.validUntil', { validOn: query.validOn });
    }
    const [items, total] = await qb
      .orderBy('a.id', 'ASC')
      .skip(query.skip)
      .take(query.pageSize)
      .getManyAndCount();
    return toPage(await this.toDtos(items), total, query);
  }

  async get(id: number, user: AuthUser): Promise<AgreementDto> {
    const qb = this.dataSource
      .getRepository(Agreement)
      .createQueryBuilder('a')
      .where('a.id = :id', { id });
    this.scope(qb, user);
    const agreement = await qb.getOne();
    if (!agreement) {
      throw new NotFoundException('agreement', id);
    }
    const [dto] = await this.toDtos([agreement]);
    return dto;
  }

  /**
   * Either side's admin sees their own agreements; coordinators and admins see all, but a
   * region-limited coordinator only those whose school or company is in one of their regions.
   */
  private scope(qb: SelectQueryBuilder<Agreement>, user: AuthUser): void {
    restrictToOwnRegions(
      qb,
      user,
      '(SELECT rs.region_code FROM schools rs WHERE rs.id = a.school_id)',
      '(SELECT rc.region_code FROM companies rc WHERE rc.id = a.company_id)',
    );
    if (user.role === Role.SchoolAdmin) {
      qb.andWhere('a.schoolId = :school', { school: ownSchoolId(user) });
    } else if (user.role === Role.CompanyAdmin) {
      qb.andWhere('a.companyId = :company', { company: ownCompanyId(user) });
    } else if (user.role === Role.Student) {
      qb.andWhere('1 = 0');
    }
  }

  private schoolFor(requested: number | undefined, user: AuthUser): number {
    if (user.role === Role.SchoolAdmin) {
      const own = user.schoolId ?? 0;
      if (requested !== undefined && requested !== own) {
        throw new NotFoundException('school', requested);
      }
      return own;
    }
    if (requested === undefined) {
      throw ValidationFailedException.field('schoolId', 'is required');
    }
    return requested;
  }

  private async toDtos(agreements: Agreement[]): Promise<AgreementDto[]> {
    if (agreements.length === 0) {
      return [];
    }
    const programs = await this.dataSource.getRepository(AgreementProgram).find({
      where: { agreementId: In(agreements.map((a) => a.id)) },
      order: { programCode: 'ASC' },
    });
    return agreements.map((a) =>
      AgreementDto.from(
        a,
        programs.filter((p) => p.agreementId === a.id).map((p) => p.programCode),
      ),
    );
  }
}

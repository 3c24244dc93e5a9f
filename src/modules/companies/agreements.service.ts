import { Injectable } from '@nestjs/common';
import { Action, regionsAllowed } from '../../common/access/access-policy';
import { AccessRepository } from '../../common/access/access.repository';
import { AuthUser } from '../../common/auth/auth-user';
import { Role } from '../../common/auth/role.enum';
import { isCalendarDate } from '../../common/database/dates';
import {
  FieldProblem,
  NotFoundException,
  ValidationFailedException,
} from '../../common/errors/domain.exception';
import { Page, toPage } from '../../common/pagination/pagination';
import { SchoolsService } from '../schools/schools.service';
import { Agreement } from './agreement.entity';
import { AgreementsRepository } from './agreements.repository';
import { CompaniesService } from './companies.service';
import { AgreementDto, CreateAgreementDto, ListAgreementsQuery } from './dto/agreement.dto';

@Injectable()
export class AgreementsService {
  constructor(
    private readonly agreements: AgreementsRepository,
    private readonly companies: CompaniesService,
    private readonly schools: SchoolsService,
    private readonly access: AccessRepository,
  ) {}

  /** Every check comes before the write: a refused agreement writes nothing. */
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
    const school = await this.schools.findSummary(schoolId);
    if (!school) {
      throw new NotFoundException('school', schoolId);
    }
    const [company] = await this.companies.findSummaries([dto.companyId]);
    // An agreement lies in its school's and its company's regions (the access policy): a
    // region-limited coordinator records only agreements with one side in their regions.
    if (
      !regionsAllowed(user, [school.regionCode]) &&
      !(company && regionsAllowed(user, [company.regionCode]))
    ) {
      throw new NotFoundException('school', schoolId);
    }
    if (!company) {
      problems.push({ field: 'companyId', problems: [`unknown company ${dto.companyId}`] });
    }
    const programCodes = [...new Set(dto.programCodes)];
    if (programCodes.length > 0) {
      const run = await this.schools.programsRun(schoolId, programCodes);
      const missing = programCodes.filter((c) => !run.includes(c));
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
    const id = await this.agreements.insert(
      {
        schoolId,
        companyId: dto.companyId,
        documentNumber: dto.documentNumber,
        validFrom: dto.validFrom,
        validUntil: dto.validUntil,
      },
      programCodes,
    );
    return this.get(id, user);
  }

  async list(query: ListAgreementsQuery, user: AuthUser): Promise<Page<AgreementDto>> {
    const { items, total } = await this.agreements.list(query, user);
    return toPage(await this.toDtos(items), total, query);
  }

  async get(id: number, user: AuthUser): Promise<AgreementDto> {
    await this.access.assertInScope(user, 'agreement', id, Action.Read);
    const agreement = await this.agreements.findById(id);
    if (!agreement) {
      throw new NotFoundException('agreement', id);
    }
    const [dto] = await this.toDtos([agreement]);
    return dto;
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
    const programs = await this.agreements.programsOf(agreements.map((a) => a.id));
    return agreements.map((a) => AgreementDto.from(a, programs.get(a.id) ?? []));
  }
}

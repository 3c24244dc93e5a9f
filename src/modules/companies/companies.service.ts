import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Action, assertRegionsAllowed } from '../../common/access/access-policy';
import { AccessRepository } from '../../common/access/access.repository';
import { AuthUser } from '../../common/auth/auth-user';
import { inTransaction } from '../../common/database/transaction';
import { NotFoundException, ValidationFailedException } from '../../common/errors/domain.exception';
import { Page, PageQueryDto, toPage } from '../../common/pagination/pagination';
import { RegionsService } from '../regions/regions.service';
import { ApprenticeSeats } from './apprentice-seats.port';
import { CompaniesException } from './companies.exception';
import { CompaniesRepository } from './companies.repository';
import { CompanySummary } from './companies.types';
import { Company } from './company.entity';
import {
  CompanyDto,
  CreateCompanyDto,
  ListCompaniesQuery,
  UpdateCompanyDto,
} from './dto/company.dto';

@Injectable()
export class CompaniesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly companies: CompaniesRepository,
    private readonly access: AccessRepository,
    private readonly regions: RegionsService,
    private readonly seats: ApprenticeSeats,
  ) {}

  async create(dto: CreateCompanyDto, user: AuthUser): Promise<CompanyDto> {
    await this.assertRegion(dto.regionCode, user);
    if (await this.companies.findByNib(dto.nib)) {
      throw CompaniesException.nibTaken(dto.nib);
    }
    return this.toDto(await this.companies.insert({ ...toFields(dto), verifiedAt: null }));
  }

  async list(query: ListCompaniesQuery, user: AuthUser): Promise<Page<CompanyDto>> {
    const { items, total } = await this.companies.list(query, user);
    return toPage(
      items.map((c) => this.toDto(c)),
      total,
      query,
    );
  }

  async get(id: number, user: AuthUser): Promise<CompanyDto> {
    await this.access.assertInScope(user, 'company', id, Action.Read);
    return this.toDto(await this.findOrFail(id));
  }

  /** A smaller workforce must still allow the apprentices the company already has. */
  async update(id: number, dto: UpdateCompanyDto, user: AuthUser): Promise<CompanyDto> {
    await this.access.assertInScope(user, 'company', id, Action.Change);
    if (dto.regionCode) {
      await this.assertRegion(dto.regionCode, user);
    }
    if (dto.nib) {
      const holder = await this.companies.findByNib(dto.nib);
      if (holder && holder.id !== id) {
        throw CompaniesException.nibTaken(dto.nib);
      }
    }
    await inTransaction(this.dataSource, async (manager) => {
      const company = await this.lockForSeats(id, manager);
      if (dto.workforceSize !== undefined && dto.workforceSize < company.workforceSize) {
        await this.seats.assertCovered(id, dto.workforceSize, manager);
      }
      await this.companies.update(id, toFields(dto), manager);
    });
    return this.get(id, user);
  }

  async verify(id: number, user: AuthUser): Promise<CompanyDto> {
    await this.access.assertInScope(user, 'company', id, Action.Act);
    const company = await this.findOrFail(id);
    if (company.verifiedAt === null) {
      await this.companies.update(id, { verifiedAt: new Date() });
    }
    return this.get(id, user);
  }

  /**
   * Locks the company's row for the rest of `manager`'s transaction, so that changes to its
   * apprentice seats (slots, workforce) are checked one after the other; 404 when missing.
   */
  async lockForSeats(id: number, manager: EntityManager): Promise<CompanySummary> {
    const company = await this.companies.lockById(id, manager);
    if (!company) {
      throw new NotFoundException('company', id);
    }
    return toSummary(company);
  }

  /** Companies by id (unknown ids are left out), for other modules. */
  async findSummaries(ids: readonly number[], manager?: EntityManager): Promise<CompanySummary[]> {
    return (await this.companies.findByIds(ids, manager)).map(toSummary);
  }

  /** The companies the user may list but those in `excludedIds`, a page by name. */
  async pageExcept(
    excludedIds: readonly number[],
    page: PageQueryDto,
    user: AuthUser,
  ): Promise<Page<CompanySummary>> {
    const { items, total } = await this.companies.pageExcept(excludedIds, page, user);
    return toPage(items.map(toSummary), total, page);
  }

  private async findOrFail(id: number): Promise<Company> {
    const company = await this.companies.findById(id);
    if (!company) {
      throw new NotFoundException('company', id);
    }
    return company;
  }

  private toDto(company: Company): CompanyDto {
    return CompanyDto.from(company, this.seats.limitFor(company.workforceSize));
  }

  /** A region-limited coordinator places companies in their own regions only. */
  private async assertRegion(regionCode: string, user: AuthUser): Promise<void> {
    if ((await this.regions.knownCodes([regionCode])).length === 0) {
      throw ValidationFailedException.field('regionCode', `unknown region ${regionCode}`);
    }
    assertRegionsAllowed(user, [regionCode], 'regionCode');
  }
}

function toFields(dto: UpdateCompanyDto): Partial<Company> {
  return { ...dto };
}

function toSummary(company: Company): CompanySummary {
  return {
    id: company.id,
    nib: company.nib,
    name: company.name,
    kbliCode: company.kbliCode,
    regionCode: company.regionCode,
    workforceSize: company.workforceSize,
    contactEmail: company.contactEmail,
  };
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuthUser } from '../../common/auth/auth-user';
import {
  assertCompanyInScope,
  assertRegionInScope,
  ownCompanyId,
  ownRegionCodes,
} from '../../common/auth/tenant-scope';
import { inTransaction } from '../../common/database/transaction';
import { NotFoundException, ValidationFailedException } from '../../common/errors/domain.exception';
import { Page, toPage } from '../../common/pagination/pagination';
import { Region } from '../regions/region.entity';
import { ApprenticeQuotaService } from '../slots/apprentice-quota.service';
import { containsPattern } from '../../common/database/like';
import { CompaniesException } from './companies.exception';
import { Company } from './company.entity';
import { CreateCompanyDto, ListCompaniesQuery, UpdateCompanyDto } from './dto/company.dto';

@Injectable()
export class CompaniesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly quota: ApprenticeQuotaService,
  ) {}

  async create(dto: CreateCompanyDto): Promise<Company> {
    await this.assertRegion(dto.regionCode);
    const repository = this.dataSource.getRepository(Company);
    if (await repository.existsBy({ nib: dto.nib })) {
      throw CompaniesException.nibTaken(dto.nib);
    }
    return repository.save(repository.create({ ...dto, verifiedAt: null }));
  }

  async list(query: ListCompaniesQuery, user: AuthUser): Promise<Page<Company>> {
    const qb = this.dataSource.getRepository(Company).createQueryBuilder('c');
    const own = ownCompanyId(user);
    if (own !== null) {
      qb.andWhere('c.id = :own', { own });
    }
    const regions = ownRegionCodes(user);
    if (regions !== null) {
      qb.andWhere('c.regionCode IN (:...regions)', { regions });
    }
    if (query.regionCode) {
      qb.andWhere('c.regionCode = :regionCode', { regionCode: query.regionCode });
    }
    if (query.search) {
      qb.andWhere('(c.name LIKE :search OR c.nib = :nib)', {
        search: containsPattern(query.search),
        nib: query.search,
      });
    }
    if (query.verified !== undefined) {
      qb.andWhere(query.verified === 'true' ? 'c.verifiedAt IS NOT NULL' : 'c.verifiedAt IS NULL');
    }
    const [items, total] = await qb
      .orderBy('c.name', 'ASC')
      .addOrderBy('c.id', 'ASC')
      .skip(query.skip)
      .take(query.pageSize)
      .getManyAndCount();
    return toPage(items, total, query);
  }

  async get(id: number, user: AuthUser): Promise<Company> {
    const company = await this.dataSource.getRepository(Company).findOneBy({ id });
    if (!company) {
      throw new NotFoundException('company', id);
    }
    assertCompanyInScope(user, company.id, 'company', id);
    assertRegionInScope(user, company.regionCode, 'company', id);
    return company;
  }

  /** A smaller workforce must still allow the apprentices the company already has. */
  async update(id: number, dto: UpdateCompanyDto, user: AuthUser): Promise<Company> {
    await this.get(id, user);
    if (dto.regionCode) {
      await this.assertRegion(dto.regionCode);
    }
    if (dto.nib) {
      const holder = await this.dataSource.getRepository(Company).findOneBy({ nib: dto.nib });
      if (holder && holder.id !== id) {
        throw CompaniesException.nibTaken(dto.nib);
      }
    }
    await inTransaction(this.dataSource, async (manager) => {
      const company = await this.quota.lockCompany(manager, id);
      if (dto.workforceSize !== undefined && dto.workforceSize < company.workforceSize) {
        await this.quota.assertWithinQuota(manager, company, null, dto.workforceSize);
      }
      await manager.getRepository(Company).update({ id }, dto);
    });
    return this.get(id, user);
  }

  async verify(id: number, user: AuthUser): Promise<Company> {
    const company = await this.get(id, user);
    if (company.verifiedAt === null) {
      await this.dataSource.getRepository(Company).update({ id }, { verifiedAt: new Date() });
    }
    return this.get(id, user);
  }

  private async assertRegion(regionCode: string): Promise<void> {
    if (!(await this.dataSource.getRepository(Region).existsBy({ code: regionCode }))) {
      throw ValidationFailedException.field('regionCode', `unknown region ${regionCode}`);
    }
  }
}

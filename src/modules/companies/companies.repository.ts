import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { Action, scopeList } from '../../common/access/access-policy';
import { AuthUser } from '../../common/auth/auth-user';
import { containsPattern } from '../../common/database/like';
import { PageQueryDto } from '../../common/pagination/pagination';
import { Company } from './company.entity';
import { ListCompaniesQuery } from './dto/company.dto';

/** Every query on `companies`. */
@Injectable()
export class CompaniesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  findById(id: number, manager: EntityManager = this.dataSource.manager): Promise<Company | null> {
    return manager.getRepository(Company).findOneBy({ id });
  }

  findByIds(ids: readonly number[], manager = this.dataSource.manager): Promise<Company[]> {
    if (ids.length === 0) {
      return Promise.resolve([]);
    }
    return manager.getRepository(Company).findBy({ id: In([...new Set(ids)]) });
  }

  /** The company holding `nib`, if any. */
  findByNib(nib: string): Promise<Company | null> {
    return this.dataSource.getRepository(Company).findOneBy({ nib });
  }

  insert(fields: Partial<Company>): Promise<Company> {
    const repository = this.dataSource.getRepository(Company);
    return repository.save(repository.create(fields));
  }

  /** The company's row, locked until the transaction ends (quota checks run one at a time). */
  lockById(id: number, manager: EntityManager): Promise<Company | null> {
    return manager
      .getRepository(Company)
      .createQueryBuilder('c')
      .setLock('pessimistic_write')
      .where('c.id = :id', { id })
      .getOne();
  }

  async update(
    id: number,
    changes: Partial<Company>,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<void> {
    await manager.getRepository(Company).update({ id }, changes);
  }

  /** A page of the companies the user may list, except `excludedIds`, by name. */
  async pageExcept(
    excludedIds: readonly number[],
    page: PageQueryDto,
    user: AuthUser,
  ): Promise<{ items: Company[]; total: number }> {
    const qb = this.dataSource.getRepository(Company).createQueryBuilder('c');
    scopeList(qb, user, 'company', 'c', Action.List);
    if (excludedIds.length > 0) {
      qb.andWhere('c.id NOT IN (:...excludedIds)', { excludedIds: [...excludedIds] });
    }
    const [items, total] = await qb
      .orderBy('c.name', 'ASC')
      .addOrderBy('c.id', 'ASC')
      .skip(page.skip)
      .take(page.pageSize)
      .getManyAndCount();
    return { items, total };
  }

  async list(
    query: ListCompaniesQuery,
    user: AuthUser,
  ): Promise<{ items: Company[]; total: number }> {
    const qb = this.dataSource.getRepository(Company).createQueryBuilder('c');
    scopeList(qb, user, 'company', 'c', Action.List);
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
    if (query.ids) {
      qb.andWhere('c.id IN (:...ids)', { ids: query.ids });
    }
    const [items, total] = await qb
      .orderBy('c.name', 'ASC')
      .addOrderBy('c.id', 'ASC')
      .skip(query.skip)
      .take(query.pageSize)
      .getManyAndCount();
    return { items, total };
  }
}

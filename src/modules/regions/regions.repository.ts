import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, Repository } from 'typeorm';
import type { PageQueryDto } from '../../common/pagination/pagination';
import { District } from './district.entity';
import type { ListRegionsQuery } from './region.dto';
import { Region } from './region.entity';
import type { RegionFilter } from './regions.types';

/** Every query on the regions and districts tables. */
@Injectable()
export class RegionsRepository {
  constructor(
    @InjectRepository(Region) private readonly regions: Repository<Region>,
    @InjectRepository(District) private readonly districts: Repository<District>,
  ) {}

  page(query: ListRegionsQuery): Promise<[Region[], number]> {
    const qb = this.regions.createQueryBuilder('r').orderBy('r.code', 'ASC');
    if (query.profile) {
      qb.andWhere('FIND_IN_SET(:profile, r.profiles) > 0', { profile: query.profile });
    }
    if (query.provinceCode) {
      qb.andWhere('r.provinceCode = :province', { province: query.provinceCode });
    }
    if (query.q) {
      qb.andWhere('r.name LIKE :q', { q: `%${escapeLike(query.q)}%` });
    }
    return qb.skip(query.skip).take(query.pageSize).getManyAndCount();
  }

  findByCode(code: string): Promise<Region | null> {
    return this.regions.findOneBy({ code });
  }

  async setProfiles(code: string, profiles: readonly string[]): Promise<void> {
    await this.regions.update({ code }, { profiles: profiles.join(',') });
  }

  /** A page of one region's districts, in code order. */
  districtPage(regionCode: string, page: PageQueryDto): Promise<[District[], number]> {
    return this.districts.findAndCount({
      where: { regionCode },
      order: { code: 'ASC' },
      skip: page.skip,
      take: page.pageSize,
    });
  }

  /** The codes among `codes` that name a region, or every region's code without `codes`. */
  async knownCodes(codes?: readonly string[], manager?: EntityManager): Promise<string[]> {
    if (codes !== undefined && codes.length === 0) {
      return [];
    }
    const rows = await (manager?.getRepository(Region) ?? this.regions).find({
      select: { code: true },
      where: codes === undefined ? {} : { code: In([...codes]) },
    });
    return rows.map((r) => r.code);
  }

  /** Locks the rows of `codes` (every region when empty) FOR UPDATE, in code order. */
  async lockForUpdate(codes: readonly string[], manager: EntityManager): Promise<void> {
    await manager
      .getRepository(Region)
      .createQueryBuilder('r')
      .setLock('pessimistic_write')
      .where(codes.length > 0 ? 'r.code IN (:...codes)' : '1 = 1', { codes })
      .orderBy('r.code')
      .getMany();
  }

  /** Code and name of the regions matching every given filter, in code order. */
  findRefs(filter: RegionFilter): Promise<{ code: string; name: string }[]> {
    const qb = this.regions
      .createQueryBuilder('r')
      .select(['r.code AS code', 'r.name AS name'])
      .orderBy('r.code', 'ASC');
    if (filter.profile !== undefined) {
      qb.andWhere('FIND_IN_SET(:profile, r.profiles) > 0', { profile: filter.profile });
    }
    if (filter.regionCode !== undefined) {
      qb.andWhere('r.code = :regionCode', { regionCode: filter.regionCode });
    }
    if (filter.provinceCode !== undefined) {
      qb.andWhere('r.provinceCode = :provinceCode', { provinceCode: filter.provinceCode });
    }
    if (filter.codes) {
      if (filter.codes.length === 0) {
        return Promise.resolve([]);
      }
      qb.andWhere('r.code IN (:...codes)', { codes: filter.codes });
    }
    return qb.getRawMany();
  }
}

/** `%` and `_` are data in a name search, not wildcards. */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { NotFoundException } from '../../common/errors/domain.exception';
import { Page, toPage } from '../../common/pagination/pagination';
import { Region } from './region.entity';
import type { ListRegionsQuery } from './region.dto';

@Injectable()
export class RegionsService {
  constructor(@InjectRepository(Region) private readonly regions: Repository<Region>) {}

  async list(query: ListRegionsQuery): Promise<Page<Region>> {
    const qb = this.regions.createQueryBuilder('r').orderBy('r.code', 'ASC');
    if (query.profile) {
      qb.andWhere('FIND_IN_SET(:profile, r.profiles) > 0', { profile: query.profile });
    }
    if (query.provinceCode) {
      qb.andWhere('r.provinceCode = :province', { province: query.provinceCode });
    }
    const [items, total] = await qb.skip(query.skip).take(query.pageSize).getManyAndCount();
    return toPage(items, total, query);
  }

  async get(code: string): Promise<Region> {
    const region = await this.regions.findOneBy({ code });
    if (!region) {
      throw new NotFoundException('region', code);
    }
    return region;
  }
}

import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { NotFoundException } from '../../common/errors/domain.exception';
import { Page, PageQueryDto, toPage } from '../../common/pagination/pagination';
import { District } from './district.entity';
import type { ListRegionsQuery } from './region.dto';
import { Region, REGION_PROFILES } from './region.entity';
import { RegionsRepository } from './regions.repository';
import type { RegionFilter, RegionRef } from './regions.types';

@Injectable()
export class RegionsService {
  constructor(private readonly regions: RegionsRepository) {}

  async list(query: ListRegionsQuery): Promise<Page<Region>> {
    const [items, total] = await this.regions.page(query);
    return toPage(items, total, query);
  }

  /** The codes among `codes` that name a region, or every region's code without `codes`. */
  knownCodes(codes?: readonly string[], manager?: EntityManager): Promise<string[]> {
    return this.regions.knownCodes(codes, manager);
  }

  async exists(code: string, manager?: EntityManager): Promise<boolean> {
    return (await this.regions.knownCodes([code], manager)).length > 0;
  }

  /**
   * Locks the rows of `codes` (every region when empty) in code order until the caller's
   * transaction ends: work on overlapping sets of regions then runs one after the other.
   */
  lockForUpdate(codes: readonly string[], manager: EntityManager): Promise<void> {
    return this.regions.lockForUpdate(codes, manager);
  }

  /** Code and name of the regions matching the filter, in code order. */
  findRefs(filter: RegionFilter): Promise<RegionRef[]> {
    return this.regions.findRefs(filter);
  }

  /** Replaces a region's profiles (the tags are checked at the edge); 404 for an unknown code. */
  async setProfiles(code: string, profiles: readonly string[]): Promise<Region> {
    await this.get(code);
    // Stored in the order of REGION_PROFILES, so the same set always reads the same.
    await this.regions.setProfiles(
      code,
      REGION_PROFILES.filter((p) => profiles.includes(p)),
    );
    return this.get(code);
  }

  /** A page of a region's districts (kecamatan); 404 for an unknown region. */
  async districts(code: string, page: PageQueryDto): Promise<Page<District>> {
    await this.get(code);
    const [items, total] = await this.regions.districtPage(code, page);
    return toPage(items, total, page);
  }

  async get(code: string): Promise<Region> {
    const region = await this.regions.findByCode(code);
    if (!region) {
      throw new NotFoundException('region', code);
    }
    return region;
  }
}

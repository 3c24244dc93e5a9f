import { Body, Controller, Get, Param, Patch, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Access } from '../../common/access/access.decorator';
import { Action } from '../../common/access/access-policy';
import { ValidationFailedException } from '../../common/errors/domain.exception';
import { PageQueryDto } from '../../common/pagination/pagination';
import {
  DistrictDto,
  DistrictPageDto,
  ListRegionsQuery,
  RegionDto,
  RegionPageDto,
  UpdateRegionDto,
} from './region.dto';
import { RegionsService } from './regions.service';

@ApiTags('regions')
@ApiBearerAuth()
@Controller('api/v1/regions')
export class RegionsController {
  constructor(private readonly regions: RegionsService) {}

  @Get()
  @Access('reference', Action.List)
  @ApiOkResponse({ type: RegionPageDto })
  async list(@Query() query: ListRegionsQuery): Promise<RegionPageDto> {
    const page = await this.regions.list(query);
    return { items: page.items.map((r) => RegionDto.from(r)), meta: page.meta };
  }

  @Get(':code')
  @Access('reference', Action.Read)
  @ApiOkResponse({ type: RegionDto })
  async get(@Param('code') code: string): Promise<RegionDto> {
    return RegionDto.from(await this.regions.get(checkCode(code)));
  }

  /** An admin sets a region's economic profiles (regions outside Banten start with none). */
  @Patch(':code')
  @Access('reference', Action.Change)
  @ApiOkResponse({ type: RegionDto })
  async update(@Param('code') code: string, @Body() dto: UpdateRegionDto): Promise<RegionDto> {
    return RegionDto.from(await this.regions.setProfiles(checkCode(code), dto.profiles));
  }

  @Get(':code/districts')
  @Access('reference', Action.List)
  @ApiOkResponse({ type: DistrictPageDto })
  async districts(
    @Param('code') code: string,
    @Query() query: PageQueryDto,
  ): Promise<DistrictPageDto> {
    const page = await this.regions.districts(checkCode(code), query);
    return { items: page.items.map((d) => DistrictDto.from(d)), meta: page.meta };
  }
}

function checkCode(code: string): string {
  if (!/^\d{4}$/.test(code)) {
    throw ValidationFailedException.field('code', 'must be a 4-digit region code');
  }
  return code;
}

import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Access } from '../../common/access/access.decorator';
import { Action } from '../../common/access/access-policy';
import { ValidationFailedException } from '../../common/errors/domain.exception';
import { ListRegionsQuery, RegionDto, RegionPageDto } from './region.dto';
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
    if (!/^\d{4}$/.test(code)) {
      throw ValidationFailedException.field('code', 'must be a 4-digit BPS code');
    }
    return RegionDto.from(await this.regions.get(code));
  }
}

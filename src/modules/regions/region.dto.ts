import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { PageMetaDto, PageQueryDto } from '../../common/pagination/pagination';
import { Region, REGION_PROFILES } from './region.entity';

export class ListRegionsQuery extends PageQueryDto {
  @ApiPropertyOptional({ enum: REGION_PROFILES })
  @IsOptional()
  @IsIn(REGION_PROFILES)
  profile?: string;

  @ApiPropertyOptional({ example: '36' })
  @IsOptional()
  @Matches(/^\d{2}$/, { message: 'provinceCode must be 2 digits' })
  provinceCode?: string;
}

export class RegionDto {
  @ApiProperty({ example: '3672' }) code: string;
  @ApiProperty({ example: 'Kota Cilegon' }) name: string;
  @ApiProperty({ example: '36' }) provinceCode: string;
  @ApiProperty({ example: 'Banten' }) provinceName: string;
  @ApiProperty({ enum: ['kabupaten', 'kota'] }) kind: string;
  @ApiProperty({ type: [String], example: ['industrial'] }) profiles: string[];

  static from(region: Region): RegionDto {
    return {
      code: region.code,
      name: region.name,
      provinceCode: region.provinceCode,
      provinceName: region.provinceName,
      kind: region.kind,
      profiles: region.profiles === '' ? [] : region.profiles.split(','),
    };
  }
}

export class RegionPageDto {
  @ApiProperty({ type: [RegionDto] }) items: RegionDto[];
  @ApiProperty() meta: PageMetaDto;
}

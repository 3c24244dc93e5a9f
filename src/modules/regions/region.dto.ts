import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
} from 'class-validator';
import { PageMetaDto, PageQuery } from '../../common/pagination/pagination';
import { District } from './district.entity';
import { Region, REGION_PROFILES } from './region.entity';

/** The whole country fits one page of 1,000 (a select loads it in one call). */
export class ListRegionsQuery extends PageQuery(1000) {
  @ApiPropertyOptional({ enum: REGION_PROFILES })
  @IsOptional()
  @IsIn(REGION_PROFILES)
  profile?: string;

  @ApiPropertyOptional({ example: '36' })
  @IsOptional()
  @Matches(/^\d{2}$/, { message: 'provinceCode must be 2 digits' })
  provinceCode?: string;

  @ApiPropertyOptional({ example: 'bandung', description: 'Part of the name (any case)' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;
}

export class RegionDto {
  @ApiProperty({ example: '3672' }) code: string;
  @ApiProperty({ example: 'Kota Cilegon' }) name: string;
  @ApiProperty({ example: '36' }) provinceCode: string;
  @ApiProperty({ example: 'Banten' }) provinceName: string;
  @ApiProperty({ enum: ['kabupaten', 'kota'] }) kind: string;
  @ApiProperty({ type: [String], example: ['industrial'] }) profiles: string[];
  @ApiProperty({ description: 'No longer in the area dataset (kept for the rows that name it)' })
  retired: boolean;

  static from(region: Region): RegionDto {
    return {
      code: region.code,
      name: region.name,
      provinceCode: region.provinceCode,
      provinceName: region.provinceName,
      kind: region.kind,
      profiles: region.profiles === '' ? [] : region.profiles.split(','),
      retired: Boolean(region.retired),
    };
  }
}

export class RegionPageDto {
  @ApiProperty({ type: [RegionDto] }) items: RegionDto[];
  @ApiProperty() meta: PageMetaDto;
}

export class UpdateRegionDto {
  @ApiProperty({
    enum: REGION_PROFILES,
    isArray: true,
    example: ['industrial', 'services'],
    description: 'The economic profiles of the region (replaces the current ones)',
  })
  @IsArray()
  @ArrayMaxSize(REGION_PROFILES.length)
  @ArrayUnique()
  @IsIn(REGION_PROFILES, { each: true })
  profiles: string[];
}

export class DistrictDto {
  @ApiProperty({ example: '367201' }) code: string;
  @ApiProperty({ example: '3672' }) regionCode: string;
  @ApiProperty({ example: 'Cilegon' }) name: string;
  @ApiProperty() retired: boolean;

  static from(district: District): DistrictDto {
    return {
      code: district.code,
      regionCode: district.regionCode,
      name: district.name,
      retired: Boolean(district.retired),
    };
  }
}

export class DistrictPageDto {
  @ApiProperty({ type: [DistrictDto] }) items: DistrictDto[];
  @ApiProperty() meta: PageMetaDto;
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsEnum, IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { PageQueryDto } from '../../../common/pagination/pagination';
import { REGION_PROFILES } from '../../regions/regions.types';

export enum AnalyticsFormat {
  Json = 'json',
  Csv = 'csv',
  Xlsx = 'xlsx',
  Svg = 'svg',
}

export enum UnemploymentGrouping {
  Region = 'region',
  School = 'school',
  Program = 'program',
}

export class UnemploymentQuery {
  @ApiProperty({
    example: 2026,
    description: 'Graduation year (the last one when fromYear is set)',
  })
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year: number;

  @ApiPropertyOptional({ example: 2022, description: 'First graduation year of a trend' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  fromYear?: number;

  @ApiPropertyOptional({ enum: UnemploymentGrouping, default: UnemploymentGrouping.Region })
  @IsOptional()
  @IsEnum(UnemploymentGrouping)
  groupBy: UnemploymentGrouping = UnemploymentGrouping.Region;

  @ApiPropertyOptional({ example: '3672', description: 'Only graduates domiciled here' })
  @IsOptional()
  @Matches(/^\d{4}$/, { message: 'regionCode must be 4 digits' })
  regionCode?: string;

  @ApiPropertyOptional({ description: 'Only this school’s graduates' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  schoolId?: number;

  @ApiPropertyOptional({ enum: AnalyticsFormat, default: AnalyticsFormat.Json })
  @IsOptional()
  @IsEnum(AnalyticsFormat)
  format: AnalyticsFormat = AnalyticsFormat.Json;
}

export const SUPPLY_DEMAND_SORTS = ['gap', 'demand', 'supply', 'region', 'unit'] as const;
export type SupplyDemandSort = (typeof SUPPLY_DEMAND_SORTS)[number];

export class SupplyDemandQuery extends PageQueryDto {
  @ApiProperty({ example: 2026, description: 'Graduation year of the supply' })
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year: number;

  @ApiPropertyOptional({ enum: REGION_PROFILES, description: 'Only regions with this profile' })
  @IsOptional()
  @IsIn(REGION_PROFILES)
  profile?: string;

  @ApiPropertyOptional({ example: '3672' })
  @IsOptional()
  @Matches(/^\d{4}$/, { message: 'regionCode must be 4 digits' })
  regionCode?: string;

  @ApiPropertyOptional({ example: '36', description: "Only this province's regions" })
  @IsOptional()
  @Matches(/^\d{2}$/, { message: 'provinceCode must be 2 digits' })
  provinceCode?: string;

  @ApiPropertyOptional({ example: 'C.293000.001.01' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9._-]{1,32}$/, { message: 'unitCode must be a competency unit code' })
  unitCode?: string;

  @ApiPropertyOptional({
    example: '2026-01',
    description: 'First vacancy-report period counted (default: January of the year)',
  })
  @IsOptional()
  @Matches(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'fromPeriod must be YYYY-MM' })
  fromPeriod?: string;

  @ApiPropertyOptional({
    example: '2026-12',
    description: 'Last vacancy-report period counted (default: December of the year)',
  })
  @IsOptional()
  @Matches(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'toPeriod must be YYYY-MM' })
  toPeriod?: string;

  @ApiPropertyOptional({ enum: SUPPLY_DEMAND_SORTS, default: 'gap' })
  @IsOptional()
  @IsIn(SUPPLY_DEMAND_SORTS)
  sort: SupplyDemandSort = 'gap';

  @ApiPropertyOptional({ enum: ['asc', 'desc'], default: 'desc' })
  @IsOptional()
  @IsIn(['asc', 'desc'])
  order: 'asc' | 'desc' = 'desc';

  @ApiPropertyOptional({ enum: AnalyticsFormat, default: AnalyticsFormat.Json })
  @IsOptional()
  @IsEnum(AnalyticsFormat)
  format: AnalyticsFormat = AnalyticsFormat.Json;
}

export class RecommendationsQuery {
  @ApiProperty({ example: '3672' })
  @Matches(/^\d{4}$/, { message: 'regionCode must be 4 digits' })
  regionCode: string;

  @ApiProperty({ example: 2026 })
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 20, default: 5 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(20)
  limit: number = 5;
}

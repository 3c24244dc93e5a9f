import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { PageQueryDto } from '../../../common/pagination/pagination';
import { CohortStatus } from '../cohort.entity';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class CreateCohortDto {
  @ApiProperty()
  @IsInt()
  @Min(1)
  courseId: number;

  @ApiProperty({ example: 'Angkatan 1 2026' })
  @IsString()
  @MinLength(2)
  @MaxLength(150)
  name: string;

  @ApiProperty({ example: '2026-07-01', format: 'date' })
  @Matches(DATE, { message: 'startDate must be YYYY-MM-DD' })
  startDate: string;

  @ApiProperty({ example: '2026-08-31', format: 'date' })
  @Matches(DATE, { message: 'endDate must be YYYY-MM-DD' })
  endDate: string;

  @ApiProperty({ minimum: 1, maximum: 1000 })
  @IsInt()
  @Min(1)
  @Max(1000)
  capacity: number;

  @ApiProperty({ example: '3672', description: 'BPS code of the region where it runs' })
  @Matches(/^\d{4}$/, { message: 'regionCode must be 4 digits' })
  regionCode: string;

  @ApiPropertyOptional({
    description: 'A coordinator user; defaults to the caller when a coordinator',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  coordinatorId?: number;
}

/** Dates change only while the cohort is planned and empty; capacity never below enrolled. */
export class UpdateCohortDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MinLength(2)
  @MaxLength(150)
  name?: string;

  @ApiPropertyOptional({ format: 'date' })
  @IsOptional()
  @Matches(DATE, { message: 'startDate must be YYYY-MM-DD' })
  startDate?: string;

  @ApiPropertyOptional({ format: 'date' })
  @IsOptional()
  @Matches(DATE, { message: 'endDate must be YYYY-MM-DD' })
  endDate?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 1000 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1000)
  capacity?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  @Min(1)
  coordinatorId?: number;
}

export class ListCohortsQuery extends PageQueryDto {
  @ApiPropertyOptional()
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  courseId?: number;

  @ApiPropertyOptional({ enum: CohortStatus })
  @IsOptional()
  @IsEnum(CohortStatus)
  status?: CohortStatus;

  @ApiPropertyOptional()
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  coordinatorId?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(/^\d{4}$/, { message: 'regionCode must be 4 digits' })
  regionCode?: string;
}

export class CoordinatorViewQuery {
  @ApiPropertyOptional({ description: 'Defaults to the caller' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  coordinatorId?: number;
}

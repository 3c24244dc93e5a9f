import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEnum,
  IsIn,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';
import { Transform } from 'class-transformer';
import { IdListQuery, PageMetaDto, PageQueryDto } from '../../../common/pagination/pagination';
import type { ProgramRecord } from '../schools.types';
import type { School } from '../school.entity';
import { Accreditation, SchoolStatus } from '../schools.types';

export const NPSN = /^\d{8}$/;
export const PROGRAM_CODE = /^[A-Z0-9]{1,20}$/;

export class CreateSchoolDto {
  @ApiProperty({ example: '20604567', description: 'Exactly 8 digits' })
  @Matches(NPSN, { message: 'npsn must be exactly 8 digits' })
  npsn: string;

  @ApiProperty({ example: 'SMK Negeri 1 Cilegon' })
  @IsString()
  @MinLength(3)
  @MaxLength(200)
  name: string;

  @ApiProperty({ example: '3672', description: 'BPS code of a known region' })
  @Matches(/^\d{4}$/, { message: 'regionCode must be 4 digits' })
  regionCode: string;

  @ApiProperty({ enum: SchoolStatus })
  @IsEnum(SchoolStatus)
  status: SchoolStatus;

  @ApiPropertyOptional({ enum: Accreditation, nullable: true })
  @IsOptional()
  @IsEnum(Accreditation)
  accreditation?: Accreditation | null;

  @ApiPropertyOptional({ maxLength: 300 })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  address?: string;

  @ApiPropertyOptional({ type: [String], description: 'Programme codes the school runs' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(60)
  @Matches(PROGRAM_CODE, { each: true, message: 'each programme code must be 1-20 A-Z/0-9' })
  programCodes?: string[];
}

/** npsn, regionCode and status change only by admin/coordinator (checked in the service). */
export class UpdateSchoolDto extends PartialType(CreateSchoolDto) {}

export class SetSchoolProgramsDto {
  @ApiProperty({ type: [String], example: ['TKR', 'AKL'] })
  @IsArray()
  @ArrayMaxSize(60)
  @Matches(PROGRAM_CODE, { each: true, message: 'each programme code must be 1-20 A-Z/0-9' })
  programCodes: string[];
}

export const SCHOOL_SORTS = ['name', 'npsn', 'createdAt'] as const;
export type SchoolSort = (typeof SCHOOL_SORTS)[number];

export class ListSchoolsQuery extends PageQueryDto {
  @ApiPropertyOptional({ example: '3672' })
  @IsOptional()
  @Matches(/^\d{4}$/, { message: 'regionCode must be 4 digits' })
  regionCode?: string;

  @ApiPropertyOptional({ description: 'Search in the name' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ description: 'true or false' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    value === 'true' ? true : value === 'false' ? false : value,
  )
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({ enum: SCHOOL_SORTS, default: 'name' })
  @IsOptional()
  @IsIn(SCHOOL_SORTS)
  sort: SchoolSort = 'name';

  @ApiPropertyOptional({ enum: ['asc', 'desc'], default: 'asc' })
  @IsOptional()
  @IsIn(['asc', 'desc'])
  order: 'asc' | 'desc' = 'asc';

  @IdListQuery()
  ids?: number[];
}

export class SchoolResponseDto {
  @ApiProperty() id: number;
  @ApiProperty() npsn: string;
  @ApiProperty() name: string;
  @ApiProperty() regionCode: string;
  @ApiProperty({ enum: SchoolStatus }) status: SchoolStatus;
  @ApiProperty({ enum: Accreditation, nullable: true }) accreditation: Accreditation | null;
  @ApiProperty() address: string;
  @ApiProperty() active: boolean;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;

  static from(school: School): SchoolResponseDto {
    return {
      id: school.id,
      npsn: school.npsn,
      name: school.name,
      regionCode: school.regionCode,
      status: school.status,
      accreditation: school.accreditation,
      address: school.address,
      active: school.active,
      createdAt: school.createdAt.toISOString(),
      updatedAt: school.updatedAt.toISOString(),
    };
  }
}

export class SchoolPageDto {
  @ApiProperty({ type: [SchoolResponseDto] }) items: SchoolResponseDto[];
  @ApiProperty() meta: PageMetaDto;
}

export class ProgramDto {
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty() field: string;

  static from(p: ProgramRecord): ProgramDto {
    return { code: p.code, name: p.name, field: p.field };
  }
}

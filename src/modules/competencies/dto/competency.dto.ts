import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
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
import { MAX_PAGE_SIZE, PageMetaDto, PageQueryDto } from '../../../common/pagination/pagination';
import { UNIT_CODE } from '../competencies.rules';
import { ISO_DATE } from '../../../common/database/dates';
import { CompetencySource, CompetencyUnitKind, CompetencyUnitRecord } from '../competencies.types';
import type { StudentCompetency } from '../student-competency.entity';

export class CreateCompetencyUnitDto {
  @ApiProperty({
    example: 'C.293020.001.01',
    description: 'SKKNI-shaped X.000000.000.00, or a local code (A-Z, 0-9, . _ -)',
  })
  @IsString()
  @MaxLength(32)
  code: string;

  @ApiProperty({ example: 'Melakukan Perawatan Berkala Kendaraan Ringan' })
  @IsString()
  @MinLength(3)
  @MaxLength(255)
  name: string;

  @ApiProperty({ example: 'Otomotif' })
  @IsString()
  @MinLength(2)
  @MaxLength(100)
  sector: string;
}

export class UpdateCompetencyUnitDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MinLength(3)
  @MaxLength(255)
  name?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MinLength(2)
  @MaxLength(100)
  sector?: string;
}

export class ListCompetencyUnitsQuery extends PageQueryDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(100)
  sector?: string;

  @ApiPropertyOptional({ description: 'Search in code and name' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  /** So that a page can name the units its rows cite (a round's explanations) in one call. */
  @ApiPropertyOptional({
    type: String,
    description: `Comma-separated unit codes, at most ${MAX_PAGE_SIZE}: only those units`,
    example: 'C.293020.001.01,C.293020.002.01',
  })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.split(',').map((code) => code.trim()) : value,
  )
  @IsArray({ message: 'codes must be unit codes separated by commas' })
  @Matches(UNIT_CODE, { each: true, message: 'codes must be unit codes separated by commas' })
  @ArrayMaxSize(MAX_PAGE_SIZE, { message: `codes may name at most ${MAX_PAGE_SIZE} units` })
  codes?: string[];
}

export class CompetencyUnitDto {
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty() sector: string;
  @ApiProperty({ enum: CompetencyUnitKind }) kind: CompetencyUnitKind;

  static from(u: CompetencyUnitRecord): CompetencyUnitDto {
    return { code: u.code, name: u.name, sector: u.sector, kind: u.kind };
  }
}

export class CompetencyUnitPageDto {
  @ApiProperty({ type: [CompetencyUnitDto] }) items: CompetencyUnitDto[];
  @ApiProperty() meta: PageMetaDto;
}

export class RecordCompetencyDto {
  @ApiProperty({ minimum: 1, maximum: 5 })
  @IsInt()
  @Min(1)
  @Max(5)
  level: number;

  @ApiProperty({ enum: CompetencySource })
  @IsEnum(CompetencySource)
  source: CompetencySource;

  @ApiPropertyOptional({ example: 'LSP-P1/2026/00123', maxLength: 100 })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  evidenceRef?: string;

  @ApiProperty({ example: '2026-05-01' })
  @Matches(ISO_DATE, { message: 'achievedOn must be a date YYYY-MM-DD' })
  achievedOn: string;
}

export class StudentCompetencyDto {
  @ApiProperty() unitCode: string;
  @ApiProperty() unitName: string;
  @ApiProperty() level: number;
  @ApiProperty({ enum: CompetencySource }) source: CompetencySource;
  @ApiProperty() evidenceRef: string;
  @ApiProperty() achievedOn: string;

  static from(c: StudentCompetency): StudentCompetencyDto {
    return {
      unitCode: c.unitCode,
      unitName: c.unit?.name ?? '',
      level: c.level,
      source: c.source,
      evidenceRef: c.evidenceRef,
      achievedOn: c.achievedOn,
    };
  }
}

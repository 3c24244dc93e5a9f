import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
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
  ValidateNested,
} from 'class-validator';
import { ExportFormat } from '../../../common/export/table-export';
import { PageMetaDto, PageQueryDto } from '../../../common/pagination/pagination';
import { EducationLevel } from '../vacancy-report.entity';

const PERIOD = /^\d{4}-(0[1-9]|1[0-2])$/;

export class VacancyLineDto {
  @ApiProperty({ example: 'Operator Mesin CNC' })
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  title: string;

  @ApiProperty({ example: '7223', description: 'KBJI 2014 occupation code, 4 to 6 digits' })
  @Matches(/^\d{4,6}$/, { message: 'kbjiCode must be 4 to 6 digits (KBJI 2014)' })
  kbjiCode: string;

  @ApiProperty({ minimum: 1 })
  @IsInt()
  @Min(1)
  @Max(100_000)
  count: number;

  @ApiProperty({ enum: EducationLevel })
  @IsEnum(EducationLevel)
  educationLevel: EducationLevel;

  @ApiProperty({ example: '3672' })
  @Matches(/^\d{4}$/, { message: 'regionCode must be a 4-digit BPS code' })
  regionCode: string;

  @ApiProperty({ example: 4_800_000, description: 'Monthly, rupiah' })
  @IsInt()
  @Min(0)
  @Max(1_000_000_000)
  wageMin: number;

  @ApiProperty({ example: 6_000_000, description: 'Monthly, rupiah' })
  @IsInt()
  @Min(0)
  @Max(1_000_000_000)
  wageMax: number;

  @ApiPropertyOptional({ type: [String], description: 'Competency units the job needs' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(15)
  @IsString({ each: true })
  unitCodes?: string[];
}

export class CreateVacancyReportDto {
  @ApiPropertyOptional({
    description:
      'Required for admins and coordinators; a company_admin reports for their own company',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  companyId?: number;

  @ApiProperty({ example: '2026-11', description: 'YYYY-MM' })
  @Matches(PERIOD, { message: 'period must be YYYY-MM' })
  period: string;

  @ApiProperty({ type: [VacancyLineDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => VacancyLineDto)
  vacancies: VacancyLineDto[];
}

export class PeriodQuery {
  @ApiProperty({ example: '2026-11' })
  @Matches(PERIOD, { message: 'period must be YYYY-MM' })
  period: string;
}

export class KarirhubExportQuery extends PeriodQuery {
  @ApiPropertyOptional({ enum: ExportFormat, default: ExportFormat.Csv })
  @IsOptional()
  @IsEnum(ExportFormat)
  format: ExportFormat = ExportFormat.Csv;
}

export class PeriodPageQuery extends PageQueryDto {
  @ApiProperty({ example: '2026-11' })
  @Matches(PERIOD, { message: 'period must be YYYY-MM' })
  period: string;
}

export class ListVacancyReportsQuery extends PageQueryDto {
  @ApiPropertyOptional({ example: '2026-11' })
  @IsOptional()
  @Matches(PERIOD, { message: 'period must be YYYY-MM' })
  period?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  companyId?: number;
}

export class VacancyReportDto {
  @ApiProperty() id: number;
  @ApiProperty() companyId: number;
  @ApiProperty() period: string;
  @ApiProperty() title: string;
  @ApiProperty() kbjiCode: string;
  @ApiProperty() count: number;
  @ApiProperty({ enum: EducationLevel }) educationLevel: EducationLevel;
  @ApiProperty() regionCode: string;
  @ApiProperty() wageMin: number;
  @ApiProperty() wageMax: number;
  @ApiProperty({ type: [String] }) unitCodes: string[];
  @ApiProperty() reportedAt: string;
}

export class VacancyReportPageDto {
  @ApiProperty({ type: [VacancyReportDto] }) items: VacancyReportDto[];
  @ApiProperty() meta: PageMetaDto;
}

export class NonReporterDto {
  @ApiProperty() companyId: number;
  @ApiProperty() nib: string;
  @ApiProperty() name: string;
  @ApiProperty() regionCode: string;
  @ApiProperty() contactEmail: string;
}

export class NonReporterPageDto {
  @ApiProperty({ type: [NonReporterDto] }) items: NonReporterDto[];
  @ApiProperty() meta: PageMetaDto;
}

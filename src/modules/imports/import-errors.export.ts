import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsEnum, IsIn, IsOptional } from 'class-validator';
import type { TableExport } from '../../common/export/table-export';
import { LOCALES, type Locale } from '../../common/i18n/problem-text';
import { PageQueryDto } from '../../common/pagination/pagination';
import type { ImportRowError } from './import-row-error.entity';

export enum ImportErrorsFormat {
  Json = 'json',
  Csv = 'csv',
  Xlsx = 'xlsx',
}

export class ImportErrorsQuery extends PageQueryDto {
  @ApiPropertyOptional({
    enum: ImportErrorsFormat,
    default: ImportErrorsFormat.Json,
    description: 'csv / xlsx: every rejected row (number, column, message) as a file, unpaged',
  })
  @IsOptional()
  @IsEnum(ImportErrorsFormat)
  format: ImportErrorsFormat = ImportErrorsFormat.Json;
}

export class RejectedRowsQuery {
  @ApiPropertyOptional({ enum: ['csv', 'xlsx'], default: 'csv' })
  @IsOptional()
  @IsIn(['csv', 'xlsx'], { message: 'format must be csv or xlsx' })
  format: 'csv' | 'xlsx' = 'csv';

  @ApiPropertyOptional({
    enum: LOCALES,
    default: 'id',
    description: "the reasons' language: Indonesian (id) or English (en)",
  })
  @IsOptional()
  @IsIn(LOCALES)
  lang: Locale = 'id';
}

/**
 * The rejected rows of an import as a file the operator fixes the upload by: where (row number
 * in the file, header = 1, and column) and why. The rows' values are never stored, so never here.
 */
export const IMPORT_ERRORS_TABLE: TableExport<ImportRowError> = {
  sheet: 'Rejected rows',
  columns: [
    { header: 'row_number', type: 'integer', value: (e) => e.rowNumber },
    { header: 'column', type: 'text', value: (e) => e.field, width: 20 },
    { header: 'message', type: 'text', value: (e) => e.reason, width: 60 },
  ],
};

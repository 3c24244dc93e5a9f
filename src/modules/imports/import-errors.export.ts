import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsEnum, IsIn, IsOptional } from 'class-validator';
import type { TableExport } from '../../common/export/table-export';
import { LocaleQueryDto } from '../../common/i18n/locale-query';
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

export class RejectedRowsQuery extends LocaleQueryDto {
  @ApiPropertyOptional({ enum: ['csv', 'xlsx'], default: 'csv' })
  @IsOptional()
  @IsIn(['csv', 'xlsx'], { message: 'format must be csv or xlsx' })
  format: 'csv' | 'xlsx' = 'csv';
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

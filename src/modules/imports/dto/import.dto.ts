import { ApiProperty, ApiPropertyOptional, type ApiPropertyOptions } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsEnum, IsIn, IsInt, IsOptional, IsString, MaxLength, Min } from 'class-validator';
import { PageMetaDto, PageQueryDto } from '../../../common/pagination/pagination';
import type { ImportRowError } from '../import-row-error.entity';
import type { Import } from '../import.entity';
import { ImportFormat, ImportKind, ImportStatus } from '../imports.types';

/** The form fields next to the `file` part. */
export class ImportUploadDto {
  @ApiPropertyOptional({
    description: 'Required for admin/coordinator; a school_admin imports into their own school',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  schoolId?: number;

  @ApiPropertyOptional({
    description: 'For an .xlsx file: the sheet to read (default: the first); ignored for CSV',
    maxLength: 100,
    example: 'Siswa',
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  sheet?: string;
}

export class TemplateParams {
  @ApiProperty({ enum: ImportKind })
  @IsEnum(ImportKind)
  kind: ImportKind;
}

export class TemplateQuery {
  @ApiPropertyOptional({ enum: ImportFormat, default: ImportFormat.Xlsx })
  @IsOptional()
  @IsIn(Object.values(ImportFormat))
  format?: ImportFormat;

  @ApiPropertyOptional({
    description:
      "Admin/coordinator: the school whose programmes the template lists (default: the national list); a school_admin's is theirs",
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  schoolId?: number;
}

export class ListImportsQuery extends PageQueryDto {
  @ApiPropertyOptional({ enum: ImportKind })
  @IsOptional()
  @IsEnum(ImportKind)
  kind?: ImportKind;
}

const IGNORED_COLUMNS: ApiPropertyOptions = {
  type: [String],
  description: 'Headers of the file naming no column of this import: ignored (as written)',
  example: ['Tempat Lahir', 'Agama'],
};

export class ImportAcceptedDto {
  @ApiProperty() id: number;
  @ApiProperty({ enum: ImportStatus }) status: ImportStatus;
  @ApiProperty(IGNORED_COLUMNS) ignoredColumns: string[];

  static from(i: Import): ImportAcceptedDto {
    return { id: i.id, status: i.status, ignoredColumns: i.ignoredColumns };
  }
}

export class ImportRowErrorDto {
  @ApiProperty({ description: 'Record number in the file; the header is row 1' }) row: number;
  @ApiProperty({ example: 'nik' }) field: string;
  @ApiProperty({ example: 'must start with a valid province code' }) reason: string;

  static from(e: ImportRowError): ImportRowErrorDto {
    return { row: e.rowNumber, field: e.field, reason: e.reason };
  }
}

export class ImportDto {
  @ApiProperty() id: number;
  @ApiProperty({ enum: ImportKind }) kind: ImportKind;
  @ApiProperty() schoolId: number;
  @ApiProperty({ enum: ImportStatus }) status: ImportStatus;
  @ApiProperty() fileName: string;
  @ApiProperty({ enum: ImportFormat, description: 'Found from the content, not the name' })
  format: ImportFormat;
  @ApiProperty({ description: "The .xlsx sheet asked for ('' = the first)" }) sheet: string;
  @ApiProperty(IGNORED_COLUMNS) ignoredColumns: string[];
  @ApiProperty({
    description:
      'Data rows in the file (header excluded): estimated from the share of the file read while the import runs, exact once it has completed',
  })
  totalRows: number;
  @ApiProperty({ description: 'Data rows processed so far' }) processedRows: number;
  @ApiProperty() created: number;
  @ApiProperty() updated: number;
  @ApiProperty() unchanged: number;
  @ApiProperty() rejected: number;
  @ApiProperty({ description: 'Why the whole file was refused, if it was' }) failure: string;
  @ApiProperty() createdAt: string;
  @ApiProperty({ type: String, nullable: true }) finishedAt: string | null;

  static from(i: Import): ImportDto {
    return {
      id: i.id,
      kind: i.kind,
      schoolId: i.schoolId,
      status: i.status,
      fileName: i.fileName,
      format: i.format,
      sheet: i.sheet,
      ignoredColumns: i.ignoredColumns,
      totalRows: i.totalRows,
      processedRows: i.nextRow,
      created: i.created,
      updated: i.updated,
      unchanged: i.unchanged,
      rejected: i.rejected,
      failure: i.failure,
      createdAt: i.createdAt.toISOString(),
      finishedAt: i.finishedAt ? i.finishedAt.toISOString() : null,
    };
  }
}

export class ImportDetailDto extends ImportDto {
  @ApiProperty({
    type: [ImportRowErrorDto],
    description: 'The first 1,000 rejected rows; all of them at /imports/{id}/errors',
  })
  errors: ImportRowErrorDto[];
}

export class ImportPageDto {
  @ApiProperty({ type: [ImportDto] }) items: ImportDto[];
  @ApiProperty() meta: PageMetaDto;
}

export class ImportRowErrorPageDto {
  @ApiProperty({ type: [ImportRowErrorDto] }) items: ImportRowErrorDto[];
  @ApiProperty() meta: PageMetaDto;
}

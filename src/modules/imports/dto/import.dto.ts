import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsEnum, IsInt, IsOptional, Min } from 'class-validator';
import { PageMetaDto, PageQueryDto } from '../../../common/pagination/pagination';
import type { ImportRowError } from '../import-row-error.entity';
import type { Import } from '../import.entity';
import { ImportKind, ImportStatus } from '../imports.types';

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
}

export class ListImportsQuery extends PageQueryDto {
  @ApiPropertyOptional({ enum: ImportKind })
  @IsOptional()
  @IsEnum(ImportKind)
  kind?: ImportKind;
}

export class ImportAcceptedDto {
  @ApiProperty() id: number;
  @ApiProperty({ enum: ImportStatus }) status: ImportStatus;
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
  @ApiProperty({ description: 'Data rows in the file (header excluded)' }) totalRows: number;
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

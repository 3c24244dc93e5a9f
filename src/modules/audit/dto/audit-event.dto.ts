import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsEnum, IsInt, IsOptional, Min } from 'class-validator';
import { PageMetaDto, PageQueryDto } from '../../../common/pagination/pagination';
import { AuditAction, AuditEvent } from '../audit-event.entity';

export class ListAuditEventsQuery extends PageQueryDto {
  @ApiPropertyOptional()
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  studentId?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  actorUserId?: number;

  @ApiPropertyOptional({ enum: AuditAction })
  @IsOptional()
  @IsEnum(AuditAction)
  action?: AuditAction;
}

export class AuditEventDto {
  @ApiProperty() id: number;
  @ApiProperty() occurredAt: string;
  @ApiProperty({ type: Number, nullable: true }) actorUserId: number | null;
  @ApiProperty() actorRole: string;
  @ApiProperty({ enum: AuditAction }) action: AuditAction;
  @ApiProperty() studentId: number;
  @ApiProperty({ type: [String], example: ['nik', 'birthDate'] }) fields: string[];
  @ApiProperty({ type: Number, nullable: true }) importId: number | null;

  static from(e: AuditEvent): AuditEventDto {
    return {
      id: e.id,
      occurredAt: e.occurredAt.toISOString(),
      actorUserId: e.actorUserId,
      actorRole: e.actorRole,
      action: e.action,
      studentId: e.studentId,
      fields: e.fields.split(','),
      importId: e.importId,
    };
  }
}

export class AuditEventPageDto {
  @ApiProperty({ type: [AuditEventDto] }) items: AuditEventDto[];
  @ApiProperty() meta: PageMetaDto;
}

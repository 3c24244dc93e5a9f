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

  @ApiPropertyOptional({ description: 'The account an account event is about' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  subjectUserId?: number;

  @ApiPropertyOptional({ enum: AuditAction })
  @IsOptional()
  @IsEnum(AuditAction)
  action?: AuditAction;
}

export class AuditEventDto {
  @ApiProperty() id: number;
  @ApiProperty() occurredAt: string;
  @ApiProperty({ type: Number, nullable: true }) actorUserId: number | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: "The actor's display name; null for the system or a deleted user",
  })
  actorName: string | null;
  @ApiProperty() actorRole: string;
  @ApiProperty({ enum: AuditAction }) action: AuditAction;
  @ApiProperty({ type: Number, nullable: true, description: 'Null for an account event' })
  studentId: number | null;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'The account a password event is about; null for a personal-data event',
  })
  subjectUserId: number | null;
  @ApiProperty({ type: [String], example: ['nik', 'birthDate'] }) fields: string[];
  @ApiProperty({ type: Number, nullable: true }) importId: number | null;

  static from(e: AuditEvent, names: Map<number, string>): AuditEventDto {
    return {
      id: e.id,
      occurredAt: e.occurredAt.toISOString(),
      actorUserId: e.actorUserId,
      actorName: e.actorUserId === null ? null : (names.get(e.actorUserId) ?? null),
      actorRole: e.actorRole,
      action: e.action,
      studentId: e.studentId,
      subjectUserId: e.subjectUserId,
      fields: e.fields.split(','),
      importId: e.importId,
    };
  }
}

export class AuditEventPageDto {
  @ApiProperty({ type: [AuditEventDto] }) items: AuditEventDto[];
  @ApiProperty() meta: PageMetaDto;
}

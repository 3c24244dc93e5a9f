import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional, IsString, MaxLength } from 'class-validator';
import { PageMetaDto, PageQueryDto } from '../../../common/pagination/pagination';
import { OutboxEvent } from '../outbox-event.entity';

export class ListOutboxQuery extends PageQueryDto {
  @ApiPropertyOptional({ description: 'true: delivered only; false: waiting for delivery only' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    value === 'true' ? true : value === 'false' ? false : value,
  )
  @IsBoolean()
  delivered?: boolean;

  @ApiPropertyOptional({ example: 'placement.accepted' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  type?: string;
}

export class OutboxEventDto {
  @ApiProperty() id: number;
  @ApiProperty({ example: 'placement.accepted' }) type: string;
  @ApiProperty({ example: 'placement.accepted:42' }) idempotencyKey: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) payload: Record<string, unknown>;
  @ApiProperty() createdAt: string;
  @ApiProperty({ type: String, nullable: true }) deliveredAt: string | null;
  @ApiProperty() attempts: number;
  @ApiProperty({ type: String, nullable: true }) lastError: string | null;

  static from(row: OutboxEvent): OutboxEventDto {
    return {
      id: row.id,
      type: row.type,
      idempotencyKey: row.idempotencyKey,
      payload: JSON.parse(row.payload) as Record<string, unknown>,
      createdAt: row.createdAt.toISOString(),
      deliveredAt: row.deliveredAt ? row.deliveredAt.toISOString() : null,
      attempts: row.attempts,
      lastError: row.lastError,
    };
  }
}

export class OutboxEventPageDto {
  @ApiProperty({ type: [OutboxEventDto] }) items: OutboxEventDto[];
  @ApiProperty({ type: PageMetaDto }) meta: PageMetaDto;
}

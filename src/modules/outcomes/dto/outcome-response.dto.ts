import { ApiProperty } from '@nestjs/swagger';
import { PageMetaDto } from '../../../common/pagination/pagination';
import type { Outcome } from '../outcome.entity';
import { OutcomeSource, OutcomeStatus } from '../outcomes.types';

export class OutcomeResponseDto {
  @ApiProperty() id: number;
  @ApiProperty() studentId: number;
  @ApiProperty() schoolId: number;
  @ApiProperty({ enum: OutcomeStatus }) status: OutcomeStatus;
  @ApiProperty({ example: '2026-09-01' }) outcomeDate: string;
  @ApiProperty() employerName: string;
  @ApiProperty({ type: String, nullable: true }) regionCode: string | null;
  @ApiProperty({ type: Number, nullable: true }) placementId: number | null;
  @ApiProperty({ enum: OutcomeSource }) source: OutcomeSource;
  @ApiProperty() notes: string;
  @ApiProperty() createdAt: string;

  static from(outcome: Outcome & { schoolId: number }): OutcomeResponseDto {
    return {
      id: outcome.id,
      studentId: outcome.studentId,
      schoolId: outcome.schoolId,
      status: outcome.status,
      outcomeDate: outcome.outcomeDate,
      employerName: outcome.employerName,
      regionCode: outcome.regionCode,
      placementId: outcome.placementId,
      source: outcome.source,
      notes: outcome.notes,
      createdAt: outcome.createdAt.toISOString(),
    };
  }
}

export class OutcomePageDto {
  @ApiProperty({ type: [OutcomeResponseDto] }) items: OutcomeResponseDto[];
  @ApiProperty() meta: PageMetaDto;
}

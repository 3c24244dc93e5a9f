import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEnum, IsInt, IsOptional, IsString, Matches, MaxLength, Min } from 'class-validator';
import { OutcomeStatus } from '../outcomes.types';

export class RecordOutcomeDto {
  @ApiPropertyOptional({ description: 'Required unless the caller is the student themself' })
  @IsOptional()
  @IsInt()
  @Min(1)
  studentId?: number;

  @ApiProperty({ enum: OutcomeStatus })
  @IsEnum(OutcomeStatus)
  status: OutcomeStatus;

  @ApiProperty({ example: '2026-09-01', description: 'The date the graduate was in this state' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'outcomeDate must be a date YYYY-MM-DD' })
  outcomeDate: string;

  @ApiPropertyOptional({ description: 'Required for employed and apprenticeship' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  employerName?: string;

  @ApiPropertyOptional({ example: '3672', description: 'Where the graduate works or studies' })
  @IsOptional()
  @Matches(/^\d{4}$/, { message: 'regionCode must be 4 digits' })
  regionCode?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(500)
  notes?: string;
}

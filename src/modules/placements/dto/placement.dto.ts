import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { PageMetaDto, PageQueryDto } from '../../../common/pagination/pagination';
import { PlacementSource, PlacementStatus } from '../placement.entity';

export class CreatePlacementDto {
  @ApiProperty()
  @IsInt()
  @Min(1)
  studentId: number;

  @ApiProperty()
  @IsInt()
  @Min(1)
  slotId: number;

  @ApiPropertyOptional({
    description: 'When the offer lapses; default 7 days from now',
    example: '2026-12-31T23:59:59Z',
  })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'offerDeadline must be an ISO 8601 date-time' })
  offerDeadline?: string;
}

export class EvaluationDto {
  @ApiProperty({ minimum: 1, maximum: 5 })
  @IsInt()
  @Min(1)
  @Max(5)
  score: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  notes?: string;
}

export class TerminationDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 5 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(5)
  score?: number;

  @ApiProperty({ description: 'Why the placement ends early' })
  @IsString()
  @MinLength(3)
  @MaxLength(2000)
  notes: string;
}

export class ListPlacementsQuery extends PageQueryDto {
  @ApiPropertyOptional({ enum: PlacementStatus })
  @IsOptional()
  @IsIn(Object.values(PlacementStatus))
  status?: PlacementStatus;

  @ApiPropertyOptional()
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  slotId?: number;

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
  runId?: number;
}

export class PlacementDto {
  @ApiProperty() id: number;
  @ApiProperty() studentId: number;
  @ApiProperty() studentName: string;
  @ApiProperty() schoolId: number;
  @ApiProperty() slotId: number;
  @ApiProperty() slotTitle: string;
  @ApiProperty() companyId: number;
  @ApiProperty({ description: "The company's name: students and schools may not read companies" })
  companyName: string;
  @ApiProperty({ enum: PlacementStatus }) status: PlacementStatus;
  @ApiProperty({ enum: PlacementSource }) source: PlacementSource;
  @ApiProperty({ type: Number, nullable: true }) runId: number | null;
  @ApiProperty({ type: String, nullable: true }) offerDeadline: string | null;
  @ApiProperty() startDate: string;
  @ApiProperty() endDate: string;
  @ApiProperty({ type: Number, nullable: true }) evaluationScore: number | null;
  @ApiProperty({ type: String, nullable: true }) evaluationNotes: string | null;
  @ApiProperty({ type: Number, nullable: true, description: 'The assigned teacher (user id)' })
  teacherId: number | null;

  @ApiProperty({ type: Number, nullable: true, description: 'The assigned mentor (user id)' })
  mentorId: number | null;

  @ApiProperty() updatedAt: string;
}

export class PlacementPageDto {
  @ApiProperty({ type: [PlacementDto] }) items: PlacementDto[];
  @ApiProperty() meta: PageMetaDto;
}

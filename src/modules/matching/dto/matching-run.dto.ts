import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEnum,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { PageMetaDto, PageQueryDto } from '../../../common/pagination/pagination';
import { RunStatus } from '../matching-run.entity';

export class RunScopeDto {
  @ApiPropertyOptional({
    type: [String],
    description: 'Students domiciled in these regions; empty or absent: all',
    example: ['3672'],
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(600)
  @Matches(/^\d{4}$/, { each: true, message: 'each region code must be 4 digits' })
  regionCodes?: string[];

  @ApiPropertyOptional({ example: 2026 })
  @IsOptional()
  @IsInt()
  @Min(2000)
  @Max(2100)
  graduationYear?: number;

  @ApiPropertyOptional({ description: 'Students enrolled in this cohort' })
  @IsOptional()
  @IsInt()
  @Min(1)
  cohortId?: number;

  @ApiPropertyOptional({
    default: true,
    description:
      'Leave out students who already hold an accepted or active placement, or an offer still open',
  })
  @IsOptional()
  @IsBoolean()
  onlyUnplaced?: boolean;
}

export class WeightsDto {
  @ApiPropertyOptional({ minimum: 0, maximum: 1 })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(1)
  competency?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: 1 })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(1)
  region?: number;
}

export class ReservesDto {
  @ApiProperty({
    type: [String],
    description: 'High-unemployment regions whose students get reserved seats',
  })
  @IsArray()
  @ArrayMaxSize(600)
  @Matches(/^\d{4}$/, { each: true, message: 'each region code must be 4 digits' })
  regionCodes: string[];

  @ApiPropertyOptional({
    minimum: 0,
    maximum: 1,
    default: 0.2,
    description: "Share of each slot's seats reserved",
  })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(1)
  share?: number;
}

export class EngineOptionsDto {
  @ApiPropertyOptional({
    enum: ['same_region', 'same_province', 'prefer_same', 'any'],
    default: 'same_province',
  })
  @IsOptional()
  @IsIn(['same_region', 'same_province', 'prefer_same', 'any'])
  regionPolicy?: 'same_region' | 'same_province' | 'prefer_same' | 'any';

  @ApiPropertyOptional({ description: 'Seed of the lottery that breaks the last ties', default: 1 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(2_147_483_647)
  seed?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 100 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100)
  maxPreferences?: number;

  @ApiPropertyOptional({
    description: 'Stable mode: at most this many students of one school per company',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10_000)
  schoolCompanyCap?: number;

  @ApiPropertyOptional({ type: ReservesDto, description: 'Stable mode: reserved seats' })
  @IsOptional()
  @ValidateNested()
  @Type(() => ReservesDto)
  reserves?: ReservesDto;

  @ApiPropertyOptional({ type: WeightsDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => WeightsDto)
  weights?: WeightsDto;

  @ApiPropertyOptional({ description: 'Optimal mode: maximise the number matched first' })
  @IsOptional()
  @IsBoolean()
  maximizeMatchedFirst?: boolean;
}

export class CreateRunDto {
  @ApiProperty({ type: RunScopeDto })
  @ValidateNested()
  @Type(() => RunScopeDto)
  scope: RunScopeDto;

  @ApiProperty({ enum: ['stable', 'optimal'] })
  @IsIn(['stable', 'optimal'])
  mode: 'stable' | 'optimal';

  @ApiPropertyOptional({ type: EngineOptionsDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => EngineOptionsDto)
  options?: EngineOptionsDto;

  @ApiPropertyOptional({
    minimum: 1,
    maximum: 60,
    default: 7,
    description: 'Days an offer stays open after publishing',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(60)
  offerDays?: number;
}

export class RunCreatedDto {
  @ApiProperty() id: number;
  @ApiProperty({ enum: RunStatus }) status: RunStatus;
}

export class RunDto {
  @ApiProperty() id: number;
  @ApiProperty({ enum: RunStatus }) status: RunStatus;
  @ApiProperty() stage: string;
  @ApiProperty() progress: number;
  @ApiProperty({ enum: ['stable', 'optimal'] }) mode: string;
  @ApiProperty({ type: RunScopeDto }) scope: RunScopeDto;
  @ApiProperty({ type: 'object', additionalProperties: true }) options: Record<string, unknown>;
  @ApiProperty() offerDays: number;
  @ApiProperty({ type: 'object', nullable: true, additionalProperties: true }) stats: Record<
    string,
    unknown
  > | null;
  @ApiProperty({ type: 'object', nullable: true, additionalProperties: { type: 'number' } })
  timings: Record<string, number> | null;
  @ApiProperty({ type: String, nullable: true }) error: string | null;
  @ApiProperty() createdAt: string;
  @ApiProperty({ type: String, nullable: true }) startedAt: string | null;
  @ApiProperty({ type: String, nullable: true }) finishedAt: string | null;
  @ApiProperty({ type: String, nullable: true }) publishedAt: string | null;
  @ApiProperty({ description: 'The user who started the round' }) createdBy: number;
  @ApiProperty({
    type: String,
    nullable: true,
    description: "That user's display name; null when the user no longer exists",
  })
  createdByName: string | null;
}

export class ProposalDto {
  @ApiProperty() studentId: number;
  @ApiProperty() studentName: string;
  @ApiProperty() schoolId: number;
  @ApiProperty() slotId: number;
  @ApiProperty() slotTitle: string;
  @ApiProperty() companyId: number;
  @ApiProperty() score: number;
  @ApiProperty({ type: Number, nullable: true }) rank: number | null;
  @ApiProperty({ type: 'object', additionalProperties: true }) explanation: Record<string, unknown>;
}

export enum MatchingResultsFormat {
  Json = 'json',
  Csv = 'csv',
  Xlsx = 'xlsx',
}

export class MatchingResultsQuery extends PageQueryDto {
  @ApiPropertyOptional({
    enum: MatchingResultsFormat,
    default: MatchingResultsFormat.Json,
    description: 'csv / xlsx: every row the user may see (with the NISN) as a file, unpaged',
  })
  @IsOptional()
  @IsEnum(MatchingResultsFormat)
  format: MatchingResultsFormat = MatchingResultsFormat.Json;
}

export class ProposalPageDto {
  @ApiProperty({ type: [ProposalDto] }) items: ProposalDto[];
  @ApiProperty() meta: PageMetaDto;
}

export class UnmatchedDto {
  @ApiProperty() studentId: number;
  @ApiProperty() studentName: string;
  @ApiProperty() schoolId: number;
  @ApiProperty() reasonCode: string;
  @ApiProperty({
    type: 'integer',
    nullable: true,
    description: 'The slot the reason names: the closest one, or the first choice',
  })
  slotId: number | null;
  @ApiProperty({ type: 'string', nullable: true, description: "That slot's title" })
  slotTitle: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true }) reason: Record<string, unknown>;
}

export class UnmatchedPageDto {
  @ApiProperty({ type: [UnmatchedDto] }) items: UnmatchedDto[];
  @ApiProperty() meta: PageMetaDto;
}

export class PublishResultDto {
  @ApiProperty({ description: 'Offers made' }) offered: number;
  @ApiProperty({
    description:
      'Proposals skipped: the student was placed meanwhile, or already has an offer for the slot',
  })
  skipped: number;
}

export class ListRunsQuery extends PageQueryDto {
  @ApiPropertyOptional({ enum: RunStatus })
  @IsOptional()
  @IsIn(Object.values(RunStatus))
  status?: RunStatus;
}

export class RunPageDto {
  @ApiProperty({ type: [RunDto] }) items: RunDto[];
  @ApiProperty() meta: PageMetaDto;
}

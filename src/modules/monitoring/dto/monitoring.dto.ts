import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { ISO_DATE } from '../../../common/database/dates';
import { PageMetaDto } from '../../../common/pagination/pagination';
import { AttendanceStatus, CertificateStatus, JournalStatus } from '../monitoring.types';

const UNIT_CODE = /^[A-Za-z0-9._-]{1,32}$/;

export class AssignSupervisorDto {
  @ApiProperty({
    type: Number,
    nullable: true,
    description:
      'The teacher (of the placement’s school) or mentor (of its company); null clears it',
  })
  @ValidateIf((o: AssignSupervisorDto) => o.userId !== null)
  @IsInt()
  @Min(1)
  userId: number | null;
}

export class CreateJournalEntryDto {
  @ApiProperty({
    example: '2026-08-03',
    description: 'A day of the active placement, not in the future',
  })
  @Matches(ISO_DATE, { message: 'date must be YYYY-MM-DD' })
  date: string;

  @ApiProperty({ description: 'What the student did' })
  @IsString()
  @MinLength(1)
  @MaxLength(4000)
  activities: string;

  @ApiProperty({ type: [String], description: 'The slot’s units practised' })
  @IsArray()
  @ArrayMaxSize(20)
  @Matches(UNIT_CODE, { each: true, message: 'each unit code must be a catalogue code' })
  unitCodes: string[];

  @ApiProperty({ minimum: 1, maximum: 12 })
  @IsInt()
  @Min(1)
  @Max(12)
  hours: number;
}

export class UpdateJournalEntryDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(4000)
  activities?: string;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @Matches(UNIT_CODE, { each: true, message: 'each unit code must be a catalogue code' })
  unitCodes?: string[];

  @ApiPropertyOptional({ minimum: 1, maximum: 12 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(12)
  hours?: number;
}

export class CommentDto {
  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  comment: string;
}

export class ApproveDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  comment?: string;
}

export class JournalEntryDto {
  @ApiProperty() id: number;
  @ApiProperty() placementId: number;
  @ApiProperty() date: string;
  @ApiProperty() activities: string;
  @ApiProperty({ type: [String] }) unitCodes: string[];
  @ApiProperty() hours: number;
  @ApiProperty({ enum: JournalStatus }) status: JournalStatus;
  @ApiProperty({ type: String, nullable: true }) mentorComment: string | null;
  @ApiProperty({ type: String, nullable: true }) reviewedAt: string | null;
  @ApiProperty({ type: String, nullable: true }) teacherComment: string | null;
  @ApiProperty({ type: String, nullable: true }) commentedAt: string | null;
  @ApiProperty() hasPhoto: boolean;
  @ApiProperty() updatedAt: string;
}

export class JournalEntryPageDto {
  @ApiProperty({ type: [JournalEntryDto] }) items: JournalEntryDto[];
  @ApiProperty() meta: PageMetaDto;
}

export class RecordAttendanceDto {
  @ApiProperty({ enum: AttendanceStatus })
  @IsEnum(AttendanceStatus)
  status: AttendanceStatus;

  @ApiPropertyOptional({ maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;
}

export class AttendanceDto {
  @ApiProperty() id: number;
  @ApiProperty() placementId: number;
  @ApiProperty() day: string;
  @ApiProperty({ enum: AttendanceStatus }) status: AttendanceStatus;
  @ApiProperty() note: string;
  @ApiProperty() hasEvidence: boolean;
  @ApiProperty({ type: String, nullable: true }) confirmedAt: string | null;
}

export class AttendancePageDto {
  @ApiProperty({ type: [AttendanceDto] }) items: AttendanceDto[];
  @ApiProperty() meta: PageMetaDto;
}

export class AttendanceSummaryDto {
  @ApiProperty() placementId: number;
  @ApiProperty() hadir: number;
  @ApiProperty() izin: number;
  @ApiProperty() sakit: number;
  @ApiProperty() alpa: number;
  @ApiProperty() recorded: number;
  @ApiProperty() confirmed: number;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Percent of recorded days present (hadir); null when none is recorded',
  })
  rate: number | null;
}

export class CreateVisitDto {
  @ApiProperty({ example: '2026-08-10' })
  @Matches(ISO_DATE, { message: 'visitDate must be YYYY-MM-DD' })
  visitDate: string;

  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(4000)
  notes: string;

  @ApiProperty()
  @IsString()
  @MaxLength(4000)
  findings: string;
}

export class VisitDto {
  @ApiProperty() id: number;
  @ApiProperty() placementId: number;
  @ApiProperty() visitedBy: number;
  @ApiProperty() visitDate: string;
  @ApiProperty() notes: string;
  @ApiProperty() findings: string;
}

export class VisitPageDto {
  @ApiProperty({ type: [VisitDto] }) items: VisitDto[];
  @ApiProperty() meta: PageMetaDto;
}

export class AssessedUnitDto {
  @ApiProperty()
  @Matches(UNIT_CODE, { message: 'unitCode must be a catalogue code' })
  unitCode: string;

  @ApiProperty({ minimum: 1, maximum: 5 })
  @IsInt()
  @Min(1)
  @Max(5)
  level: number;
}

export class AttitudesDto {
  @ApiProperty({ minimum: 0, maximum: 100 }) @IsInt() @Min(0) @Max(100) discipline: number;
  @ApiProperty({ minimum: 0, maximum: 100 }) @IsInt() @Min(0) @Max(100) teamwork: number;
  @ApiProperty({ minimum: 0, maximum: 100 }) @IsInt() @Min(0) @Max(100) initiative: number;
  @ApiProperty({ minimum: 0, maximum: 100 }) @IsInt() @Min(0) @Max(100) communication: number;
}

export class AssessmentDto {
  @ApiProperty({ type: [AssessedUnitDto], description: 'Every one of the slot’s units, once' })
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => AssessedUnitDto)
  units: AssessedUnitDto[];

  @ApiProperty({ type: AttitudesDto })
  @ValidateNested()
  @Type(() => AttitudesDto)
  attitudes: AttitudesDto;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  notes?: string;
}

/** One of the slot's units of a placement. */
export class PlacementUnitDto {
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty({ description: 'The level the slot asks for' }) minLevel: number;
}

export class CertificateUnitDto {
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty() level: number;
}

export class CertificateDto {
  @ApiProperty() placementId: number;
  @ApiProperty() code: string;
  @ApiProperty({ enum: CertificateStatus }) status: CertificateStatus;
  @ApiProperty() issuedAt: string;
  @ApiProperty() studentName: string;
  @ApiProperty() schoolName: string;
  @ApiProperty() companyName: string;
  @ApiProperty() slotTitle: string;
  @ApiProperty() startDate: string;
  @ApiProperty() endDate: string;
  @ApiProperty({ type: [CertificateUnitDto] }) units: CertificateUnitDto[];
}

export class AssessmentResultDto {
  @ApiProperty() placementId: number;
  @ApiProperty() assessedBy: number;
  @ApiProperty({ type: [AssessedUnitDto] }) units: AssessedUnitDto[];
  @ApiProperty({ type: AttitudesDto }) attitudes: AttitudesDto;
  @ApiProperty({ type: String, nullable: true }) notes: string | null;
  @ApiProperty() assessedAt: string;
  @ApiProperty({ type: CertificateDto }) certificate: CertificateDto;
}

export class VerificationPeriodDto {
  @ApiProperty() startDate: string;
  @ApiProperty() endDate: string;
}

/** What the public verification answers: nothing more (no NIK, birth date or scores). */
export class VerificationDto {
  @ApiProperty() name: string;
  @ApiProperty() school: string;
  @ApiProperty() company: string;
  @ApiProperty({ type: VerificationPeriodDto }) period: VerificationPeriodDto;
  @ApiProperty({ enum: CertificateStatus }) status: CertificateStatus;
}

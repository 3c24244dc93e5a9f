import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEnum, IsOptional } from 'class-validator';
import { LocaleQueryDto } from '../../../common/i18n/locale-query';
import { PageMetaDto } from '../../../common/pagination/pagination';

/** One active placement that needs attention, as the daily reminders last found it. */
export class AttentionDto {
  @ApiProperty() placementId: number;
  @ApiProperty() studentId: number;
  @ApiProperty() schoolId: number;
  @ApiProperty() companyId: number;
  @ApiProperty({ type: Number, nullable: true }) teacherId: number | null;
  @ApiProperty({ type: Number, nullable: true }) mentorId: number | null;
  @ApiProperty({
    description: 'Working days ended without a journal since the last entry (0: up to date)',
  })
  journalMissingDays: number;
  @ApiProperty({ type: String, nullable: true }) lastJournalDate: string | null;
  @ApiProperty({ description: 'Attendance records unconfirmed for more than 7 days' })
  unconfirmedDays: number;
  @ApiProperty({ type: String, nullable: true }) oldestUnconfirmedDay: string | null;
  @ApiProperty({ description: 'The day of the reminders run that found it (WIB)' })
  detectedOn: string;
}

export class AttentionPageDto {
  @ApiProperty({ type: [AttentionDto] }) items: AttentionDto[];
  @ApiProperty() meta: PageMetaDto;
}

export enum MonitoringReportGroup {
  School = 'school',
  Teacher = 'teacher',
  Company = 'company',
  Region = 'region',
}

export enum MonitoringReportFormat {
  Json = 'json',
  Csv = 'csv',
  Xlsx = 'xlsx',
}

export class MonitoringReportQuery extends LocaleQueryDto {
  @ApiPropertyOptional({ enum: MonitoringReportGroup, default: MonitoringReportGroup.Region })
  @IsOptional()
  @IsEnum(MonitoringReportGroup)
  groupBy: MonitoringReportGroup = MonitoringReportGroup.Region;

  @ApiPropertyOptional({ enum: MonitoringReportFormat, default: MonitoringReportFormat.Json })
  @IsOptional()
  @IsEnum(MonitoringReportFormat)
  format: MonitoringReportFormat = MonitoringReportFormat.Json;
}

export class MonitoringReportRowDto {
  @ApiProperty({
    description:
      "The group: a school, teacher (user) or company id, a region code; 'unassigned' for placements without a teacher; 'total' for the totals",
  })
  key: string;
  @ApiProperty({ type: String, nullable: true }) name: string | null;
  @ApiProperty({ description: 'Placements active now' }) apprenticesActive: number;
  @ApiProperty({ description: 'Attendance days recorded' }) attendanceDays: number;
  @ApiProperty({ description: 'Of them, days present (hadir)' }) attendancePresent: number;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Percent of recorded days present, one decimal; null when none is recorded',
  })
  attendanceRate: number | null;
  @ApiProperty({ description: "Journal entries waiting for the mentor's review" })
  journalsWaiting: number;
  @ApiProperty({ description: 'Placements completed with their final assessment' })
  assessmentsDone: number;
}

export class MonitoringReportDto {
  @ApiProperty({ enum: MonitoringReportGroup }) groupBy: MonitoringReportGroup;
  @ApiProperty({
    description: 'Active and completed placements counted (those the user may see)',
  })
  placements: number;
  @ApiProperty({ type: [MonitoringReportRowDto] }) items: MonitoringReportRowDto[];
  @ApiProperty({ type: MonitoringReportRowDto }) totals: MonitoringReportRowDto;
}

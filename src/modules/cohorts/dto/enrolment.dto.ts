import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEnum, IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { PageMetaDto, PageQueryDto } from '../../../common/pagination/pagination';
import { AssessmentResult } from '../enrolment.entity';

export class CreateEnrolmentDto {
  @ApiProperty()
  @IsInt()
  @Min(1)
  studentId: number;
}

export class RecordResultDto {
  @ApiPropertyOptional({ minimum: 0, maximum: 100, description: 'Attendance, whole percent' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100)
  attendancePct?: number;

  @ApiPropertyOptional({ enum: AssessmentResult })
  @IsOptional()
  @IsEnum(AssessmentResult)
  result?: AssessmentResult;
}

export enum EnrolmentState {
  Enrolled = 'enrolled',
  Withdrawn = 'withdrawn',
}

export class ListEnrolmentsQuery extends PageQueryDto {
  @ApiPropertyOptional({ enum: ['enrolled', 'withdrawn', 'all'], default: 'enrolled' })
  @IsOptional()
  @IsIn(['enrolled', 'withdrawn', 'all'])
  state: 'enrolled' | 'withdrawn' | 'all' = 'enrolled';
}

export class EnrolmentResponseDto {
  @ApiProperty() id: number;
  @ApiProperty() cohortId: number;
  @ApiProperty() studentId: number;
  @ApiProperty() studentName: string;
  @ApiProperty() schoolId: number;
  @ApiProperty({ enum: EnrolmentState }) state: EnrolmentState;
  @ApiProperty({ type: Number, nullable: true }) attendancePct: number | null;
  @ApiProperty({ enum: AssessmentResult, nullable: true }) result: AssessmentResult | null;
  @ApiProperty() enrolledAt: string;
  @ApiProperty({ type: String, nullable: true }) withdrawnAt: string | null;
}

export class EnrolmentPageDto {
  @ApiProperty({ type: [EnrolmentResponseDto] }) items: EnrolmentResponseDto[];
  @ApiProperty() meta: PageMetaDto;
}

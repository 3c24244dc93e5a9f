import { ApiProperty } from '@nestjs/swagger';
import { PageMetaDto } from '../../../common/pagination/pagination';
import { Cohort, CohortStatus } from '../cohort.entity';

export class CohortResponseDto {
  @ApiProperty() id: number;
  @ApiProperty() courseId: number;
  @ApiProperty() name: string;
  @ApiProperty({ format: 'date' }) startDate: string;
  @ApiProperty({ format: 'date' }) endDate: string;
  @ApiProperty() capacity: number;
  @ApiProperty() enrolledCount: number;
  @ApiProperty() seatsLeft: number;
  @ApiProperty() regionCode: string;
  @ApiProperty() coordinatorId: number;
  @ApiProperty({ enum: CohortStatus }) status: CohortStatus;
  @ApiProperty({ type: String, nullable: true }) completedAt: string | null;
  @ApiProperty() createdAt: string;

  static from(cohort: Cohort): CohortResponseDto {
    return {
      id: cohort.id,
      courseId: cohort.courseId,
      name: cohort.name,
      startDate: cohort.startDate,
      endDate: cohort.endDate,
      capacity: cohort.capacity,
      enrolledCount: cohort.enrolledCount,
      seatsLeft: Math.max(cohort.capacity - cohort.enrolledCount, 0),
      regionCode: cohort.regionCode,
      coordinatorId: cohort.coordinatorId,
      status: cohort.status,
      completedAt: cohort.completedAt ? cohort.completedAt.toISOString() : null,
      createdAt: cohort.createdAt.toISOString(),
    };
  }
}

export class CohortPageDto {
  @ApiProperty({ type: [CohortResponseDto] }) items: CohortResponseDto[];
  @ApiProperty() meta: PageMetaDto;
}

export class CompletionResultDto {
  @ApiProperty() cohort: CohortResponseDto;
  @ApiProperty({
    description: 'true when the cohort was already completed: nothing was awarded now',
  })
  alreadyCompleted: boolean;
  @ApiProperty({ description: 'Students who were awarded the course units' })
  studentsAwarded: number;
  @ApiProperty({ description: 'Unit awards (student × unit)' }) unitsAwarded: number;
  @ApiProperty({ description: 'Awards that raised a level or added a unit the student lacked' })
  levelsRaised: number;
}

export class UnitAwardCountDto {
  @ApiProperty() unitCode: string;
  @ApiProperty() level: number;
  @ApiProperty() students: number;
}

export class CohortStatsDto {
  @ApiProperty() cohortId: number;
  @ApiProperty({ enum: CohortStatus }) status: CohortStatus;
  @ApiProperty() capacity: number;
  @ApiProperty({ description: 'Active enrolments' }) enrolled: number;
  @ApiProperty() withdrawn: number;
  @ApiProperty({ description: 'enrolled / capacity, 0–1' }) fillRate: number;
  @ApiProperty({ description: 'Active enrolments with a result' }) assessed: number;
  @ApiProperty() competent: number;
  @ApiProperty() notYetCompetent: number;
  @ApiProperty({ description: 'competent / active enrolments, 0–1' }) completionRate: number;
  @ApiProperty({ type: Number, nullable: true }) averageAttendancePct: number | null;
  @ApiProperty() studentsAwarded: number;
  @ApiProperty() unitsAwarded: number;
  @ApiProperty() levelsRaised: number;
  @ApiProperty({ type: [UnitAwardCountDto] }) awardsByUnit: UnitAwardCountDto[];
}

export class CoordinatorCohortDto {
  @ApiProperty() id: number;
  @ApiProperty() name: string;
  @ApiProperty() courseId: number;
  @ApiProperty() courseCode: string;
  @ApiProperty() courseTitle: string;
  @ApiProperty({ format: 'date' }) startDate: string;
  @ApiProperty({ format: 'date' }) endDate: string;
  @ApiProperty() capacity: number;
  @ApiProperty() enrolledCount: number;
  @ApiProperty() fillRate: number;
}

export class CohortsByStatusDto {
  @ApiProperty({ enum: CohortStatus }) status: CohortStatus;
  @ApiProperty() count: number;
  @ApiProperty({ type: [CoordinatorCohortDto], description: 'The 100 latest by start date' })
  cohorts: CoordinatorCohortDto[];
}

export class CoordinatorViewDto {
  @ApiProperty() coordinatorId: number;
  @ApiProperty({ type: [CohortsByStatusDto] }) statuses: CohortsByStatusDto[];
}

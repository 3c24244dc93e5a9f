import { ApiProperty } from '@nestjs/swagger';

export class RecommendedCohortDto {
  @ApiProperty() id: number;
  @ApiProperty() name: string;
  @ApiProperty({ example: '2027-01-10' }) startDate: string;
  @ApiProperty() endDate: string;
  @ApiProperty() regionCode: string;
  @ApiProperty({ description: 'capacity − enrolled' }) seatsLeft: number;
}

/** The first planned cohort of the courses in their order: where training can start soonest. */
export class NextCohortDto extends RecommendedCohortDto {
  @ApiProperty({ description: 'The code of the course the cohort runs' }) courseCode: string;
}

export class RecommendedCourseDto {
  @ApiProperty() id: number;
  @ApiProperty() code: string;
  @ApiProperty() title: string;
  @ApiProperty() providerName: string;
  @ApiProperty({ description: 'The level the course brings the unit to' }) level: number;
  @ApiProperty({ description: 'level ≥ the highest minimum level the region’s open slots ask' })
  reachesLevelNeeded: boolean;
  @ApiProperty({
    type: [RecommendedCohortDto],
    description: 'Next planned cohorts, this region first',
  })
  nextCohorts: RecommendedCohortDto[];
}

export class RecommendationDto {
  @ApiProperty() rank: number;
  @ApiProperty() unitCode: string;
  @ApiProperty() unitName: string;
  @ApiProperty() supply: number;
  @ApiProperty() slotSeats: number;
  @ApiProperty() vacancies: number;
  @ApiProperty() demand: number;
  @ApiProperty({ description: 'demand − supply (> 0)' }) gap: number;
  @ApiProperty({ type: Number, nullable: true, description: 'Highest min level of open slots' })
  levelNeeded: number | null;
  @ApiProperty({
    description: 'min(gap, unemployed graduates of the region): jobs trainees could take',
  })
  potential: number;
  @ApiProperty() explanation: string;
  @ApiProperty({ type: [RecommendedCourseDto] }) courses: RecommendedCourseDto[];
  @ApiProperty({
    type: NextCohortDto,
    nullable: true,
    description: "The first of the courses' next cohorts, in the courses' order; null when none",
  })
  nextCohort: NextCohortDto | null;
}

export class RecommendationsDto {
  @ApiProperty() regionCode: string;
  @ApiProperty() regionName: string;
  @ApiProperty() year: number;
  @ApiProperty({
    description: 'Graduates of the year from the region whose latest outcome is unemployed',
  })
  unemployed: number;
  @ApiProperty({ type: Number, nullable: true }) unemploymentRate: number | null;
  @ApiProperty({ type: [RecommendationDto] }) recommendations: RecommendationDto[];
}

import type { DataSource } from 'typeorm';
import { Cohort, CohortStatus } from '../../src/modules/cohorts/cohort.entity';
import { CourseUnit } from '../../src/modules/courses/course-unit.entity';
import { Course, ProviderType } from '../../src/modules/courses/course.entity';
import { createUnits } from './reference.factory';

let seq = 0;

/** A course written straight to the database, teaching `units` (code → level), units created. */
export async function createCourse(
  dataSource: DataSource,
  units: Record<string, number>,
  overrides: Partial<Course> = {},
): Promise<Course> {
  await createUnits(
    dataSource,
    Object.keys(units).map((code) => ({ code })),
  );
  const course = await dataSource.getRepository(Course).save({
    code: `TEST-${process.env.JEST_WORKER_ID ?? 1}-${++seq}`,
    title: `Pelatihan ${seq}`,
    providerType: ProviderType.TrainingCentre,
    providerName: 'BLK Serang',
    hours: 120,
    ...overrides,
  });
  await dataSource
    .getRepository(CourseUnit)
    .insert(
      Object.entries(units).map(([unitCode, level]) => ({ courseId: course.id, unitCode, level })),
    );
  return course;
}

/** A cohort written straight to the database (enrolled_count 0 unless given). */
export async function createCohort(
  dataSource: DataSource,
  courseId: number,
  coordinatorId: number,
  overrides: Partial<Cohort> = {},
): Promise<Cohort> {
  return dataSource.getRepository(Cohort).save({
    courseId,
    coordinatorId,
    name: `Angkatan ${++seq}`,
    startDate: '2026-07-01',
    endDate: '2026-07-31',
    capacity: 20,
    regionCode: '3672',
    status: CohortStatus.Planned,
    ...overrides,
  });
}

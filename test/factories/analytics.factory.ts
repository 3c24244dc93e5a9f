import type { DataSource } from 'typeorm';
import { Outcome, OutcomeSource, OutcomeStatus } from '../../src/modules/outcomes/outcome.entity';
import {
  EducationLevel,
  VacancyReport,
} from '../../src/modules/vacancy-reports/vacancy-report.entity';

export async function createVacancyReport(
  dataSource: DataSource,
  companyId: number,
  overrides: Partial<VacancyReport> = {},
): Promise<VacancyReport> {
  return dataSource.getRepository(VacancyReport).save({
    companyId,
    period: '2026-06',
    title: 'Operator',
    kbjiCode: '8189',
    vacancyCount: 1,
    educationLevel: EducationLevel.SMK,
    regionCode: '3672',
    wageMin: 4_000_000,
    wageMax: 5_000_000,
    unitCodes: '',
    ...overrides,
  });
}

/** An outcome written straight to the database (no API, no checks). */
export async function createOutcome(
  dataSource: DataSource,
  studentId: number,
  status: OutcomeStatus,
  outcomeDate = '2026-09-01',
  overrides: Partial<Outcome> = {},
): Promise<Outcome> {
  return dataSource.getRepository(Outcome).save({
    studentId,
    status,
    outcomeDate,
    employerName: status === OutcomeStatus.Employed ? 'PT Kerja' : '',
    source: OutcomeSource.School,
    ...overrides,
  });
}

import type { DataSource } from 'typeorm';
import { Company } from '../../src/modules/companies/company.entity';
import { Outcome, OutcomeSource, OutcomeStatus } from '../../src/modules/outcomes/outcome.entity';
import { Slot, SlotRequirement, SlotStatus } from '../../src/modules/slots/slot.entity';
import {
  EducationLevel,
  VacancyReport,
} from '../../src/modules/vacancy-reports/vacancy-report.entity';

let nibSeq = 0;

/** A company written straight to the database. */
export async function createCompany(
  dataSource: DataSource,
  overrides: Partial<Company> = {},
): Promise<Company> {
  const n = ++nibSeq;
  const worker = Number(process.env.JEST_WORKER_ID ?? 1);
  return dataSource.getRepository(Company).save({
    nib: `${worker}${String(n).padStart(12, '0')}`,
    name: `PT Test ${n}`,
    kbliCode: 'C',
    regionCode: '3672',
    workforceSize: 100,
    ...overrides,
  });
}

/** A slot with its requirements (unit code → minimum level); open by default. */
export async function createSlot(
  dataSource: DataSource,
  companyId: number,
  overrides: Partial<Slot> & { requires?: Record<string, number> } = {},
): Promise<Slot> {
  const { requires = {}, ...fields } = overrides;
  const slot = await dataSource.getRepository(Slot).save({
    companyId,
    title: 'Magang',
    description: '',
    regionCode: '3672',
    capacity: 1,
    filled: 0,
    startDate: '2026-08-01',
    endDate: '2027-01-31',
    status: SlotStatus.Open,
    ...fields,
  });
  const reqs = Object.entries(requires);
  if (reqs.length > 0) {
    await dataSource
      .getRepository(SlotRequirement)
      .insert(reqs.map(([unitCode, minLevel]) => ({ slotId: slot.id, unitCode, minLevel })));
  }
  return slot;
}

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

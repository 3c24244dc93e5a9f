import type { DataSource } from 'typeorm';
import { Company } from '../../src/modules/companies/company.entity';
import {
  Slot,
  SlotProgram,
  SlotRequirement,
  SlotStatus,
} from '../../src/modules/slots/slot.entity';

let nibSeq = 0;

/** A company written straight to the database. */
export async function createCompany(
  dataSource: DataSource,
  overrides: Partial<Company> = {},
): Promise<Company> {
  const n = ++nibSeq;
  const worker = Number(process.env.JEST_WORKER_ID ?? 1);
  return dataSource.getRepository(Company).save({
    nib: `9${String(worker).padStart(2, '0')}${String(n).padStart(10, '0')}`,
    name: `PT Test ${n}`,
    kbliCode: '24101',
    regionCode: '3672',
    address: 'Kawasan Industri',
    workforceSize: 100,
    contactName: 'HRD',
    contactEmail: `hrd${n}@test.local`,
    contactPhone: '0254-123456',
    verifiedAt: null,
    ...overrides,
  });
}

export interface SlotOverrides extends Partial<Slot> {
  requirements?: { unit: string; minLevel: number; weight?: number }[];
  programCodes?: string[];
}

/** An open slot written straight to the database (the quota rule is not checked here). */
export async function createSlot(
  dataSource: DataSource,
  companyId: number,
  overrides: SlotOverrides = {},
): Promise<Slot> {
  const { requirements = [], programCodes = [], ...fields } = overrides;
  const slot = await dataSource.getRepository(Slot).save({
    companyId,
    title: 'Magang Teknisi',
    description: 'Test slot',
    regionCode: '3672',
    capacity: 2,
    filled: 0,
    startDate: '2027-01-04',
    endDate: '2027-06-30',
    stipend: 1_500_000,
    mentorName: 'Pak Budi',
    status: SlotStatus.Open,
    ...fields,
  });
  if (requirements.length > 0) {
    await dataSource.getRepository(SlotRequirement).insert(
      requirements.map((r) => ({
        slotId: slot.id,
        unitCode: r.unit,
        minLevel: r.minLevel,
        weight: String(r.weight ?? 1),
      })),
    );
  }
  if (programCodes.length > 0) {
    await dataSource
      .getRepository(SlotProgram)
      .insert(programCodes.map((programCode) => ({ slotId: slot.id, programCode })));
  }
  return slot;
}

import type { DataSource } from 'typeorm';
import {
  CompetencyUnit,
  CompetencyUnitKind,
} from '../../src/modules/competencies/competency-unit.entity';

/** Competency units for tests, written straight to the catalogue (idempotent). */
export async function createUnits(
  dataSource: DataSource,
  units: { code: string; name?: string; sector?: string }[],
): Promise<CompetencyUnit[]> {
  const rows = units.map((u) => ({
    code: u.code,
    name: u.name ?? `Unit ${u.code}`,
    sector: u.sector ?? 'Manufaktur',
    kind: /^[A-U]\.\d{6}\.\d{3}\.\d{2}$/.test(u.code)
      ? CompetencyUnitKind.Skkni
      : CompetencyUnitKind.Local,
  }));
  await dataSource.getRepository(CompetencyUnit).upsert(rows, ['code']);
  return rows;
}

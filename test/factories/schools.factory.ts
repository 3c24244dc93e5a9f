import type { DataSource } from 'typeorm';
import { SchoolProgram } from '../../src/modules/schools/school-program.entity';
import { School, SchoolStatus } from '../../src/modules/schools/school.entity';

let npsnSeq = 10_000_000;

/** A school written straight to the database, running the given programmes (seeded codes). */
export async function createSchool(
  dataSource: DataSource,
  overrides: Partial<School> & { programs?: string[] } = {},
): Promise<School> {
  const { programs = ['TKR', 'AKL'], ...fields } = overrides;
  const school = await dataSource.getRepository(School).save({
    npsn: String(
      ++npsnSeq + ((Number(process.env.JEST_WORKER_ID ?? 1) * 1_000_000) % 90_000_000),
    ).padStart(8, '0'),
    name: `SMK Test ${npsnSeq}`,
    regionCode: '3672',
    status: SchoolStatus.Negeri,
    accreditation: null,
    address: 'Jl. Test',
    ...fields,
  });
  await dataSource
    .getRepository(SchoolProgram)
    .insert(programs.map((programCode) => ({ schoolId: school.id, programCode })));
  return school;
}

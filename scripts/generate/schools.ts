import { SECTORS } from './catalogue';
import { GenContext, nextId, SchoolRow } from './context';
import * as N from './names';
import { scramble } from './random';
import { BatchWriter } from './writer';

// prettier-ignore
const SCHOOL_COLUMNS = ['id', 'npsn', 'name', 'region_code', 'status', 'accreditation', 'address'];

/**
 * SMKs where people live (by population): about 30 % negeri, numbered per region like the real
 * ones; programmes follow the local economy, with a quarter drawn from anywhere.
 */
export async function writeSchools(g: GenContext, count: number): Promise<SchoolRow[]> {
  const { d, regions } = g;
  const schoolW = new BatchWriter(g.runner, 'schools', SCHOOL_COLUMNS, g.batch);
  const programW = new BatchWriter(
    g.runner,
    'school_programs',
    ['school_id', 'program_code'],
    g.batch,
  );
  const negeriSeq = new Map<string, number>();
  const usedNames = new Set<string>();
  const schools: SchoolRow[] = [];
  let id = await nextId(g.runner, 'schools');
  for (let i = 0; i < count; i++, id++) {
    const region = d.index(g.popCum);
    const r = regions[region];
    const negeri = d.chance(0.3);
    let name: string;
    if (negeri) {
      const k = (negeriSeq.get(r.code) ?? 0) + 1;
      negeriSeq.set(r.code, k);
      name = `SMK Negeri ${k} ${r.city}`;
    } else {
      const word = d.pick(N.SCHOOL_WORDS);
      name = `SMK ${word} ${r.city}`;
      for (let k = 2; usedNames.has(name); k++) {
        name = `SMK ${word} ${k} ${r.city}`;
      }
    }
    usedNames.add(name);
    const programs = new Set<string>();
    const want = d.int(3, 6);
    for (let tries = 0; programs.size < want && tries < 40; tries++) {
      const local = SECTORS[r.sectorIdx[d.index(r.sectorCum)]];
      programs.add(d.pick(d.chance(0.25) ? d.pick(SECTORS).programs : local.programs));
    }
    // Banten NPSNs look like 2060xxxx; the scramble keeps them unique without counting up.
    const npsn = String(20_600_000 + scramble(i, 400_000, g.seed));
    schools.push({ id, npsn, region, programs: [...programs].sort() });
    const accreditation = ['A', 'B', 'C', 'TT'][d.weighted([0.35, 0.45, 0.1, 0.1])];
    const address = `${d.pick(N.STREETS)} No. ${d.int(1, 250)}, ${r.city}`;
    await schoolW.add([
      id,
      npsn,
      name,
      r.code,
      negeri ? 'negeri' : 'swasta',
      accreditation,
      address,
    ]);
    for (const p of programs) {
      await programW.add([id, p]);
    }
  }
  await schoolW.flush();
  await programW.flush();
  return schools;
}

import { FieldCipher } from '../../src/common/crypto/field-cipher';
import { GENERAL_SECTOR, SECTORS, unitCode } from './catalogue';
import { GenContext, nextId, personName, SchoolRow } from './context';
import { FEMALE_SHARE } from './names';
import { addDays, addMonths, cumulative, Draw, scramble, zipf } from './random';
import { BatchWriter } from './writer';

// prettier-ignore
const STUDENT_COLUMNS = ['id', 'nisn', 'nik_ciphertext', 'nik_hash', 'nik_masked', 'name', 'birth_date', 'gender', 'school_id', 'program_code', 'domicile_region_code', 'enrolment_year', 'graduation_year', 'status', 'parental_consent', 'phone'];
const UNIT_COLUMNS = ['student_id', 'unit_code', 'level', 'source', 'evidence_ref', 'achieved_on'];

const PROGRAM_SECTORS = new Map<string, number[]>();
SECTORS.forEach((s, i) =>
  s.programs.forEach((p) => PROGRAM_SECTORS.set(p, [...(PROGRAM_SECTORS.get(p) ?? []), i])),
);
export const UNIT_POPULARITY = zipf(14, 0.8);
export const GENERAL_POPULARITY = zipf(GENERAL_SECTOR.units.length, 0.7);
const LEVEL = [0.1, 0.3, 0.35, 0.18, 0.07];
const SOURCE = ['course', 'assessment', 'certification'];
const SOURCE_SHARE = [0.5, 0.35, 0.15];
const AGES = [17, 18, 19, 20];
const AGE_SHARE = [0.12, 0.58, 0.25, 0.05];
const PHONE_PREFIXES = ['12', '13', '21', '52', '57', '77', '95'];

/**
 * Graduates of one year, streamed in batches: per student nothing waits on the database. Each
 * holds 6–10 units, mostly of their programme's sector, a few general ones (K3, teamwork). On
 * the reference day they are 17 (then with parental consent) to 20, mostly 18. NIKs follow
 * the Dukcapil layout (region, kecamatan, birth date +40 for women, sequence) and are stored
 * as the app stores them: encrypted, keyed hash, mask. `bySchool` writes them school by school
 * (ids clustered by school, as per-school imports give them) instead of in random school order;
 * both draw each graduate's school with the same weights.
 */
export async function writeStudents(
  g: GenContext,
  schools: SchoolRow[],
  count: number,
  encryptionKey: string,
  bySchool = false,
): Promise<{
  students: number;
  units: number;
  dbMs: number;
  firstId: number;
  regionOf: Uint16Array;
}> {
  const { d, regions, ref } = g;
  const cipher = new FieldCipher({ encryptionKey });
  const studentW = new BatchWriter(g.runner, 'students', STUDENT_COLUMNS, g.batch);
  const unitW = new BatchWriter(g.side, 'student_competencies', UNIT_COLUMNS, g.batch * 4);
  const schoolCum = cumulative(schools.map(() => 0.5 + d.unit() * 1.5));
  const nikSeq = new Map<string, number>();
  const adultOn = addMonths(ref, -18 * 12);
  const firstId = await nextId(g.runner, 'students');
  // Each graduate's domicile (index into g.regions), for the tracer-study outcomes: 16 bits,
  // as the whole country has 514 regions (8 bits wrapped an index past 255 to another region).
  const regionOf = new Uint16Array(count);
  const schoolOf = bySchool ? schoolBySchool(d, schoolCum, count) : null;
  let id = firstId;
  for (let i = 0; i < count; i++, id++) {
    const school = schools[schoolOf ? schoolOf[i] : d.index(schoolCum)];
    const program = d.pick(school.programs);
    const female = d.chance(FEMALE_SHARE[program] ?? 0.45);
    regionOf[i] = d.chance(0.85) ? school.region : d.index(g.popCum);
    const domicile = regions[regionOf[i]];
    const age = AGES[d.weighted(AGE_SHARE)];
    const birth = addDays(addMonths(ref, -12 * (age + 1)), d.int(1, 365));
    const [by, bm, bd] = birth.split('-');
    const day = String(Number(bd) + (female ? 40 : 0)).padStart(2, '0');
    const stem = `${domicile.code}${String(d.int(1, 28)).padStart(2, '0')}${day}${bm}${by.slice(2)}`;
    const seq = (nikSeq.get(stem) ?? 0) + 1;
    nikSeq.set(stem, seq);
    const nik = `${stem}${String(seq).padStart(4, '0')}`;
    // NISN: the birth year's last three digits, then seven that look issued.
    const nisn = `${by.slice(1)}${String(scramble(i, 10_000_000, g.seed)).padStart(7, '0')}`;
    const phone = `08${d.pick(PHONE_PREFIXES)}${String(d.int(0, 99_999_999)).padStart(8, '0')}`;
    await studentW.add([
      id, nisn, cipher.encrypt(nik), cipher.hash(nik), `${nik.slice(0, 4)}********${nik.slice(12)}`,
      personName(d, female), birth, female ? 'P' : 'L', school.id, program, domicile.code,
      g.graduationYear - 3, g.graduationYear, 'graduated', birth > adultOn ? 1 : 0, phone,
    ]); // prettier-ignore

    const held = new Map<string, number>();
    const k = d.int(6, 10);
    const sectors = PROGRAM_SECTORS.get(program) ?? [d.int(0, SECTORS.length - 1)];
    const main = SECTORS[d.pick(sectors)];
    for (let tries = 0; held.size < k && tries < 40; tries++) {
      const x = d.unit();
      const code =
        x < 0.2
          ? unitCode(GENERAL_SECTOR, d.index(GENERAL_POPULARITY))
          : unitCode(x < 0.85 ? main : SECTORS[d.pick(sectors)], d.index(UNIT_POPULARITY));
      if (!held.has(code)) {
        held.set(code, 1 + d.weighted(LEVEL));
      }
    }
    for (const [code, level] of held) {
      const source = SOURCE[d.weighted(SOURCE_SHARE)];
      const year = g.graduationYear - d.int(0, 1);
      const evidence =
        source === 'certification'
          ? `LSP-P1-${school.npsn}/${year}/${String(d.int(1, 999)).padStart(3, '0')}`
          : source === 'assessment'
            ? `UJK-${year}-${school.npsn}`
            : `PKL-${year}`;
      const on = `${year}-${String(d.int(1, 5)).padStart(2, '0')}-${String(d.int(1, 28)).padStart(2, '0')}`;
      await unitW.add([id, code, level, source, evidence, on]);
    }
  }
  await studentW.flush();
  await unitW.flush();
  return {
    students: studentW.written,
    units: unitW.written,
    dbMs: studentW.waitedMs + unitW.waitedMs,
    firstId,
    regionOf,
  };
}

/** Each graduate's school (an index), drawn up front and sorted: graduate i of school 0 first. */
function schoolBySchool(d: Draw, schoolCum: Float64Array, count: number): Uint32Array {
  const perSchool = new Uint32Array(schoolCum.length);
  for (let i = 0; i < count; i++) {
    perSchool[d.index(schoolCum)]++;
  }
  const schoolOf = new Uint32Array(count);
  let first = 0;
  for (let school = 0; school < perSchool.length; school++) {
    schoolOf.fill(school, first, first + perSchool[school]);
    first += perSchool[school];
  }
  return schoolOf;
}

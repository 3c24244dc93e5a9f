import type { EntityManager } from 'typeorm';
import type { FieldCipher } from '../../common/crypto/field-cipher';
import { maskNik } from '../students/student-rules';
import { BatchOutcome, ImportContext, inList, placeholders } from './import-batch';
import type { RowProblem, StudentRow } from './student-rows';

interface ExistingStudent {
  id: number;
  nisn: string;
  school_id: number;
  nik_hash: string;
  nik_ciphertext: string;
  name: string;
  birth_date: string;
  gender: string;
  program_code: string;
  domicile_region_code: string;
  enrolment_year: number;
  graduation_year: number | null;
  status: string;
  parental_consent: number;
}

const COLUMNS = [
  'nisn',
  'nik_ciphertext',
  'nik_hash',
  'nik_masked',
  'name',
  'birth_date',
  'gender',
  'school_id',
  'program_code',
  'domicile_region_code',
  'enrolment_year',
  'graduation_year',
  'status',
  'parental_consent',
];
/** school_id is never updated: a NISN of another school is refused before this statement. */
const UPDATED = COLUMNS.filter((c) => c !== 'nisn' && c !== 'school_id');

/**
 * Upserts one batch of students by NISN in the caller's transaction. Existing rows are read
 * FOR UPDATE by NISN and by NIK hash first, so the outcome of each row (created, updated,
 * unchanged, refused) is decided before writing, and unchanged rows are not written at all.
 */
export async function writeStudentBatch(
  manager: EntityManager,
  rows: StudentRow[],
  ctx: ImportContext,
  cipher: FieldCipher,
): Promise<BatchOutcome & { audit: { nisn: string; fields: string[]; created: boolean }[] }> {
  const problems: RowProblem[] = [];
  const candidates: (StudentRow & { nikHash: string })[] = [];
  for (const r of rows) {
    if (!ctx.programs.has(r.programCode)) {
      problems.push({
        row: r.row,
        field: 'program_code',
        reason: 'is not a programme the school runs',
      });
    } else if (!ctx.regions.has(r.domicileRegionCode)) {
      problems.push({ row: r.row, field: 'domicile_region_code', reason: 'unknown region' });
    } else {
      candidates.push({ ...r, nikHash: cipher.hash(r.nik) });
    }
  }
  const outcome = {
    created: 0,
    updated: 0,
    unchanged: 0,
    problems,
    audit: [] as { nisn: string; fields: string[]; created: boolean }[],
  };
  if (candidates.length === 0) {
    return outcome;
  }
  const byNisn = new Map<string, ExistingStudent>();
  for (const s of await manager.query<ExistingStudent[]>(
    `SELECT id, nisn, school_id, nik_hash, nik_ciphertext, name, birth_date, gender, program_code,
            domicile_region_code, enrolment_year, graduation_year, status, parental_consent
       FROM students WHERE nisn IN (${inList(candidates.length)}) FOR UPDATE`,
    candidates.map((c) => c.nisn),
  )) {
    byNisn.set(s.nisn, s);
  }
  const nikOwner = new Map<string, string>();
  for (const s of await manager.query<{ nisn: string; nik_hash: string }[]>(
    `SELECT nisn, nik_hash FROM students WHERE nik_hash IN (${inList(candidates.length)}) FOR UPDATE`,
    candidates.map((c) => c.nikHash),
  )) {
    nikOwner.set(s.nik_hash, s.nisn);
  }
  const values: unknown[][] = [];
  for (const c of candidates) {
    const existing = byNisn.get(c.nisn);
    const owner = nikOwner.get(c.nikHash);
    if (existing && Number(existing.school_id) !== ctx.schoolId) {
      problems.push({
        row: c.row,
        field: 'nisn',
        reason: 'belongs to a student of another school',
      });
      continue;
    }
    if (owner !== undefined && owner !== c.nisn) {
      problems.push({ row: c.row, field: 'nik', reason: 'already registered to another student' });
      continue;
    }
    const next = {
      name: c.name,
      birth_date: c.birthDate,
      gender: c.gender,
      program_code: c.programCode,
      domicile_region_code: c.domicileRegionCode,
      enrolment_year: c.enrolmentYear,
      graduation_year: c.graduationYear,
      status: c.status,
      parental_consent: c.parentalConsent ? 1 : 0,
    };
    let ciphertext: string;
    if (!existing) {
      outcome.created++;
      outcome.audit.push({ nisn: c.nisn, fields: ['nik', 'birthDate'], created: true });
      ciphertext = cipher.encrypt(c.nik);
    } else {
      const nikChanged = existing.nik_hash !== c.nikHash;
      const changed =
        nikChanged ||
        (Object.keys(next) as (keyof typeof next)[]).some(
          (k) => String(existing[k] ?? '') !== String(next[k] ?? ''),
        );
      if (!changed) {
        outcome.unchanged++;
        continue;
      }
      outcome.updated++;
      const fields = [
        ...(nikChanged ? ['nik'] : []),
        ...(existing.birth_date !== c.birthDate ? ['birthDate'] : []),
      ];
      if (fields.length > 0) {
        outcome.audit.push({ nisn: c.nisn, fields, created: false });
      }
      // The same NIK keeps its ciphertext: re-encrypting would rewrite it for nothing.
      ciphertext = nikChanged ? cipher.encrypt(c.nik) : existing.nik_ciphertext;
    }
    values.push([
      c.nisn,
      ciphertext,
      c.nikHash,
      maskNik(c.nik),
      next.name,
      next.birth_date,
      next.gender,
      ctx.schoolId,
      next.program_code,
      next.domicile_region_code,
      next.enrolment_year,
      next.graduation_year,
      next.status,
      next.parental_consent,
    ]);
  }
  if (values.length > 0) {
    await manager.query(
      `INSERT INTO students (${COLUMNS.join(', ')}) VALUES ${placeholders(values.length, COLUMNS.length)}
       ON DUPLICATE KEY UPDATE ${UPDATED.map((c) => `${c} = VALUES(${c})`).join(', ')}`,
      values.flat(),
    );
  }
  return outcome;
}

/** Audit rows for what the batch wrote, in the same transaction (ids known only after insert). */
export async function auditStudentBatch(
  manager: EntityManager,
  audit: { nisn: string; fields: string[]; created: boolean }[],
  ctx: ImportContext,
): Promise<void> {
  if (audit.length === 0) {
    return;
  }
  const ids = new Map<string, number>();
  for (const s of await manager.query<{ id: number; nisn: string }[]>(
    `SELECT id, nisn FROM students WHERE nisn IN (${inList(audit.length)})`,
    audit.map((a) => a.nisn),
  )) {
    ids.set(s.nisn, Number(s.id));
  }
  await manager.query(
    `INSERT INTO audit_events (actor_user_id, actor_role, action, student_id, fields, import_id)
     VALUES ${placeholders(audit.length, 6)}`,
    audit.flatMap((a) => [
      ctx.actor.id,
      ctx.actor.role,
      a.created ? 'create' : 'update',
      ids.get(a.nisn),
      a.fields.join(','),
      ctx.importId,
    ]),
  );
}

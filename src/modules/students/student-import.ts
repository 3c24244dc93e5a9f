import type { EntityManager } from 'typeorm';
import type { FieldCipher } from '../../common/crypto/field-cipher';
import { AuditAction } from '../audit/audit.types';
import type { AuditService, PersonalField } from '../audit/audit.service';
import type { StudentsRepository } from './students.repository';
import { maskNik } from './students.rules';
import type {
  BatchOutcome,
  RowProblem,
  StudentImportContext,
  StudentImportRow,
} from './students.types';

interface Audited {
  nisn: string;
  fields: PersonalField[];
  created: boolean;
}

/**
 * Upserts one batch of a school's students by NISN in the caller's transaction, with the audit
 * rows of what it wrote. Existing rows are read FOR UPDATE by NISN and by NIK hash first, so
 * the outcome of each row (created, updated, unchanged, refused) is decided before writing,
 * unchanged rows are not written at all, and the rest go in one multi-row statement.
 */
export async function importStudentBatch(
  deps: { repo: StudentsRepository; cipher: FieldCipher; audit: AuditService },
  manager: EntityManager,
  rows: StudentImportRow[],
  ctx: StudentImportContext,
): Promise<BatchOutcome> {
  const { repo, cipher } = deps;
  const problems: RowProblem[] = [];
  const candidates: (StudentImportRow & { nikHash: string })[] = [];
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
  const outcome: BatchOutcome = { created: 0, updated: 0, unchanged: 0, problems };
  if (candidates.length === 0) {
    return outcome;
  }
  const byNisn = new Map(
    (
      await repo.lockImportedByNisn(
        manager,
        candidates.map((c) => c.nisn),
      )
    ).map((s) => [s.nisn, s]),
  );
  const nikOwner = new Map(
    (
      await repo.lockNikOwners(
        manager,
        candidates.map((c) => c.nikHash),
      )
    ).map((s) => [s.nik_hash, s.nisn]),
  );
  const audited: Audited[] = [];
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
      audited.push({ nisn: c.nisn, fields: ['nik', 'birthDate'], created: true });
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
      const fields: PersonalField[] = [
        ...(nikChanged ? (['nik'] as const) : []),
        ...(existing.birth_date !== c.birthDate ? (['birthDate'] as const) : []),
      ];
      if (fields.length > 0) {
        audited.push({ nisn: c.nisn, fields, created: false });
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
  await repo.upsertImported(manager, values);
  await auditImported(deps, manager, audited, ctx);
  return outcome;
}

/** Audit rows for what the batch wrote, in the same transaction (ids known only after insert). */
async function auditImported(
  deps: { repo: StudentsRepository; audit: AuditService },
  manager: EntityManager,
  audited: Audited[],
  ctx: StudentImportContext,
): Promise<void> {
  if (audited.length === 0) {
    return;
  }
  const ids = await deps.repo.idsByNisn(
    manager,
    audited.map((a) => a.nisn),
  );
  await deps.audit.record(
    audited.map((a) => ({
      actor: ctx.actor,
      action: a.created ? AuditAction.Create : AuditAction.Update,
      studentId: ids.get(a.nisn) ?? 0,
      fields: a.fields,
      importId: ctx.importId,
    })),
    manager,
  );
}

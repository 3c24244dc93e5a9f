import type { EntityManager } from 'typeorm';
import { SchoolsException } from './schools.exception';

/**
 * Throws the `school_inactive` rule violation when the school is deactivated. Called where new
 * work would land in a school (a new or moved student, an import, a cohort enrolment); the rows
 * a deactivated school already holds stay readable and editable. A missing school passes: the
 * caller answers that case itself.
 */
export async function assertSchoolActive(manager: EntityManager, schoolId: number): Promise<void> {
  if (!(await isSchoolActive(manager, schoolId))) {
    throw SchoolsException.inactive(schoolId);
  }
}

/**
 * Whether the school takes new work (a missing school counts as active, as above). With
 * `lockForShare`, the school's row stays share-locked until the caller's transaction ends: a
 * deactivation waits for that transaction, and the transaction sees a deactivation committed
 * before it, so what it writes lands either wholly before the school is off or not at all.
 */
export async function isSchoolActive(
  manager: EntityManager,
  schoolId: number,
  lockForShare = false,
): Promise<boolean> {
  const [row] = await manager.query<{ active: number }[]>(
    `SELECT active FROM schools WHERE id = ?${lockForShare ? ' LOCK IN SHARE MODE' : ''}`,
    [schoolId],
  );
  return !row || Boolean(Number(row.active));
}

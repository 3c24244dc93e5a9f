import type { EntityManager } from 'typeorm';
import { SchoolsException } from './schools.exception';

/**
 * Throws the `school_inactive` rule violation when the school is deactivated. Called where new
 * work would land in a school (a new or moved student, an import, a cohort enrolment); the rows
 * a deactivated school already holds stay readable and editable. A missing school passes: the
 * caller answers that case itself.
 */
export async function assertSchoolActive(manager: EntityManager, schoolId: number): Promise<void> {
  const [row] = await manager.query<{ active: number }[]>(
    'SELECT active FROM schools WHERE id = ?',
    [schoolId],
  );
  if (row && !Number(row.active)) {
    throw SchoolsException.inactive(schoolId);
  }
}

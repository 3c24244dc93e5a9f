import type { EntityManager } from 'typeorm';
import { Action } from '../../common/access/access-policy';
import type { AccessRepository } from '../../common/access/access.repository';
import type { AuthUser } from '../../common/auth/auth-user';
import { ValidationFailedException } from '../../common/errors/domain.exception';

/**
 * The school a write goes to (a new student, an import). A user tied to a school (a
 * school_admin) gets theirs when naming none; any school outside the user's scope (another
 * school, another region's) is answered 404 by the access policy, like one that does not
 * exist. Everyone else must name one that exists (400 naming schoolId otherwise). Without
 * `required`, a caller with no school of their own may name none: 0.
 */
export async function targetSchool(
  access: AccessRepository,
  exists: (schoolId: number) => Promise<boolean>,
  user: AuthUser,
  given: number | undefined,
  required: boolean,
  manager?: EntityManager,
): Promise<number> {
  const schoolId = given ?? user.schoolId ?? undefined;
  if (schoolId === undefined) {
    if (required) {
      throw ValidationFailedException.field('schoolId', 'is required');
    }
    return 0;
  }
  if (user.schoolId === null && !(await exists(schoolId))) {
    throw ValidationFailedException.field('schoolId', `unknown school ${schoolId}`);
  }
  await access.assertInScope(user, 'school', schoolId, Action.Read, manager);
  return schoolId;
}

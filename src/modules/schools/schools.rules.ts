import { Role } from '../../common/auth/role.enum';
import type { FieldProblem } from '../../common/errors/domain.exception';

/** What a school's own admin may not change about their school: the province decides these. */
export const PROVINCE_ONLY_FIELDS = ['npsn', 'regionCode', 'status'] as const;

/** The fields of `changes` the role may not change (a business rule, not a visibility one). */
export function refusedSchoolFields(
  role: Role,
  changes: Partial<Record<(typeof PROVINCE_ONLY_FIELDS)[number], unknown>>,
): FieldProblem[] {
  if (role === Role.Admin || role === Role.Coordinator) {
    return [];
  }
  return PROVINCE_ONLY_FIELDS.filter((f) => changes[f] !== undefined).map((field) => ({
    field,
    problems: ['can be changed only by an admin or coordinator'],
  }));
}

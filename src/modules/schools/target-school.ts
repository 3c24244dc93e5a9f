import type { Repository } from 'typeorm';
import type { AuthUser } from '../../common/auth/auth-user';
import { isProvinceWide, ownRegionCodes, ownSchoolId } from '../../common/auth/tenant-scope';
import { NotFoundException, ValidationFailedException } from '../../common/errors/domain.exception';
import type { School } from './school.entity';

/**
 * The school a write goes to (a new student, an import). A school_admin's is their own: naming
 * another is answered like a school that does not exist. Province-wide roles name one that
 * exists (400 naming schoolId otherwise); a region-limited coordinator one in their regions
 * (another region's is answered 404, like another school's to a school_admin). Without
 * `required`, a province-wide caller may name none: 0.
 */
export async function targetSchool(
  schools: Repository<School>,
  user: AuthUser,
  given: number | undefined,
  required: boolean,
): Promise<number> {
  if (!isProvinceWide(user)) {
    const own = ownSchoolId(user) ?? 0;
    if (given !== undefined && given !== own) {
      throw new NotFoundException('school', given);
    }
    return own;
  }
  if (given === undefined) {
    if (required) {
      throw ValidationFailedException.field('schoolId', 'is required');
    }
    return 0;
  }
  const school = await schools.findOneBy({ id: given });
  if (!school) {
    throw ValidationFailedException.field('schoolId', `unknown school ${given}`);
  }
  const regions = ownRegionCodes(user);
  if (regions !== null && !regions.includes(school.regionCode)) {
    throw new NotFoundException('school', given);
  }
  return given;
}

import type { WhereExpressionBuilder } from 'typeorm';
import { NotFoundException } from '../errors/domain.exception';
import type { AuthUser } from './auth-user';
import { Role } from './role.enum';

/**
 * One place for "whose rows may this user see". Province-wide roles see everything; a school
 * or company user sees only their own; anything else outside their scope is answered 404,
 * exactly as if it did not exist (never 403, which would confirm that it exists).
 */
export function isProvinceWide(user: AuthUser): boolean {
  return user.role === Role.Admin || user.role === Role.Coordinator;
}

/** The school a user is limited to, or null when they may see every school. */
export function ownSchoolId(user: AuthUser): number | null {
  if (isProvinceWide(user)) {
    return null;
  }
  // A user without a school scope (a company admin, a student) matches no school: id 0.
  return user.role === Role.SchoolAdmin ? (user.schoolId ?? 0) : 0;
}

/**
 * The regions a coordinator is limited to (users.region_codes), or null when the user is not
 * limited by region. Such a coordinator sees students domiciled in, and schools located in,
 * those regions only.
 */
export function ownRegionCodes(user: AuthUser): string[] | null {
  return user.role === Role.Coordinator && user.regionCodes.length > 0 ? user.regionCodes : null;
}

/** Throws the 404 of `entity` unless the row's region is within a region-limited user's scope. */
export function assertRegionInScope(
  user: AuthUser,
  regionCode: string,
  entity: string,
  id: string | number,
): void {
  const regions = ownRegionCodes(user);
  if (regions !== null && !regions.includes(regionCode)) {
    throw new NotFoundException(entity, id);
  }
}

/**
 * Restricts a query, for a region-limited coordinator, to the rows where one of `regionColumns`
 * (SQL expressions, e.g. a cohort's region or its school's and its company's) names one of their
 * regions; anyone else is not restricted here.
 */
export function restrictToOwnRegions(
  qb: WhereExpressionBuilder,
  user: AuthUser,
  ...regionColumns: string[]
): void {
  const regions = ownRegionCodes(user);
  if (regions !== null) {
    qb.andWhere(`(${regionColumns.map((c) => `${c} IN (:...ownRegionCodes)`).join(' OR ')})`, {
      ownRegionCodes: regions,
    });
  }
}

/** The company a user is limited to, or null when they may see every company. */
export function ownCompanyId(user: AuthUser): number | null {
  if (isProvinceWide(user)) {
    return null;
  }
  return user.role === Role.CompanyAdmin ? (user.companyId ?? 0) : 0;
}

/** Throws the 404 of `entity` unless the row's school is within the user's scope. */
export function assertSchoolInScope(
  user: AuthUser,
  schoolId: number,
  entity: string,
  id: string | number,
): void {
  const own = ownSchoolId(user);
  if (own !== null && own !== schoolId) {
    throw new NotFoundException(entity, id);
  }
}

/** Throws the 404 of `entity` unless the row's company is within the user's scope. */
export function assertCompanyInScope(
  user: AuthUser,
  companyId: number,
  entity: string,
  id: string | number,
): void {
  const own = ownCompanyId(user);
  if (own !== null && own !== companyId) {
    throw new NotFoundException(entity, id);
  }
}

/**
 * Restricts a query to the rows a school, company or student user may see, for tables that
 * carry `school_id`, `company_id` and `student_id` under `alias`. Province-wide roles are not
 * restricted here (a region-limited coordinator is the caller's concern).
 */
export function restrictToOwnRows(qb: WhereExpressionBuilder, user: AuthUser, alias: string): void {
  switch (user.role) {
    case Role.Admin:
    case Role.Coordinator:
      return;
    case Role.SchoolAdmin:
      qb.andWhere(`${alias}.school_id = :ownSchool`, { ownSchool: user.schoolId ?? 0 });
      return;
    case Role.CompanyAdmin:
      qb.andWhere(`${alias}.company_id = :ownCompany`, { ownCompany: user.companyId ?? 0 });
      return;
    case Role.Student:
      qb.andWhere(`${alias}.student_id = :ownStudent`, { ownStudent: user.studentId ?? 0 });
      return;
  }
}

import { Role } from './role.enum';

/**
 * The signed-in user as every controller and service sees it. The tenant scope
 * (school, company, student) comes from here, never from the request body or query.
 */
export interface AuthUser {
  id: number;
  email: string;
  role: Role;
  schoolId: number | null;
  companyId: number | null;
  studentId: number | null;
  /** A coordinator limited to some regions; empty means the whole province. */
  regionCodes: string[];
}

export interface AccessTokenPayload {
  sub: number;
  role: Role;
  schoolId: number | null;
  companyId: number | null;
  studentId: number | null;
}

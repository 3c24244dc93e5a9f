import type { Role } from '../../common/auth/role.enum';

export enum UserStatus {
  Active = 'active',
  Disabled = 'disabled',
}

/** A user account as other features read it (sign-in needs the hash; never send it out). */
export interface UserAccount {
  id: number;
  email: string;
  name: string;
  passwordHash: string;
  role: Role;
  schoolId: number | null;
  companyId: number | null;
  studentId: number | null;
  /** Comma-separated region codes (see splitCodes). */
  regionCodes: string;
  status: UserStatus;
  createdAt: Date;
}

export enum Role {
  Admin = 'admin',
  Coordinator = 'coordinator',
  SchoolAdmin = 'school_admin',
  CompanyAdmin = 'company_admin',
  Student = 'student',
}

export const ALL_ROLES = Object.values(Role);

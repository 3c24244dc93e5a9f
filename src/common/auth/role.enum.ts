export enum Role {
  Admin = 'admin',
  Coordinator = 'coordinator',
  SchoolAdmin = 'school_admin',
  CompanyAdmin = 'company_admin',
  Student = 'student',
  /** Guru pembimbing: a school's teacher, following the placements assigned to them. */
  Teacher = 'teacher',
  /** Pembimbing industri: a company's mentor, following the placements assigned to them. */
  Mentor = 'mentor',
}

export const ALL_ROLES = Object.values(Role);

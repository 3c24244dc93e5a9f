import { cryptoConfig } from '../../src/config/configuration';
import { Role } from '../../src/common/auth/role.enum';
import { generateProvince } from '../../scripts/generate/province';
import type { TestApp } from '../helpers/test-app';
import { createUser, type Login } from './harness';

export const YEAR = 2026;

export interface Seeded {
  schoolId: number;
  programCode: string;
  companyId: number;
  studentId: number;
  studentName: string;
  /** The student who signs in (and answers the round's offer). */
  applicantName: string;
  logins: Record<'admin' | 'schoolAdmin' | 'coordinator' | 'student', Login>;
}

/** A small seeded Banten (the demo's generator) and one user of each role bound to it. */
export async function seedProvince(app: TestApp): Promise<Seeded> {
  // The coordinator first: the generated training cohorts belong to them.
  const coordinator = await createUser(app, Role.Coordinator);
  const [{ id: coordinatorId }]: { id: number }[] = await app.dataSource.query(
    'SELECT id FROM users WHERE email = ?',
    [coordinator.email],
  );
  await generateProvince(app.dataSource, {
    seed: 11,
    schools: 3,
    graduates: 90,
    companies: 15,
    slots: 40,
    graduationYear: YEAR,
    encryptionKey: cryptoConfig().encryptionKey,
    // Outcomes, vacancy reports, courses and cohorts: the dashboard, map and cohort pages need them.
    analytics: { coordinatorId },
  });
  const [school]: { id: number; program_code: string }[] = await app.dataSource.query(
    'SELECT s.id, p.program_code FROM schools s JOIN school_programs p ON p.school_id = s.id ORDER BY s.id, p.program_code LIMIT 1',
  );
  const [company]: { id: number }[] = await app.dataSource.query(
    'SELECT company_id AS id FROM slots GROUP BY company_id ORDER BY COUNT(*) DESC, company_id LIMIT 1',
  );
  // The student with the most open slots they qualify for (programme and every required unit);
  // then, so that they have at least two to rank, the units of two more slots of their programme.
  const [student]: { id: number; name: string; program_code: string }[] =
    await app.dataSource.query(
      `SELECT st.id, st.name, st.program_code FROM students st JOIN slots sl ON sl.status = 'open'
      WHERE NOT EXISTS (
          SELECT 1 FROM slot_requirements r
          LEFT JOIN student_competencies c
            ON c.student_id = st.id AND c.unit_code = r.unit_code AND c.level >= r.min_level
          WHERE r.slot_id = sl.id AND c.student_id IS NULL)
        AND (NOT EXISTS (SELECT 1 FROM slot_programs p WHERE p.slot_id = sl.id)
          OR EXISTS (SELECT 1 FROM slot_programs p WHERE p.slot_id = sl.id AND p.program_code = st.program_code))
      GROUP BY st.id, st.name, st.program_code ORDER BY COUNT(*) DESC, st.id LIMIT 1`,
    );
  await app.dataSource.query(
    `INSERT INTO student_competencies (student_id, unit_code, level, source, achieved_on)
     SELECT ?, r.unit_code, MAX(r.min_level), 'assessment', '${YEAR}-05-01'
       FROM slot_requirements r
      WHERE r.slot_id IN (SELECT id FROM (
          SELECT sl.id FROM slots sl
           WHERE sl.status = 'open'
             AND (NOT EXISTS (SELECT 1 FROM slot_programs p WHERE p.slot_id = sl.id)
               OR EXISTS (SELECT 1 FROM slot_programs p WHERE p.slot_id = sl.id AND p.program_code = ?))
           ORDER BY sl.start_date, sl.id LIMIT 2) AS first_two)
      GROUP BY r.unit_code
     ON DUPLICATE KEY UPDATE level = GREATEST(level, VALUES(level))`,
    [student.id, student.program_code],
  );
  const [schoolStudent]: { name: string }[] = await app.dataSource.query(
    'SELECT name FROM students WHERE school_id = ? ORDER BY id LIMIT 1',
    [school.id],
  );
  return {
    schoolId: school.id,
    programCode: school.program_code,
    companyId: company.id,
    studentId: student.id,
    studentName: schoolStudent.name,
    applicantName: student.name,
    logins: {
      schoolAdmin: await createUser(app, Role.SchoolAdmin, { schoolId: school.id }),
      admin: await createUser(app, Role.Admin),
      coordinator,
      student: await createUser(app, Role.Student, { studentId: student.id }),
    },
  };
}

/**
 * The company admin, of the company where the applicant's offer was (so that they see their
 * apprentice), or of the company with the most slots when the round offered them nothing.
 */
export async function companyAdminLogin(app: TestApp, seeded: Seeded): Promise<Login> {
  const [placed]: { company_id: number }[] = await app.dataSource.query(
    `SELECT company_id FROM placements WHERE student_id = ? AND status IN ('accepted', 'active') LIMIT 1`,
    [seeded.studentId],
  );
  return createUser(app, Role.CompanyAdmin, { companyId: placed?.company_id ?? seeded.companyId });
}

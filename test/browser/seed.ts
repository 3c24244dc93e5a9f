import { cryptoConfig } from '../../src/config/configuration';
import { Role } from '../../src/common/auth/role.enum';
import { generateProvince } from '../../scripts/generate/province';
import { addDays } from '../../src/common/database/dates';
import { isWorkingDay, localToday } from '../../src/modules/monitoring/monitoring.rules';
import { MonitoringReminders } from '../../src/modules/monitoring/reminders.service';
import { createCompany, createSlot } from '../factories/companies.factory';
import { createUnits } from '../factories/reference.factory';
import { createSchool } from '../factories/schools.factory';
import { createStudent } from '../factories/students.factory';
import { login as login_, loginAsAdmin, type TestApp } from '../helpers/test-app';
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

/** The monitoring journeys' apprenticeship: one placement under way for a month. */
export interface MonitoringSeed {
  placementId: number;
  studentName: string;
  units: { code: string; name: string }[];
  teacherUserId: number;
  /** The last working day up to today (WIB): the day the student records attendance for. */
  workday: string;
  /** A working day before it: its entry was returned by the mentor with a comment. */
  returnedDay: string;
  logins: Record<'student' | 'teacher' | 'mentor' | 'schoolAdmin', Login>;
}

const MONITORED_UNITS = [
  { code: 'C.293100.001.01', name: 'Melakukan servis berkala kendaraan ringan' },
  { code: 'C.293100.002.01', name: 'Memeriksa dan merawat sistem rem' },
];

/**
 * A school, a company, a slot of two units and a student whose placement (offered, accepted,
 * started through the API) has run since a month ago, with its mentor assigned (the teacher is
 * the school admin's to assign, in the browser); two days present, one entry the mentor returned,
 * and the reminders run (so the "needs attention" lists have the placement).
 */
export async function seedMonitoring(app: TestApp): Promise<MonitoringSeed> {
  const ds = app.dataSource;
  await createUnits(ds, MONITORED_UNITS);
  const school = await createSchool(ds, { name: 'SMK Negeri 2 Kota Serang', regionCode: '3673' });
  const company = await createCompany(ds, {
    name: 'PT Serang Otomotif Mandiri',
    regionCode: '3673',
    workforceSize: 200,
    verifiedAt: new Date('2026-01-05T00:00:00Z'),
  });
  const student = await createStudent(app.app, ds, school.id, {
    name: 'Rina Kartika',
    domicileRegionCode: '3673',
    parentalConsent: true,
    units: Object.fromEntries(MONITORED_UNITS.map((u) => [u.code, 2])),
  });
  const slot = await createSlot(ds, company.id, {
    title: 'Magang Mekanik Kendaraan Ringan',
    regionCode: '3673',
    capacity: 3,
    requirements: MONITORED_UNITS.map((u) => ({ unit: u.code, minLevel: 1 })),
  });
  const logins = {
    student: await createUser(app, Role.Student, { studentId: student.id }),
    teacher: await createUser(app, Role.Teacher, { schoolId: school.id }),
    mentor: await createUser(app, Role.Mentor, { companyId: company.id }),
    schoolAdmin: await createUser(app, Role.SchoolAdmin, { schoolId: school.id }),
  };
  const names: [Login, string][] = [
    [logins.teacher, 'Bu Sari Wulandari'],
    [logins.mentor, 'Pak Joko Susilo'],
    [logins.student, 'Rina Kartika'],
  ];
  for (const [login, name] of names) {
    await ds.query('UPDATE users SET name = ? WHERE email = ?', [name, login.email]);
  }
  const idOf = async (login: Login): Promise<number> => {
    const [row] = await ds.query<{ id: number }[]>('SELECT id FROM users WHERE email = ?', [
      login.email,
    ]);
    return row.id;
  };

  const admin = await loginAsAdmin(app);
  const as = async (login: Login) => (await login_(app, login.email, login.password)).auth;
  const http = () => app.http();
  const placementId = (
    await http()
      .post('/api/v1/placements')
      .set(admin.auth)
      .send({ studentId: student.id, slotId: slot.id })
      .expect(201)
  ).body.id as number;
  await http().post(`/api/v1/placements/${placementId}/accept`).set(admin.auth).expect(200);
  await http().post(`/api/v1/placements/${placementId}/start`).set(admin.auth).expect(200);
  const today = localToday();
  await ds.query('UPDATE placements SET start_date = ?, end_date = ? WHERE id = ?', [
    addDays(today, -30),
    addDays(today, 60),
    placementId,
  ]);
  await http()
    .put(`/api/v1/placements/${placementId}/mentor`)
    .set(admin.auth)
    .send({ userId: await idOf(logins.mentor) })
    .expect(200);

  const workingDayBefore = (day: string): string => {
    let d = addDays(day, -1);
    while (!isWorkingDay(d)) {
      d = addDays(d, -1);
    }
    return d;
  };
  const workday = isWorkingDay(today) ? today : workingDayBefore(today);
  const returnedDay = workingDayBefore(workday);
  const studentAuth = await as(logins.student);
  const mentorAuth = await as(logins.mentor);
  // A day four weeks ago is long unconfirmed: the reminders put the placement on the lists.
  const longAgo = workingDayBefore(addDays(today, -27));
  for (const day of [longAgo, workingDayBefore(returnedDay), returnedDay]) {
    await http()
      .put(`/api/v1/placements/${placementId}/attendance/${day}`)
      .set(studentAuth)
      .send({ status: 'hadir' })
      .expect(200);
  }
  const returned = await http()
    .post(`/api/v1/placements/${placementId}/journal`)
    .set(studentAuth)
    .send({
      date: returnedDay,
      activities: 'Membantu ganti oli',
      unitCodes: [MONITORED_UNITS[0].code],
      hours: 8,
    })
    .expect(201);
  await http()
    .post(`/api/v1/journal-entries/${returned.body.id}/return`)
    .set(mentorAuth)
    .send({ comment: 'Tuliskan langkah kerjanya dengan lengkap.' })
    .expect(200);
  await app.app.get(MonitoringReminders).run(today);

  return {
    placementId,
    studentName: student.name,
    units: MONITORED_UNITS,
    teacherUserId: await idOf(logins.teacher),
    workday,
    returnedDay,
    logins,
  };
}

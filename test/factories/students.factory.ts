import type { DataSource } from 'typeorm';
import type { INestApplication } from '@nestjs/common';
import { FieldCipher } from '../../src/common/crypto/field-cipher';
import {
  CompetencySource,
  StudentCompetency,
} from '../../src/modules/competencies/student-competency.entity';
import { Gender, Student, StudentStatus } from '../../src/modules/students/student.entity';

let seq = 0;

export interface StudentOverrides extends Partial<Student> {
  nik?: string;
  /** unit code → level, written to student_competencies (source assessment). */
  units?: Record<string, number>;
}

/**
 * A student written straight to the database, the NIK encrypted exactly as the app does it
 * (the app's own FieldCipher), so tests of other features need not go through the API.
 */
export async function createStudent(
  app: INestApplication,
  dataSource: DataSource,
  schoolId: number,
  overrides: StudentOverrides = {},
): Promise<Student> {
  const { nik: givenNik, units, ...fields } = overrides;
  const n = ++seq;
  const worker = Number(process.env.JEST_WORKER_ID ?? 1);
  const nik = givenNik ?? `3672${String(worker).padStart(2, '0')}${String(n).padStart(10, '0')}`;
  const cipher = app.get(FieldCipher);
  const student = await dataSource.getRepository(Student).save({
    nisn: `${worker}${String(n).padStart(9, '0')}`,
    nikCiphertext: cipher.encrypt(nik),
    nikHash: cipher.hash(nik),
    nikMasked: `${nik.slice(0, 4)}********${nik.slice(12)}`,
    name: `Siswa ${n}`,
    birthDate: '2007-03-14',
    gender: n % 2 === 0 ? Gender.Female : Gender.Male,
    schoolId,
    programCode: 'TKR',
    domicileRegionCode: '3672',
    enrolmentYear: 2023,
    graduationYear: 2026,
    status: StudentStatus.Graduated,
    parentalConsent: false,
    ...fields,
  });
  if (units && Object.keys(units).length > 0) {
    await dataSource.getRepository(StudentCompetency).insert(
      Object.entries(units).map(([unitCode, level]) => ({
        studentId: student.id,
        unitCode,
        level,
        source: CompetencySource.Assessment,
        evidenceRef: 'test',
        achievedOn: '2026-05-01',
      })),
    );
  }
  return student;
}

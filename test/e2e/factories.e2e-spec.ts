import { createUnits } from '../factories/reference.factory';
import { createSchool } from '../factories/schools.factory';
import { createStudent } from '../factories/students.factory';
import { createTestApp, resetState, TestApp } from '../helpers/test-app';

/** The factories other specs build on write rows the schema accepts, NIK never in plain text. */
describe('Test factories (e2e)', () => {
  let sut: TestApp;

  beforeAll(async () => {
    sut = await createTestApp();
  });
  afterAll(() => sut.close());
  beforeEach(() => resetState(sut));

  it('creates a school, a student holding units, and stores the NIK encrypted', async () => {
    await createUnits(sut.dataSource, [{ code: 'C.293000.001.01' }]);
    const school = await createSchool(sut.dataSource);
    const student = await createStudent(sut.app, sut.dataSource, school.id, {
      nik: '3672010101070001',
      units: { 'C.293000.001.01': 3 },
    });
    const [row] = await sut.dataSource.query('SELECT * FROM students WHERE id = ?', [student.id]);
    expect(JSON.stringify(row)).not.toContain('3672010101070001');
    expect(row.nik_masked).toBe('3672********0001');
    const [held] = await sut.dataSource.query(
      'SELECT level FROM student_competencies WHERE student_id = ?',
      [student.id],
    );
    expect(held.level).toBe(3);
  });
});

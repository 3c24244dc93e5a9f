import { ageOn, isCalendarDate } from '../../common/database/dates';
import { Role } from '../../common/auth/role.enum';
import {
  crossFieldProblems,
  isOwnStudent,
  maskNik,
  nikProblem,
  refusedSelfEdits,
} from './students.rules';

describe('student rules', () => {
  it('masks a NIK to its first four and last four digits', () => {
    expect(maskNik('3604012345670001')).toBe('3604********0001');
  });

  it.each([
    ['3604012345670001', null],
    ['360401234567000', 'must be exactly 16 digits'],
    ['36040123456700a1', 'must be exactly 16 digits'],
    ['9904012345670001', 'must start with a valid province code'],
    ['2004012345670001', 'must start with a valid province code'],
    ['9704012345670001', null],
  ])('judges the NIK %s', (nik, problem) => {
    expect(nikProblem(nik)).toBe(problem);
  });

  it('knows real dates and ages', () => {
    expect(isCalendarDate('2008-02-29')).toBe(true);
    expect(isCalendarDate('2007-02-29')).toBe(false);
    expect(ageOn('2008-11-28', '2026-11-28')).toBe(18);
    expect(ageOn('2008-11-29', '2026-11-28')).toBe(17);
  });

  it('asks for parental consent under 18 only', () => {
    const minor = { birthDate: '2010-01-01', parentalConsent: false };
    expect(crossFieldProblems(minor, '2026-11-28').map((p) => p.field)).toEqual([
      'parentalConsent',
    ]);
    expect(crossFieldProblems({ ...minor, parentalConsent: true }, '2026-11-28')).toEqual([]);
    expect(crossFieldProblems({ ...minor, birthDate: '2000-01-01' }, '2026-11-28')).toEqual([]);
  });

  it('refuses a graduation before the enrolment', () => {
    expect(
      crossFieldProblems({ enrolmentYear: 2024, graduationYear: 2023 }, '2026-11-28')[0].field,
    ).toBe('graduationYear');
  });

  it('lets a student change only their contact details and domicile', () => {
    expect(refusedSelfEdits(Role.Student, ['phone', 'name']).map((p) => p.field)).toEqual(['name']);
    expect(refusedSelfEdits(Role.SchoolAdmin, ['name'])).toEqual([]);
  });

  it('knows the student themself', () => {
    expect(isOwnStudent({ role: Role.Student, studentId: 7 }, 7)).toBe(true);
    expect(isOwnStudent({ role: Role.Student, studentId: 7 }, 8)).toBe(false);
    expect(isOwnStudent({ role: Role.SchoolAdmin, studentId: null }, 7)).toBe(false);
  });
});

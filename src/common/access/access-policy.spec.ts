import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AuthUser } from '../auth/auth-user';
import { ALL_ROLES, Role } from '../auth/role.enum';
import {
  ACCESS_POLICY,
  Action,
  regionsAllowed,
  Resource,
  rolesFor,
  scopeCondition,
} from './access-policy';
import { renderAccessTable } from './access-table';

function user(role: Role, scope: Partial<AuthUser> = {}): AuthUser {
  return {
    id: 1,
    email: 'u@test.local',
    role,
    schoolId: null,
    companyId: null,
    studentId: null,
    regionCodes: [],
    ...scope,
  };
}

describe('access policy', () => {
  it('lets admins and province-wide coordinators see every row', () => {
    for (const resource of Object.keys(ACCESS_POLICY) as Resource[]) {
      expect(scopeCondition(user(Role.Admin), resource, 'a')).toBeNull();
      expect(scopeCondition(user(Role.Coordinator), resource, 'a')).toBeNull();
    }
  });

  it('ties a school admin to their school, a company admin to their company, a student to themselves', () => {
    expect(scopeCondition(user(Role.SchoolAdmin, { schoolId: 7 }), 'student', 's')).toEqual({
      sql: '(s.school_id = :accessSchool)',
      params: { accessSchool: 7 },
    });
    expect(scopeCondition(user(Role.CompanyAdmin, { companyId: 3 }), 'slot', 's')).toEqual({
      sql: '(s.company_id = :accessCompany)',
      params: { accessCompany: 3 },
    });
    expect(scopeCondition(user(Role.Student, { studentId: 9 }), 'placement', 'p')).toEqual({
      sql: '(p.student_id = :accessStudent)',
      params: { accessStudent: 9 },
    });
  });

  it('ties a teacher and a mentor to the placements assigned to them, not to their school or company', () => {
    const teacher = user(Role.Teacher, { id: 41, schoolId: 7 });
    const mentor = user(Role.Mentor, { id: 42, companyId: 3 });
    expect(scopeCondition(teacher, 'journal', 'p')).toEqual({
      sql: '(p.teacher_id = :accessAssigned)',
      params: { accessAssigned: 41 },
    });
    expect(scopeCondition(mentor, 'assessment', 'p', Action.Act)).toEqual({
      sql: '(p.mentor_id = :accessAssigned)',
      params: { accessAssigned: 42 },
    });
    expect(scopeCondition(teacher, 'student', 's')?.sql).toBe('1 = 0');
    // School and company admins still see every monitoring record of theirs.
    expect(scopeCondition(user(Role.SchoolAdmin, { schoolId: 7 }), 'journal', 'p')?.sql).toBe(
      '(p.school_id = :accessSchool)',
    );
    expect(rolesFor('teacherAssignment', Action.Change)).toEqual([Role.Admin, Role.SchoolAdmin]);
    expect(rolesFor('mentorAssignment', Action.Change)).toEqual([Role.Admin, Role.CompanyAdmin]);
  });

  it('matches nothing for a tenant with no tie to the resource, and 0 for a missing scope id', () => {
    expect(scopeCondition(user(Role.CompanyAdmin, { companyId: 3 }), 'student', 's')?.sql).toBe(
      '1 = 0',
    );
    expect(scopeCondition(user(Role.SchoolAdmin), 'school', 's')?.params).toEqual({
      accessSchool: 0,
    });
  });

  it('shows open rows to their readers only for reading, never for a write', () => {
    const student = user(Role.Student, { studentId: 9 });
    expect(scopeCondition(student, 'slot', 's', Action.List)?.sql).toBe("((s.status = 'open'))");
    expect(scopeCondition(student, 'slot', 's', Action.Change)?.sql).toBe('1 = 0');
  });

  it('lets every permitted role see rows no tenant owns (catalogues)', () => {
    expect(scopeCondition(user(Role.Student, { studentId: 9 }), 'course', 'c')).toBeNull();
    expect(scopeCondition(user(Role.SchoolAdmin, { schoolId: 1 }), 'cohort', 'c')).toBeNull();
  });

  it('limits a region-limited coordinator by the resource region axis', () => {
    const limited = user(Role.Coordinator, { regionCodes: ['3601'] });
    expect(scopeCondition(limited, 'school', 's')).toEqual({
      sql: '(s.region_code IN (:...accessRegions))',
      params: { accessRegions: ['3601'] },
    });
    expect(scopeCondition(limited, 'course', 'c')).toBeNull();
    expect(scopeCondition(limited, 'matchingRun', 'r')?.sql).toContain('NOT EXISTS');
  });

  it('allows a new row in regions only when every one is the limited user’s', () => {
    const limited = user(Role.Coordinator, { regionCodes: ['3601', '3602'] });
    expect(regionsAllowed(limited, ['3601'])).toBe(true);
    expect(regionsAllowed(limited, ['3601', '3673'])).toBe(false);
    expect(regionsAllowed(limited, [])).toBe(false);
    expect(regionsAllowed(user(Role.Coordinator), [])).toBe(true);
  });

  it('gives every role of the enum a decision for every resource', () => {
    for (const resource of Object.keys(ACCESS_POLICY) as Resource[]) {
      for (const action of Object.values(Action)) {
        expect(rolesFor(resource, action).every((r) => ALL_ROLES.includes(r))).toBe(true);
      }
    }
    expect(rolesFor('user', Action.Create)).toEqual([Role.Admin]);
  });

  it('is the table the README shows', () => {
    const readme = readFileSync(join(__dirname, '..', '..', '..', 'README.md'), 'utf8');
    expect(readme).toContain(renderAccessTable());
  });
});

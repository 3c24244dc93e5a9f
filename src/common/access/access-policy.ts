import { Role } from '../auth/role.enum';
import type { AuthUser } from '../auth/auth-user';
import { type FieldProblem, ValidationFailedException } from '../errors/domain.exception';

/**
 * THE access policy: who may do what with each resource, and how a resource's rows tie to a
 * school, a company, a student and a region. Every list is scoped by `scopeCondition` (through
 * `scopeList`), every single row is checked by `AccessRepository.assertInScope` with the same
 * condition, and every route names its (resource, action) with `@Access`, which derives the
 * route's roles from this table. The README's "Who may see what" section is this table in prose.
 *
 * Rows outside a user's scope are answered 404, exactly as if they did not exist (never 403,
 * which would confirm that they exist). A role missing from a resource's `can` is a 403.
 */

export enum Action {
  List = 'list',
  Read = 'read',
  Create = 'create',
  Change = 'change',
  /** A state change or command on the row (publish, accept, verify, export...). */
  Act = 'act',
}

/** The region axis of a resource, for coordinators limited to some regions (users.region_codes). */
export type RegionTie =
  /** Not regional: a catalogue everyone permitted sees whole (courses, competency units). */
  | { kind: 'none' }
  /** The row lies in its region when any of these SQL expressions names one of the user's regions. */
  | { kind: 'anyOf'; columns: (a: string) => string[] }
  /**
   * The row lies in the user's regions when every region it spans is theirs: `from` is the
   * FROM ... WHERE of the row's region codes, `column` the code (no codes = every region,
   * which no limited user covers).
   */
  | { kind: 'allOf'; from: (a: string) => string; column: string };

export interface ResourcePolicy {
  /** The owning table and its key, for checking one row by id. Null: no rows of its own. */
  table: string | null;
  key?: string;
  /** SQL expressions (over the row's alias) for the row's school, company and student. */
  school?: (a: string) => string;
  company?: (a: string) => string;
  student?: (a: string) => string;
  /**
   * The assigned tie: SQL expressions for the user assigned to the row as its teacher or its
   * mentor (placements.teacher_id / mentor_id). A teacher or mentor sees only such rows.
   */
  teacher?: (a: string) => string;
  mentor?: (a: string) => string;
  region: RegionTie;
  /** Rows some roles may list and read whatever their ties (e.g. open slots), never change. */
  openTo?: { roles: Role[]; when: (a: string) => string };
  /** What each role may do; a role absent here is refused (403). */
  can: Partial<Record<Role, readonly Action[]>>;
}

const ALL: readonly Action[] = [Action.List, Action.Read, Action.Create, Action.Change, Action.Act];
const READ: readonly Action[] = [Action.List, Action.Read];

const none: RegionTie = { kind: 'none' };
const anyOf = (columns: (a: string) => string[]): RegionTie => ({ kind: 'anyOf', columns });

const studentRegion = (studentId: string): string =>
  `(SELECT st_r.domicile_region_code FROM students st_r WHERE st_r.id = ${studentId})`;
const schoolRegion = (schoolId: string): string =>
  `(SELECT sc_r.region_code FROM schools sc_r WHERE sc_r.id = ${schoolId})`;
const companyRegion = (companyId: string): string =>
  `(SELECT co_r.region_code FROM companies co_r WHERE co_r.id = ${companyId})`;

/** A student's own row and the things hung on it (competencies, preferences). */
const studentTies = {
  table: 'students',
  school: (a: string) => `${a}.school_id`,
  student: (a: string) => `${a}.id`,
  region: anyOf((a) => [`${a}.domicile_region_code`]),
} as const;

const slotTies = {
  table: 'slots',
  company: (a: string) => `${a}.company_id`,
  region: anyOf((a) => [`${a}.region_code`]),
} as const;

/** Where a placement happens: its slot's region. */
const placementRegion = anyOf((a) => [
  `(SELECT sl_p.region_code FROM slots sl_p WHERE sl_p.id = ${a}.slot_id)`,
]);

/**
 * A placement and its monitoring records (journal, attendance, visits, assessment,
 * certificate): checked on the placement's row. Its school and company see all of theirs, its
 * student their own, its assigned teacher and mentor theirs, a limited coordinator by the
 * slot's region.
 */
const supervisedTies = {
  table: 'placements',
  school: (a: string) => `${a}.school_id`,
  company: (a: string) => `${a}.company_id`,
  student: (a: string) => `${a}.student_id`,
  teacher: (a: string) => `${a}.teacher_id`,
  mentor: (a: string) => `${a}.mentor_id`,
  region: placementRegion,
} as const;

const roundRowTies = {
  school: (a: string) => `${a}.school_id`,
  company: (a: string) => `${a}.company_id`,
  student: (a: string) => `${a}.student_id`,
  region: anyOf((a) => [studentRegion(`${a}.student_id`)]),
} as const;

export const ACCESS_POLICY = {
  school: {
    table: 'schools',
    school: (a) => `${a}.id`,
    region: anyOf((a) => [`${a}.region_code`]),
    can: {
      [Role.Admin]: ALL,
      [Role.Coordinator]: ALL,
      [Role.SchoolAdmin]: [Action.List, Action.Read, Action.Change],
    },
  },
  student: {
    ...studentTies,
    can: {
      [Role.Admin]: ALL,
      [Role.Coordinator]: ALL,
      [Role.SchoolAdmin]: [Action.List, Action.Read, Action.Create, Action.Change],
      [Role.Student]: [Action.List, Action.Read, Action.Change],
    },
  },
  studentCompetency: {
    ...studentTies,
    can: {
      [Role.Admin]: ALL,
      [Role.Coordinator]: ALL,
      [Role.SchoolAdmin]: ALL,
      [Role.Student]: READ,
    },
  },
  studentPreference: {
    ...studentTies,
    can: {
      [Role.Admin]: ALL,
      [Role.Coordinator]: READ,
      [Role.SchoolAdmin]: ALL,
      [Role.Student]: ALL,
    },
  },
  competencyUnit: {
    table: 'competency_units',
    key: 'code',
    region: none,
    can: {
      [Role.Admin]: ALL,
      [Role.Coordinator]: ALL,
      [Role.SchoolAdmin]: READ,
      [Role.CompanyAdmin]: READ,
      [Role.Student]: READ,
      [Role.Teacher]: READ,
      [Role.Mentor]: READ,
    },
  },
  course: {
    table: 'courses',
    region: none,
    can: {
      [Role.Admin]: ALL,
      [Role.Coordinator]: ALL,
      [Role.SchoolAdmin]: READ,
      [Role.CompanyAdmin]: READ,
      [Role.Student]: READ,
    },
  },
  cohort: {
    table: 'cohorts',
    // The training on offer: no tenant owns a cohort, so every signed-in user reads them all;
    // managing them is the office's.
    region: anyOf((a) => [`${a}.region_code`]),
    can: {
      [Role.Admin]: ALL,
      [Role.Coordinator]: ALL,
      [Role.SchoolAdmin]: READ,
      [Role.CompanyAdmin]: READ,
      [Role.Student]: READ,
    },
  },
  /** A cohort's figures and the coordinator's view: the office's, not the public's. */
  cohortStats: {
    table: 'cohorts',
    region: anyOf((a) => [`${a}.region_code`]),
    can: { [Role.Admin]: READ, [Role.Coordinator]: READ },
  },
  enrolment: {
    table: 'enrolments',
    school: (a) => `(SELECT st_e.school_id FROM students st_e WHERE st_e.id = ${a}.student_id)`,
    student: (a) => `${a}.student_id`,
    region: anyOf((a) => [
      `(SELECT co_e.region_code FROM cohorts co_e WHERE co_e.id = ${a}.cohort_id)`,
    ]),
    can: {
      [Role.Admin]: ALL,
      [Role.Coordinator]: ALL,
      [Role.SchoolAdmin]: [Action.List, Action.Read, Action.Create, Action.Act],
    },
  },
  company: {
    table: 'companies',
    company: (a) => `${a}.id`,
    region: anyOf((a) => [`${a}.region_code`]),
    can: {
      [Role.Admin]: ALL,
      [Role.Coordinator]: ALL,
      [Role.CompanyAdmin]: [Action.List, Action.Read, Action.Change],
    },
  },
  agreement: {
    table: 'agreements',
    school: (a) => `${a}.school_id`,
    company: (a) => `${a}.company_id`,
    region: anyOf((a) => [schoolRegion(`${a}.school_id`), companyRegion(`${a}.company_id`)]),
    can: {
      [Role.Admin]: ALL,
      [Role.Coordinator]: ALL,
      [Role.SchoolAdmin]: [Action.List, Action.Read, Action.Create],
      [Role.CompanyAdmin]: READ,
    },
  },
  slot: {
    ...slotTies,
    // Students and schools shop among open slots; a company sees its own in every state.
    openTo: { roles: [Role.SchoolAdmin, Role.Student], when: (a) => `${a}.status = 'open'` },
    can: {
      [Role.Admin]: ALL,
      [Role.Coordinator]: ALL,
      [Role.CompanyAdmin]: ALL,
      [Role.SchoolAdmin]: READ,
      [Role.Student]: READ,
    },
  },
  slotRanking: {
    ...slotTies,
    can: {
      [Role.Admin]: ALL,
      [Role.Coordinator]: ALL,
      [Role.CompanyAdmin]: ALL,
    },
  },
  vacancyReport: {
    table: 'vacancy_reports',
    company: (a) => `${a}.company_id`,
    region: anyOf((a) => [companyRegion(`${a}.company_id`)]),
    can: {
      [Role.Admin]: ALL,
      [Role.Coordinator]: ALL,
      [Role.CompanyAdmin]: [Action.List, Action.Read, Action.Create],
    },
  },
  placement: {
    ...supervisedTies,
    // Who may take which step is placements.rules.ts's table (the offer's parties).
    can: {
      [Role.Admin]: ALL,
      [Role.Coordinator]: ALL,
      [Role.CompanyAdmin]: ALL,
      [Role.SchoolAdmin]: [Action.List, Action.Read, Action.Act],
      [Role.Student]: [Action.List, Action.Read, Action.Act],
      [Role.Teacher]: READ,
      [Role.Mentor]: READ,
    },
  },
  /** Assigning a placement's teacher: the school's side. */
  teacherAssignment: {
    ...supervisedTies,
    can: { [Role.Admin]: [Action.Change], [Role.SchoolAdmin]: [Action.Change] },
  },
  /** Assigning a placement's mentor: the company's side. */
  mentorAssignment: {
    ...supervisedTies,
    can: { [Role.Admin]: [Action.Change], [Role.CompanyAdmin]: [Action.Change] },
  },
  /**
   * The daily journal: the student writes it; the mentor approves or returns (act), the teacher
   * comments (act): which of them takes which step is monitoring.rules.ts's.
   */
  journal: {
    ...supervisedTies,
    can: {
      [Role.Admin]: ALL,
      [Role.Coordinator]: READ,
      [Role.SchoolAdmin]: READ,
      [Role.CompanyAdmin]: READ,
      [Role.Student]: [Action.List, Action.Read, Action.Create, Action.Change],
      [Role.Teacher]: [Action.List, Action.Read, Action.Act],
      [Role.Mentor]: [Action.List, Action.Read, Action.Act],
    },
  },
  /** "Waiting for me": the journal entries a mentor is to review and a teacher to comment. */
  journalQueue: {
    ...supervisedTies,
    can: { [Role.Teacher]: READ, [Role.Mentor]: READ },
  },
  /** Attendance per working day: the student records it, the mentor confirms it. */
  attendance: {
    ...supervisedTies,
    can: {
      [Role.Admin]: ALL,
      [Role.Coordinator]: READ,
      [Role.SchoolAdmin]: READ,
      [Role.CompanyAdmin]: READ,
      [Role.Student]: [Action.List, Action.Read, Action.Create, Action.Change],
      [Role.Teacher]: READ,
      [Role.Mentor]: [Action.List, Action.Read, Action.Act],
    },
  },
  /** The teacher's monitoring visits: the school's records. */
  visit: {
    ...supervisedTies,
    can: {
      [Role.Admin]: ALL,
      [Role.Coordinator]: READ,
      [Role.SchoolAdmin]: READ,
      [Role.Teacher]: [Action.List, Action.Read, Action.Create],
    },
  },
  /** The mentor's final assessment, which completes the placement, and its certificate. */
  assessment: {
    ...supervisedTies,
    can: {
      [Role.Admin]: ALL,
      [Role.Coordinator]: READ,
      [Role.SchoolAdmin]: READ,
      [Role.CompanyAdmin]: READ,
      [Role.Student]: READ,
      [Role.Teacher]: READ,
      [Role.Mentor]: [Action.List, Action.Read, Action.Act],
    },
  },
  /**
   * "Needs attention": the active placements the daily reminders found with a missing journal
   * or attendance long unconfirmed. Each supervisor and admin sees their placements' rows.
   */
  attention: {
    ...supervisedTies,
    can: {
      [Role.Admin]: READ,
      [Role.Coordinator]: READ,
      [Role.SchoolAdmin]: READ,
      [Role.CompanyAdmin]: READ,
      [Role.Teacher]: READ,
      [Role.Mentor]: READ,
    },
  },
  /**
   * Monitoring figures per school, teacher, company or region: counted over the placements the
   * user may see (a school admin their school's, a teacher their assigned ones, a limited
   * coordinator their regions').
   */
  monitoringReport: {
    ...supervisedTies,
    can: {
      [Role.Admin]: READ,
      [Role.Coordinator]: READ,
      [Role.SchoolAdmin]: READ,
      [Role.CompanyAdmin]: READ,
      [Role.Teacher]: READ,
      [Role.Mentor]: READ,
    },
  },
  matchingRun: {
    table: 'matching_runs',
    // A round is a limited coordinator's when every region of its scope is theirs.
    region: {
      kind: 'allOf',
      from: (a) => `matching_run_regions mr_r WHERE mr_r.run_id = ${a}.id`,
      column: 'mr_r.region_code',
    },
    can: { [Role.Admin]: ALL, [Role.Coordinator]: ALL },
  },
  /** A round's proposals and unmatched rows: each party sees its own; a region by domicile. */
  matchingResult: {
    table: null,
    ...roundRowTies,
    can: {
      [Role.Admin]: READ,
      [Role.Coordinator]: READ,
      [Role.SchoolAdmin]: READ,
      [Role.CompanyAdmin]: READ,
      [Role.Student]: READ,
    },
  },
  outcome: {
    table: 'outcomes',
    school: (a) => `(SELECT st_o.school_id FROM students st_o WHERE st_o.id = ${a}.student_id)`,
    student: (a) => `${a}.student_id`,
    region: anyOf((a) => [studentRegion(`${a}.student_id`)]),
    can: {
      [Role.Admin]: ALL,
      [Role.Coordinator]: READ,
      [Role.SchoolAdmin]: [Action.List, Action.Read, Action.Create],
      [Role.Student]: [Action.List, Action.Read, Action.Create],
    },
  },
  import: {
    table: 'imports',
    school: (a) => `${a}.school_id`,
    region: anyOf((a) => [schoolRegion(`${a}.school_id`)]),
    can: {
      [Role.Admin]: ALL,
      [Role.Coordinator]: ALL,
      [Role.SchoolAdmin]: ALL,
    },
  },
  /** Outcome imports: a school's tracer data, sent by the school (or an admin). */
  outcomeImport: {
    table: 'imports',
    school: (a) => `${a}.school_id`,
    region: anyOf((a) => [schoolRegion(`${a}.school_id`)]),
    can: { [Role.Admin]: ALL, [Role.SchoolAdmin]: ALL },
  },
  /** Figures per school or programme: a school admin sees its own school's rows. */
  analytics: {
    table: null,
    school: (a) => `${a}.school_id`,
    // The rows are graduates: a limited coordinator's are those domiciled in their regions.
    region: anyOf((a) => [`${a}.domicile_region_code`]),
    can: { [Role.Admin]: READ, [Role.Coordinator]: READ, [Role.SchoolAdmin]: READ },
  },
  /**
   * Regional totals of the labour market (unemployment by region, supply against demand, the
   * recommendations): no tenant owns them, so every reader sees every region; a limited
   * coordinator theirs (naming another region is a 400 on regionCode).
   */
  labourMarket: {
    table: null,
    region: anyOf((a) => [`${a}.region_code`]),
    can: { [Role.Admin]: READ, [Role.Coordinator]: READ, [Role.SchoolAdmin]: READ },
  },
  /**
   * The placement events sent to the webhook (the outbox), by the placement's slot region.
   * outbox_events has no aggregate column: every event is a placement's (type `placement.*`,
   * and the reminders' `journal.missing` and `attendance.unconfirmed`), and its payload carries
   * `placementId` (placement-events.ts, monitoring's reminders). Only operators list it, paged.
   */
  notification: {
    table: 'outbox_events',
    region: anyOf((a) => [
      `(SELECT sl_n.region_code FROM placements p_n JOIN slots sl_n ON sl_n.id = p_n.slot_id WHERE p_n.id = CAST(JSON_VALUE(${a}.payload, '$.placementId') AS UNSIGNED))`,
    ]),
    can: { [Role.Admin]: READ, [Role.Coordinator]: READ },
  },
  /** Reference data every signed-in user reads (regions, districts, programmes); the admin sets a region's profiles. */
  reference: {
    table: null,
    region: none,
    can: {
      [Role.Admin]: [...READ, Action.Change],
      [Role.Coordinator]: READ,
      [Role.SchoolAdmin]: READ,
      [Role.CompanyAdmin]: READ,
      [Role.Student]: READ,
      [Role.Teacher]: READ,
      [Role.Mentor]: READ,
    },
  },
  /** The signed-in user's own account. */
  account: {
    table: null,
    region: none,
    can: {
      [Role.Admin]: ALL,
      [Role.Coordinator]: ALL,
      [Role.SchoolAdmin]: ALL,
      [Role.CompanyAdmin]: ALL,
      [Role.Student]: ALL,
      [Role.Teacher]: ALL,
      [Role.Mentor]: ALL,
    },
  },
  user: { table: 'users', region: none, can: { [Role.Admin]: ALL } },
  /** Active teachers and mentors, to pick a placement's supervisor from: a school's, a company's. */
  supervisor: {
    table: 'users',
    school: (a) => `${a}.school_id`,
    company: (a) => `${a}.company_id`,
    region: none,
    can: {
      [Role.Admin]: [Action.List],
      [Role.SchoolAdmin]: [Action.List],
      [Role.CompanyAdmin]: [Action.List],
    },
  },
  auditEvent: { table: 'audit_events', region: none, can: { [Role.Admin]: READ } },
  queueBoard: { table: null, region: none, can: { [Role.Admin]: [Action.Act] } },
} satisfies Record<string, ResourcePolicy>;

export type Resource = keyof typeof ACCESS_POLICY;

export function policyOf(resource: Resource): ResourcePolicy {
  return ACCESS_POLICY[resource];
}

/** The roles that may take `action` on `resource`. */
export function rolesFor(resource: Resource, action: Action): Role[] {
  const can = policyOf(resource).can;
  return (Object.keys(can) as Role[]).filter((role) => can[role]?.includes(action));
}

export function mayDo(user: AuthUser, resource: Resource, action: Action): boolean {
  return policyOf(resource).can[user.role]?.includes(action) ?? false;
}

/** The regions a coordinator is limited to, or null when the user is not limited by region. */
export function regionLimit(user: AuthUser): string[] | null {
  return user.role === Role.Coordinator && user.regionCodes.length > 0 ? user.regionCodes : null;
}

/** True when a region-limited user may place a row in every one of `regionCodes`. */
export function regionsAllowed(user: AuthUser, regionCodes: readonly string[]): boolean {
  const limit = regionLimit(user);
  return limit === null || (regionCodes.length > 0 && regionCodes.every((c) => limit.includes(c)));
}

/** The problem a region-limited user's body or query gets for a region outside theirs. */
export const OUTSIDE_YOUR_REGIONS = 'is outside your regions';

/**
 * A region-limited user naming a region outside theirs gets a 400 on that field, on every route:
 * regions are public reference data, so a 404 would hide nothing, and the field says what to fix.
 */
export function regionProblems(
  user: AuthUser,
  regionCodes: readonly string[],
  field: string,
): FieldProblem[] {
  return regionsAllowed(user, regionCodes) ? [] : [{ field, problems: [OUTSIDE_YOUR_REGIONS] }];
}

/** `regionProblems`, thrown. */
export function assertRegionsAllowed(
  user: AuthUser,
  regionCodes: readonly string[],
  field: string,
): void {
  const problems = regionProblems(user, regionCodes, field);
  if (problems.length > 0) throw new ValidationFailedException(problems);
}

export interface ScopeCondition {
  sql: string;
  params: Record<string, unknown>;
}

/**
 * The SQL condition (over alias `a`) that keeps the rows of `resource` the user may take
 * `action` on, or null when nothing needs restricting. `openTo` rows count for list and read
 * only. A role with no tie to the resource matches nothing.
 */
export function scopeCondition(
  user: AuthUser,
  resource: Resource,
  a: string,
  action: Action = Action.Read,
): ScopeCondition | null {
  const policy = policyOf(resource);
  const params: Record<string, unknown> = {};
  if (user.role === Role.Admin) {
    return null;
  }
  if (user.role === Role.Coordinator) {
    const limit = regionLimit(user);
    if (limit === null || policy.region.kind === 'none') {
      return null;
    }
    params.accessRegions = limit;
    return { sql: regionPredicate(policy.region, a), params };
  }
  if (!policy.school && !policy.company && !policy.student && !policy.teacher && !policy.mentor) {
    // No tenant owns these rows (a catalogue, the training on offer): all permitted see all.
    return null;
  }
  const own = ownTie(policy, user, a, params);
  const reading = action === Action.List || action === Action.Read;
  const open =
    reading && policy.openTo?.roles.includes(user.role) ? `(${policy.openTo.when(a)})` : null;
  const parts = [own, open].filter((p): p is string => p !== null);
  return { sql: parts.length > 0 ? `(${parts.join(' OR ')})` : '1 = 0', params };
}

/**
 * The tenant tie of a school, company or student user: their own rows; of a teacher or mentor:
 * the rows assigned to them.
 */
function ownTie(
  policy: ResourcePolicy,
  user: AuthUser,
  a: string,
  params: Record<string, unknown>,
): string | null {
  switch (user.role) {
    case Role.SchoolAdmin:
      return tie(policy.school, a, 'accessSchool', user.schoolId, params);
    case Role.CompanyAdmin:
      return tie(policy.company, a, 'accessCompany', user.companyId, params);
    case Role.Student:
      return tie(policy.student, a, 'accessStudent', user.studentId, params);
    case Role.Teacher:
      return tie(policy.teacher, a, 'accessAssigned', user.id, params);
    case Role.Mentor:
      return tie(policy.mentor, a, 'accessAssigned', user.id, params);
    case Role.Admin:
    case Role.Coordinator:
      return null;
  }
}

function tie(
  column: ((a: string) => string) | undefined,
  a: string,
  param: string,
  value: number | null,
  params: Record<string, unknown>,
): string | null {
  if (!column) {
    return null;
  }
  params[param] = value ?? 0;
  return `${column(a)} = :${param}`;
}

function regionPredicate(region: Exclude<RegionTie, { kind: 'none' }>, a: string): string {
  if (region.kind === 'anyOf') {
    return `(${region
      .columns(a)
      .map((c) => `${c} IN (:...accessRegions)`)
      .join(' OR ')})`;
  }
  const from = region.from(a);
  return `(EXISTS (SELECT 1 FROM ${from}) AND NOT EXISTS (SELECT 1 FROM ${from} AND ${region.column} NOT IN (:...accessRegions)))`;
}

/** Restricts a TypeORM query (alias `a`) to the rows of `resource` the user may see. */
export function scopeList(
  qb: { andWhere(sql: string, params?: Record<string, unknown>): unknown },
  user: AuthUser,
  resource: Resource,
  a: string,
  action: Action = Action.List,
): void {
  const condition = scopeCondition(user, resource, a, action);
  if (condition) {
    qb.andWhere(condition.sql, condition.params);
  }
}

import { DiscoveryModule } from '@nestjs/core';
import type { Response } from 'supertest';
import { Action, policyOf, rolesFor } from '../../src/common/access/access-policy';
import { ALL_ROLES, Role } from '../../src/common/auth/role.enum';
import { addDays } from '../../src/common/database/dates';
import { localToday } from '../../src/modules/monitoring/monitoring.rules';
import { MonitoringReminders } from '../../src/modules/monitoring/reminders.service';
import {
  ASSESSMENT,
  createWorlds,
  SPARE_UNIT,
  TINY_PNG,
  VACANCY_PERIOD,
  World,
  Worlds,
  WORLD_UNIT,
} from '../factories/access-worlds.factory';
import { DbSnapshot } from '../helpers/db-snapshot';
import { discoverRoutes, fillPath, RouteInfo } from '../helpers/routes';
import {
  createTestApp,
  resetState,
  SignedIn,
  TEST_USER_PASSWORD,
  TestApp,
} from '../helpers/test-app';

/**
 * The authorization matrix, generated from the app's own route table: every route × every role
 * (and a coordinator limited to region A) × an object of world A (the "own" tenant: school A,
 * company A, their students, region A) and the same object of world B. The expected status
 * comes from the access policy (a route's `@Access(resource, action)` and `ACCESS_POLICY`):
 * a role the policy does not name is refused (403), a row outside the caller's scope does not
 * exist for them (404), anything else succeeds unless the entry lists a domain answer. Every
 * refusal is checked against the same request made by someone entitled (it must succeed), and
 * a refused write must leave every table as it was.
 */

type Key = string | number;
type Params = Record<string, Key>;

/** A column of the matrix: a role, or the coordinator limited to region A. */
interface Column {
  id: string;
  role: Role;
  limited: boolean;
}

const COLUMNS: Column[] = ALL_ROLES.flatMap((role): Column[] =>
  role === Role.Coordinator
    ? [
        { id: role, role, limited: false },
        { id: 'coordinator(region)', role, limited: true },
      ]
    : [{ id: role, role, limited: false }],
);

interface Entry {
  /** The path parameters naming world w's object. */
  params?: (w: World, x: Worlds) => Params;
  query?: (w: World, x: Worlds) => Record<string, Key | boolean>;
  body?: (w: World, x: Worlds) => object;
  /** A multipart upload: the CSV and the form fields. */
  upload?: (w: World) => { csv: string | Buffer; fields: Params; name?: string };
  /** About no tenant's object (catalogues, the caller's account): one request, no worlds. */
  global?: true;
  /** A list: the keys of each world's rows; `mine` narrows what a role owns of its world. */
  list?: {
    rows: (w: World) => Key[];
    mine?: Partial<Record<string, (w: World) => Key[]>>;
    keys?: (res: Response) => Key[];
  };
  /** Answers, other than 2xx, to a caller within scope (a domain rule): column id or role → status. */
  domain?: Partial<Record<string, number>>;
  /**
   * Answers, other than 404, to a caller outside the target's scope: a region named in the body
   * or the query is a 400 naming the field (regions are public reference data: a 404 would hide
   * nothing, and the field tells the caller what to change).
   */
  foreign?: Partial<Record<string, number>>;
  /** A write that cannot succeed twice on one world: the data is restored between successes. */
  once?: true;
  /** Run before the route's requests (after the data is restored). */
  prepare?: (sut: TestApp) => Promise<unknown>;
  /** Which of the world's student accounts plays the student (default st). */
  student?: 'st' | 'st2' | 'st3';
  /** The row (of the resource's table) the request names, when not params.id: for `openTo`. */
  target?: (w: World) => number;
}

let seq = 0;
const unique = (): number => ++seq + (Date.now() % 100_000) * 100;
const digits = (n: number, length: number): string =>
  String(n).padStart(length, '0').slice(-length);

const items = (res: Response): Key[] =>
  ((res.body as { items?: { id: number }[] }).items ?? []).map((i) => i.id);
const itemsBy =
  (field: string) =>
  (res: Response): Key[] =>
    ((res.body as { items?: Record<string, Key>[] }).items ?? []).map((i) => i[field]);
/** Every value of the given fields anywhere in a JSON body. */
const deep =
  (...fields: string[]) =>
  (res: Response): Key[] => {
    const found: Key[] = [];
    const walk = (v: unknown): void => {
      if (Array.isArray(v)) {
        v.forEach(walk);
      } else if (v !== null && typeof v === 'object') {
        for (const [k, inner] of Object.entries(v)) {
          if (fields.includes(k) && (typeof inner === 'number' || typeof inner === 'string')) {
            found.push(inner);
          }
          walk(inner);
        }
      }
    };
    walk(res.body);
    return found;
  };
const csvCells = (res: Response): Key[] => res.text.split(/[\n,]/).map((c) => c.replace(/"/g, ''));

const PLACEMENT_STUDENT_SIDE = {
  [Role.CompanyAdmin]: 403,
  [Role.Coordinator]: 403,
};
const PLACEMENT_COMPANY_SIDE = { [Role.SchoolAdmin]: 403, [Role.Student]: 403 };

const slotBody = (w: World): object => ({
  companyId: w.companyId,
  title: 'Magang Baru',
  description: 'matrix',
  regionCode: w.region,
  requirements: [{ unit: WORLD_UNIT, minLevel: 1 }],
  capacity: 1,
  startDate: '2027-01-04',
  endDate: '2027-06-30',
});

/** The monitoring routes: the active placement's records (st3's), and the done placement's. */
const active = (w: World): Params => ({ id: w.placements.active });
const done = (w: World): Params => ({ id: w.placements.done });
const pngUpload = (): { csv: Buffer; fields: Params; name: string } => ({
  csv: TINY_PNG,
  fields: {},
  name: 'foto.png',
});
const MONITORING: Record<string, Entry> = {
  'PUT /api/v1/placements/:id/teacher': {
    params: active,
    body: (w) => ({ userId: w.teacherUserId }),
  },
  'PUT /api/v1/placements/:id/mentor': {
    params: active,
    body: (w) => ({ userId: w.mentorUserId }),
  },
  'GET /api/v1/placements/:id/visits': { params: active },
  'POST /api/v1/placements/:id/visits': {
    params: active,
    body: (w) => ({ visitDate: w.workday, notes: 'Kunjungan', findings: 'Baik' }),
  },
  'GET /api/v1/placements/:id/journal': { params: active, student: 'st3' },
  'POST /api/v1/placements/:id/journal': {
    once: true,
    params: active,
    student: 'st3',
    body: (w) => ({ date: w.freeDay, activities: 'Ganti oli', unitCodes: [WORLD_UNIT], hours: 6 }),
  },
  'GET /api/v1/journal-entries/waiting': { list: { rows: (w) => [w.journalEntryId] } },
  'GET /api/v1/journal-entries/:id': {
    params: (w) => ({ id: w.journalEntryId }),
    target: (w) => w.placements.active,
    student: 'st3',
  },
  'PATCH /api/v1/journal-entries/:id': {
    params: (w) => ({ id: w.journalEntryId }),
    target: (w) => w.placements.active,
    student: 'st3',
    body: () => ({ hours: 6 }),
  },
  'POST /api/v1/journal-entries/:id/approve': {
    once: true,
    params: (w) => ({ id: w.journalEntryId }),
    target: (w) => w.placements.active,
    body: () => ({}),
    domain: { [Role.Teacher]: 403 },
  },
  'POST /api/v1/journal-entries/:id/return': {
    once: true,
    params: (w) => ({ id: w.journalEntryId }),
    target: (w) => w.placements.active,
    body: () => ({ comment: 'Lengkapi foto' }),
    domain: { [Role.Teacher]: 403 },
  },
  'POST /api/v1/journal-entries/:id/comment': {
    params: (w) => ({ id: w.journalEntryId }),
    target: (w) => w.placements.active,
    body: () => ({ comment: 'Bagus' }),
    domain: { [Role.Mentor]: 403 },
  },
  'PUT /api/v1/journal-entries/:id/photo': {
    params: (w) => ({ id: w.journalEntryId }),
    target: (w) => w.placements.active,
    student: 'st3',
    upload: pngUpload,
  },
  'GET /api/v1/journal-entries/:id/photo': {
    params: (w) => ({ id: w.journalEntryId }),
    target: (w) => w.placements.active,
    student: 'st3',
  },
  'GET /api/v1/placements/:id/attendance': { params: active, student: 'st3' },
  'GET /api/v1/placements/:id/attendance/summary': { params: active, student: 'st3' },
  'PUT /api/v1/placements/:id/attendance/:day': {
    params: (w) => ({ id: w.placements.active, day: w.workday }),
    student: 'st3',
    body: () => ({ status: 'izin', note: 'urusan keluarga' }),
  },
  'POST /api/v1/attendance/:id/confirm': {
    params: (w) => ({ id: w.attendanceId }),
    target: (w) => w.placements.active,
  },
  'PUT /api/v1/attendance/:id/evidence': {
    params: (w) => ({ id: w.attendanceId }),
    target: (w) => w.placements.active,
    student: 'st3',
    upload: pngUpload,
  },
  'GET /api/v1/attendance/:id/evidence': {
    params: (w) => ({ id: w.attendanceId }),
    target: (w) => w.placements.active,
    student: 'st3',
  },
  // The done placement is completed: a repeat of its assessment answers the same (idempotent).
  'POST /api/v1/placements/:id/assessment': { params: done, body: () => ASSESSMENT },
  'GET /api/v1/placements/:id/assessment': { params: done, student: 'st3' },
  'GET /api/v1/placements/:id/units': { params: active, student: 'st3' },
  'GET /api/v1/placements/:id/certificate': { params: done, student: 'st3' },
  'GET /api/v1/placements/:id/certificate/pdf': { params: done, student: 'st3' },
  // Ten days on, each world's active placement has its journal missing and its attendance
  // unconfirmed: the reminders put it on the list.
  'GET /api/v1/monitoring/attention': {
    prepare: (sut) => sut.app.get(MonitoringReminders).run(addDays(localToday(), 10)),
    list: { rows: (w) => [w.placements.active], keys: itemsBy('placementId') },
  },
  // By region (the default): each world's active and done placements are in its region.
  'GET /api/v1/monitoring/reports': {
    list: { rows: (w) => [w.region], keys: itemsBy('key') },
  },
};

/** One entry per route, keyed "METHOD /path" as declared. */
const MATRIX: Record<string, Entry> = {
  ...MONITORING,
  'GET /api/v1/auth/me': { global: true },
  'PATCH /api/v1/auth/me': { global: true, body: () => ({ name: 'Nama Baru' }) },
  // Every signInAs user has TEST_USER_PASSWORD; the bootstrap admin's differs (400, wrong current).
  'POST /api/v1/auth/password': {
    global: true,
    body: () => ({ currentPassword: TEST_USER_PASSWORD, newPassword: 'Kopi-Hitam-Pagi-42' }),
    domain: { [Role.Admin]: 400 },
  },
  'POST /api/v1/admin/queue-board/session': { global: true },
  'GET /api/v1/audit-events': { global: true },
  'GET /api/v1/regions': { global: true },
  'GET /api/v1/regions/:code': { global: true, params: () => ({ code: '3672' }) },
  // Profiles set to what they are (none, outside Banten): the shared reference row stays as is.
  'PATCH /api/v1/regions/:code': {
    global: true,
    params: () => ({ code: '3273' }),
    body: () => ({ profiles: [] }),
  },
  'GET /api/v1/regions/:code/districts': { global: true, params: () => ({ code: '3672' }) },
  'GET /api/v1/programs': { global: true },

  'GET /api/v1/users': { global: true },
  // The school's teacher: its school admin (and the admin) may pick them; a company admin none.
  'GET /api/v1/supervisors': {
    query: () => ({ role: 'teacher' }),
    list: { rows: (w) => [w.teacherUserId], mine: { [Role.CompanyAdmin]: () => [] } },
  },
  'POST /api/v1/users': {
    global: true,
    body: () => ({
      email: `u${unique()}@test.local`,
      name: 'Pengguna Baru',
      password: 'long-enough-1',
      role: 'coordinator',
    }),
  },
  'GET /api/v1/users/:id': { global: true, params: (w) => ({ id: w.spareUserId }) },
  'POST /api/v1/users/:id/password-reset': {
    global: true,
    params: (w) => ({ id: w.spareUserId }),
  },
  'POST /api/v1/users/:id/disable': {
    global: true,
    once: true,
    params: (w) => ({ id: w.spareUserId }),
  },

  'GET /api/v1/analytics/unemployment': { query: (w) => ({ year: 2026, schoolId: w.schoolId }) },
  'GET /api/v1/analytics/supply-demand': {
    query: (w) => ({ year: 2026, regionCode: w.region }),
    foreign: { 'coordinator(region)': 400 },
  },
  'GET /api/v1/analytics/recommendations': {
    query: (w) => ({ year: 2026, regionCode: w.region }),
    foreign: { 'coordinator(region)': 400 },
  },

  'GET /api/v1/competency-units': { global: true },
  'POST /api/v1/competency-units': {
    global: true,
    body: () => ({ code: `MX-NEW-${unique()}`, name: 'Unit baru', sector: 'Manufaktur' }),
  },
  'PATCH /api/v1/competency-units/:code': {
    global: true,
    params: () => ({ code: WORLD_UNIT }),
    body: () => ({ name: 'Unit diganti' }),
  },
  'GET /api/v1/students/:id/competencies': { params: (w) => ({ id: w.students.st }) },
  'PUT /api/v1/students/:id/competencies/:unitCode': {
    params: (w) => ({ id: w.students.st, unitCode: SPARE_UNIT }),
    body: () => ({ level: 2, source: 'assessment', achievedOn: '2026-05-01' }),
  },
  'DELETE /api/v1/students/:id/competencies/:unitCode': {
    once: true,
    params: (w) => ({ id: w.students.st, unitCode: WORLD_UNIT }),
  },

  'GET /api/v1/courses': { global: true },
  'POST /api/v1/courses': {
    global: true,
    body: () => ({
      code: `MX-C-${unique()}`,
      title: 'Pelatihan matrix',
      providerType: 'training_centre',
      providerName: 'BLK Serang',
      hours: 40,
      units: [{ unitCode: WORLD_UNIT, level: 2 }],
    }),
  },
  'GET /api/v1/courses/:id': { global: true, params: (_w, x) => ({ id: x.courseId }) },
  'PATCH /api/v1/courses/:id': {
    global: true,
    params: (_w, x) => ({ id: x.courseId }),
    body: () => ({ hours: 60 }),
  },

  'POST /api/v1/cohorts': {
    foreign: { 'coordinator(region)': 400 },
    body: (w, x) => ({
      courseId: x.courseId,
      name: 'Angkatan matrix',
      startDate: '2026-10-01',
      endDate: '2026-10-30',
      capacity: 10,
      regionCode: w.region,
      coordinatorId: x.coordinator.userId,
    }),
  },
  'GET /api/v1/cohorts': {
    list: { rows: (w) => [w.cohortId, w.runningCohortId] },
  },
  'GET /api/v1/cohorts/coordinator-view': {
    query: (_w, x) => ({ coordinatorId: x.coordinator.userId }),
    list: { rows: (w) => [w.cohortId, w.runningCohortId], keys: deep('id') },
  },
  'GET /api/v1/cohorts/:id': { params: (w) => ({ id: w.cohortId }) },
  'PATCH /api/v1/cohorts/:id': {
    params: (w) => ({ id: w.cohortId }),
    body: () => ({ name: 'Angkatan baru' }),
  },
  'POST /api/v1/cohorts/:id/start': { once: true, params: (w) => ({ id: w.cohortId }) },
  'POST /api/v1/cohorts/:id/cancel': { once: true, params: (w) => ({ id: w.cohortId }) },
  'POST /api/v1/cohorts/:id/complete': {
    once: true,
    params: (w) => ({ id: w.runningCohortId }),
  },
  'GET /api/v1/cohorts/:id/stats': { params: (w) => ({ id: w.runningCohortId }) },
  'POST /api/v1/cohorts/:id/enrolments': {
    once: true,
    params: (w) => ({ id: w.cohortId }),
    body: (w) => ({ studentId: w.students.st4 }),
    target: (w) => w.cohortId,
  },
  'GET /api/v1/cohorts/:id/enrolments': {
    params: (w) => ({ id: w.cohortId }),
    list: { rows: (w) => [w.enrolmentId] },
  },
  'GET /api/v1/cohorts/:id/enrolments/:enrolmentId': {
    params: (w) => ({ id: w.cohortId, enrolmentId: w.enrolmentId }),
    target: (w) => w.enrolmentId,
  },
  'POST /api/v1/cohorts/:id/enrolments/:enrolmentId/withdraw': {
    once: true,
    params: (w) => ({ id: w.cohortId, enrolmentId: w.enrolmentId }),
    target: (w) => w.enrolmentId,
  },
  'PUT /api/v1/cohorts/:id/enrolments/:enrolmentId/result': {
    params: (w) => ({ id: w.runningCohortId, enrolmentId: w.runningEnrolmentId }),
    body: () => ({ attendancePct: 90, result: 'competent' }),
    target: (w) => w.runningEnrolmentId,
  },

  'POST /api/v1/agreements': {
    body: (w) => ({
      schoolId: w.schoolId,
      companyId: w.companyId,
      documentNumber: `PKS/${unique()}`,
      validFrom: '2026-02-01',
      validUntil: '2027-01-31',
      programCodes: ['TKR'],
    }),
  },
  'GET /api/v1/agreements': { list: { rows: (w) => [w.agreementId] } },
  'GET /api/v1/agreements/:id': { params: (w) => ({ id: w.agreementId }) },

  'POST /api/v1/companies': {
    foreign: { 'coordinator(region)': 400 },
    body: (w) => ({
      nib: `7${digits(unique(), 12)}`,
      name: 'PT Matrix',
      kbliCode: '24101',
      regionCode: w.region,
      workforceSize: 100,
    }),
  },
  'GET /api/v1/companies': {
    list: {
      rows: (w) => [w.companyId, w.unverifiedCompanyId],
      mine: { [Role.CompanyAdmin]: (w) => [w.companyId] },
    },
  },
  'GET /api/v1/companies/:id': { params: (w) => ({ id: w.companyId }) },
  'PATCH /api/v1/companies/:id': {
    params: (w) => ({ id: w.companyId }),
    body: () => ({ contactName: 'Bu Sari' }),
  },
  'POST /api/v1/companies/:id/verify': {
    once: true,
    params: (w) => ({ id: w.unverifiedCompanyId }),
  },

  'POST /api/v1/imports/students': {
    once: true,
    upload: (w) => ({
      csv: 'nisn,nik,name,birth_date,gender,program_code,domicile_region_code,enrolment_year\n',
      fields: { schoolId: w.schoolId },
    }),
  },
  'POST /api/v1/imports/competencies': {
    once: true,
    upload: (w) => ({
      csv: 'nisn,unit_code,level,source,achieved_on\n',
      fields: { schoolId: w.schoolId },
    }),
  },
  'POST /api/v1/imports/outcomes': {
    once: true,
    upload: (w) => ({ csv: 'nisn,status,outcome_date\n', fields: { schoolId: w.schoolId } }),
  },
  'GET /api/v1/imports': { list: { rows: (w) => [w.importId, w.outcomeImportId] } },
  'GET /api/v1/imports/:id': { params: (w) => ({ id: w.importId }) },
  'GET /api/v1/imports/:id/errors': { params: (w) => ({ id: w.importId }) },
  'GET /api/v1/imports/:id/rejected': { params: (w) => ({ id: w.importId }) },
  // The programmes listed are the named school's: another school's is a 404 as for an upload.
  'GET /api/v1/imports/templates/:kind': {
    params: () => ({ kind: 'students' }),
    query: (w) => ({ schoolId: w.schoolId, format: 'csv' }),
    target: (w) => w.schoolId,
  },

  'POST /api/v1/matching-runs': {
    once: true,
    foreign: { 'coordinator(region)': 400 },
    // One active round per region at a time: the worlds' queued rounds would answer 409.
    prepare: (t) =>
      t.dataSource.query("UPDATE matching_runs SET status = 'cancelled' WHERE status = 'queued'"),
    body: (w) => ({ scope: { regionCodes: [w.region] }, mode: 'stable' }),
  },
  'GET /api/v1/matching-runs': { list: { rows: (w) => [w.roundId, w.queuedRoundId] } },
  'GET /api/v1/matching-runs/:id': { params: (w) => ({ id: w.roundId }) },
  'GET /api/v1/matching-runs/:id/proposals': {
    params: (w) => ({ id: w.roundId }),
    list: {
      rows: (w) => [w.students.st, w.students.st4],
      mine: { [Role.Student]: (w) => [w.students.st] },
      keys: itemsBy('studentId'),
    },
  },
  'GET /api/v1/matching-runs/:id/unmatched': {
    params: (w) => ({ id: w.roundId }),
    student: 'st2',
    list: { rows: (w) => [w.students.st2], keys: itemsBy('studentId') },
  },
  'POST /api/v1/matching-runs/:id/cancel': {
    once: true,
    params: (w) => ({ id: w.queuedRoundId }),
  },
  'POST /api/v1/matching-runs/:id/publish': { once: true, params: (w) => ({ id: w.roundId }) },
  'GET /api/v1/students/:id/preferences': { params: (w) => ({ id: w.students.st }) },
  'PUT /api/v1/students/:id/preferences': {
    params: (w) => ({ id: w.students.st }),
    body: (w) => ({ slotIds: [w.slotId] }),
  },
  'GET /api/v1/slots/:id/ranking': { params: (w) => ({ id: w.slotId }) },
  'PUT /api/v1/slots/:id/ranking': {
    params: (w) => ({ id: w.slotId }),
    body: (w) => ({ studentIds: [w.students.st4, w.students.st] }),
  },

  'GET /api/v1/notifications': { list: { rows: (w) => w.eventIds } },

  'POST /api/v1/outcomes': {
    once: true,
    body: (w) => ({
      studentId: w.students.st,
      status: 'studying',
      outcomeDate: '2026-10-01',
    }),
  },
  'GET /api/v1/outcomes': {
    query: (w) => ({ schoolId: w.schoolId }),
    list: { rows: (w) => w.outcomeIds, mine: { [Role.Student]: (w) => [w.outcomeId] } },
  },
  'GET /api/v1/outcomes/:id': { params: (w) => ({ id: w.outcomeId }) },

  'POST /api/v1/placements': {
    once: true,
    body: (w) => ({ studentId: w.students.st4, slotId: w.slotId }),
  },
  'GET /api/v1/placements': {
    list: {
      rows: (w) => [w.placements.offered, w.placements.accepted, w.placements.active],
      mine: {
        [Role.Student]: (w) => [w.placements.offered],
        [Role.Teacher]: (w) => [w.placements.active, w.placements.done],
        [Role.Mentor]: (w) => [w.placements.active, w.placements.done],
      },
    },
  },
  'GET /api/v1/placements/:id': {
    params: (w) => ({ id: w.placements.offered }),
    // The teacher and mentor are assigned to the active placement, not to the offer.
    domain: { [Role.Teacher]: 404, [Role.Mentor]: 404 },
  },
  'POST /api/v1/placements/:id/accept': {
    once: true,
    params: (w) => ({ id: w.placements.offered }),
    domain: PLACEMENT_STUDENT_SIDE,
  },
  'POST /api/v1/placements/:id/decline': {
    once: true,
    params: (w) => ({ id: w.placements.offered }),
    domain: PLACEMENT_STUDENT_SIDE,
  },
  'POST /api/v1/placements/:id/withdraw': {
    once: true,
    params: (w) => ({ id: w.placements.offered }),
    domain: PLACEMENT_COMPANY_SIDE,
  },
  'POST /api/v1/placements/:id/start': {
    once: true,
    student: 'st2',
    params: (w) => ({ id: w.placements.accepted }),
    domain: PLACEMENT_COMPANY_SIDE,
  },
  'POST /api/v1/placements/:id/complete': {
    once: true,
    student: 'st3',
    params: (w) => ({ id: w.placements.active }),
    body: () => ({ score: 4 }),
    domain: PLACEMENT_COMPANY_SIDE,
  },
  'POST /api/v1/placements/:id/terminate': {
    once: true,
    student: 'st2',
    params: (w) => ({ id: w.placements.accepted }),
    body: () => ({ notes: 'Berhenti lebih awal' }),
    domain: PLACEMENT_COMPANY_SIDE,
  },

  'POST /api/v1/schools': {
    foreign: { 'coordinator(region)': 400 },
    body: (w) => ({
      npsn: digits(unique(), 8),
      name: 'SMK Matrix',
      regionCode: w.region,
      status: 'negeri',
    }),
  },
  'GET /api/v1/schools': { list: { rows: (w) => [w.schoolId] } },
  'GET /api/v1/schools/:id': { params: (w) => ({ id: w.schoolId }) },
  'PATCH /api/v1/schools/:id': {
    params: (w) => ({ id: w.schoolId }),
    body: () => ({ address: 'Jl. Baru 1' }),
  },
  'POST /api/v1/schools/:id/deactivate': { once: true, params: (w) => ({ id: w.schoolId }) },
  'GET /api/v1/schools/:id/programs': { params: (w) => ({ id: w.schoolId }) },
  'PUT /api/v1/schools/:id/programs': {
    params: (w) => ({ id: w.schoolId }),
    body: () => ({ programCodes: ['TKR', 'AKL'] }),
  },

  'POST /api/v1/slots': { body: slotBody },
  'GET /api/v1/slots': {
    list: {
      rows: (w) => [w.slotId, w.draftSlotId],
      mine: { [Role.SchoolAdmin]: (w) => [w.slotId], [Role.Student]: (w) => [w.slotId] },
    },
  },
  'GET /api/v1/slots/:id': { params: (w) => ({ id: w.slotId }) },
  'PATCH /api/v1/slots/:id': {
    params: (w) => ({ id: w.slotId }),
    body: () => ({ title: 'Magang Teknisi Senior' }),
  },
  'POST /api/v1/slots/:id/open': { once: true, params: (w) => ({ id: w.draftSlotId }) },
  'POST /api/v1/slots/:id/close': { once: true, params: (w) => ({ id: w.slotId }) },

  'POST /api/v1/students': {
    body: (w) => {
      const n = unique();
      return {
        nisn: `5${digits(n, 9)}`,
        nik: `3672${digits(n, 12)}`,
        name: 'Siswa Matrix',
        birthDate: '2007-01-01',
        gender: 'L',
        schoolId: w.schoolId,
        programCode: 'TKR',
        domicileRegionCode: w.region,
        enrolmentYear: 2023,
      };
    },
  },
  'GET /api/v1/students': {
    list: {
      rows: (w) => Object.values(w.students),
      mine: { [Role.Student]: (w) => [w.students.st] },
    },
  },
  'GET /api/v1/students/:id': { params: (w) => ({ id: w.students.st }) },
  'PATCH /api/v1/students/:id': {
    params: (w) => ({ id: w.students.st }),
    body: () => ({ phone: '081234567890' }),
  },

  'POST /api/v1/vacancy-reports': {
    once: true,
    body: (w) => ({
      companyId: w.companyId,
      period: '2026-07',
      vacancies: [
        {
          title: 'Operator',
          kbjiCode: '8189',
          count: 1,
          educationLevel: 'SMK',
          regionCode: w.region,
          wageMin: 4_000_000,
          wageMax: 5_000_000,
        },
      ],
    }),
  },
  'GET /api/v1/vacancy-reports': { list: { rows: (w) => [w.vacancyReportId] } },
  'GET /api/v1/vacancy-reports/export': {
    query: () => ({ period: VACANCY_PERIOD }),
    list: { rows: (w) => [w.companyName], keys: csvCells },
  },
  'GET /api/v1/vacancy-reports/non-reporters': {
    query: () => ({ period: '2026-01' }),
    list: { rows: (w) => [w.companyId, w.unverifiedCompanyId], keys: itemsBy('companyId') },
  },
};

/** One request of the matrix: who (a column, of which world) asks for which world's object. */
interface Probe {
  column: Column;
  /** The world the caller belongs to (A unless the caller is probing world B as its owner). */
  home: World;
  target: World;
}

type Expected = number | 'ok';

const is2xx = (status: number): boolean => status >= 200 && status < 300;

describe('Access matrix (e2e)', () => {
  let sut: TestApp;
  let routes: RouteInfo[];
  let x: Worlds;
  let snapshot: DbSnapshot;

  beforeAll(async () => {
    // No worker: a queued import or round stays queued, so the data changes only by request.
    sut = await createTestApp([DiscoveryModule], { worker: false });
    routes = discoverRoutes(sut.app);
    await resetState(sut);
    x = await createWorlds(sut);
    snapshot = await DbSnapshot.take(sut.dataSource);
  }, 60_000);
  afterAll(async () => {
    await snapshot?.drop();
    await sut.close();
  });

  function actorOf(column: Column, home: World, entry: Entry): SignedIn {
    switch (column.role) {
      case Role.Admin:
        return x.admin;
      case Role.Coordinator:
        return column.limited ? home.actors.limited : x.coordinator;
      case Role.SchoolAdmin:
        return home.actors[Role.SchoolAdmin];
      case Role.CompanyAdmin:
        return home.actors[Role.CompanyAdmin];
      case Role.Student:
        return home.actors.students[entry.student ?? 'st'];
      case Role.Teacher:
        return home.actors[Role.Teacher];
      case Role.Mentor:
        return home.actors[Role.Mentor];
    }
    throw new Error(`the matrix has no user for role ${String(column.role)}: add one`);
  }

  /** Sees everything of every world, whatever the resource. */
  const provinceWide = (c: Column): boolean =>
    c.role === Role.Admin || (c.role === Role.Coordinator && !c.limited);

  /** True when `row` of the resource's table is open to the column's role (`openTo`). */
  async function openTo(route: RouteInfo, column: Column, row: number): Promise<boolean> {
    const { resource, action } = route.access!;
    const policy = policyOf(resource);
    if (
      !policy.openTo?.roles.includes(column.role) ||
      !policy.table ||
      (action !== Action.List && action !== Action.Read)
    ) {
      return false;
    }
    const hit = await sut.dataSource.query<unknown[]>(
      `SELECT 1 FROM \`${policy.table}\` a WHERE a.${policy.key ?? 'id'} = ? AND (${policy.openTo.when('a')})`,
      [row],
    );
    return hit.length > 0;
  }

  /** Whether the caller may see the target world's object, per the policy. */
  async function sees(route: RouteInfo, entry: Entry, p: Probe): Promise<boolean> {
    const policy = policyOf(route.access!.resource);
    if (entry.global || provinceWide(p.column) || p.home === p.target) {
      return true;
    }
    if (p.column.limited) {
      return policy.region.kind === 'none';
    }
    // A resource no tenant owns (courses, cohorts): a tenant role permitted to read it reads all.
    if (!policy.school && !policy.company && !policy.student) {
      return true;
    }
    const row = entry.target?.(p.target) ?? entry.params?.(p.target, x).id;
    return typeof row === 'number' && (await openTo(route, p.column, row));
  }

  async function expected(route: RouteInfo, entry: Entry, p: Probe): Promise<Expected> {
    const { resource, action } = route.access!;
    if (!rolesFor(resource, action).includes(p.column.role)) {
      return 403;
    }
    if (!(await sees(route, entry, p))) {
      return entry.list ? 'ok' : (entry.foreign?.[p.column.id] ?? 404);
    }
    return entry.domain?.[p.column.id] ?? entry.domain?.[p.column.role] ?? 'ok';
  }

  function send(route: RouteInfo, entry: Entry, p: Probe): Promise<Response> {
    const path = fillPath(route.path, entry.params?.(p.target, x) ?? {});
    let req = sut
      .http()
      [route.method](path)
      .set(actorOf(p.column, p.home, entry).auth);
    if (entry.query) {
      req = req.query(entry.query(p.target, x));
    }
    if (entry.upload) {
      const { csv, fields, name: fileName } = entry.upload(p.target);
      for (const [name, value] of Object.entries(fields)) {
        req = req.field(name, String(value));
      }
      return req.attach('file', Buffer.from(csv), fileName ?? 'matrix.csv');
    }
    return entry.body ? req.send(entry.body(p.target, x)) : req;
  }

  const label = (p: Probe): string =>
    `${p.column.id}${p.home === x.a ? '' : ` of ${p.home.name}`} → ${p.target.name === 'A' ? 'own' : 'foreign'}`;

  /** Someone entitled to make the same request, in the target world (the probe of a refusal). */
  async function ownerOf(route: RouteInfo, entry: Entry, p: Probe): Promise<Probe | null> {
    const candidates = [
      p.column,
      ...COLUMNS.filter((c) => provinceWide(c)),
      ...COLUMNS.filter((c) => !provinceWide(c)),
    ];
    for (const column of candidates) {
      const owner = { column, home: p.target, target: p.target };
      if ((await expected(route, entry, owner)) === 'ok') {
        return owner;
      }
    }
    return null;
  }

  /** The list checks of a 2xx answer: no row the caller may not see, and their own rows. */
  async function listProblems(
    route: RouteInfo,
    entry: Entry,
    p: Probe,
    res: Response,
  ): Promise<string[]> {
    const list = entry.list!;
    const keys = new Set((list.keys ?? items)(res).map(String));
    const problems: string[] = [];
    for (const w of [x.a, x.b]) {
      const entitled = await sees(
        route,
        { ...entry, target: () => 0, params: undefined },
        {
          ...p,
          target: w,
        },
      );
      const named = !entry.params && !entry.query ? true : p.target === w;
      if (entitled && named) {
        const mine = (list.mine?.[p.column.id] ?? list.mine?.[p.column.role] ?? list.rows)(w);
        const missing = mine.filter((k) => !keys.has(String(k)));
        if (missing.length > 0) {
          problems.push(`${label(p)}: misses world ${w.name}'s rows ${missing.join(',')}`);
        }
      }
      if (!entitled) {
        const leaked = [];
        for (const k of list.rows(w)) {
          if (
            keys.has(String(k)) &&
            !(typeof k === 'number' && (await openTo(route, p.column, k)))
          ) {
            leaked.push(k);
          }
        }
        if (leaked.length > 0) {
          problems.push(`${label(p)}: LEAKS world ${w.name}'s rows ${leaked.join(',')}`);
        }
      }
    }
    return problems;
  }

  async function runRoute(key: string): Promise<string[]> {
    const entry = MATRIX[key];
    const route = routes.find((r) => r.key === key);
    if (!route) {
      return [`${key}: no such route (remove the entry)`];
    }
    if (!route.access) {
      return [`${key}: the route has no @Access(resource, action)`];
    }
    await snapshot.restore();
    await entry.prepare?.(sut);
    const write = route.method !== 'get';
    const targets =
      entry.global || (entry.list && !entry.params && !entry.query) ? [x.a] : [x.a, x.b];
    // `absentOk`: a list of rows the caller may not see may answer 404 as well as hide them.
    const cells: { probe: Probe; expect: Expected; absentOk: boolean }[] = [];
    for (const column of COLUMNS) {
      for (const target of targets) {
        const probe = { column, home: x.a, target };
        const absentOk = !!entry.list && !(await sees(route, entry, probe));
        cells.push({ probe, expect: await expected(route, entry, probe), absentOk });
      }
    }
    const problems: string[] = [];
    const results = new Map<string, Response>();
    const id = (p: Probe): string =>
      `${p.column.id}|${provinceWide(p.column) ? '' : p.home.name}|${p.target.name}`;
    const run = async (probes: Probe[]): Promise<void> => {
      const answers = await Promise.all(probes.map((p) => send(route, entry, p)));
      probes.forEach((p, i) => results.set(id(p), answers[i]));
    };

    // The refusals first, all at once: they must change nothing.
    const refused = cells.filter((c) => c.expect !== 'ok').map((c) => c.probe);
    const before = write ? await snapshot.checksums() : null;
    await run(refused);
    if (before) {
      const touched = DbSnapshot.changed(before, await snapshot.checksums());
      if (touched.length > 0) {
        problems.push(`refused requests changed ${touched.join(', ')}`);
        await snapshot.restore();
        await entry.prepare?.(sut);
      }
    }

    // Then the successes, and the owners' probes of each refusal.
    const succeed = new Map<string, Probe>();
    for (const c of cells) {
      if (c.expect === 'ok') {
        succeed.set(id(c.probe), c.probe);
      }
    }
    // A refusal (or a foreign list that may answer 404) is only proof if its owner gets 2xx.
    for (const c of cells) {
      if (c.expect === 'ok' && !c.absentOk) {
        continue;
      }
      const owner = await ownerOf(route, entry, c.probe);
      if (!owner) {
        problems.push(`${label(c.probe)}: nobody may make this request (no probe)`);
      } else if (!succeed.has(id(owner))) {
        succeed.set(id(owner), owner);
      }
    }
    const pending = [...succeed.values()];
    while (pending.length > 0) {
      // At most one success per world at a time when a success cannot be repeated.
      const batch = entry.once
        ? [x.a, x.b]
            .map((w) => pending.find((p) => p.target === w))
            .filter((p): p is Probe => p !== undefined)
        : [...pending];
      batch.forEach((p) => pending.splice(pending.indexOf(p), 1));
      await run(batch);
      if (entry.once) {
        await snapshot.restore();
        await entry.prepare?.(sut);
      }
    }

    for (const c of cells) {
      const res = results.get(id(c.probe))!;
      if (c.expect === 'ok') {
        const okStatus = is2xx(res.status) || (c.absentOk && res.status === 404);
        if (!okStatus) {
          problems.push(
            `${label(c.probe)}: expected 2xx, got ${res.status} ${res.body?.code ?? ''}`,
          );
        }
      } else if (res.status !== c.expect) {
        problems.push(
          `${label(c.probe)}: expected ${c.expect}, got ${res.status} ${res.body?.code ?? ''}`,
        );
      }
      if (entry.list && is2xx(res.status)) {
        problems.push(...(await listProblems(route, entry, c.probe, res)));
      }
    }
    for (const p of succeed.values()) {
      const res = results.get(id(p))!;
      if (!cells.some((c) => id(c.probe) === id(p)) && !is2xx(res.status)) {
        problems.push(
          `probe ${label(p)} (owner of a refused cell) got ${res.status} ${res.body?.code ?? ''}`,
        );
      }
      if (entry.list && is2xx(res.status) && p.home !== x.a) {
        problems.push(...(await listProblems(route, entry, p, res)));
      }
    }
    return problems.map((pr) => `${key}: ${pr}`);
  }

  it('has a user for every role (a role added later must be added here)', () => {
    for (const role of ALL_ROLES) {
      expect(() => actorOf({ id: role, role, limited: false }, x.a, {})).not.toThrow();
    }
  });

  it('has an entry, and @Access, for every route that is not public', () => {
    const closed = routes.filter((r) => !r.isPublic);
    expect(closed.length).toBeGreaterThan(80);
    expect(closed.filter((r) => !MATRIX[r.key]).map((r) => r.key)).toEqual([]);
    expect(closed.filter((r) => !r.access).map((r) => r.key)).toEqual([]);
    expect(Object.keys(MATRIX).filter((k) => !routes.some((r) => r.key === k))).toEqual([]);
  });

  it.each(Object.keys(MATRIX))('%s', async (key) => {
    expect(await runRoute(key)).toEqual([]);
  });
});

/**
 * Monitoring benchmark: a province's apprentices under way (20,000 active placements × 120
 * working days by default: 2.4 M journal entries and as many attendance days) generated with
 * multi-row INSERTs into a scratch database, then the API timed over HTTP: a mentor's and a
 * teacher's "waiting for me" list (< 100 ms), a student's month of journal and of attendance
 * (< 50 ms), the region report (< 1 s), plus figures without a target (the attention lists,
 * other reports, the daily reminders run).
 *
 *   node -r @swc-node/register bench/monitoring/run.ts [--apprentices 20000] [--days 120]
 *     [--runs 7] [--keep] [--db smk_bench_monitoring]
 *
 * --keep reuses a database generated earlier (same size). Needs the local services
 * (bash scripts/services.sh up).
 */
import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Connection, createConnection } from 'mysql2/promise';
import type { AddressInfo } from 'node:net';
import { loadavg } from 'node:os';
import { generateProvinceWith } from '../../scripts/generate/province';
import type { Sql } from '../../scripts/generate/writer';
import { prepareScratchDatabase, ServiceEnv } from '../../test/helpers/scratch-database';
import { testEnvironment } from '../../test/helpers/test-env';

function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
}

const APPRENTICES = option('apprentices', 20_000);
const DAYS = option('days', 120);
const RUNS = option('runs', 7);
/** Completed placements with their final assessment, besides the active ones. */
const COMPLETED = Math.round(APPRENTICES / 20);
/** Placements per teacher (guru pembimbing) and per mentor. */
const PER_TEACHER = 20;
const PER_MENTOR = 6;
const ROWS_PER_INSERT = 4_000;
const PASSWORD = 'bench-password';

const log = (line: string): void => void process.stdout.write(`${line}\n`);

type Row = (string | number | null)[];

/** Writes rows of one table in multi-row INSERTs, one batch in flight while the next is built. */
class Loader {
  private rows: Row[] = [];
  private pending: Promise<unknown> = Promise.resolve();
  written = 0;

  constructor(
    private readonly db: Connection,
    private readonly table: string,
    private readonly columns: string[],
  ) {}

  async add(row: Row): Promise<void> {
    this.rows.push(row);
    if (this.rows.length >= ROWS_PER_INSERT) {
      await this.send();
    }
  }

  async flush(): Promise<void> {
    await this.send();
    await this.pending;
  }

  private async send(): Promise<void> {
    await this.pending;
    if (this.rows.length === 0) {
      return;
    }
    const rows = this.rows;
    this.rows = [];
    this.written += rows.length;
    this.pending = this.db.query(
      `INSERT INTO \`${this.table}\` (${this.columns.join(', ')}) VALUES ?`,
      [rows],
    );
    this.pending.catch(() => undefined);
  }
}

/** A cheap deterministic hash of two integers into [0, 1). */
function unit(a: number, b: number): number {
  let h = (a * 374_761_393 + b * 668_265_263) | 0;
  h = Math.imul(h ^ (h >>> 13), 1_274_126_177);
  return ((h ^ (h >>> 16)) >>> 0) / 4_294_967_296;
}

interface Generated {
  /** The bench's measured users are given these generated supervisors' placements. */
  mentorId: number;
  teacherId: number;
  /** An active placement of a typical student, and that student. */
  placementId: number;
  studentId: number;
  schoolId: number;
  companyId: number;
  /** The working days the journal covers, oldest first. */
  days: string[];
}

async function generate(
  env: Record<string, string>,
  dbName: string,
  today: string,
  helpers: {
    addDays: (d: string, n: number) => string;
    isWorkingDay: (d: string) => boolean;
  },
): Promise<Generated> {
  const connect = () =>
    createConnection({
      host: env.DB_HOST,
      port: Number(env.DB_PORT),
      user: env.DB_USER,
      password: env.DB_PASSWORD,
      database: dbName,
    });
  const [main, side] = [await connect(), await connect()];
  try {
    let t = Date.now();
    const lap = (what: string): void => {
      log(`  ${what}: ${((Date.now() - t) / 1000).toFixed(1)} s`);
      t = Date.now();
    };
    const sql =
      (db: Connection): Sql =>
      async (text, params) => {
        const [rows] = await db.query(text, params);
        return rows as unknown[];
      };
    const students = APPRENTICES + COMPLETED;
    await generateProvinceWith(sql(main), sql(side), {
      seed: 20_261_015,
      schools: Math.max(20, Math.round(students / 70)),
      graduates: students,
      companies: Math.max(20, Math.round(APPRENTICES / 10)),
      slots: Math.max(40, Math.round(APPRENTICES / 3)),
      graduationYear: 2026,
      encryptionKey: env.ENCRYPTION_KEY,
    });
    lap(`province (${students} students)`);
    for (const db of [main, side]) {
      await db.query('SET SESSION foreign_key_checks = 0, unique_checks = 0');
    }

    const [studentRows] = await main.query(
      'SELECT id, school_id AS schoolId FROM students ORDER BY id LIMIT ?',
      [students],
    );
    const [slotRows] = await main.query(
      'SELECT id, company_id AS companyId FROM slots ORDER BY id',
    );
    const studs = studentRows as { id: number; schoolId: number }[];
    const slots = slotRows as { id: number; companyId: number }[];

    // The working days covered: DAYS of them, ending with the last one before today.
    const days: string[] = [];
    for (let d = helpers.addDays(today, -1); days.length < DAYS; d = helpers.addDays(d, -1)) {
      if (helpers.isWorkingDay(d)) {
        days.unshift(d);
      }
    }
    const start = days[0];
    const end = helpers.addDays(start, 330);

    // Placements: active ones first (ids 1..APPRENTICES), then the completed ones.
    interface P {
      id: number;
      studentId: number;
      schoolId: number;
      slotId: number;
      companyId: number;
      active: boolean;
    }
    const placements: P[] = studs.map((s, i) => {
      const slot = slots[i % slots.length];
      return {
        id: i + 1,
        studentId: s.id,
        schoolId: s.schoolId,
        slotId: slot.id,
        companyId: slot.companyId,
        active: i < APPRENTICES,
      };
    });
    // Supervisors: each school's placements in runs of PER_TEACHER per teacher, each company's
    // in runs of PER_MENTOR per mentor.
    const teacherOf = new Map<number, number>();
    const mentorOf = new Map<number, number>();
    const users = new Loader(main, 'users', [
      'id',
      'email',
      'name',
      'password_hash',
      'role',
      'school_id',
      'company_id',
      'region_codes',
    ]);
    const [maxUser] = await main.query('SELECT COALESCE(MAX(id), 0) AS id FROM users');
    let nextUser = Number((maxUser as { id: number }[])[0].id) + 1;
    const assign = async (
      key: (p: P) => number,
      per: number,
      role: 'teacher' | 'mentor',
      into: Map<number, number>,
    ): Promise<void> => {
      const groups = new Map<number, P[]>();
      for (const p of placements) {
        const list = groups.get(key(p)) ?? [];
        list.push(p);
        groups.set(key(p), list);
      }
      for (const [owner, list] of groups) {
        for (let i = 0; i < list.length; i += per) {
          const id = nextUser++;
          await users.add([
            id,
            `${role}.${id}@bench.local`,
            `${role === 'teacher' ? 'Guru' : 'Mentor'} ${id}`,
            'x',
            role,
            role === 'teacher' ? owner : null,
            role === 'mentor' ? owner : null,
            '',
          ]);
          list.slice(i, i + per).forEach((p) => into.set(p.id, id));
        }
      }
    };
    await assign((p) => p.schoolId, PER_TEACHER, 'teacher', teacherOf);
    await assign((p) => p.companyId, PER_MENTOR, 'mentor', mentorOf);
    await users.flush();
    lap(`${users.written} teachers and mentors`);

    const placementW = new Loader(main, 'placements', [
      'id',
      'student_id',
      'slot_id',
      'company_id',
      'school_id',
      'status',
      'source',
      'start_date',
      'end_date',
      'teacher_id',
      'mentor_id',
    ]);
    const assessmentW = new Loader(main, 'placement_assessments', [
      'placement_id',
      'assessed_by',
      'discipline',
      'teamwork',
      'initiative',
      'communication',
    ]);
    for (const p of placements) {
      const pStart = p.active ? start : helpers.addDays(start, -400);
      const pEnd = p.active ? end : helpers.addDays(start, -100);
      await placementW.add([
        p.id,
        p.studentId,
        p.slotId,
        p.companyId,
        p.schoolId,
        p.active ? 'active' : 'completed',
        'manual',
        pStart,
        pEnd,
        teacherOf.get(p.id) ?? null,
        mentorOf.get(p.id) ?? null,
      ]);
      if (!p.active) {
        await assessmentW.add([p.id, mentorOf.get(p.id)!, 85, 80, 78, 90]);
      }
    }
    await placementW.flush();
    await assessmentW.flush();
    lap(`${placementW.written} placements, ${assessmentW.written} assessments`);

    // The journal (on one connection) and attendance (on the other), day by day per placement.
    const journalW = new Loader(main, 'journal_entries', [
      'placement_id',
      'entry_date',
      'activities',
      'unit_codes',
      'hours',
      'status',
      'reviewed_by',
      'reviewed_at',
      'teacher_comment',
      'commented_by',
      'commented_at',
    ]);
    const attendanceW = new Loader(side, 'attendance_records', [
      'placement_id',
      'day',
      'status',
      'note',
      'confirmed_by',
      'confirmed_at',
    ]);
    const last = days.length - 1;
    const writeJournal = async (): Promise<void> => {
      for (const p of placements.filter((q) => q.active)) {
        const mentor = mentorOf.get(p.id)!;
        const teacher = teacherOf.get(p.id)!;
        // One placement in 33 stopped writing a week ago: its journal is missing.
        const stop = p.id % 33 === 0 ? last - 5 : last;
        for (let d = 0; d <= stop; d++) {
          const age = last - d;
          const returned = age >= 5 && unit(p.id, d) < 0.01;
          const status = age < 5 ? 'submitted' : returned ? 'returned' : 'approved';
          const at = `${days[d]} 17:00:00.000`;
          const commented = age >= 10;
          await journalW.add([
            p.id,
            days[d],
            `Hari ke-${d + 1}: membantu teknisi, merapikan area kerja, mencatat pekerjaan`,
            '',
            7 + (d % 2),
            status,
            status === 'submitted' ? null : mentor,
            status === 'submitted' ? null : at,
            commented ? 'Baik, lanjutkan' : null,
            commented ? teacher : null,
            commented ? at : null,
          ]);
        }
      }
      await journalW.flush();
    };
    const writeAttendance = async (): Promise<void> => {
      for (const p of placements.filter((q) => q.active)) {
        const mentor = mentorOf.get(p.id)!;
        // One placement in 29 has a mentor two weeks behind with the confirmations.
        const pending = p.id % 29 === 0 ? 12 : 3;
        for (let d = 0; d <= last; d++) {
          const r = unit(d, p.id);
          const status = r < 0.92 ? 'hadir' : r < 0.95 ? 'izin' : r < 0.97 ? 'sakit' : 'alpa';
          const confirmed = last - d >= pending;
          await attendanceW.add([
            p.id,
            days[d],
            status,
            status === 'hadir' ? '' : 'keterangan',
            confirmed ? mentor : null,
            confirmed ? `${days[d]} 18:00:00.000` : null,
          ]);
        }
      }
      await attendanceW.flush();
    };
    await Promise.all([writeJournal(), writeAttendance()]);
    lap(`${journalW.written} journal entries, ${attendanceW.written} attendance days`);
    for (const db of [main, side]) {
      await db.query('SET SESSION foreign_key_checks = 1, unique_checks = 1');
    }
    // The reports' running totals, as the app keeps them on every write (and the migration
    // that introduced them computed them from the rows already there).
    await main.query(
      `INSERT INTO monitoring_totals (placement_id, attendance_days, attendance_present)
       SELECT placement_id, COUNT(*), SUM(status = 'hadir') FROM attendance_records GROUP BY placement_id`,
    );
    await main.query(
      `INSERT INTO monitoring_totals (placement_id, journals_waiting)
       SELECT placement_id, COUNT(*) FROM journal_entries WHERE status = 'submitted' GROUP BY placement_id
       ON DUPLICATE KEY UPDATE journals_waiting = VALUES(journals_waiting)`,
    );
    lap('running totals');
    await main.query(
      'ANALYZE TABLE placements, journal_entries, attendance_records, placement_assessments, monitoring_totals, users',
    );
    lap('analyze');

    // A typical supervisor of each kind, and a typical student, for the measured users.
    const typical = placements[Math.floor(APPRENTICES / 2)];
    return {
      mentorId: mentorOf.get(typical.id)!,
      teacherId: teacherOf.get(typical.id)!,
      placementId: typical.id,
      studentId: typical.studentId,
      schoolId: typical.schoolId,
      companyId: typical.companyId,
      days,
    };
  } finally {
    await main.end();
    await side.end();
  }
}

interface Case {
  name: string;
  path: string;
  token: string;
  targetMs: number | null;
}

async function main(): Promise<void> {
  const at = process.argv.indexOf('--db');
  const DB_NAME = at > 0 ? process.argv[at + 1] : 'smk_bench_monitoring';
  if (!/^\w{1,64}$/.test(DB_NAME)) {
    throw new Error(`--db ${DB_NAME}: letters, digits and _ only`);
  }
  Object.assign(process.env, testEnvironment('bench'), {
    NODE_ENV: 'production',
    DB_NAME,
    QUEUE_PREFIX: DB_NAME,
    LOG_LEVEL: 'silent',
    RUN_WORKER: 'false',
    PASSWORD_HASH_MEMORY_KIB: process.env.PASSWORD_HASH_MEMORY_KIB ?? '4096',
  });
  const env = process.env as Record<string, string>;
  const keep = process.argv.includes('--keep');

  // Imported late: configuration is read when these load.
  const { AppModule } = await import('../../src/app.module');
  const { configureHttpApp } = await import('../../src/app.setup');
  const { UsersService } = await import('../../src/modules/users/users.service');
  const { Role } = await import('../../src/common/auth/role.enum');
  const { addDays } = await import('../../src/common/database/dates');
  const { isWorkingDay, localToday } =
    await import('../../src/modules/monitoring/monitoring.rules');
  const { MonitoringReminders } = await import('../../src/modules/monitoring/reminders.service');

  const { existed } = await prepareScratchDatabase({ ...env, DB_NAME } as ServiceEnv, {
    fresh: !keep,
  });
  const today = localToday();
  let g: Generated;
  const started = Date.now();
  if (!existed) {
    log(`generating ${APPRENTICES} active apprentices × ${DAYS} working days into ${DB_NAME}`);
    g = await generate(env, DB_NAME, today, { addDays, isWorkingDay });
    log(`generated in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } else {
    g = await reread(env, DB_NAME);
    log(`reusing ${DB_NAME} (--keep)`);
  }

  const app: INestApplication = await NestFactory.create(AppModule.register({ worker: false }), {
    logger: false,
  });
  configureHttpApp(app);
  await app.listen(0, '127.0.0.1');
  const base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  const users = app.get(UsersService);
  await users.onApplicationBootstrap();
  const stamp = Date.now();
  const make = async (
    role: (typeof Role)[keyof typeof Role],
    ties: { schoolId?: number; companyId?: number; studentId?: number },
  ): Promise<{ id: number; email: string }> => {
    const email = `bench.${role}.${stamp}@bench.local`;
    const user = await users.create({
      email,
      name: `Bench ${role}`,
      password: PASSWORD,
      role,
      ...ties,
    });
    return { id: user.id, email };
  };
  const coordinator = await make(Role.Coordinator, {});
  const schoolAdmin = await make(Role.SchoolAdmin, { schoolId: g.schoolId });
  const student = await make(Role.Student, { studentId: g.studentId });
  const mentor = await make(Role.Mentor, { companyId: g.companyId });
  const teacher = await make(Role.Teacher, { schoolId: g.schoolId });
  // The measured supervisors take over a typical generated one's placements.
  const db = await createConnection({
    host: env.DB_HOST,
    port: Number(env.DB_PORT),
    user: env.DB_USER,
    password: env.DB_PASSWORD,
    database: DB_NAME,
  });
  await db.query('UPDATE placements SET mentor_id = ? WHERE mentor_id = ?', [
    mentor.id,
    g.mentorId,
  ]);
  await db.query('UPDATE placements SET teacher_id = ? WHERE teacher_id = ?', [
    teacher.id,
    g.teacherId,
  ]);
  g.mentorId = mentor.id;
  g.teacherId = teacher.id;
  const [[counts]] = (await db.query(
    `SELECT (SELECT COUNT(*) FROM placements WHERE status = 'active') AS active,
            (SELECT COUNT(*) FROM journal_entries) AS journal,
            (SELECT COUNT(*) FROM attendance_records) AS attendance,
            (SELECT COUNT(*) FROM placements WHERE mentor_id = ?) AS mentorPlacements,
            (SELECT COUNT(*) FROM placements WHERE teacher_id = ?) AS teacherPlacements`,
    [mentor.id, teacher.id],
  )) as unknown as [Record<string, string>[]];
  await db.end();

  // The daily reminders (in-process, as the worker runs them): the first run writes, the second
  // finds the same and writes nothing new.
  const reminders = app.get(MonitoringReminders);
  const timed = async <T>(work: () => Promise<T>): Promise<[T, number]> => {
    const t0 = performance.now();
    const result = await work();
    return [result, performance.now() - t0];
  };
  const [run1, reminderMs] = await timed(() => reminders.run(today));
  const [, reminderAgainMs] = await timed(() => reminders.run(today));

  const token = async (email: string): Promise<string> => {
    const response = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: PASSWORD }),
    });
    return ((await response.json()) as { accessToken: string }).accessToken;
  };
  const [coordinatorT, schoolT, studentT, mentorT, teacherT] = await Promise.all(
    [coordinator, schoolAdmin, student, mentor, teacher].map((u) => token(u.email)),
  );
  const month = `/api/v1/placements/${g.placementId}`;
  const cases: Case[] = [
    // The floor of any signed-in request here (token check, user lookup): no target.
    { name: 'baseline: GET /auth/me', path: '/api/v1/auth/me', token: studentT, targetMs: null },
    {
      name: "mentor's waiting list",
      path: '/api/v1/journal-entries/waiting',
      token: mentorT,
      targetMs: 100,
    },
    {
      name: "teacher's waiting list",
      path: '/api/v1/journal-entries/waiting',
      token: teacherT,
      targetMs: 100,
    },
    {
      name: "student's month: journal",
      path: `${month}/journal?pageSize=31`,
      token: studentT,
      targetMs: 50,
    },
    {
      name: "student's month: attendance",
      path: `${month}/attendance?pageSize=31`,
      token: studentT,
      targetMs: 50,
    },
    {
      name: 'region report (coordinator, province)',
      path: '/api/v1/monitoring/reports?groupBy=region',
      token: coordinatorT,
      targetMs: 1000,
    },
    {
      name: 'region report, CSV',
      path: '/api/v1/monitoring/reports?groupBy=region&format=csv',
      token: coordinatorT,
      targetMs: 1000,
    },
    {
      name: "student's attendance summary",
      path: `${month}/attendance/summary`,
      token: studentT,
      targetMs: null,
    },
    {
      name: "mentor's attention list",
      path: '/api/v1/monitoring/attention',
      token: mentorT,
      targetMs: null,
    },
    {
      name: "teacher's attention list",
      path: '/api/v1/monitoring/attention',
      token: teacherT,
      targetMs: null,
    },
    {
      name: "school admin's attention list",
      path: '/api/v1/monitoring/attention',
      token: schoolT,
      targetMs: null,
    },
    {
      name: 'school report (school admin)',
      path: '/api/v1/monitoring/reports?groupBy=school',
      token: schoolT,
      targetMs: null,
    },
    {
      name: 'teacher report (coordinator, province)',
      path: '/api/v1/monitoring/reports?groupBy=teacher',
      token: coordinatorT,
      targetMs: null,
    },
    {
      name: 'company report (coordinator, province)',
      path: '/api/v1/monitoring/reports?groupBy=company',
      token: coordinatorT,
      targetMs: null,
    },
  ];

  log(
    `\n${counts.active} active placements, ${counts.journal} journal entries, ${counts.attendance} attendance days; ` +
      `the mentor has ${counts.mentorPlacements} placements, the teacher ${counts.teacherPlacements}; ${RUNS} timed runs after 1 warm-up\n`,
  );
  log('| request | median ms | max ms | items / bytes | target | met |');
  log('|---|---:|---:|---:|---:|:---:|');
  const misses: string[] = [];
  for (const c of cases) {
    const times: number[] = [];
    let size = '';
    for (let i = 0; i <= RUNS; i++) {
      const t0 = performance.now();
      const response = await fetch(`${base}${c.path}`, {
        headers: { authorization: `Bearer ${c.token}` },
      });
      const body = await response.text();
      const elapsed = performance.now() - t0;
      if (response.status !== 200) {
        throw new Error(`${c.path}: ${response.status} ${body}`);
      }
      size = sizeOf(body);
      if (i > 0) {
        times.push(elapsed);
      }
    }
    times.sort((a, b) => a - b);
    const median = times[Math.floor(times.length / 2)];
    const met = c.targetMs === null ? '–' : median < c.targetMs ? 'yes' : 'NO';
    if (met === 'NO') {
      misses.push(`${c.name}: median ${median.toFixed(0)} ms, target ${c.targetMs} ms`);
    }
    log(
      `| ${c.name} | ${median.toFixed(1)} | ${times[times.length - 1].toFixed(1)} | ${size} | ${c.targetMs === null ? '–' : `< ${c.targetMs}`} | ${met} |`,
    );
  }
  log(
    `| daily reminders run (${run1.checked} active; ${run1.journalMissing} journal missing, ${run1.attendanceUnconfirmed} attendance unconfirmed) | ${reminderMs.toFixed(0)} | – | – | – | – |`,
  );
  log(`| the same run again (idempotent) | ${reminderAgainMs.toFixed(0)} | – | – | – | – |`);
  log(
    `\nload average (1, 5, 15 min): ${loadavg()
      .map((l) => l.toFixed(2))
      .join(', ')}`,
  );
  log(misses.length === 0 ? 'every target met' : `MISSED:\n  ${misses.join('\n  ')}`);
  await app.close();
  process.exitCode = misses.length === 0 ? 0 : 1;
}

function sizeOf(body: string): string {
  try {
    const parsed = JSON.parse(body) as { items?: unknown[]; meta?: { total: number } };
    if (parsed.meta) {
      return `${parsed.items?.length ?? 0} of ${parsed.meta.total}`;
    }
    if (parsed.items) {
      return `${parsed.items.length} rows`;
    }
  } catch {
    // CSV
  }
  return `${body.length} B`;
}

/** With --keep: the typical placement and its people, found again in the database. */
async function reread(env: Record<string, string>, dbName: string): Promise<Generated> {
  const db = await createConnection({
    host: env.DB_HOST,
    port: Number(env.DB_PORT),
    user: env.DB_USER,
    password: env.DB_PASSWORD,
    database: dbName,
  });
  try {
    const [rows] = await db.query(
      `SELECT id, student_id AS studentId, school_id AS schoolId, company_id AS companyId,
              teacher_id AS teacherId, mentor_id AS mentorId
         FROM placements WHERE status = 'active' ORDER BY id LIMIT 1 OFFSET ?`,
      [Math.floor(APPRENTICES / 2)],
    );
    const p = (rows as Record<string, number>[])[0];
    if (!p) {
      throw new Error(`${dbName} holds fewer active placements than --apprentices`);
    }
    return {
      mentorId: p.mentorId,
      teacherId: p.teacherId,
      placementId: p.id,
      studentId: p.studentId,
      schoolId: p.schoolId,
      companyId: p.companyId,
      days: [],
    };
  } finally {
    await db.end();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});

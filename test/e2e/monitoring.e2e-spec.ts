import { deflateSync } from 'node:zlib';
import { Role } from '../../src/common/auth/role.enum';
import { addDays } from '../../src/common/database/dates';
import { crc32 } from '../../src/modules/monitoring/image-sanitizer';
import {
  isWorkingDay,
  localToday,
  workingDaysBetween,
} from '../../src/modules/monitoring/monitoring.rules';
import { MonitoringReminders } from '../../src/modules/monitoring/reminders.service';
import {
  ASSESSMENT,
  createWorlds,
  TINY_PNG,
  World,
  Worlds,
  WORLD_UNIT,
} from '../factories/access-worlds.factory';
import { DbSnapshot } from '../helpers/db-snapshot';
import { createTestApp, resetState, signInAs, SignedIn, TestApp } from '../helpers/test-app';
import { asBinary, readXlsx } from '../helpers/xlsx';

/** A PNG carrying a text chunk (an author and a place): what must not be served back. */
function pngWithText(): Buffer {
  const chunk = (type: string, data: Buffer): Buffer => {
    const head = Buffer.alloc(8);
    head.writeUInt32BE(data.length, 0);
    head.write(type, 4, 'latin1');
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
    return Buffer.concat([head, data, crc]);
  };
  return Buffer.concat([
    TINY_PNG.subarray(0, 33), // signature + IHDR
    chunk('tEXt', Buffer.from('Author\0Siti, Serang -6.12,106.15', 'latin1')),
    chunk('IDAT', deflateSync(Buffer.from([0, 128]))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const binary = (res: { body: unknown }): Buffer => res.body as Buffer;
const parseBinary = (
  res: NodeJS.ReadableStream & { setEncoding(e: string): void },
  done: (err: Error | null, body: Buffer) => void,
): void => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(Buffer.from(c)));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

describe('Monitoring (e2e)', () => {
  let sut: TestApp;
  let x: Worlds;
  let a: World;
  let snapshot: DbSnapshot;
  let student: SignedIn;
  let teacher: SignedIn;
  let mentor: SignedIn;

  beforeAll(async () => {
    sut = await createTestApp([], { worker: false });
    await resetState(sut);
    x = await createWorlds(sut);
    a = x.a;
    student = a.actors.students.st3;
    teacher = a.actors[Role.Teacher];
    mentor = a.actors[Role.Mentor];
    snapshot = await DbSnapshot.take(sut.dataSource);
  }, 60_000);
  beforeEach(() => snapshot.restore());
  afterAll(async () => {
    await snapshot?.drop();
    await sut.close();
  });

  const http = (): ReturnType<TestApp['http']> => sut.http();
  const journal = (date: string, who = student) =>
    http()
      .post(`/api/v1/placements/${a.placements.active}/journal`)
      .set(who.auth)
      .send({ date, activities: 'Tune-up', unitCodes: [WORLD_UNIT], hours: 7 });

  describe('journal days', () => {
    it('takes a day of the active placement once, never a future day nor one outside its dates', async () => {
      const today = localToday();
      const created = await journal(a.freeDay).expect(201);
      expect(created.body).toMatchObject({
        status: 'submitted',
        hours: 7,
        unitCodes: [WORLD_UNIT],
      });
      expect((await journal(a.freeDay).expect(409)).body.code).toBe('journal_entry_exists');
      expect((await journal(addDays(today, 1)).expect(422)).body.code).toBe('day_in_future');
      expect((await journal(addDays(today, -31)).expect(422)).body.code).toBe('day_before_start');
      const res = await http()
        .post(`/api/v1/placements/${a.placements.active}/journal`)
        .set(student.auth)
        .send({ date: addDays(a.freeDay, -1), activities: 'x', unitCodes: ['OTHER-1'], hours: 7 })
        .expect(400);
      expect(res.body.details[0].field).toBe('unitCodes');
    });

    it('refuses a journal on a placement that is not active', async () => {
      const res = await http()
        .post(`/api/v1/placements/${a.placements.done}/journal`)
        .set(student.auth)
        .send({ date: a.freeDay, activities: 'x', unitCodes: [], hours: 7 })
        .expect(422);
      expect(res.body.code).toBe('placement_not_active');
    });
  });

  describe('review and locking', () => {
    it('has the mentor approve, which locks the entry; the teacher comments but cannot approve', async () => {
      const id = a.journalEntryId;
      expect(
        (
          await http()
            .post(`/api/v1/journal-entries/${id}/approve`)
            .set(teacher.auth)
            .send({})
            .expect(403)
        ).body.code,
      ).toBe('forbidden');
      await http()
        .post(`/api/v1/journal-entries/${id}/approve`)
        .set(mentor.auth)
        .send({ comment: 'Baik' })
        .expect(200);
      const patch = await http()
        .patch(`/api/v1/journal-entries/${id}`)
        .set(student.auth)
        .send({ hours: 3 })
        .expect(409);
      expect(patch.body.code).toBe('journal_entry_locked');
      await http()
        .put(`/api/v1/journal-entries/${id}/photo`)
        .set(student.auth)
        .attach('file', TINY_PNG, 'a.png')
        .expect(409);
      expect(
        (
          await http()
            .post(`/api/v1/journal-entries/${id}/return`)
            .set(mentor.auth)
            .send({ comment: 'x' })
            .expect(409)
        ).body.code,
      ).toBe('invalid_journal_step');
      const commented = await http()
        .post(`/api/v1/journal-entries/${id}/comment`)
        .set(teacher.auth)
        .send({ comment: 'Lanjutkan' })
        .expect(200);
      expect(commented.body).toMatchObject({ status: 'approved', teacherComment: 'Lanjutkan' });
    });

    it('returns an entry with a comment; the student’s edit submits it again', async () => {
      const id = a.journalEntryId;
      const returned = await http()
        .post(`/api/v1/journal-entries/${id}/return`)
        .set(mentor.auth)
        .send({ comment: 'Tambahkan detail' })
        .expect(200);
      expect(returned.body).toMatchObject({
        status: 'returned',
        mentorComment: 'Tambahkan detail',
      });
      const edited = await http()
        .patch(`/api/v1/journal-entries/${id}`)
        .set(student.auth)
        .send({ activities: 'Tune-up dan cek rem' })
        .expect(200);
      expect(edited.body.status).toBe('submitted');
    });

    it('lists what waits for the mentor (to review) and the teacher (to comment)', async () => {
      const ids = async (who: SignedIn): Promise<number[]> =>
        (
          await http().get('/api/v1/journal-entries/waiting').set(who.auth).expect(200)
        ).body.items.map((i: { id: number }) => i.id);
      expect(await ids(mentor)).toEqual([a.journalEntryId]);
      expect(await ids(teacher)).toEqual([a.journalEntryId]);
      await http()
        .post(`/api/v1/journal-entries/${a.journalEntryId}/approve`)
        .set(mentor.auth)
        .send({})
        .expect(200);
      await http()
        .post(`/api/v1/journal-entries/${a.journalEntryId}/comment`)
        .set(teacher.auth)
        .send({ comment: 'ok' })
        .expect(200);
      expect(await ids(mentor)).toEqual([]);
      expect(await ids(teacher)).toEqual([]);
    });
  });

  describe('access of the new roles', () => {
    it('shows a teacher or mentor only the placements assigned to them', async () => {
      const otherTeacher = await signInAs(sut, Role.Teacher, { schoolId: a.schoolId });
      const otherMentor = await signInAs(sut, Role.Mentor, { companyId: a.companyId });
      for (const who of [
        otherTeacher,
        otherMentor,
        x.b.actors[Role.Teacher],
        x.b.actors[Role.Mentor],
      ]) {
        await http().get(`/api/v1/journal-entries/${a.journalEntryId}`).set(who.auth).expect(404);
        await http()
          .get(`/api/v1/placements/${a.placements.active}/journal`)
          .set(who.auth)
          .expect(404);
        await http().get(`/api/v1/placements/${a.placements.active}`).set(who.auth).expect(404);
        const list = await http().get('/api/v1/placements').set(who.auth).expect(200);
        expect(list.body.items.map((p: { id: number }) => p.id)).not.toContain(a.placements.active);
        const waiting = await http()
          .get('/api/v1/journal-entries/waiting')
          .set(who.auth)
          .expect(200);
        expect(waiting.body.items.map((i: { id: number }) => i.id)).not.toContain(a.journalEntryId);
      }
      // Once assigned, the other teacher sees it.
      await http()
        .put(`/api/v1/placements/${a.placements.active}/teacher`)
        .set(a.actors[Role.SchoolAdmin].auth)
        .send({ userId: otherTeacher.userId })
        .expect(200);
      await http()
        .get(`/api/v1/journal-entries/${a.journalEntryId}`)
        .set(otherTeacher.auth)
        .expect(200);
      await http().get(`/api/v1/journal-entries/${a.journalEntryId}`).set(teacher.auth).expect(404);
    });

    it('assigns only a teacher of the school and a mentor of the company, each by its own admin', async () => {
      const put = (kind: string, who: SignedIn, userId: number | null) =>
        http()
          .put(`/api/v1/placements/${a.placements.active}/${kind}`)
          .set(who.auth)
          .send({ userId });
      expect(
        (await put('teacher', a.actors[Role.SchoolAdmin], x.b.teacherUserId).expect(400)).body
          .details[0].field,
      ).toBe('userId');
      await put('teacher', a.actors[Role.SchoolAdmin], a.mentorUserId).expect(400);
      await put('mentor', a.actors[Role.CompanyAdmin], a.teacherUserId).expect(400);
      await put('mentor', a.actors[Role.SchoolAdmin], a.mentorUserId).expect(403);
      await put('teacher', a.actors[Role.CompanyAdmin], a.teacherUserId).expect(403);
      const cleared = await put('mentor', a.actors[Role.CompanyAdmin], null).expect(200);
      expect(cleared.body.mentorId).toBeNull();
    });

    it('creates teacher and mentor accounts bound to a school and a company', async () => {
      const body = (role: string, scope: object) => ({
        email: `${role}.${Date.now()}@test.local`,
        name: 'Pak Budi',
        password: 'Kopi-Hitam-Pagi-42',
        role,
        ...scope,
      });
      await http()
        .post('/api/v1/users')
        .set(x.admin.auth)
        .send(body('teacher', { schoolId: a.schoolId }))
        .expect(201);
      await http()
        .post('/api/v1/users')
        .set(x.admin.auth)
        .send(body('mentor', { companyId: a.companyId }))
        .expect(201);
      const missing = await http()
        .post('/api/v1/users')
        .set(x.admin.auth)
        .send(body('teacher', {}))
        .expect(400);
      expect(missing.body.details[0].field).toBe('schoolId');
      await http()
        .post('/api/v1/users')
        .set(x.admin.auth)
        .send(body('mentor', { schoolId: a.schoolId }))
        .expect(400);
    });
  });

  describe('photos', () => {
    it('checks the type by content, strips the metadata and serves it only to readers', async () => {
      const url = `/api/v1/journal-entries/${a.journalEntryId}/photo`;
      const fake = await http()
        .put(url)
        .set(student.auth)
        .attach('file', Buffer.from('GIF89a not a png'), {
          filename: 'foto.png',
          contentType: 'image/png',
        })
        .expect(415);
      expect(fake.body.code).toBe('unsupported_image');
      const big = Buffer.concat([TINY_PNG, Buffer.alloc(2 * 1024 * 1024)]);
      await http()
        .put(url)
        .set(student.auth)
        .attach('file', big, 'big.png')
        .expect((res) => {
          expect([400, 413]).toContain(res.status);
        });
      await http().put(url).set(student.auth).attach('file', pngWithText(), 'foto.png').expect(200);
      const served = await http()
        .get(url)
        .set(teacher.auth)
        .buffer(true)
        .parse(parseBinary as never)
        .expect(200);
      expect(served.headers['content-type']).toBe('image/png');
      expect(binary(served).includes(Buffer.from('Serang'))).toBe(false);
      expect(binary(served).includes(Buffer.from('IDAT'))).toBe(true);
      await http().get(url).set(x.b.actors[Role.Teacher].auth).expect(404);
      await http().get(url).set(a.actors.students.st.auth).expect(404);
    });
  });

  describe('attendance', () => {
    it('keeps working days only, evidence for sakit/izin only, and locks a confirmed day', async () => {
      let weekend = a.workday;
      while (isWorkingDay(weekend)) {
        weekend = addDays(weekend, -1);
      }
      const put = (day: string, status: string) =>
        http()
          .put(`/api/v1/placements/${a.placements.active}/attendance/${day}`)
          .set(student.auth)
          .send({ status });
      expect((await put(weekend, 'hadir').expect(422)).body.code).toBe('not_a_working_day');
      let other = addDays(a.workday, -7);
      const hadir = await put(other, 'hadir').expect(200);
      const evidence = await http()
        .put(`/api/v1/attendance/${hadir.body.id}/evidence`)
        .set(student.auth)
        .attach('file', TINY_PNG, 'surat.png')
        .expect(422);
      expect(evidence.body.code).toBe('evidence_not_allowed');
      other = addDays(a.workday, -14);
      await put(other, 'alpa').expect(200);
      await http()
        .post(`/api/v1/attendance/${a.attendanceId}/confirm`)
        .set(teacher.auth)
        .expect(403);
      const confirmed = await http()
        .post(`/api/v1/attendance/${a.attendanceId}/confirm`)
        .set(mentor.auth)
        .expect(200);
      expect(confirmed.body.confirmedAt).not.toBeNull();
      expect((await put(a.workday, 'hadir').expect(409)).body.code).toBe('attendance_locked');
      const summary = await http()
        .get(`/api/v1/placements/${a.placements.active}/attendance/summary`)
        .set(teacher.auth)
        .expect(200);
      expect(summary.body).toMatchObject({
        hadir: 1,
        sakit: 1,
        alpa: 1,
        izin: 0,
        recorded: 3,
        confirmed: 1,
        rate: 33.3,
      });
    });
  });

  describe('visits', () => {
    it('lets the assigned teacher record a visit, not in the future', async () => {
      const post = (visitDate: string) =>
        http()
          .post(`/api/v1/placements/${a.placements.active}/visits`)
          .set(teacher.auth)
          .send({ visitDate, notes: 'Kunjungan', findings: 'Perlu APD' });
      await post(a.workday).expect(201);
      expect((await post(addDays(localToday(), 2)).expect(422)).body.code).toBe('day_in_future');
      await http()
        .post(`/api/v1/placements/${a.placements.active}/visits`)
        .set(mentor.auth)
        .send({ visitDate: a.workday, notes: 'x', findings: 'y' })
        .expect(403);
    });
  });

  describe('final assessment, completion and certificate', () => {
    const held = async (studentId: number) =>
      sut.dataSource.query<{ level: number; source: string; evidence_ref: string }[]>(
        'SELECT level, source, evidence_ref FROM student_competencies WHERE student_id = ? AND unit_code = ?',
        [studentId, WORLD_UNIT],
      );

    it('completes once, in one transaction, and answers the same certificate on a repeat', async () => {
      const url = `/api/v1/placements/${a.placements.active}/assessment`;
      const incomplete = await http()
        .post(url)
        .set(mentor.auth)
        .send({ ...ASSESSMENT, units: [] })
        .expect(400);
      expect(incomplete.body.details[0].field).toBe('units');
      // The refused assessment changed nothing.
      expect(
        (await http().get(`/api/v1/placements/${a.placements.active}`).set(mentor.auth)).body
          .status,
      ).toBe('active');

      const [first, second] = await Promise.all([
        http().post(url).set(mentor.auth).send(ASSESSMENT),
        http().post(url).set(mentor.auth).send(ASSESSMENT),
      ]);
      expect([first.status, second.status]).toEqual([200, 200]);
      expect(second.body.certificate.code).toBe(first.body.certificate.code);
      const again = await http().post(url).set(mentor.auth).send(ASSESSMENT).expect(200);
      expect(again.body.certificate.code).toBe(first.body.certificate.code);
      const [{ n }] = await sut.dataSource.query<{ n: string }[]>(
        'SELECT COUNT(*) AS n FROM certificates WHERE placement_id = ?',
        [a.placements.active],
      );
      expect(Number(n)).toBe(1);
      const placement = await http()
        .get(`/api/v1/placements/${a.placements.active}`)
        .set(mentor.auth);
      expect(placement.body.status).toBe('completed');
      expect(await held(a.students.st3)).toEqual([
        {
          level: 4,
          source: 'apprenticeship',
          evidence_ref: expect.stringMatching(/^placement:\d+$/),
        },
      ]);
      const journalAfter = await journal(a.freeDay).expect(422);
      expect(journalAfter.body.code).toBe('placement_not_active');
    });

    it('keeps a higher level the student already holds', async () => {
      await sut.dataSource.query(
        "UPDATE student_competencies SET level = 5, source = 'certification', evidence_ref = 'LSP-1' WHERE student_id = ? AND unit_code = ?",
        [a.students.st3, WORLD_UNIT],
      );
      await http()
        .post(`/api/v1/placements/${a.placements.active}/assessment`)
        .set(mentor.auth)
        .send(ASSESSMENT)
        .expect(200);
      expect(await held(a.students.st3)).toEqual([
        { level: 5, source: 'certification', evidence_ref: 'LSP-1' },
      ]);
    });

    it('lets only the assigned mentor assess', async () => {
      const otherMentor = await signInAs(sut, Role.Mentor, { companyId: a.companyId });
      const url = `/api/v1/placements/${a.placements.active}/assessment`;
      await http().post(url).set(otherMentor.auth).send(ASSESSMENT).expect(404);
      await http().post(url).set(teacher.auth).send(ASSESSMENT).expect(403);
      await http().post(url).set(a.actors[Role.CompanyAdmin].auth).send(ASSESSMENT).expect(403);
    });

    it('verifies a certificate publicly with only the name, school, company, period and status', async () => {
      const cert = await http()
        .get(`/api/v1/placements/${a.placements.done}/certificate`)
        .set(student.auth)
        .expect(200);
      const verified = await http().get(`/api/v1/verify/${cert.body.code}`).expect(200);
      expect(Object.keys(verified.body).sort()).toEqual([
        'company',
        'name',
        'period',
        'school',
        'status',
      ]);
      expect(verified.body).toMatchObject({
        name: cert.body.studentName,
        school: cert.body.schoolName,
        company: cert.body.companyName,
        period: { startDate: cert.body.startDate, endDate: cert.body.endDate },
        status: 'valid',
      });
      expect(JSON.stringify(verified.body)).not.toMatch(/nik|birth|level|discipline/i);
      await http().get('/api/v1/verify/AAAAAAAAAAAAAAAA').expect(404);
      await http().get('/api/v1/verify/nope').expect(404);

      const pdf = await http()
        .get(`/api/v1/placements/${a.placements.done}/certificate/pdf`)
        .set(student.auth)
        .buffer(true)
        .parse(parseBinary as never)
        .expect(200);
      expect(pdf.headers['content-type']).toBe('application/pdf');
      expect(binary(pdf).subarray(0, 5).toString()).toBe('%PDF-');
      await http()
        .get(`/api/v1/placements/${a.placements.done}/certificate/pdf`)
        .set(x.b.actors.students.st3.auth)
        .expect(404);
    });
  });

  describe('daily reminders and the "needs attention" list', () => {
    const events = async (type: string) =>
      sut.dataSource.query<{ idempotency_key: string; payload: string }[]>(
        'SELECT idempotency_key, payload FROM outbox_events WHERE type = ? ORDER BY id',
        [type],
      );
    const attention = (who: SignedIn) =>
      http().get('/api/v1/monitoring/attention').set(who.auth).expect(200);

    it('finds nothing while the journal is written and attendance is recent', async () => {
      const run = await sut.app.get(MonitoringReminders).run(localToday());
      expect(run).toMatchObject({ journalMissing: 0, attendanceUnconfirmed: 0 });
      expect(run.checked).toBeGreaterThanOrEqual(2);
      expect((await attention(teacher)).body.items).toEqual([]);
      expect(await events('journal.missing')).toEqual([]);
    });

    it('reminds once per placement and day, and lists the placement for its supervisors only', async () => {
      // Eight days on: the working days since the entry have ended without one, and the sakit
      // day (the last working day) has waited more than 7 days for the mentor.
      const day = addDays(a.workday, 8);
      const missing = workingDaysBetween(addDays(a.workday, 1), addDays(day, -1));
      const reminders = sut.app.get(MonitoringReminders);
      const first = await reminders.run(day);
      expect(first).toMatchObject({ day, journalMissing: 2, attendanceUnconfirmed: 2 });
      await reminders.run(day);

      const journalEvents = await events('journal.missing');
      expect(journalEvents.map((e) => e.idempotency_key).sort()).toEqual(
        [a.placements.active, x.b.placements.active]
          .map((id) => `journal.missing:${id}:${day}`)
          .sort(),
      );
      const payload = JSON.parse(
        journalEvents.find((e) => e.idempotency_key.includes(`:${a.placements.active}:`))!.payload,
      );
      expect(payload).toMatchObject({
        placementId: a.placements.active,
        teacherId: a.teacherUserId,
        mentorId: a.mentorUserId,
        day,
        missingWorkingDays: missing,
        lastJournalDate: a.workday,
      });
      expect(JSON.stringify(payload)).not.toMatch(/name|nik/i);
      const attendanceEvents = await events('attendance.unconfirmed');
      expect(attendanceEvents).toHaveLength(2);
      expect(JSON.parse(attendanceEvents[0].payload)).toMatchObject({
        unconfirmedDays: 1,
        oldestUnconfirmedDay: expect.any(String),
      });

      const expected = {
        placementId: a.placements.active,
        journalMissingDays: missing,
        lastJournalDate: a.workday,
        unconfirmedDays: 1,
        oldestUnconfirmedDay: a.workday,
        detectedOn: day,
      };
      for (const who of [
        teacher,
        mentor,
        a.actors[Role.SchoolAdmin],
        a.actors[Role.CompanyAdmin],
      ]) {
        const res = await attention(who);
        expect(res.body.items).toEqual([expect.objectContaining(expected)]);
        expect(res.body.meta.total).toBe(1);
      }
      const admin = await attention(x.admin);
      expect(admin.body.meta.total).toBe(2);
      const limited = await attention(a.actors.limited);
      expect(limited.body.items.map((i: { placementId: number }) => i.placementId)).toEqual([
        a.placements.active,
      ]);
      const otherTeacher = await signInAs(sut, Role.Teacher, { schoolId: a.schoolId });
      expect((await attention(otherTeacher)).body.items).toEqual([]);
      await http().get('/api/v1/monitoring/attention').set(student.auth).expect(403);
    });

    it('takes a placement off the list once its attendance is confirmed and its journal caught up, or it ends', async () => {
      const reminders = sut.app.get(MonitoringReminders);
      const day = addDays(a.workday, 8);
      await reminders.run(day);
      await http()
        .post(`/api/v1/attendance/${a.attendanceId}/confirm`)
        .set(mentor.auth)
        .expect(200);
      await reminders.run(day);
      expect((await attention(mentor)).body.items).toEqual([
        expect.objectContaining({ unconfirmedDays: 0, oldestUnconfirmedDay: null }),
      ]);
      // One event per placement and day, whatever happened in between.
      expect(await events('attendance.unconfirmed')).toHaveLength(2);

      // The journal is up to date on the run's day itself.
      expect((await reminders.run(a.workday)).journalMissing).toBe(0);
      expect((await attention(mentor)).body.items).toEqual([]);

      await reminders.run(day);
      expect((await attention(mentor)).body.items).toHaveLength(1);
      await http()
        .post(`/api/v1/placements/${a.placements.active}/assessment`)
        .set(mentor.auth)
        .send(ASSESSMENT)
        .expect(200);
      expect((await reminders.run(day)).cleared).toBe(1);
      const [{ n }] = await sut.dataSource.query<{ n: string }[]>(
        'SELECT COUNT(*) AS n FROM monitoring_attention WHERE placement_id = ?',
        [a.placements.active],
      );
      expect(Number(n)).toBe(0);
    });
  });

  describe('reports', () => {
    const report = (who: SignedIn, groupBy: string) =>
      http().get('/api/v1/monitoring/reports').query({ groupBy }).set(who.auth).expect(200);

    it("counts a school's apprentices, attendance, journals waiting and assessments", async () => {
      // A day present besides the sakit one: 1 of 2 days present.
      await http()
        .put(`/api/v1/placements/${a.placements.active}/attendance/${a.freeDay}`)
        .set(student.auth)
        .send({ status: 'hadir' })
        .expect(200);
      const res = await report(a.actors[Role.SchoolAdmin], 'school');
      const row = {
        key: String(a.schoolId),
        name: expect.any(String),
        apprenticesActive: 1,
        attendanceDays: 2,
        attendancePresent: 1,
        attendanceRate: 50,
        journalsWaiting: 1,
        assessmentsDone: 1,
      };
      expect(res.body).toEqual({
        groupBy: 'school',
        placements: 2,
        items: [row],
        totals: { ...row, key: 'total', name: null },
      });

      // The running totals follow every step: returned (not waiting), edited (waiting again),
      // a day present changed to alpa.
      await http()
        .post(`/api/v1/journal-entries/${a.journalEntryId}/return`)
        .set(mentor.auth)
        .send({ comment: 'Lengkapi' })
        .expect(200);
      const returned = await report(a.actors[Role.SchoolAdmin], 'school');
      expect(returned.body.items[0].journalsWaiting).toBe(0);
      await http()
        .patch(`/api/v1/journal-entries/${a.journalEntryId}`)
        .set(student.auth)
        .send({ hours: 6 })
        .expect(200);
      await http()
        .put(`/api/v1/placements/${a.placements.active}/attendance/${a.freeDay}`)
        .set(student.auth)
        .send({ status: 'alpa' })
        .expect(200);
      const after = await report(a.actors[Role.SchoolAdmin], 'school');
      expect(after.body.items[0]).toMatchObject({
        journalsWaiting: 1,
        attendanceDays: 2,
        attendancePresent: 0,
        attendanceRate: 0,
      });
      // The same as counting the rows.
      const [counted] = await sut.dataSource.query<Record<string, string>[]>(
        `SELECT (SELECT COUNT(*) FROM attendance_records WHERE placement_id = ?) AS days,
                (SELECT COUNT(*) FROM attendance_records WHERE placement_id = ? AND status = 'hadir') AS present,
                (SELECT COUNT(*) FROM journal_entries WHERE placement_id = ? AND status = 'submitted') AS waiting`,
        [a.placements.active, a.placements.active, a.placements.active],
      );
      expect(Object.values(counted).map(Number)).toEqual([2, 0, 1]);
    });

    it("groups by region, company and teacher within the user's scope", async () => {
      const regions = await report(x.coordinator, 'region');
      expect(regions.body.items.map((r: { key: string }) => r.key).sort()).toEqual(
        [a.region, x.b.region].sort(),
      );
      expect(regions.body.items.every((r: { name: string | null }) => r.name)).toBe(true);
      expect(regions.body.totals).toMatchObject({ apprenticesActive: 2, assessmentsDone: 2 });
      const limited = await report(a.actors.limited, 'region');
      expect(limited.body.items.map((r: { key: string }) => r.key)).toEqual([a.region]);

      const companies = await report(x.b.actors[Role.CompanyAdmin], 'company');
      expect(companies.body.items.map((r: { key: string }) => r.key)).toEqual([
        String(x.b.companyId),
      ]);
      const teachers = await report(teacher, 'teacher');
      expect(teachers.body.items).toEqual([
        expect.objectContaining({ key: String(a.teacherUserId), apprenticesActive: 1 }),
      ]);
      const otherMentor = await signInAs(sut, Role.Mentor, { companyId: a.companyId });
      const none = await report(otherMentor, 'company');
      expect(none.body).toMatchObject({ placements: 0, items: [] });
      await http().get('/api/v1/monitoring/reports').set(student.auth).expect(403);
      await http()
        .get('/api/v1/monitoring/reports')
        .query({ groupBy: 'student' })
        .set(x.admin.auth)
        .expect(400);
    });

    it('answers CSV with one line per group and the totals', async () => {
      const res = await http()
        .get('/api/v1/monitoring/reports')
        .query({ groupBy: 'region', format: 'csv' })
        .set(x.coordinator.auth)
        .expect(200);
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(res.headers['content-disposition']).toContain('monitoring-region.csv');
      const lines = res.text.trimEnd().split('\r\n');
      // in the console's words, Indonesian unless English is asked for
      expect(lines[0]).toBe(
        'Kode,Kabupaten/kota,Peserta aktif,Hari tercatat,Hari hadir,Tingkat kehadiran (%),Jurnal menunggu,Penilaian selesai',
      );
      expect(lines).toHaveLength(4);
      expect(lines[3]).toMatch(/^total,Jumlah,2,2,0,0,2,2$/);
      const english = await http()
        .get('/api/v1/monitoring/reports')
        .query({ groupBy: 'region', format: 'csv', lang: 'en' })
        .set(x.coordinator.auth)
        .expect(200);
      const englishLines = english.text.trimEnd().split('\r\n');
      expect(englishLines[0]).toBe(
        'Code,Region,Active apprentices,Days recorded,Days present,Attendance rate (%),Entries waiting,Assessments done',
      );
      expect(englishLines[3]).toBe('total,Total,2,2,0,0,2,2');

      const xlsx = await asBinary(
        http().get('/api/v1/monitoring/reports').query({ groupBy: 'region', format: 'xlsx' }),
      )
        .set(x.coordinator.auth)
        .expect(200);
      expect(xlsx.headers['content-disposition']).toContain('monitoring-region.xlsx');
      const rows = await readXlsx(xlsx);
      expect(rows[0]).toEqual(lines[0].split(','));
      expect(rows).toHaveLength(4);
      expect(rows.map((r) => typeof r[0])).toEqual(['string', 'string', 'string', 'string']);
      expect(rows[3]).toEqual(['total', 'Jumlah', 2, 2, 0, 0, 2, 2]);
    });
  });
});

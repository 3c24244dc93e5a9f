import { getQueueToken } from '@nestjs/bull';
import { Logger } from '@nestjs/common';
import type { Queue } from 'bull';
import { Role } from '../../src/common/auth/role.enum';
import { RepeatableSchedule } from '../../src/common/queue/repeatable-schedule';
import { OfferExpiryService } from '../../src/modules/placements/offer-expiry.service';
import { OfferExpiryScheduler } from '../../src/modules/placements/offer-expiry-scheduler.service';
import {
  EXPIRE_OFFERS_JOB,
  EXPIRE_OFFERS_JOB_OPTIONS,
  EXPIRY_EVERY_MS,
  PLACEMENTS_QUEUE,
} from '../../src/modules/placements/placements.constants';
import { School } from '../../src/modules/schools/school.entity';
import { Slot } from '../../src/modules/slots/slot.entity';
import { createCompany, createSlot } from '../factories/companies.factory';
import { createSchool } from '../factories/schools.factory';
import { createStudent, StudentOverrides } from '../factories/students.factory';
import { eventually } from '../helpers/poll';
import { createTestApp, resetState, signInAs, SignedIn, TestApp } from '../helpers/test-app';

describe('Placements by hand (e2e)', () => {
  let sut: TestApp;
  let school: School;
  let slot: Slot;
  let company: SignedIn;
  let schoolAdmin: SignedIn;

  beforeAll(async () => {
    sut = await createTestApp();
  });
  afterAll(() => sut.close());
  beforeEach(async () => {
    await resetState(sut);
    school = await createSchool(sut.dataSource);
    const companyRow = await createCompany(sut.dataSource, { workforceSize: 500 });
    // The slot starts on 2027-01-04.
    slot = await createSlot(sut.dataSource, companyRow.id, { capacity: 2 });
    company = await signInAs(sut, Role.CompanyAdmin, { companyId: companyRow.id });
    schoolAdmin = await signInAs(sut, Role.SchoolAdmin, { schoolId: school.id });
  });

  const student = (overrides: StudentOverrides = {}): Promise<{ id: number }> =>
    createStudent(sut.app, sut.dataSource, school.id, overrides);
  const offer = (studentId: number, slotId = slot.id) =>
    sut.http().post('/api/v1/placements').set(company.auth).send({ studentId, slotId });

  it('runs the whole life: offer → accept → active → completed with an evaluation, freeing the seat', async () => {
    const s = await student();
    const offered = await offer(s.id).expect(201);
    expect(offered.body).toMatchObject({
      status: 'offered',
      source: 'manual',
      startDate: '2027-01-04',
    });
    const studentSession = await signInAs(sut, Role.Student, { studentId: s.id });
    await sut
      .http()
      .post(`/api/v1/placements/${offered.body.id}/accept`)
      .set(studentSession.auth)
      .expect(200);
    expect(
      (await sut.dataSource.query('SELECT filled FROM slots WHERE id = ?', [slot.id]))[0].filled,
    ).toBe(1);
    await sut
      .http()
      .post(`/api/v1/placements/${offered.body.id}/start`)
      .set(studentSession.auth)
      .expect(403);
    await sut
      .http()
      .post(`/api/v1/placements/${offered.body.id}/start`)
      .set(company.auth)
      .expect(200);
    const done = await sut
      .http()
      .post(`/api/v1/placements/${offered.body.id}/complete`)
      .set(company.auth)
      .send({ score: 4, notes: 'Rajin dan teliti' })
      .expect(200);
    expect(done.body).toMatchObject({
      status: 'completed',
      evaluationScore: 4,
      evaluationNotes: 'Rajin dan teliti',
    });
    expect(
      (await sut.dataSource.query('SELECT filled FROM slots WHERE id = ?', [slot.id]))[0].filled,
    ).toBe(0);
    // Starting recorded the graduate's apprenticeship outcome by itself, once.
    const outcomes = await sut.dataSource.query<
      { status: string; placement_id: number; region_code: string }[]
    >('SELECT status, placement_id, region_code FROM outcomes WHERE student_id = ?', [s.id]);
    expect(outcomes).toEqual([
      { status: 'apprenticeship', placement_id: offered.body.id, region_code: '3672' },
    ]);
    await sut
      .http()
      .post(`/api/v1/placements/${offered.body.id}/complete`)
      .set(company.auth)
      .send({ score: 4 })
      .expect(409);
  });

  it('refuses an evaluation score outside 1–5', async () => {
    const s = await student();
    const offered = await offer(s.id).expect(201);
    const response = await sut
      .http()
      .post(`/api/v1/placements/${offered.body.id}/terminate`)
      .set(company.auth)
      .send({ score: 6, notes: 'x' })
      .expect(400);
    expect(response.body.details.map((d: { field: string }) => d.field).sort()).toEqual([
      'notes',
      'score',
    ]);
  });

  describe('age on the start date (Permenaker 6/2020: at least 17)', () => {
    it('accepts a student who turns 17 that very day, with parental consent', async () => {
      const s = await student({ birthDate: '2010-01-04', parentalConsent: true });
      await offer(s.id).expect(201);
    });

    it('refuses a student who turns 17 the day after', async () => {
      const s = await student({ birthDate: '2010-01-05', parentalConsent: true });
      const response = await offer(s.id).expect(422);
      expect(response.body).toMatchObject({ code: 'minimum_age', details: { age: 16 } });
    });

    it('refuses a 17-year-old without parental consent; an 18-year-old needs none', async () => {
      const minor = await student({ birthDate: '2009-06-01', parentalConsent: false });
      expect((await offer(minor.id).expect(422)).body.code).toBe('parental_consent_required');
      const adult = await student({ birthDate: '2009-01-04', parentalConsent: false });
      await offer(adult.id).expect(201);
    });
  });

  it('refuses a withdrawn student, a closed slot, a duplicate and a past deadline', async () => {
    const gone = await student({ status: 'withdrawn' as never });
    expect((await offer(gone.id).expect(422)).body.code).toBe('student_not_available');
    const closed = await createSlot(sut.dataSource, slot.companyId, { status: 'closed' as never });
    const s = await student();
    expect((await offer(s.id, closed.id).expect(422)).body.code).toBe('slot_not_open');
    await offer(s.id).expect(201);
    expect((await offer(s.id).expect(409)).body.code).toBe('duplicate_placement');
    const late = await sut
      .http()
      .post('/api/v1/placements')
      .set(company.auth)
      .send({ studentId: s.id, slotId: slot.id, offerDeadline: '2020-01-01T00:00:00Z' })
      .expect(400);
    expect(late.body.details[0].field).toBe('offerDeadline');
  });

  it('refuses an offer past its deadline', async () => {
    const s = await student();
    const offered = await offer(s.id).expect(201);
    await sut.dataSource.query(
      'UPDATE placements SET offer_deadline = NOW() - INTERVAL 1 HOUR WHERE id = ?',
      [offered.body.id],
    );
    expect(
      (
        await sut
          .http()
          .post(`/api/v1/placements/${offered.body.id}/accept`)
          .set(schoolAdmin.auth)
          .expect(422)
      ).body.code,
    ).toBe('offer_expired');
  });

  it('lets offers lapse at their deadline: declined, announced once, no longer acceptable', async () => {
    const s = await student();
    const due = await offer(s.id).expect(201);
    const later = await offer((await student()).id).expect(201);
    await sut.dataSource.query(
      'UPDATE placements SET offer_deadline = NOW(3) - INTERVAL 1 MINUTE WHERE id = ?',
      [due.body.id],
    );
    const expiry = sut.app.get(OfferExpiryService);
    expect(await expiry.expireDue()).toBe(1);
    expect(await expiry.expireDue()).toBe(0);
    const lapsed = await sut
      .http()
      .get(`/api/v1/placements/${due.body.id}`)
      .set(schoolAdmin.auth)
      .expect(200);
    expect(lapsed.body.status).toBe('declined');
    // Whose slot it was, by name: a school may not read /companies.
    const [{ name }] = await sut.dataSource.query('SELECT name FROM companies WHERE id = ?', [
      slot.companyId,
    ]);
    expect(lapsed.body.companyName).toBe(name);
    const still = await sut
      .http()
      .get(`/api/v1/placements/${later.body.id}`)
      .set(schoolAdmin.auth)
      .expect(200);
    expect(still.body.status).toBe('offered');
    const events = await sut.dataSource.query<{ idempotency_key: string }[]>(
      "SELECT idempotency_key FROM outbox_events WHERE type = 'placement.expired'",
    );
    expect(events.map((e) => e.idempotency_key)).toEqual([`placement.expired:${due.body.id}`]);
    await sut
      .http()
      .post(`/api/v1/placements/${due.body.id}/accept`)
      .set(schoolAdmin.auth)
      .expect(409);
  });

  it('schedules offer expiry again when Redis lost it, once whatever the number of checks', async () => {
    const queue = sut.app.get<Queue>(getQueueToken(PLACEMENTS_QUEUE));
    const scheduler = sut.app.get(OfferExpiryScheduler);
    const schedule = async () => ({
      repeatable: (await queue.getRepeatableJobs()).map((r) => `${r.name} every ${r.every}`),
      nextRuns: (await queue.getDelayed()).filter((job) => job.name === EXPIRE_OFFERS_JOB).length,
    });
    const once = { repeatable: [`${EXPIRE_OFFERS_JOB} every ${EXPIRY_EVERY_MS}`], nextRuns: 1 };
    // The worker scheduled it at start.
    await scheduler.ensureScheduled();
    expect(await schedule()).toEqual(once);

    // Every key of the queue gone, as with a Redis restarted empty or flushed.
    const keys = await queue.client.keys(queue.toKey('*'));
    expect(keys.length).toBeGreaterThan(0);
    await queue.client.del(...keys);
    expect(await schedule()).toEqual({ repeatable: [], nextRuns: 0 });
    expect(await scheduler.ensureScheduled()).toBe(true);
    expect(await schedule()).toEqual(once);
    // Idempotent: a second check (another worker's, the next tick) adds nothing.
    expect(await scheduler.ensureScheduled()).toBe(false);
    expect(await scheduler.ensureScheduled()).toBe(false);
    expect(await schedule()).toEqual(once);

    // The schedule kept but its next run lost: the run is put back.
    await Promise.all((await queue.getDelayed()).map((job) => job.remove()));
    expect(await scheduler.ensureScheduled()).toBe(true);
    expect(await schedule()).toEqual(once);
  });

  it('says it scheduled offer expiry again even when the check answered after giving up', async () => {
    const queue = sut.app.get<Queue>(getQueueToken(PLACEMENTS_QUEUE));
    const lines: string[] = [];
    const logger = new Logger('test');
    jest.spyOn(logger, 'log').mockImplementation((message: string) => void lines.push(message));
    jest.spyOn(logger, 'warn').mockImplementation((message: string) => void lines.push(message));
    const schedule = new RepeatableSchedule(
      logger,
      queue,
      {
        job: EXPIRE_OFFERS_JOB,
        options: EXPIRE_OFFERS_JOB_OPTIONS,
        what: 'Offer expiry',
        when: 'soon',
      },
      50,
    );
    await schedule.ensure();
    lines.length = 0;
    await queue.client.del(...(await queue.client.keys(queue.toKey('*'))));
    // Redis holds every client's commands for 400 ms: the check gives up after 50 ms, its
    // commands run when Redis answers again (as with a worker frozen mid-check).
    await queue.client.client('PAUSE', 400);
    await expect(schedule.ensure()).rejects.toThrow(
      'scheduling Offer expiry: no answer within 50 ms',
    );
    await eventually('the late check to log', () => lines.length > 0, 5_000);
    expect(lines).toEqual([
      'Offer expiry was not scheduled (Redis emptied?): scheduled again, soon',
    ]);
    expect((await queue.getRepeatableJobs()).map((r) => r.name)).toEqual([EXPIRE_OFFERS_JOB]);
  });

  it('gives a student at most one accepted placement: accepting one withdraws the others', async () => {
    const s = await student();
    const other = await createSlot(sut.dataSource, slot.companyId);
    const first = await offer(s.id).expect(201);
    const second = await offer(s.id, other.id).expect(201);
    await sut
      .http()
      .post(`/api/v1/placements/${first.body.id}/accept`)
      .set(schoolAdmin.auth)
      .expect(200);
    const withdrawn = await sut
      .http()
      .get(`/api/v1/placements/${second.body.id}`)
      .set(schoolAdmin.auth)
      .expect(200);
    expect(withdrawn.body.status).toBe('withdrawn');
    await sut
      .http()
      .post(`/api/v1/placements/${second.body.id}/accept`)
      .set(schoolAdmin.auth)
      .expect(409);
    const third = await createSlot(sut.dataSource, slot.companyId);
    expect((await offer(s.id, third.id).expect(409)).body.code).toBe('student_already_placed');
  });

  it('50 concurrent accepts for the last seat: exactly one succeeds', async () => {
    const lastSeat = await createSlot(sut.dataSource, slot.companyId, { capacity: 1 });
    const offers: number[] = [];
    for (let i = 0; i < 50; i++) {
      const s = await student();
      offers.push((await offer(s.id, lastSeat.id).expect(201)).body.id);
    }
    const results = await Promise.all(
      offers.map((id) => sut.http().post(`/api/v1/placements/${id}/accept`).set(schoolAdmin.auth)),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(49);
    expect(results.filter((r) => r.status === 409).every((r) => r.body.code === 'slot_full')).toBe(
      true,
    );
    const [row] = await sut.dataSource.query('SELECT filled FROM slots WHERE id = ?', [
      lastSeat.id,
    ]);
    expect(row.filled).toBe(1);
    const [{ n }] = await sut.dataSource.query(
      "SELECT COUNT(*) AS n FROM placements WHERE slot_id = ? AND status IN ('accepted', 'active')",
      [lastSeat.id],
    );
    expect(Number(n)).toBe(1);
  });

  it('keeps each side to its own placements', async () => {
    const s = await student();
    const offered = await offer(s.id).expect(201);
    const otherSchool = await createSchool(sut.dataSource);
    const otherSchoolAdmin = await signInAs(sut, Role.SchoolAdmin, { schoolId: otherSchool.id });
    const otherCompany = await createCompany(sut.dataSource);
    const otherCompanyAdmin = await signInAs(sut, Role.CompanyAdmin, {
      companyId: otherCompany.id,
    });
    const otherStudent = await student();
    const otherStudentSession = await signInAs(sut, Role.Student, { studentId: otherStudent.id });
    for (const outsider of [otherSchoolAdmin, otherCompanyAdmin, otherStudentSession]) {
      await sut.http().get(`/api/v1/placements/${offered.body.id}`).set(outsider.auth).expect(404);
      const list = await sut.http().get('/api/v1/placements').set(outsider.auth).expect(200);
      expect(list.body.meta.total).toBe(0);
    }
    await sut
      .http()
      .post(`/api/v1/placements/${offered.body.id}/accept`)
      .set(otherSchoolAdmin.auth)
      .expect(404);
    await sut
      .http()
      .post('/api/v1/placements')
      .set(otherCompanyAdmin.auth)
      .send({ studentId: s.id, slotId: slot.id })
      .expect(404);
    const mine = await sut.http().get('/api/v1/placements').set(schoolAdmin.auth).expect(200);
    expect(mine.body.items.map((p: { id: number }) => p.id)).toEqual([offered.body.id]);
  });
});

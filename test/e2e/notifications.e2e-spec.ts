import { getQueueToken } from '@nestjs/bull';
import type { Queue } from 'bull';
import { Role } from '../../src/common/auth/role.enum';
import {
  DELIVER_EVENT_JOB,
  deliveryJobId,
  deliveryJobOptions,
  NOTIFICATIONS_QUEUE,
} from '../../src/modules/notifications/notifications.constants';
import { OutboxRelay } from '../../src/modules/notifications/outbox-relay.service';
import { OutboxService } from '../../src/modules/notifications/outbox.service';
import { School } from '../../src/modules/schools/school.entity';
import { Slot } from '../../src/modules/slots/slot.entity';
import { createCompany, createSlot } from '../factories/companies.factory';
import { WebhookReceiver, withEnv } from '../factories/notifications';
import { eventually } from '../helpers/poll';
import { createSchool } from '../factories/schools.factory';
import { createStudent } from '../factories/students.factory';
import { createTestApp, resetState, signInAs, SignedIn, TestApp } from '../helpers/test-app';

interface OutboxRow {
  id: number;
  type: string;
  idempotency_key: string;
  delivered_at: Date | null;
  attempts: number;
  last_error: string | null;
}

describe('Notifications outbox and webhook (e2e)', () => {
  // Two 503s per key before the 200: every event needs its retries.
  const receiver = new WebhookReceiver(2);
  let sut: TestApp;
  let school: School;
  let slot: Slot;
  let company: SignedIn;
  let admin: SignedIn;

  beforeAll(async () => {
    await receiver.start();
    sut = await withEnv(
      { WEBHOOK_URL: receiver.url, OUTBOX_RELAY_INTERVAL_MS: '50', NOTIFICATIONS_BACKOFF_MS: '20' },
      () => createTestApp(),
    );
  });
  afterAll(async () => {
    await sut.close();
    await receiver.stop();
  });
  beforeEach(async () => {
    await resetState(sut);
    sut.app.get(OutboxRelay).start();
    receiver.requests.length = 0;
    school = await createSchool(sut.dataSource);
    const companyRow = await createCompany(sut.dataSource, { workforceSize: 500 });
    slot = await createSlot(sut.dataSource, companyRow.id, { capacity: 1 });
    company = await signInAs(sut, Role.CompanyAdmin, { companyId: companyRow.id });
    admin = await signInAs(sut, Role.Coordinator);
  });

  const outbox = (): Promise<OutboxRow[]> =>
    sut.dataSource.query('SELECT * FROM outbox_events ORDER BY id');
  const keys = async (): Promise<string[]> => (await outbox()).map((r) => r.idempotency_key);
  const newStudent = async (): Promise<{ id: number; session: SignedIn }> => {
    const s = await createStudent(sut.app, sut.dataSource, school.id);
    return { id: s.id, session: await signInAs(sut, Role.Student, { studentId: s.id }) };
  };
  const offer = async (studentId: number, slotId = slot.id): Promise<number> =>
    (
      await sut
        .http()
        .post('/api/v1/placements')
        .set(company.auth)
        .send({ studentId, slotId })
        .expect(201)
    ).body.id;
  const act = (id: number, action: string, who: SignedIn, status: number) =>
    sut.http().post(`/api/v1/placements/${id}/${action}`).set(who.auth).send({}).expect(status);

  it('delivers every event exactly once by key to a receiver that fails first, with retries', async () => {
    const a = await newStudent();
    const b = await newStudent();
    const pa = await offer(a.id);
    const pb = await offer(b.id);
    await act(pa, 'accept', a.session, 200);
    await act(pa, 'start', company, 200);
    await act(pb, 'decline', b.session, 200);
    const expected = [
      `placement.offered:${pa}`,
      `placement.offered:${pb}`,
      `placement.accepted:${pa}`,
      `placement.started:${pa}`,
      `placement.declined:${pb}`,
    ];
    expect((await keys()).sort()).toEqual([...expected].sort());

    await eventually('every event delivered', async () =>
      (await outbox()).every((r) => r.delivered_at !== null),
    );
    // A few more relay ticks after the last delivery must send nothing again.
    const relay = sut.app.get(OutboxRelay);
    const ticks = relay.stats.ticks;
    await eventually('five more relay ticks', () => relay.stats.ticks >= ticks + 5);

    const delivered = receiver.deliveredByKey();
    expect([...delivered.keys()].sort()).toEqual([...expected].sort());
    expect([...delivered.values()].every((n) => n === 1)).toBe(true);
    // 2 refusals + 1 success per key, each counted on the row.
    expect(receiver.requests).toHaveLength(expected.length * 3);
    for (const row of await outbox()) {
      expect(row).toMatchObject({ attempts: 3, last_error: null });
    }

    const accepted = receiver.requests.find(
      (r) => r.status === 200 && r.body.type === 'placement.accepted',
    );
    expect(accepted?.headers['content-type']).toBe('application/json');
    expect(accepted?.headers['x-smk-event']).toBe('placement.accepted');
    expect(accepted?.body).toEqual({
      id: `placement.accepted:${pa}`,
      idempotencyKey: `placement.accepted:${pa}`,
      type: 'placement.accepted',
      occurredAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
      data: expect.objectContaining({
        placementId: pa,
        studentId: a.id,
        slotId: slot.id,
        schoolId: school.id,
        status: 'accepted',
        source: 'manual',
        startDate: '2027-01-04',
      }),
    });
  }, 30_000);

  it('writes an event only when the transition commits', async () => {
    // Delivery is not what this test is about: keep the rows as written.
    await sut.app.get(OutboxRelay).stop();
    const a = await newStudent();
    const b = await newStudent();
    const pa = await offer(a.id);
    const pb = await offer(b.id);
    await act(pa, 'accept', a.session, 200);
    // The only seat is taken: b's acceptance fails and leaves no event behind.
    await act(pb, 'accept', b.session, 409);
    // Declining an accepted placement is not a transition: no event either.
    await act(pa, 'decline', a.session, 409);
    expect((await keys()).sort()).toEqual(
      [`placement.accepted:${pa}`, `placement.offered:${pa}`, `placement.offered:${pb}`].sort(),
    );
  });

  it('records the withdrawal of a student’s other offers when they accept one', async () => {
    await sut.app.get(OutboxRelay).stop();
    const other = await createSlot(sut.dataSource, slot.companyId, { capacity: 1 });
    const a = await newStudent();
    const first = await offer(a.id);
    const second = await offer(a.id, other.id);
    await act(second, 'accept', a.session, 200);
    const rows = await sut.dataSource.query<{ payload: string }[]>(
      'SELECT payload FROM outbox_events WHERE idempotency_key = ?',
      [`placement.withdrawn:${first}`],
    );
    expect(rows).toHaveLength(1);
    expect(JSON.parse(rows[0].payload)).toMatchObject({ placementId: first, status: 'withdrawn' });
  });

  it('record() joins the caller’s transaction and keeps one event per key', async () => {
    await sut.app.get(OutboxRelay).stop();
    const sutOutbox = sut.app.get(OutboxService);
    const event = { type: 'placement.expired', key: 'placement.expired:999', payload: { a: 1 } };
    await expect(
      sut.dataSource.transaction(async (manager) => {
        await sutOutbox.record(manager, event);
        throw new Error('the change fails');
      }),
    ).rejects.toThrow('the change fails');
    expect(await keys()).toEqual([]);

    await sut.dataSource.transaction((m) => sutOutbox.record(m, event));
    await sut.dataSource.transaction((m) => sutOutbox.record(m, { ...event, payload: { a: 2 } }));
    const rows = await sut.dataSource.query<{ payload: string }[]>(
      'SELECT payload FROM outbox_events',
    );
    expect(rows.map((r) => JSON.parse(r.payload))).toEqual([{ a: 1 }]);
  });

  it('relays each row once while its job lives, and again when the job failed for good', async () => {
    const relay = sut.app.get(OutboxRelay);
    await relay.stop();
    const queue = sut.app.get<Queue>(getQueueToken(NOTIFICATIONS_QUEUE));
    const a = await newStudent();
    const pa = await offer(a.id);
    const [row] = await outbox();
    // A job that gives up after one attempt: the receiver's first answer (503) ends it.
    await queue.add(
      DELIVER_EVENT_JOB,
      { outboxId: row.id },
      { ...deliveryJobOptions(row.id, 20), attempts: 1 },
    );
    await eventually('the job failed for good', async () => {
      const job = await queue.getJob(deliveryJobId(row.id));
      return (await job?.getState()) === 'failed';
    });
    expect((await outbox())[0]).toMatchObject({ delivered_at: null, attempts: 1 });
    // This app's worker pauses so the fresh job stays waiting while the relay runs again.
    await queue.pause(true);
    try {
      expect(await relay.relayOnce()).toBe(1);
      // The fresh job is known now: relaying again adds nothing.
      expect(await relay.relayOnce()).toBe(0);
      expect(await (await queue.getJob(deliveryJobId(row.id)))?.getState()).toBe('waiting');
    } finally {
      await queue.resume(true);
    }
    await eventually('delivered', async () => (await outbox())[0].delivered_at !== null);
    expect(Object.fromEntries(receiver.deliveredByKey())).toEqual({
      [`placement.offered:${pa}`]: 1,
    });
  }, 30_000);

  it('lists the outbox for coordinators and admins, filtered by delivery', async () => {
    await sut.app.get(OutboxRelay).stop();
    const a = await newStudent();
    const pa = await offer(a.id);
    await sut.dataSource.query(
      'UPDATE outbox_events SET delivered_at = CURRENT_TIMESTAMP(3) WHERE idempotency_key = ?',
      [`placement.offered:${pa}`],
    );
    await offer((await newStudent()).id);
    const waiting = await sut
      .http()
      .get('/api/v1/notifications?delivered=false')
      .set(admin.auth)
      .expect(200);
    expect(waiting.body.meta).toMatchObject({ page: 1, total: 1 });
    expect(waiting.body.items[0]).toMatchObject({
      type: 'placement.offered',
      deliveredAt: null,
      attempts: 0,
      payload: expect.objectContaining({ status: 'offered' }),
    });
    const all = await sut.http().get('/api/v1/notifications').set(admin.auth).expect(200);
    expect(all.body.meta.total).toBe(2);
    await sut.http().get('/api/v1/notifications').set(company.auth).expect(403);
    await sut.http().get('/api/v1/notifications?delivered=maybe').set(admin.auth).expect(400);
  });
});

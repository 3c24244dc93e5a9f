import { getQueueToken } from '@nestjs/bull';
import Bull from 'bull';
import { Role } from '../../src/common/auth/role.enum';
import { NOTIFICATIONS_QUEUE } from '../../src/modules/notifications/notifications.constants';
import { OutboxRelay } from '../../src/modules/notifications/outbox-relay.service';
import { createCompany, createSlot } from '../factories/companies.factory';
import { WebhookReceiver, withEnv } from '../factories/notifications';
import { createSchool } from '../factories/schools.factory';
import { createStudent } from '../factories/students.factory';
import { eventually, unusedPort } from '../helpers/poll';
import { createTestApp, resetState, signInAs, TestApp } from '../helpers/test-app';

describe('Notifications while Redis is down (e2e)', () => {
  const receiver = new WebhookReceiver();
  let sut: TestApp;

  beforeAll(async () => {
    await receiver.start();
    sut = await withEnv({ WEBHOOK_URL: receiver.url, OUTBOX_RELAY_INTERVAL_MS: '50' }, () =>
      createTestApp(),
    );
  });
  afterAll(async () => {
    await sut.close();
    await receiver.stop();
  });

  const undelivered = async (): Promise<number> =>
    Number(
      (
        await sut.dataSource.query<{ n: string }[]>(
          'SELECT COUNT(*) AS n FROM outbox_events WHERE delivered_at IS NULL',
        )
      )[0].n,
    );

  it('keeps the events in MySQL while the relay cannot reach Redis, then delivers each once', async () => {
    await resetState(sut);
    const relay = sut.app.get(OutboxRelay);
    await relay.stop();
    // Delivery jobs another spec of this Jest worker left behind (a retry's delay still
    // running) would reach this receiver: this test counts only what it sends itself.
    await sut.app.get<Bull.Queue>(getQueueToken(NOTIFICATIONS_QUEUE)).obliterate({ force: true });
    const school = await createSchool(sut.dataSource);
    const company = await createCompany(sut.dataSource, { workforceSize: 500 });
    const slot = await createSlot(sut.dataSource, company.id, { capacity: 2 });
    const companyAdmin = await signInAs(sut, Role.CompanyAdmin, { companyId: company.id });
    const offers: number[] = [];
    for (let i = 0; i < 2; i++) {
      const student = await createStudent(sut.app, sut.dataSource, school.id);
      const response = await sut
        .http()
        .post('/api/v1/placements')
        .set(companyAdmin.auth)
        .send({ studentId: student.id, slotId: slot.id })
        .expect(201);
      offers.push(response.body.id);
    }

    // The relay against a queue whose Redis does not answer: every pass fails, rows stay.
    const down = new Bull(NOTIFICATIONS_QUEUE, {
      redis: { host: '127.0.0.1', port: await unusedPort(), connectTimeout: 200 },
      prefix: `${process.env.QUEUE_PREFIX}:down`,
    });
    down.on('error', () => undefined);
    try {
      for (let i = 0; i < 3; i++) {
        await expect(relay.relayOnce(down)).rejects.toThrow(/Redis/);
      }
    } finally {
      for (const client of down.clients) {
        client.disconnect();
      }
    }
    expect(await undelivered()).toBe(2);
    // Only this test's events count: a delivery another spec of this Jest worker left active
    // (obliterate cannot recall a request already in flight) may still land here.
    const mine = () =>
      receiver.requests.filter((r) =>
        offers.some((id) => r.body.idempotencyKey === `placement.offered:${id}`),
      );
    expect(mine()).toHaveLength(0);

    // Redis reachable again: the relay's next ticks deliver every event, once.
    relay.start();
    await eventually('every event delivered', async () => (await undelivered()) === 0);
    const ticks = relay.stats.ticks;
    await eventually('five more relay ticks', () => relay.stats.ticks >= ticks + 5);
    expect(Object.fromEntries(receiver.deliveredByKey())).toMatchObject({
      [`placement.offered:${offers[0]}`]: 1,
      [`placement.offered:${offers[1]}`]: 1,
    });
    expect(mine()).toHaveLength(2);
  }, 30_000);
});

import { createServer } from 'node:net';
import type { AuthUser } from '../../src/common/auth/auth-user';
import { Role } from '../../src/common/auth/role.enum';
import { OutboxRelay } from '../../src/modules/notifications/outbox-relay.service';
import { PlacementsService } from '../../src/modules/placements/placements.service';
import { createCompany, createSlot } from '../factories/companies.factory';
import { eventually, WebhookReceiver, withEnv } from '../factories/notifications';
import { createSchool } from '../factories/schools.factory';
import { createStudent } from '../factories/students.factory';
import { createTestApp, resetState, TestApp } from '../helpers/test-app';

/** A local port nobody listens on: Redis "down". */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function adminUser(app: TestApp): Promise<AuthUser> {
  const [row] = await app.dataSource.query<{ id: number }[]>(
    "SELECT id FROM users WHERE role = 'admin' ORDER BY id LIMIT 1",
  );
  return {
    id: row.id,
    email: 'admin@test.local',
    role: Role.Admin,
    schoolId: null,
    companyId: null,
    studentId: null,
    regionCodes: [],
  };
}

const undelivered = async (app: TestApp): Promise<number> =>
  Number(
    (
      await app.dataSource.query<{ n: string }[]>(
        'SELECT COUNT(*) AS n FROM outbox_events WHERE delivered_at IS NULL',
      )
    )[0].n,
  );

describe('Notifications while Redis is down (e2e)', () => {
  const receiver = new WebhookReceiver();
  beforeAll(() => receiver.start());
  afterAll(() => receiver.stop());

  it('keeps the events in MySQL while the relay cannot reach Redis, then delivers each once', async () => {
    // 1. Redis up, no webhook configured (the relay idles): the data and two offers.
    const setup = await createTestApp();
    let offers: number[];
    try {
      await resetState(setup);
      const school = await createSchool(setup.dataSource);
      const company = await createCompany(setup.dataSource, { workforceSize: 500 });
      const slot = await createSlot(setup.dataSource, company.id, { capacity: 2 });
      const placements = setup.app.get(PlacementsService);
      const admin = await adminUser(setup);
      offers = [];
      for (let i = 0; i < 2; i++) {
        const student = await createStudent(setup.app, setup.dataSource, school.id);
        offers.push(
          (await placements.create({ studentId: student.id, slotId: slot.id }, admin)).id,
        );
      }
    } finally {
      await setup.close();
    }

    // 2. The same database, Redis unreachable: transitions still commit with their events,
    //    the relay's ticks fail, and the rows stay undelivered.
    const hooks = { WEBHOOK_URL: receiver.url, OUTBOX_RELAY_INTERVAL_MS: '50' };
    const down = await withEnv({ ...hooks, REDIS_PORT: String(await closedPort()) }, () =>
      createTestApp(),
    );
    try {
      await down.app.get(PlacementsService).accept(offers[0], await adminUser(down));
      const relay = down.app.get(OutboxRelay);
      await eventually('three failed relay ticks', () => relay.stats.failedTicks >= 3);
      expect(relay.stats.lastError).toMatch(/Redis/);
      expect(relay.stats.enqueued).toBe(0);
      expect(await undelivered(down)).toBe(3);
      expect(receiver.requests).toHaveLength(0);
    } finally {
      await down.close();
    }

    // 3. Redis back: the next relay delivers every event, once.
    const up = await withEnv(hooks, () => createTestApp());
    try {
      await eventually('every event delivered', async () => (await undelivered(up)) === 0);
      const relay = up.app.get(OutboxRelay);
      const ticks = relay.stats.ticks;
      await eventually('five more relay ticks', () => relay.stats.ticks >= ticks + 5);
      expect(Object.fromEntries(receiver.deliveredByKey())).toEqual({
        [`placement.offered:${offers[0]}`]: 1,
        [`placement.offered:${offers[1]}`]: 1,
        [`placement.accepted:${offers[0]}`]: 1,
      });
      expect(receiver.requests).toHaveLength(3);
    } finally {
      await up.close();
    }
    // Three application boots, one of them waiting for Redis.
  }, 60_000);
});

import { createServer, Server } from 'node:net';
import { createTestApp, TestApp } from '../helpers/test-app';

/** A port nobody listens on: bind it, read it, close it. */
async function closedPort(): Promise<number> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('Health (e2e)', () => {
  it('answers 200 when MySQL and Redis are up', async () => {
    const sut = await createTestApp();
    try {
      const response = await sut.http().get('/health').expect(200);
      expect(response.body).toMatchObject({
        status: 'ok',
        database: { status: 'up' },
        redis: { status: 'up' },
      });
    } finally {
      await sut.close();
    }
  });

  describe('when the app cannot reach Redis', () => {
    const realPort = process.env.REDIS_PORT;
    let sut: TestApp;

    beforeAll(async () => {
      process.env.REDIS_PORT = String(await closedPort());
      sut = await createTestApp();
    });
    afterAll(async () => {
      await sut.close();
      process.env.REDIS_PORT = realPort;
    });

    it('answers 503 naming Redis, with MySQL still up', async () => {
      const response = await sut.http().get('/health').expect(503);
      expect(response.body).toMatchObject({
        status: 'error',
        message: 'down: redis',
        database: { status: 'up' },
        redis: { status: 'down' },
      });
    });
  });
});

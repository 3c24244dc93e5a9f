import { unusedPort } from '../helpers/poll';
import { createTestApp, TestApp } from '../helpers/test-app';

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
      process.env.REDIS_PORT = String(await unusedPort());
      // The API alone: Bull's processors, started with Redis down, reject when the app closes
      // (a promise @nestjs/bull does not hold), which failed this spec now and then.
      sut = await createTestApp([], { worker: false });
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

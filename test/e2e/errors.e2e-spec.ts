import { Controller, Get, Module } from '@nestjs/common';
import { Public } from '../../src/common/auth/decorators';
import { createTestApp, loginAsAdmin, resetState, TestApp } from '../helpers/test-app';

/** A route that fails the way a bug would, to see what the client is told. */
@Controller('test-failures')
class FailingController {
  @Public()
  @Get('crash')
  crash(): never {
    throw new Error(
      "ER_PARSE_ERROR near 'SELECT password_hash FROM users' at /srv/app/secret.ts:12",
    );
  }
}
@Module({ controllers: [FailingController] })
class FailingModule {}

describe('Errors and validation (e2e)', () => {
  let sut: TestApp;

  beforeAll(async () => {
    sut = await createTestApp([FailingModule]);
  });
  afterAll(() => sut.close());
  beforeEach(() => resetState(sut));

  it('answers an unknown field with 400 naming it, and writes nothing', async () => {
    const admin = await loginAsAdmin(sut);
    const response = await sut
      .http()
      .post('/api/v1/users')
      .set(admin.auth)
      .send({
        email: 'a@b.id',
        name: 'A',
        password: 'long-enough-1',
        role: 'coordinator',
        isRoot: true,
      })
      .expect(400);
    expect(response.body).toMatchObject({
      statusCode: 400,
      error: 'Bad Request',
      code: 'validation_failed',
    });
    expect(response.body.details).toEqual([
      { field: 'isRoot', problems: [expect.stringMatching(/should not exist/)] },
    ]);
    const [{ n }] = await sut.dataSource.query(
      "SELECT COUNT(*) AS n FROM users WHERE email = 'a@b.id'",
    );
    expect(Number(n)).toBe(0);
  });

  it('answers a wrong type and a missing field with 400 naming each field', async () => {
    const admin = await loginAsAdmin(sut);
    const response = await sut
      .http()
      .post('/api/v1/users')
      .set(admin.auth)
      .send({ email: 'a@b.id', name: 'A', role: 'coordinator', schoolId: 'seven' })
      .expect(400);
    const fields = (response.body.details as { field: string }[]).map((d) => d.field).sort();
    expect(fields).toEqual(['password', 'schoolId']);
    expect(response.body.message).toMatch(/password/);
  });

  it('answers a bad enum value and a bad path id with 400 naming the field', async () => {
    const admin = await loginAsAdmin(sut);
    const badRole = await sut
      .http()
      .post('/api/v1/users')
      .set(admin.auth)
      .send({ email: 'a@b.id', name: 'A', password: 'long-enough-1', role: 'root' })
      .expect(400);
    expect(badRole.body.details[0].field).toBe('role');
    const badId = await sut.http().get('/api/v1/users/abc').set(admin.auth).expect(400);
    expect(badId.body.details[0].field).toBe('id');
  });

  it('answers a malformed JSON body with 400, not 500', async () => {
    const response = await sut
      .http()
      .post('/api/v1/auth/login')
      .set('content-type', 'application/json')
      .send('{"email":')
      .expect(400);
    expect(response.body).toMatchObject({
      code: 'invalid_json',
      message: expect.stringMatching(/JSON/),
    });
  });

  it('answers an unknown route with 404 in the same body shape', async () => {
    const response = await sut.http().get('/api/v1/no-such-thing').expect(404);
    expect(response.body).toMatchObject({ statusCode: 404, error: 'Not Found' });
  });

  it('answers an unexpected error with 500, the request id, and no stack or SQL', async () => {
    const response = await sut
      .http()
      .get('/test-failures/crash')
      .set('x-request-id', 'req-12345')
      .expect(500);
    expect(response.body).toEqual({
      statusCode: 500,
      error: 'Internal Server Error',
      code: 'internal',
      message: expect.any(String),
      requestId: 'req-12345',
    });
    expect(JSON.stringify(response.body)).not.toMatch(/SELECT|secret\.ts|ER_PARSE/);
  });

  it('puts a generated request id in every error body', async () => {
    const response = await sut.http().get('/api/v1/users').expect(401);
    expect(response.body.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('maps a duplicate email to 409 naming the field', async () => {
    const admin = await loginAsAdmin(sut);
    const body = { email: 'dup@b.id', name: 'Dup', password: 'long-enough-1', role: 'coordinator' };
    await sut.http().post('/api/v1/users').set(admin.auth).send(body).expect(201);
    const again = await sut
      .http()
      .post('/api/v1/users')
      .set(admin.auth)
      .send({ ...body, email: 'DUP@b.id' })
      .expect(409);
    expect(again.body.details[0].field).toBe('email');
  });
});

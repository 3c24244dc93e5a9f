import { createTestApp, loginAsAdmin, resetState, SignedIn, TestApp } from '../helpers/test-app';

/** Malformed requests at the HTTP edge: each a 4xx in the one error shape, with its request id. */
describe('HTTP edge: malformed requests (e2e)', () => {
  let sut: TestApp;
  let admin: SignedIn;

  beforeAll(async () => {
    sut = await createTestApp();
  });
  afterAll(() => sut.close());
  beforeEach(async () => {
    await resetState(sut);
    admin = await loginAsAdmin(sut);
  });

  function post(body: string, type = 'application/json') {
    return sut
      .http()
      .post('/api/v1/courses')
      .set(admin.auth)
      .set('Content-Type', type)
      .set('X-Request-Id', 'edge-test-1')
      .send(body);
  }

  function expectShape(body: Record<string, unknown>, status: number, code: string): void {
    expect(body).toMatchObject({ statusCode: status, code, requestId: 'edge-test-1' });
    expect(typeof body.error).toBe('string');
    expect(typeof body.message).toBe('string');
  }

  it('answers invalid JSON with 400 invalid_json', async () => {
    const response = await post('{"title": ').expect(400);
    expectShape(response.body, 400, 'invalid_json');
  });

  it('answers a body that is not a JSON object (null, an array, a number) with 400 invalid_json', async () => {
    for (const body of ['null', '[]', '[{"title":"x"}]', '42', '"text"']) {
      const response = await post(body);
      expect({ body, status: response.status }).toEqual({ body, status: 400 });
      expectShape(response.body, 400, 'invalid_json');
    }
  });

  it('answers a body nested deeper than the limit with 400 too_deep, even 50,000 levels', async () => {
    for (const depth of [33, 50_000]) {
      const response = await post(`{"a":${'['.repeat(depth)}${']'.repeat(depth)}}`);
      expect(response.status).toBe(400);
      expectShape(response.body, 400, 'too_deep');
    }
    // Brackets inside strings are text, not nesting.
    const text = await post(JSON.stringify({ code: '['.repeat(100) }));
    expect(text.body.code).not.toBe('too_deep');
  });

  it('answers a body over the configured limit with 413 payload_too_large', async () => {
    const response = await post(JSON.stringify({ title: 'x'.repeat(200_000) })).expect(413);
    expectShape(response.body, 413, 'payload_too_large');
  });

  it('answers a body that is not JSON with 415, and multipart outside the upload routes too', async () => {
    const text = await post('title=x', 'application/x-www-form-urlencoded').expect(415);
    expectShape(text.body, 415, 'unsupported_media_type');
    const plain = await post('hello', 'text/plain').expect(415);
    expectShape(plain.body, 415, 'unsupported_media_type');
    const multipart = await post('--b--', 'multipart/form-data; boundary=b').expect(415);
    expectShape(multipart.body, 415, 'unsupported_media_type');
  });

  it('refuses null where the field is not nullable, naming it, and writes nothing', async () => {
    const created = await sut
      .http()
      .post('/api/v1/competency-units')
      .set(admin.auth)
      .send({ code: 'LOCAL.EDGE.01', name: 'Edge unit', sector: 'Manufaktur' });
    expect(created.status).toBe(201);
    const response = await sut
      .http()
      .patch('/api/v1/competency-units/LOCAL.EDGE.01')
      .set(admin.auth)
      .send({ name: null })
      .expect(400);
    expect(response.body.details).toEqual([{ field: 'name', problems: ['name must not be null'] }]);
    const [{ name }] = await sut.dataSource.query(
      "SELECT name FROM competency_units WHERE code = 'LOCAL.EDGE.01'",
    );
    expect(name).toBe('Edge unit');
  });

  it('answers page numbers beyond the bound with 400 naming page, never an SQL error', async () => {
    for (const page of ['99999999999999999999', '1000001', '1.5', 'abc', '-1', '0']) {
      const response = await sut.http().get(`/api/v1/courses?page=${page}`).set(admin.auth);
      expect({ page, status: response.status }).toEqual({ page, status: 400 });
      expect(response.body.details).toEqual([expect.objectContaining({ field: 'page' })]);
    }
    await sut.http().get('/api/v1/courses?page=1000000').set(admin.auth).expect(200);
  });
});

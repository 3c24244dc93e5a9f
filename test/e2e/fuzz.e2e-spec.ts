import * as fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createWorlds, Worlds } from '../factories/access-worlds.factory';
import { untranslatedProblems } from '../helpers/problem-texts';
import { createTestApp, resetState, TestApp } from '../helpers/test-app';
import { REPO_ROOT } from '../helpers/test-env';

/**
 * Hostile input, generated from the committed openapi.json: for every operation, seeded
 * malformed variants of every body field, query parameter and path parameter, sent with an
 * admin's token against the real app on real MariaDB. No answer may be a 5xx; every error is in
 * the one shape with its request id; a refused write changes no table.
 * FUZZ_SEED picks another seed (the default keeps CI repeatable).
 */

interface Schema {
  $ref?: string;
  type?: string;
  enum?: unknown[];
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  example?: unknown;
  default?: unknown;
  minimum?: number;
  maximum?: number;
  nullable?: boolean;
  format?: string;
  allOf?: Schema[];
}

interface Parameter {
  name: string;
  in: 'path' | 'query';
  required?: boolean;
  schema?: Schema;
}

interface Operation {
  method: string;
  path: string;
  parameters: Parameter[];
  body: Schema | null;
  multipart: boolean;
  isPublic: boolean;
}

const SEED = Number(process.env.FUZZ_SEED ?? 20261201);
/** How many sampled variants each field, parameter and path parameter gets besides the fixed ones. */
const SAMPLES = 3;

const spec = JSON.parse(readFileSync(join(REPO_ROOT, 'openapi.json'), 'utf8')) as {
  paths: Record<string, Record<string, Record<string, unknown>>>;
  components: { schemas: Record<string, Schema> };
};

function resolve(schema: Schema | undefined): Schema {
  if (!schema) {
    return {};
  }
  if (schema.$ref) {
    return resolve(spec.components.schemas[schema.$ref.split('/').pop() as string]);
  }
  if (schema.allOf && schema.allOf.length === 1) {
    return { ...resolve(schema.allOf[0]), ...schema, allOf: undefined };
  }
  return schema;
}

function operations(): Operation[] {
  const ops: Operation[] = [];
  for (const [path, item] of Object.entries(spec.paths)) {
    for (const [method, raw] of Object.entries(item)) {
      const op = raw as {
        parameters?: Parameter[];
        requestBody?: { content: Record<string, { schema: Schema }> };
        security?: unknown[];
      };
      const content = op.requestBody?.content ?? {};
      ops.push({
        method,
        path,
        parameters: op.parameters ?? [],
        body: content['application/json'] ? resolve(content['application/json'].schema) : null,
        multipart: content['multipart/form-data'] !== undefined,
        isPublic: !op.security,
      });
    }
  }
  return ops;
}

/** A plausible valid value for a schema, so that one malformed field is the only fault. */
function validValue(schema: Schema, depth = 0): unknown {
  const s = resolve(schema);
  if (s.example !== undefined) {
    return s.example;
  }
  if (s.enum && s.enum.length > 0) {
    return s.enum[0];
  }
  if (s.default !== undefined) {
    return s.default;
  }
  switch (s.type ?? 'string') {
    case 'number':
    case 'integer':
      return s.minimum ?? 1;
    case 'boolean':
      return true;
    case 'array':
      return depth > 3 ? [] : [validValue(s.items ?? {}, depth + 1)];
    case 'object':
      return validObject(s, depth + 1);
    default:
      return 'x';
  }
}

function validObject(schema: Schema, depth = 0): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, property] of Object.entries(schema.properties ?? {})) {
    out[name] = validValue(property, depth);
  }
  return out;
}

/** The classes of malformed values tried, each an arbitrary (README lists them). */
const MALFORMED = {
  null: fc.constant(null),
  wrongType: fc.oneof(
    fc.constant('not-a-number'),
    fc.constant(true),
    fc.constant({}),
    fc.constant([]),
    fc.integer(),
  ),
  outOfRange: fc.oneof(
    fc.constant(-1),
    fc.constant(0),
    fc.constant(1.5),
    fc.constant(2 ** 53 + 2),
    fc.constant(1e308),
    fc.constant(-1e308),
    fc.constant(4294967296),
  ),
  tooLong: fc.oneof(
    fc.constant('x'.repeat(5_000)),
    fc.string({ minLength: 300, maxLength: 2_000 }),
  ),
  oddText: fc.oneof(
    fc.constant(''),
    fc.constant(' '),
    fc.constant('\u0000'),
    fc.constant('💩'.repeat(50)),
    fc.constant("' OR 1=1 -- "),
    fc.constant('2026-02-30'),
    fc.constant('9999-99-99'),
    fc.string(),
  ),
  nested: fc.oneof(
    fc.constant({ a: { b: { c: [1, [2, [3]]] } } }),
    fc.constant([[[[[[[[[[[]]]]]]]]]]]),
    fc.constant([null, null]),
    fc.constant(Array.from({ length: 1_000 }, (_, i) => i)),
  ),
};

function bodyVariants(valid: Record<string, unknown>, schema: Schema, seed: number): unknown[] {
  const variants: unknown[] = [{}, { ...valid, unknownField: 1 }];
  const sampled = fc.sample(fc.oneof(...Object.values(MALFORMED)), { seed, numRuns: 64 });
  let k = 0;
  for (const name of Object.keys(schema.properties ?? {})) {
    variants.push({ ...valid, [name]: null });
    for (let i = 0; i < SAMPLES; i++) {
      variants.push({ ...valid, [name]: sampled[k++ % sampled.length] });
    }
  }
  return variants;
}

const PATH_VALUES = [
  'abc',
  '0',
  '-1',
  '1.5',
  '99999999999999999999',
  'x'.repeat(300),
  '%F0%9F%92%A9',
];

function queryVariants(param: Parameter, seed: number): string[] {
  const sampled = fc.sample(
    fc.oneof(MALFORMED.wrongType, MALFORMED.outOfRange, MALFORMED.tooLong, MALFORMED.oddText),
    { seed, numRuns: SAMPLES },
  );
  return [
    `${param.name}=`,
    `${param.name}=99999999999999999999`,
    `${param.name}=a&${param.name}=b`,
    ...sampled.map((v) => `${param.name}=${encodeURIComponent(JSON.stringify(v) ?? 'x')}`),
  ];
}

/** A real row of world A for each path parameter, so a malformed body reaches the service. */
function pathIds(worlds: Worlds, path: string): Record<string, string> {
  const a = worlds.a;
  const byResource: [RegExp, Record<string, number | string>][] = [
    [/^\/api\/v1\/schools\//, { id: a.schoolId }],
    [/^\/api\/v1\/students\/\{id\}\/competencies/, { id: a.students.st, unitCode: 'MX-UNIT-02' }],
    [/^\/api\/v1\/students\//, { id: a.students.st }],
    [/^\/api\/v1\/companies\//, { id: a.companyId }],
    [/^\/api\/v1\/agreements\//, { id: a.agreementId }],
    [/^\/api\/v1\/slots\//, { id: a.slotId }],
    [/^\/api\/v1\/placements\//, { id: a.placements.offered }],
    [/^\/api\/v1\/matching-runs\//, { id: a.roundId }],
    [/^\/api\/v1\/cohorts\/\{id\}\/enrolments/, { id: a.cohortId, enrolmentId: a.enrolmentId }],
    [/^\/api\/v1\/cohorts\//, { id: a.cohortId }],
    [/^\/api\/v1\/courses\//, { id: worlds.courseId }],
    [/^\/api\/v1\/imports\//, { id: a.importId }],
    [/^\/api\/v1\/outcomes\//, { id: a.outcomeId }],
    [/^\/api\/v1\/users\//, { id: a.spareUserId }],
    [/^\/api\/v1\/regions\//, { code: a.region }],
    [/^\/api\/v1\/competency-units\//, { code: 'MX-UNIT-01' }],
  ];
  const found = byResource.find(([pattern]) => pattern.test(path));
  return Object.fromEntries(Object.entries(found?.[1] ?? {}).map(([k, v]) => [k, String(v)]));
}

function fill(path: string, values: Record<string, string>): string {
  return path.replace(/\{(\w+)\}/g, (_m, name: string) => encodeURIComponent(values[name] ?? '1'));
}

describe('Fuzz from openapi.json (e2e)', () => {
  let sut: TestApp;
  let worlds: Worlds;
  let tables: string[];
  const failures: string[] = [];
  /** every field problem met, and the first request that met it */
  const problems = new Map<string, string>();
  let sent = 0;

  beforeAll(async () => {
    // Without the worker: queued rounds and imports stay as they are, so only requests change rows.
    sut = await createTestApp([], { worker: false });
    await resetState(sut);
    worlds = await createWorlds(sut);
    tables = sut.dataSource.entityMetadatas.map((m) => m.tableName).sort();
  }, 60_000);
  afterAll(() => sut.close());

  async function checksum(): Promise<string> {
    const rows = await sut.dataSource.query<{ Checksum: string }[]>(
      `CHECKSUM TABLE ${tables.map((t) => `\`${t}\``).join(', ')}`,
    );
    return rows.map((r) => String(r.Checksum)).join(',');
  }

  async function send(
    op: Operation,
    url: string,
    body: unknown,
    label: string,
    multipartFile?: Buffer,
  ): Promise<void> {
    const write = op.method !== 'get';
    const before = write ? await checksum() : '';
    let request = sut
      .http()
      [op.method as 'get'](url)
      .set(worlds.admin.auth)
      .set('X-Request-Id', `fuzz-${++sent}`);
    if (multipartFile) {
      request = request.attach('file', multipartFile, 'fuzz.csv');
    } else if (body !== undefined) {
      request = request.send(body as object);
    }
    const response = await request;
    const where = `${op.method.toUpperCase()} ${op.path} ${label} → ${response.status}`;
    if (response.status >= 500) {
      failures.push(`${where}: ${JSON.stringify(response.body).slice(0, 300)}`);
      return;
    }
    if (response.status >= 400) {
      const b = response.body as Record<string, unknown>;
      const shaped =
        b.statusCode === response.status &&
        typeof b.error === 'string' &&
        typeof b.code === 'string' &&
        typeof b.message === 'string' &&
        b.requestId === `fuzz-${sent}`;
      if (!shaped) {
        failures.push(`${where}: not the error shape: ${JSON.stringify(b).slice(0, 300)}`);
      }
      if (/SELECT|INSERT|UPDATE |ER_[A-Z_]+|QueryFailed|at \w+ \(/.test(String(b.message))) {
        failures.push(`${where}: leaks internals: ${String(b.message).slice(0, 200)}`);
      }
      if (Array.isArray(b.details)) {
        for (const detail of b.details as { problems?: unknown }[]) {
          for (const problem of Array.isArray(detail.problems) ? detail.problems : []) {
            if (!problems.has(String(problem))) problems.set(String(problem), where);
          }
        }
      }
      if (write && (await checksum()) !== before) {
        failures.push(`${where}: refused, yet the database changed`);
      }
    }
  }

  it('answers every malformed request with a 4xx in the error shape, writing nothing', async () => {
    const ops = operations().filter((op) => !op.isPublic || op.path.startsWith('/api/'));
    expect(ops.length).toBeGreaterThan(90);
    let seed = SEED;
    for (const op of ops) {
      const ids = pathIds(worlds, op.path);
      const url = fill(op.path, ids);
      const pathParams = op.parameters.filter((p) => p.in === 'path');
      for (const param of pathParams) {
        for (const value of PATH_VALUES) {
          const bad = fill(op.path, { ...ids, [param.name]: value });
          const body = op.body ? validObject(op.body) : undefined;
          await send(op, bad, body, `path ${param.name}=${value.slice(0, 20)}`);
        }
      }
      for (const param of op.parameters.filter((p) => p.in === 'query')) {
        for (const query of queryVariants(param, seed++)) {
          await send(op, `${url}?${query}`, undefined, `query ${query.slice(0, 40)}`);
        }
      }
      if (op.body) {
        const valid = validObject(op.body);
        for (const body of bodyVariants(valid, op.body, seed++)) {
          await send(op, url, body, `body ${JSON.stringify(body).slice(0, 60)}`);
        }
      }
      if (op.multipart) {
        const files = [
          Buffer.alloc(0),
          Buffer.from([0xff, 0xfe, 0x00, 0x01, 0x02]),
          Buffer.from('nisn;name\n' + '"'.repeat(10) + '\n'),
          Buffer.from('a,'.repeat(10_000) + '\n'),
        ];
        for (const [i, file] of files.entries()) {
          await send(op, url, undefined, `file ${i}`, file);
        }
        await send(op, url, { notAFile: 'x' }, 'no file');
      }
    }
    expect(sent).toBeGreaterThan(1_000);
    expect(failures).toEqual([]);
  }, 240_000);

  it("gives every field problem those requests met in the console's languages", () => {
    // the run above met 329 different problems when written (values included, so many repeat a
    // shape): the console shows each in Indonesian and English, none left in the API's words
    expect(problems.size).toBeGreaterThan(300);
    expect(untranslatedProblems(problems)).toEqual([]);
  });
});

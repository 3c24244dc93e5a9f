import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Role } from '../../src/common/auth/role.enum';
import { MAX_PAGE_SIZE } from '../../src/common/pagination/pagination';
import { createWorlds, Worlds } from '../factories/access-worlds.factory';
import { createTestApp, resetState, SignedIn, TestApp } from '../helpers/test-app';
import { REPO_ROOT } from '../helpers/test-env';

/**
 * Every list that takes `ids=` (a page's names in one call), found in the committed
 * openapi.json, asked by every role of world A (and the coordinators): the rows it names are
 * exactly the caller's own list's rows with those ids — `ids=` never shows a row the caller
 * could not list, nor hides one they could — and a malformed or too long `ids` is a 400 naming
 * `ids`. The access matrix checks each list's scope; this checks the filter on top of it.
 */

const spec = JSON.parse(readFileSync(join(REPO_ROOT, 'openapi.json'), 'utf8')) as {
  paths: Record<string, Record<string, { parameters?: { name: string; in: string }[] }>>;
};

const LISTS = Object.entries(spec.paths)
  .filter(([, ops]) => ops.get?.parameters?.some((p) => p.name === 'ids' && p.in === 'query'))
  .map(([path]) => path);

describe('ids= on every list that takes it (e2e, from openapi.json)', () => {
  let sut: TestApp;
  let x: Worlds;
  let callers: [string, SignedIn][];

  beforeAll(async () => {
    sut = await createTestApp([], { worker: false });
    await resetState(sut);
    x = await createWorlds(sut);
    const a = x.a.actors;
    callers = [
      [Role.Admin, x.admin],
      [Role.Coordinator, x.coordinator],
      ['coordinator(region A)', a.limited],
      [Role.SchoolAdmin, a[Role.SchoolAdmin]],
      [Role.CompanyAdmin, a[Role.CompanyAdmin]],
      [Role.Student, a.students.st],
      [Role.Teacher, a[Role.Teacher]],
      [Role.Mentor, a[Role.Mentor]],
    ];
  }, 60_000);

  afterAll(async () => {
    await sut.close();
  });

  /** Every id the caller's list holds (all pages), or the status that refused them. */
  async function listed(path: string, who: SignedIn, ids?: number[]): Promise<number[] | number> {
    const found: number[] = [];
    for (let page = 1; ; page++) {
      const query = `page=${page}&pageSize=${MAX_PAGE_SIZE}${ids ? `&ids=${ids.join(',')}` : ''}`;
      const res = await sut.http().get(`${path}?${query}`).set(who.auth);
      if (res.status !== 200) return res.status;
      const items = res.body.items as { id: number }[];
      found.push(...items.map((item) => item.id));
      if (items.length < MAX_PAGE_SIZE) return found.sort((p, q) => p - q);
    }
  }

  it('finds the lists that take ids= in openapi.json', () => {
    expect(LISTS).toEqual(
      expect.arrayContaining(['/api/v1/schools', '/api/v1/companies', '/api/v1/students']),
    );
  });

  it.each(LISTS)('%s: the rows named are the caller’s own rows with those ids', async (path) => {
    // Every row there is (the admin lists them all), both worlds' among them.
    const every = await listed(path, x.admin);
    if (typeof every === 'number') throw new Error(`the admin's ${path} answered ${every}`);
    expect(every.length).toBeGreaterThanOrEqual(2);
    const named = every.slice(0, MAX_PAGE_SIZE);
    let narrowed = 0;
    for (const [role, who] of callers) {
      const own = await listed(path, who);
      const filtered = await listed(path, who, named);
      if (typeof own === 'number') {
        // Refused a list, refused it filtered too.
        expect({ role, status: filtered }).toEqual({ role, status: own });
        continue;
      }
      const expected = own.filter((id) => named.includes(id));
      expect({ role, rows: filtered }).toEqual({ role, rows: expected });
      if (expected.length < named.length) narrowed++;
      // Two ids only, one the caller may list (if any) and one of another world's rows.
      const other = every.find((id) => !own.includes(id));
      if (other !== undefined) {
        const pair = [other, ...own.slice(0, 1)];
        expect({ role, rows: await listed(path, who, pair) }).toEqual({
          role,
          rows: own.slice(0, 1),
        });
      }
    }
    // Some caller sees less than everything: the check above compared scoped lists.
    expect(narrowed).toBeGreaterThan(0);
  });

  it.each(LISTS)('%s: a malformed or too long ids= is a 400 naming ids', async (path) => {
    const tooMany = Array.from({ length: MAX_PAGE_SIZE + 1 }, (_, i) => i + 1).join(',');
    for (const ids of ['0', '-3', 'abc', '1,,2', '1.5', tooMany]) {
      const res = await sut
        .http()
        .get(`${path}?ids=${encodeURIComponent(ids)}`)
        .set(x.admin.auth);
      expect({ ids: ids.slice(0, 12), status: res.status }).toEqual({
        ids: ids.slice(0, 12),
        status: 400,
      });
      expect(res.body.details.map((d: { field: string }) => d.field)).toContain('ids');
    }
  });
});

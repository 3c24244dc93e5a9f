import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createOpenApiDocument } from '../../src/openapi';
import { createTestApp, TestApp } from '../helpers/test-app';
import { REPO_ROOT } from '../helpers/test-env';

describe('Schema and contract drift (e2e)', () => {
  let sut: TestApp;

  beforeAll(async () => {
    sut = await createTestApp();
  });
  afterAll(() => sut.close());

  it('the migrations produce exactly the schema the entities describe', async () => {
    // What `migration:generate` would write after running every migration: it must be nothing.
    const pending = await sut.dataSource.driver.createSchemaBuilder().log();
    const statements = pending.upQueries.map((q) => q.query);
    expect(statements).toEqual([]);
  });

  it('no migration is pending on a database migrated from empty', async () => {
    expect(await sut.dataSource.showMigrations()).toBe(false);
  });

  it('the committed openapi.json matches the running app (run `npm run openapi:write`)', () => {
    const committed = JSON.parse(readFileSync(join(REPO_ROOT, 'openapi.json'), 'utf8')) as unknown;
    const current = JSON.parse(JSON.stringify(createOpenApiDocument(sut.app))) as unknown;
    expect(current).toEqual(committed);
  });
});

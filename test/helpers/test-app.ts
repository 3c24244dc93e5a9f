import type { INestApplication, Type } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { getDataSourceToken } from '@nestjs/typeorm';
import type Redis from 'ioredis';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { DataSource } from 'typeorm';
import { AppModule } from '../../src/app.module';
import { configureHttpApp } from '../../src/app.setup';
import { Role } from '../../src/common/auth/role.enum';
import { REDIS_CLIENT } from '../../src/common/redis/redis.module';
import { resetEnvironmentCache } from '../../src/config/configuration';
import { PasswordHasher } from '../../src/modules/users/password-hasher';
import { User } from '../../src/modules/users/user.entity';
import { REFERENCE_TABLES } from './db-snapshot';
import { BANTEN_REGIONS } from '../../src/database/seeds/regions.seed';
import { UsersService } from '../../src/modules/users/users.service';

export interface TestApp {
  app: INestApplication;
  http: () => TestAgent;
  dataSource: DataSource;
  redis: Redis;
  close: () => Promise<void>;
}

/** Boots the whole application (API + worker) against the worker's real database and Redis. */
export async function createTestApp(
  extraModules: Type[] = [],
  options = { worker: true },
): Promise<TestApp> {
  resetEnvironmentCache();
  const moduleRef = await Test.createTestingModule({
    imports: [AppModule.register({ worker: options.worker }), ...extraModules],
  }).compile();
  const app = moduleRef.createNestApplication({ logger: false });
  configureHttpApp(app);
  await app.init();
  return {
    app,
    http: () => request(app.getHttpServer()),
    dataSource: app.get(getDataSourceToken()),
    redis: app.get<Redis>(REDIS_CLIENT),
    close: () => app.close(),
  };
}

/** Empties every business table and the app's Redis keys, then recreates the bootstrap admin. */
export async function resetState(testApp: TestApp): Promise<void> {
  const { dataSource, redis } = testApp;
  const tables = dataSource.entityMetadatas
    .map((m) => m.tableName)
    .filter((name) => !REFERENCE_TABLES.has(name));
  await dataSource.transaction(async (manager) => {
    await manager.query('SET FOREIGN_KEY_CHECKS = 0');
    for (const table of tables) {
      await manager.query(`DELETE FROM \`${table}\``);
    }
    await manager.query('SET FOREIGN_KEY_CHECKS = 1');
    // The one reference data a request changes (PATCH /regions/{code}, which the fuzz test
    // sends too): every region's profiles back to the seed's.
    const cases = BANTEN_REGIONS.map(() => 'WHEN ? THEN ?').join(' ');
    const params = BANTEN_REGIONS.flatMap((r) => [r.code, r.profiles.join(',')]);
    await manager.query(
      `UPDATE regions SET profiles = CASE code ${cases} ELSE '' END
        WHERE profiles <> CASE code ${cases} ELSE '' END`,
      [...params, ...params],
    );
  });
  const keys = await redis.keys(`${redis.options.keyPrefix ?? ''}*`);
  if (keys.length > 0) {
    const prefix = redis.options.keyPrefix ?? '';
    await redis.del(...keys.map((k) => k.slice(prefix.length)));
  }
  await testApp.app.get(UsersService).onApplicationBootstrap();
}

export interface SignedIn {
  userId: number;
  email: string;
  accessToken: string;
  refreshToken: string;
  auth: { Authorization: string };
}

export async function login(testApp: TestApp, email: string, password: string): Promise<SignedIn> {
  const response = await testApp
    .http()
    .post('/api/v1/auth/login')
    .send({ email, password })
    .expect(200);
  const me = await testApp
    .http()
    .get('/api/v1/auth/me')
    .set('Authorization', `Bearer ${response.body.accessToken}`)
    .expect(200);
  return {
    userId: me.body.id,
    email,
    accessToken: response.body.accessToken,
    refreshToken: response.body.refreshToken,
    auth: { Authorization: `Bearer ${response.body.accessToken}` },
  };
}

export function loginAsAdmin(testApp: TestApp): Promise<SignedIn> {
  return login(testApp, process.env.ADMIN_EMAIL as string, process.env.ADMIN_PASSWORD as string);
}

let userSeq = 0;

/** The password of every user signInAs creates (inserted directly: not held to the strength rule). */
export const TEST_USER_PASSWORD = 'a-test-password';

/**
 * Creates a user of the role straight in the database (scope ids are taken as given, so a test
 * may use a school id without creating the school) and signs them in through the API.
 */
export async function signInAs(
  testApp: TestApp,
  role: Role,
  scope: { schoolId?: number; companyId?: number; studentId?: number; regionCodes?: string[] } = {},
): Promise<SignedIn> {
  const email = `${role}.${++userSeq}.${Date.now()}@test.local`;
  const password = TEST_USER_PASSWORD;
  await testApp.dataSource.getRepository(User).insert({
    email,
    name: `${role} ${userSeq}`,
    passwordHash: await testApp.app.get(PasswordHasher).hash(password),
    role,
    schoolId: scope.schoolId ?? null,
    companyId: scope.companyId ?? null,
    studentId: scope.studentId ?? null,
    regionCodes: (scope.regionCodes ?? []).join(','),
  });
  return login(testApp, email, password);
}

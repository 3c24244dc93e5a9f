/**
 * Analytics benchmark: generates a province (100,000 graduates, 5,000 companies, 15,000 slots
 * by default) into a scratch database, boots the API on it and times every analytics
 * endpoint over HTTP. Run: node -r @swc-node/register bench/analytics/run.ts
 * Options: --graduates N --companies N --slots N --runs N --keep (reuse the generated db)
 * --db NAME (default smk_bench_analytics: engineers sharing a server each take their own).
 */
import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { createConnection } from 'mysql2/promise';
import type { AddressInfo } from 'node:net';
import { prepareScratchDatabase, ServiceEnv } from '../../test/helpers/scratch-database';
import { testEnvironment } from '../../test/helpers/test-env';
import { generateProvince, ProvinceSize } from './generate';

const TARGET_MS = 1_000;

function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
}

async function main(): Promise<void> {
  const at = process.argv.indexOf('--db');
  const DB_NAME = at > 0 ? process.argv[at + 1] : 'smk_bench_analytics';
  if (!/^\w{1,64}$/.test(DB_NAME)) {
    throw new Error(`--db ${DB_NAME}: letters, digits and _ only`);
  }
  Object.assign(process.env, testEnvironment('bench'), {
    NODE_ENV: 'production',
    DB_NAME,
    QUEUE_PREFIX: DB_NAME,
    LOG_LEVEL: 'silent',
    RUN_WORKER: 'false',
    PASSWORD_HASH_MEMORY_KIB: process.env.PASSWORD_HASH_MEMORY_KIB ?? '4096',
  });
  const size: ProvinceSize = {
    graduates: option('graduates', 100_000),
    companies: option('companies', 5_000),
    slots: option('slots', 15_000),
    units: 200,
    schools: 800,
    year: 2026,
  };
  const runs = option('runs', 5);
  const keep = process.argv.includes('--keep');
  const log = (line: string): void => void process.stdout.write(`${line}\n`);

  // Imported late: configuration is read when these load.
  const { AppModule } = await import('../../src/app.module');
  const { configureHttpApp } = await import('../../src/app.setup');
  const { UsersService } = await import('../../src/modules/users/users.service');
  const { Role } = await import('../../src/common/auth/role.enum');

  const env = process.env as Record<string, string>;
  const { existed } = await prepareScratchDatabase({ ...env, DB_NAME } as ServiceEnv, {
    fresh: !keep,
  });
  const generate = !existed;

  const app: INestApplication = await NestFactory.create(AppModule.register({ worker: false }), {
    logger: false,
  });
  configureHttpApp(app);
  await app.listen(0, '127.0.0.1');
  const base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  const users = app.get(UsersService);
  await users.onApplicationBootstrap();
  const stamp = Date.now();
  const coordinator = await users.create({
    email: `bench.coordinator.${stamp}@bench.local`,
    name: 'Bench Coordinator',
    password: 'bench-password',
    role: Role.Coordinator,
  });

  if (generate) {
    const db = await createConnection({
      host: env.DB_HOST,
      port: Number(env.DB_PORT),
      user: env.DB_USER,
      password: env.DB_PASSWORD,
      database: DB_NAME,
    });
    const started = Date.now();
    await generateProvince(db, size, coordinator.id, (l) => log(`  ${l}`));
    await db.end();
    log(`generated in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
  await users.create({
    email: `bench.school.${stamp}@bench.local`,
    name: 'Bench School Admin',
    password: 'bench-password',
    role: Role.SchoolAdmin,
    schoolId: 1,
  });
  const token = async (email: string): Promise<string> => {
    const response = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: 'bench-password' }),
    });
    return ((await response.json()) as { accessToken: string }).accessToken;
  };
  const coordinatorToken = await token(`bench.coordinator.${stamp}@bench.local`);
  const schoolToken = await token(`bench.school.${stamp}@bench.local`);

  const year = size.year;
  const cases: [string, string, string][] = [
    ['unemployment by region', `/api/v1/analytics/unemployment?year=${year}`, coordinatorToken],
    [
      'unemployment by school',
      `/api/v1/analytics/unemployment?year=${year}&groupBy=school`,
      coordinatorToken,
    ],
    [
      'unemployment by programme',
      `/api/v1/analytics/unemployment?year=${year}&groupBy=program`,
      coordinatorToken,
    ],
    [
      'unemployment 5-year trend, SVG',
      `/api/v1/analytics/unemployment?year=${year}&fromYear=${year - 4}&format=svg`,
      coordinatorToken,
    ],
    [
      'unemployment by school (school_admin)',
      `/api/v1/analytics/unemployment?year=${year}&groupBy=school`,
      schoolToken,
    ],
    ['supply-demand, JSON page', `/api/v1/analytics/supply-demand?year=${year}`, coordinatorToken],
    [
      'supply-demand, industrial, SVG',
      `/api/v1/analytics/supply-demand?year=${year}&profile=industrial&format=svg`,
      coordinatorToken,
    ],
    [
      'supply-demand, all rows CSV',
      `/api/v1/analytics/supply-demand?year=${year}&format=csv`,
      coordinatorToken,
    ],
    [
      'recommendations 3603',
      `/api/v1/analytics/recommendations?regionCode=3603&year=${year}`,
      coordinatorToken,
    ],
  ];
  log(
    `\n${size.graduates} graduates, ${size.companies} companies, ${size.slots} slots; ${runs} timed runs after 1 warm-up\n`,
  );
  log('| endpoint | median ms | max ms | bytes | < 1 s |');
  log('|---|---:|---:|---:|:---:|');
  let allFast = true;
  for (const [name, path, bearer] of cases) {
    const times: number[] = [];
    let bytes = 0;
    for (let i = 0; i <= runs; i++) {
      const started = performance.now();
      const response = await fetch(`${base}${path}`, {
        headers: { authorization: `Bearer ${bearer}` },
      });
      const body = await response.text();
      const elapsed = performance.now() - started;
      if (response.status !== 200) {
        throw new Error(`${path}: ${response.status} ${body}`);
      }
      bytes = body.length;
      if (i > 0) {
        times.push(elapsed);
      }
    }
    times.sort((a, b) => a - b);
    const median = times[Math.floor(times.length / 2)];
    const max = times[times.length - 1];
    allFast &&= max < TARGET_MS;
    log(
      `| ${name} | ${median.toFixed(0)} | ${max.toFixed(0)} | ${bytes} | ${max < TARGET_MS ? 'yes' : 'NO'} |`,
    );
  }
  await app.close();
  process.exitCode = allFast ? 0 : 1;
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});

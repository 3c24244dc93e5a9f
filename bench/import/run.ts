/**
 * Import benchmark: a generated students CSV (100,000 rows by default) uploaded over HTTP to an
 * in-process app (API + worker) and imported through the real Bull queue into MariaDB, on a
 * database of its own (smk_bench_import). Then the same file again (every row unchanged). Then
 * the same for an .xlsx of as many other students (dates as date cells, NISN/NIK as text).
 *
 *   node -r @swc-node/register bench/import/run.ts [--rows 100000] [--csv-only]
 *
 * Needs the local services (bash scripts/services.sh up).
 */
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../../src/app.module';
import { configureHttpApp } from '../../src/app.setup';
import {
  clearQueuePrefix,
  prepareScratchDatabase,
  ServiceEnv,
} from '../../test/helpers/scratch-database';
import { testEnvironment } from '../../test/helpers/test-env';
import { generateStudentsCsv, generateStudentsXlsx } from './generate';

const rowsArg = process.argv.indexOf('--rows');
const ROWS = rowsArg > 0 ? Number(process.argv[rowsArg + 1]) : 100_000;
/** `--csv-only`: the two CSV runs alone (to compare with the code before .xlsx). */
const CSV_ONLY = process.argv.includes('--csv-only');
const DEADLINE_MS = 15 * 60_000;

function environment(): Record<string, string> {
  const env = testEnvironment('bench');
  return {
    ...env,
    NODE_ENV: 'development',
    LOG_LEVEL: 'warn',
    DB_NAME: 'smk_bench_import',
    QUEUE_PREFIX: 'smk_bench_import',
    DB_POOL_SIZE: '10',
  };
}

async function freshDatabase(env: Record<string, string>): Promise<void> {
  await prepareScratchDatabase(env as ServiceEnv, { fresh: true });
  await clearQueuePrefix(env as ServiceEnv);
}

interface Report {
  status: string;
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
  failure: string;
}

async function main(): Promise<void> {
  const env = environment();
  Object.assign(process.env, env);
  await freshDatabase(env);

  const app = await NestFactory.create(AppModule.register({ worker: true }), {
    logger: ['warn', 'error'],
  });
  configureHttpApp(app);
  await app.listen(0, '127.0.0.1');
  const base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  const call = async (
    path: string,
    init: RequestInit = {},
    token?: string,
  ): Promise<Record<string, unknown>> => {
    const response = await fetch(`${base}${path}`, {
      ...init,
      headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...(init.headers ?? {}) },
    });
    const body = (await response.json()) as Record<string, unknown>;
    if (!response.ok) {
      throw new Error(
        `${init.method ?? 'GET'} ${path}: ${response.status} ${JSON.stringify(body)}`,
      );
    }
    return body;
  };
  const json = (body: unknown): RequestInit => ({
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });

  const login = await call(
    '/api/v1/auth/login',
    json({ email: env.ADMIN_EMAIL, password: env.ADMIN_PASSWORD }),
  );
  const token = login.accessToken as string;
  const school = await call(
    '/api/v1/schools',
    json({
      npsn: '20600001',
      name: 'SMK Bench',
      regionCode: '3604',
      status: 'negeri',
      programCodes: ['TKR', 'AKL', 'RPL'],
    }),
    token,
  );

  let t = performance.now();
  const csv = generateStudentsCsv({ rows: ROWS, programs: ['TKR', 'AKL', 'RPL'] });
  const generateSeconds = (performance.now() - t) / 1000;
  const xlsx = CSV_ONLY
    ? Buffer.alloc(0)
    : await generateStudentsXlsx({
        rows: ROWS,
        nisnStart: 2_000_000_000,
        programs: ['TKR', 'AKL', 'RPL'],
      });
  const files = {
    csv: { content: Buffer.from(csv), name: 'students.csv', type: 'text/csv' },
    xlsx: { content: xlsx, name: 'students.xlsx', type: 'application/octet-stream' },
  };

  const results: { run: string; seconds: number; report: Report }[] = [];
  const runs = [
    ['first import (CSV)', files.csv],
    ['re-import (same CSV)', files.csv],
    ['first import (.xlsx, other students)', files.xlsx],
    ['re-import (same .xlsx)', files.xlsx],
  ] as const;
  for (const [run, file] of CSV_ONLY ? runs.slice(0, 2) : runs) {
    const form = new FormData();
    form.append('file', new Blob([file.content], { type: file.type }), file.name);
    form.append('schoolId', String(school.id));
    t = performance.now();
    const accepted = await call('/api/v1/imports/students', { method: 'POST', body: form }, token);
    const until = Date.now() + DEADLINE_MS;
    let report: Report;
    for (;;) {
      report = (await call(
        `/api/v1/imports/${String(accepted.id)}`,
        {},
        token,
      )) as unknown as Report;
      if (report.status === 'completed' || report.status === 'failed' || Date.now() > until) {
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    results.push({ run, seconds: (performance.now() - t) / 1000, report });
  }
  await app.close();

  const mb = (Buffer.byteLength(csv) / 1024 / 1024).toFixed(1);
  const xlsxMb = (xlsx.length / 1024 / 1024).toFixed(1);
  console.log(
    `\nImport benchmark: ${ROWS} students per file (${mb} MB CSV, generated in ${generateSeconds.toFixed(2)} s; ${xlsxMb} MB .xlsx), ` +
      `HTTP upload + Bull job + MariaDB, batches of 500 rows\n`,
  );
  const header = [
    'run',
    'rows',
    'seconds',
    'rows/s',
    'created',
    'updated',
    'unchanged',
    'rejected',
    'status',
  ];
  const table = results.map((r) => [
    r.run,
    String(ROWS),
    r.seconds.toFixed(2),
    Math.round(ROWS / r.seconds).toString(),
    String(r.report.created),
    String(r.report.updated),
    String(r.report.unchanged),
    String(r.report.rejected),
    r.report.status + (r.report.failure ? ` (${r.report.failure})` : ''),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i].length)));
  const line = (cells: string[]): string =>
    `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  console.log(line(header));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  table.forEach((row) => console.log(line(row)));
  const ok = results.every((r) => r.report.status === 'completed') && results[0].seconds < 60;
  console.log(`\nTarget: first import under 60 s — ${ok ? 'met' : 'NOT met'}`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);

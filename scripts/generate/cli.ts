import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { cryptoConfig, databaseConfig } from '../../src/config/configuration';
import { typeOrmOptions } from '../../src/database/typeorm-options';
import { generateProvince, ProvinceOptions } from './province';

/**
 * Fills the configured database (DB_* variables; --db overrides the name) with a seeded
 * province. Run it through scripts/with-env.sh:
 *
 *   bash scripts/with-env.sh node -r @swc-node/register scripts/generate/cli.ts \
 *     [--db smk] [--seed 7] [--schools 150] [--graduates 20000] [--companies 1500] \
 *     [--slots 4000] [--year 2026] [--migrate] [--if-empty]
 *
 * --migrate applies pending migrations first; --if-empty does nothing when graduates of that
 * year already exist (the demo runs it on every start).
 */
function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1] : fallback;
}

export async function main(): Promise<void> {
  const db = databaseConfig();
  const dataSource = new DataSource(
    typeOrmOptions({ ...db, database: arg('db', db.database), poolSize: 2 }),
  );
  await dataSource.initialize();
  try {
    if (process.argv.includes('--migrate')) {
      await dataSource.runMigrations({ transaction: 'each' });
    }
    const options: ProvinceOptions = {
      seed: Number(arg('seed', '7')),
      schools: Number(arg('schools', '150')),
      graduates: Number(arg('graduates', '20000')),
      companies: Number(arg('companies', '1500')),
      slots: Number(arg('slots', '4000')),
      graduationYear: Number(arg('year', '2026')),
      encryptionKey: cryptoConfig().encryptionKey,
      log: (m) => console.log(`  generate ${m}`),
    };
    if (process.argv.includes('--if-empty')) {
      const [{ n }]: { n: string }[] = await dataSource.query(
        'SELECT COUNT(*) AS n FROM students WHERE graduation_year = ?',
        [options.graduationYear],
      );
      if (Number(n) > 0) {
        console.log(
          `  province already generated (${n} graduates of ${options.graduationYear}): kept`,
        );
        return;
      }
    }
    const started = Date.now();
    const summary = await generateProvince(dataSource, options);
    console.log(
      `  generated in ${Date.now() - started} ms: ${summary.students} graduates, ${summary.studentUnits} units held, ${summary.schools} schools, ${summary.companies} companies, ${summary.slots} slots (${summary.seats} seats)`,
    );
  } finally {
    await dataSource.destroy();
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}

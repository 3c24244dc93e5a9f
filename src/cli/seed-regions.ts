import 'reflect-metadata';
import dataSource from '../database/data-source';
import { seedRegions } from '../database/seeds/regions.seed';

/**
 * Re-runs the regions seed against the configured database (after `npm update idn-area-data`):
 * names updated, new regions and districts added, missing ones flagged retired, nothing deleted.
 */
async function main(): Promise<void> {
  await dataSource.initialize();
  try {
    const started = Date.now();
    const result = await dataSource.transaction((manager) => seedRegions(manager.queryRunner!));
    const line = (table: string, c: typeof result.regions): string =>
      `${table}: ${c.inserted} added, ${c.updated} updated, ${c.unchanged} unchanged, ${c.retired} retired`;
    process.stdout.write(
      `regions seed from ${result.source} in ${Date.now() - started} ms\n` +
        `${line('regions', result.regions)}\n${line('districts', result.districts)}\n`,
    );
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});

import type { DataSource } from 'typeorm';

/**
 * Tables seeded by migrations (never changed by a request worth undoing): neither snapshotted
 * here nor emptied by resetState (test-app.ts).
 */
export const REFERENCE_TABLES = new Set([
  'migrations',
  'regions',
  'districts',
  'programs',
  'app_instance',
]);
const PREFIX = 'zz_snap_';

/**
 * A copy of every business table, taken once, that tests restore between requests which
 * change rows (much faster than building the data again). `checksums` tell which tables a
 * request touched: a refused write must leave every one as it was.
 */
export class DbSnapshot {
  private constructor(
    private readonly dataSource: DataSource,
    readonly tables: string[],
    private baseline: Map<string, string>,
  ) {}

  static async take(dataSource: DataSource): Promise<DbSnapshot> {
    const rows = await dataSource.query<{ name: string }[]>(
      `SELECT table_name AS name FROM information_schema.tables
        WHERE table_schema = DATABASE() AND table_type = 'BASE TABLE' AND table_name NOT LIKE '${PREFIX}%'`,
    );
    const tables = rows.map((r) => r.name).filter((t) => !REFERENCE_TABLES.has(t));
    for (const table of tables) {
      await dataSource.query(`DROP TABLE IF EXISTS \`${PREFIX}${table}\``);
      await dataSource.query(`CREATE TABLE \`${PREFIX}${table}\` LIKE \`${table}\``);
      await dataSource.query(`INSERT INTO \`${PREFIX}${table}\` SELECT * FROM \`${table}\``);
    }
    const snapshot = new DbSnapshot(dataSource, tables, new Map());
    snapshot.baseline = await snapshot.checksums();
    return snapshot;
  }

  /** Each business table's CHECKSUM TABLE value. */
  async checksums(): Promise<Map<string, string>> {
    const rows = await this.dataSource.query<{ Table: string; Checksum: string | null }[]>(
      `CHECKSUM TABLE ${this.tables.map((t) => `\`${t}\``).join(', ')}`,
    );
    return new Map(rows.map((r) => [r.Table.split('.').pop() as string, String(r.Checksum)]));
  }

  /** The tables whose content differs between two checksum readings. */
  static changed(before: Map<string, string>, after: Map<string, string>): string[] {
    return [...before.keys()].filter((t) => before.get(t) !== after.get(t));
  }

  /** Puts back every table that differs from the snapshot; returns them. */
  async restore(): Promise<string[]> {
    const dirty = DbSnapshot.changed(this.baseline, await this.checksums());
    if (dirty.length === 0) {
      return dirty;
    }
    await this.dataSource.transaction(async (manager) => {
      await manager.query('SET FOREIGN_KEY_CHECKS = 0');
      for (const table of dirty) {
        await manager.query(`DELETE FROM \`${table}\``);
        await manager.query(`INSERT INTO \`${table}\` SELECT * FROM \`${PREFIX}${table}\``);
      }
      await manager.query('SET FOREIGN_KEY_CHECKS = 1');
    });
    return dirty;
  }

  async drop(): Promise<void> {
    for (const table of this.tables) {
      await this.dataSource.query(`DROP TABLE IF EXISTS \`${PREFIX}${table}\``);
    }
  }
}

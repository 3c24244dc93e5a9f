type Row = (string | number | null)[];

/** Runs one statement and resolves to its rows: wraps a TypeORM QueryRunner or a mysql2 connection. */
export type Sql = (sql: string, params?: unknown[]) => Promise<unknown[]>;

/**
 * Buffers rows of one table and writes them as multi-row INSERTs (one round trip per batch).
 * One batch stays in flight while the next is built, so generating and writing overlap; give
 * the big tables their own connection and the server writes them in parallel too.
 * mysql2 expands the nested array behind `VALUES ?`, escaping every value.
 */
export class BatchWriter {
  private rows: Row[] = [];
  private pending: Promise<void> = Promise.resolve();
  written = 0;
  /** Time the database took for this table's batches, for the generator's timings. */
  waitedMs = 0;

  constructor(
    private readonly sql: Sql,
    private readonly table: string,
    private readonly columns: string[],
    private readonly batchSize: number,
    private readonly verb: 'INSERT' | 'INSERT IGNORE' = 'INSERT',
  ) {}

  async add(row: Row): Promise<void> {
    this.rows.push(row);
    if (this.rows.length >= this.batchSize) {
      await this.send();
    }
  }

  /** Writes what is buffered and waits for every batch to be in the table. */
  async flush(): Promise<void> {
    await this.send();
    await this.pending;
  }

  private async send(): Promise<void> {
    await this.pending;
    if (this.rows.length === 0) {
      return;
    }
    const rows = this.rows;
    this.rows = [];
    const cols = this.columns.map((c) => `\`${c}\``).join(', ');
    const started = Date.now();
    this.pending = this.sql(`${this.verb} INTO \`${this.table}\` (${cols}) VALUES ?`, [rows]).then(
      () => {
        this.written += rows.length;
        this.waitedMs += Date.now() - started;
      },
    );
    // Handled when awaited by the next send or flush; never an unhandled rejection meanwhile.
    this.pending.catch(() => undefined);
  }
}

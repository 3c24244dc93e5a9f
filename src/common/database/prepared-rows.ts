import { DataSource, EntityManager, QueryFailedError } from 'typeorm';

/** What a multi-row write needs of mysql2's connection (TypeORM's callback-style one). */
interface Mysql2Connection {
  execute(sql: string, values: unknown[], done: (error: Error | null) => void): void;
}

/** A multi-row statement: `${head} VALUES (?, …), … ${tail}`, `columns` values a row. */
export interface RowsStatement {
  head: string;
  tail: string;
  columns: number;
}

/**
 * Runs `statement` for `rows` as a prepared statement (kept by mysql2, one per shape and
 * connection): the values travel binary, so nothing is escaped on this side or parsed back on
 * the server's. For 100,000 proposal rows (JSON explanations full of quotes) in batches of 2,000
 * that took MariaDB 0.68-0.70 s of CPU and 1.0-1.1 s of wall time, against 0.86-0.98 s and
 * 1.4-1.8 s as text (`VALUES ?`). Each row count is a statement of its own, and the server
 * holds a limited number of them (max_prepared_stmt_count): callers prepare one batch size.
 * Errors come as TypeORM's QueryFailedError, as from `query` (a deadlock is retried alike).
 */
export async function executeRows(
  dataSource: DataSource,
  manager: EntityManager | undefined,
  { head, tail, columns }: RowsStatement,
  rows: unknown[][],
): Promise<void> {
  const group = `(${new Array<string>(columns).fill('?').join(',')})`;
  const sql = `${head} VALUES ${new Array<string>(rows.length).fill(group).join(',')} ${tail}`;
  const values = rows.flat();
  // The transaction's own connection, or one of the pool's for this statement alone.
  const runner = manager?.queryRunner ?? dataSource.createQueryRunner();
  try {
    const connection = (await runner.connect()) as Mysql2Connection;
    await new Promise<void>((resolve, reject) =>
      connection.execute(sql, values, (error) =>
        error ? reject(new QueryFailedError(sql, undefined, error)) : resolve(),
      ),
    );
  } finally {
    if (runner !== manager?.queryRunner) await runner.release();
  }
}

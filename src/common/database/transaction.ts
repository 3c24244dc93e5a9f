import type { DataSource, EntityManager } from 'typeorm';

const RETRYABLE = new Set(['ER_LOCK_DEADLOCK', 'ER_LOCK_WAIT_TIMEOUT']);
const MAX_ATTEMPTS = 4;

/**
 * Runs `work` in a transaction and runs it again when InnoDB picks it as a deadlock victim
 * (TypeORM has no retry of its own). `work` must be safe to repeat: it re-reads what it needs.
 */
export async function inTransaction<T>(
  dataSource: DataSource,
  work: (manager: EntityManager) => Promise<T>,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await dataSource.transaction(work);
    } catch (error) {
      const code = (error as { driverError?: { code?: string } }).driverError?.code;
      if (attempt >= MAX_ATTEMPTS || code === undefined || !RETRYABLE.has(code)) {
        throw error;
      }
      // A short, growing pause with jitter lets the winner commit before we try again.
      await new Promise((resolve) =>
        setTimeout(resolve, attempt * 5 + Math.floor(Math.random() * 10)),
      );
    }
  }
}

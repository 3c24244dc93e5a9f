import type { DataSource, EntityManager } from 'typeorm';
import type { IsolationLevel } from 'typeorm/driver/types/IsolationLevel';

const RETRYABLE = new Set(['ER_LOCK_DEADLOCK', 'ER_LOCK_WAIT_TIMEOUT']);
const MAX_ATTEMPTS = 4;

/** InnoDB picked this transaction as a deadlock victim (or gave up waiting): it may simply rerun. */
export function isDeadlock(error: unknown): boolean {
  const code = (error as { driverError?: { code?: string } } | null)?.driverError?.code;
  return code !== undefined && RETRYABLE.has(code);
}

/**
 * Runs `work` (a whole transaction) again when it was chosen as a deadlock victim: TypeORM has
 * no retry of its own. `work` must be safe to repeat: it re-reads what it needs.
 */
export async function retryOnDeadlock<T>(
  work: () => Promise<T>,
  attempts = MAX_ATTEMPTS,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= attempts || !isDeadlock(error)) {
        throw error;
      }
      // A short, growing pause with jitter lets the winner commit before we try again.
      await new Promise((resolve) =>
        setTimeout(resolve, attempt * 5 + Math.floor(Math.random() * 10)),
      );
    }
  }
}

/** A transaction retried on deadlock; the one way services here open a transaction. */
export function inTransaction<T>(
  dataSource: DataSource,
  work: (manager: EntityManager) => Promise<T>,
  isolationLevel?: IsolationLevel,
): Promise<T> {
  return retryOnDeadlock(() =>
    isolationLevel ? dataSource.transaction(isolationLevel, work) : dataSource.transaction(work),
  );
}

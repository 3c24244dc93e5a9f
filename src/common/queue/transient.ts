import { unavailableDependency } from '../errors/all-exceptions.filter';

/** Server-side codes MariaDB/MySQL send while shutting down or killing connections. */
const DATABASE_GOING_AWAY = new Set(['ER_CONNECTION_KILLED', 'ER_QUERY_INTERRUPTED']);

/**
 * True when a job failed because a dependency was away (database, Redis) or because its worker
 * died, rather than because of the job itself: such a job is run again later (retries, then the
 * recovery sweep) and never marks its round or import failed.
 */
export function isTransientFailure(error: unknown): boolean {
  if (unavailableDependency(error) !== null) {
    return true;
  }
  const e = error as { code?: unknown; driverError?: { code?: unknown }; message?: unknown };
  const code = e?.driverError?.code ?? e?.code;
  if (typeof code === 'string' && DATABASE_GOING_AWAY.has(code)) {
    return true;
  }
  const message = typeof e?.message === 'string' ? e.message : '';
  // Bull's words for a job whose worker stopped renewing its lock too often (killed workers).
  return /stalled more than allowable limit|Connection lost|Pool is closed|connect ETIMEDOUT/i.test(
    message,
  );
}

import type { DataSource } from 'typeorm';

/**
 * Runs `work` while holding the database's named lock `name` (MySQL/MariaDB GET_LOCK, scoped to
 * this database), so that of several workers ticking at the same moment one does the work.
 * Resolves false without running `work` when another connection holds the lock. The lock goes
 * with its connection: a worker that dies mid-work frees it.
 */
export async function withLease(
  dataSource: DataSource,
  name: string,
  work: () => Promise<void>,
): Promise<boolean> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    const [row] = (await runner.query("SELECT GET_LOCK(CONCAT(DATABASE(), ':', ?), 0) AS got", [
      name,
    ])) as { got: number | string | null }[];
    if (Number(row?.got) !== 1) {
      return false;
    }
    try {
      await work();
    } finally {
      await runner
        .query("SELECT RELEASE_LOCK(CONCAT(DATABASE(), ':', ?))", [name])
        .catch(() => undefined);
    }
    return true;
  } finally {
    await runner.release();
  }
}

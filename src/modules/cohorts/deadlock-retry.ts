/** InnoDB picks a victim when two transactions wait on each other; the victim may simply rerun. */
export function isDeadlock(error: unknown): boolean {
  const driverError = (error as { driverError?: { code?: string } } | null)?.driverError;
  return driverError?.code === 'ER_LOCK_DEADLOCK';
}

/** Runs `work` again (a whole transaction) when it was chosen as a deadlock victim. */
export async function retryOnDeadlock<T>(work: () => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= attempts || !isDeadlock(error)) {
        throw error;
      }
    }
  }
}

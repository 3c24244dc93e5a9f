import type { JobOptions, Queue } from 'bull';

/**
 * Adds a job, but gives up waiting after `withinMs`: while Redis is down Bull would wait for it
 * forever, and neither an HTTP request nor the app's start should hang on that. Callers keep
 * the work in MySQL and enqueue it again later (job ids make that idempotent).
 * Resolves true when Redis took the job in time.
 */
export async function enqueueWithin<T>(
  queue: Queue<T>,
  name: string,
  data: T,
  options: JobOptions,
  withinMs = 3_000,
): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), withinMs);
  });
  try {
    return await Promise.race([queue.add(name, data, options).then(() => true), timeout]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

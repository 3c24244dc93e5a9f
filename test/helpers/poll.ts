import { createServer } from 'node:net';

/**
 * Calls `probe` until it returns a value (anything but undefined) and returns it, failing with
 * `what` after the deadline. A poll interval, not a fixed wait: it ends as soon as the value comes.
 */
export async function pollFor<T>(
  what: string,
  probe: () => Promise<T | undefined> | T | undefined,
  deadlineMs: number,
  intervalMs = 20,
): Promise<T> {
  const end = Date.now() + deadlineMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) {
      return value;
    }
    if (Date.now() > end) {
      throw new Error(`timed out after ${deadlineMs} ms waiting for ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** Polls `check` until it holds, failing with `what` after the deadline. */
export async function eventually(
  what: string,
  check: () => Promise<boolean> | boolean,
  deadlineMs = 20_000,
): Promise<void> {
  await pollFor(what, async () => ((await check()) ? true : undefined), deadlineMs);
}

/** A local port nobody listens on (bound, read, released). */
export async function unusedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

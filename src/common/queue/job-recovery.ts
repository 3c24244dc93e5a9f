import { Logger } from '@nestjs/common';
import type { Job, JobOptions, Queue } from 'bull';
import type { DataSource } from 'typeorm';
import { withLease } from '../../database/lease.repository';

/** A Redis call that may hang while Redis is away (Bull's client queues commands): bounded. */
export function withinMs<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/**
 * A progress report that never stops the job: progress is for the queue board only, and a
 * Redis that is away must not hold a round or an import still.
 */
export function reportProgress(job: Job, percent: number): Promise<void> {
  return withinMs<unknown>(job.progress(percent), 2_000, 'progress').then(
    () => undefined,
    () => undefined,
  );
}

export interface WantedJob<T> {
  jobId: string;
  name: string;
  data: T;
  options: JobOptions;
}

/**
 * Makes sure `wanted` has a live job (waiting, active, delayed or paused). A job that is
 * missing (Redis emptied), failed, completed or in no set at all is replaced, but only after
 * `stillWanted()` re-reads MySQL: a round or import that finished meanwhile is left alone.
 * Removing the old job first is what lets a failed job's own re-run through: Bull ignores an
 * add whose job id it still knows. Resolves true when a job was added.
 */
export async function ensureLiveJob<T>(
  queue: Queue<T>,
  wanted: WantedJob<T>,
  stillWanted: () => Promise<boolean>,
): Promise<boolean> {
  const job = await queue.getJob(wanted.jobId);
  if (job) {
    let state = await job.getState();
    // Bull reads the state set by set: a job moving between sets reads 'stuck' for a moment.
    if (state === 'stuck') {
      state = await job.getState();
    }
    if (state !== 'completed' && state !== 'failed' && state !== 'stuck') {
      return false;
    }
  }
  if (!(await stillWanted())) {
    return false;
  }
  if (job) {
    // Refused (the tick fails, adding nothing) if a worker holds the job's lock.
    await job.remove();
  }
  await queue.add(wanted.name, wanted.data, { ...wanted.options, jobId: wanted.jobId });
  return true;
}

/**
 * Makes sure the repeatable job `name` (with `options.repeat`, and `options.jobId` if any) is
 * registered and has its next run waiting: both live only in Redis, so a Redis restarted
 * empty (or flushed) loses the schedule until something registers it again. Adding a
 * repeatable job is idempotent (Bull keys it by name, job id and cron/every, and its next run
 * by that key and the next time), so several workers doing this at once schedule it once.
 * Resolves true when it had to be (re)registered.
 */
export async function ensureRepeatableJob<T>(
  queue: Queue<T>,
  name: string,
  data: T,
  options: JobOptions,
): Promise<boolean> {
  const repeat = options.repeat;
  if (!repeat) {
    throw new Error(`${name} is not a repeatable job`);
  }
  const jobId = options.jobId === undefined ? null : String(options.jobId);
  const registered = (await queue.getRepeatableJobs()).find(
    (r) =>
      r.name === name &&
      (r.id ?? null) === jobId &&
      ('cron' in repeat ? r.cron === repeat.cron : r.every === repeat.every),
  );
  if (registered) {
    // Registered; nothing to do if its next run is there too (lists the queue's pending jobs:
    // meant for a queue that holds little else).
    const pending = await queue.getJobs(['delayed', 'waiting', 'active', 'paused']);
    const repeatKey = (job: Job<T> | null) =>
      (job?.opts.repeat as { key?: string } | undefined)?.key;
    if (pending.some((job) => repeatKey(job) === registered.key)) {
      return false;
    }
  }
  // Bull writes into the options it is given (repeat.jobId, count): a fresh copy each time.
  await queue.add(name, data, { ...options, repeat: { ...repeat } });
  return true;
}

/**
 * A timer that runs `tick` every `everyMs`, one tick at a time; a failing tick is logged and
 * the next one tries again. The first tick runs at once (a worker that starts resumes what an
 * earlier one left behind). With a `lease`, a tick runs under that database lock, so of several
 * workers ticking at the same moment one does the work.
 */
export class PeriodicTask {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private failing = false;

  constructor(
    private readonly logger: Logger,
    private readonly what: string,
    private readonly everyMs: number,
    private readonly tick: () => Promise<void>,
    private readonly lease?: { dataSource: DataSource; name: string },
  ) {}

  start(): void {
    if (this.timer) {
      return;
    }
    this.timer = setInterval(() => this.runOnce(), this.everyMs);
    this.timer.unref();
    this.runOnce();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  private runOnce(): void {
    if (this.running) {
      return;
    }
    const work = this.lease
      ? withLease(this.lease.dataSource, this.lease.name, this.tick)
      : this.tick();
    this.running = work
      .then(() => {
        if (this.failing) {
          this.logger.log(`${this.what}: working again`);
        }
        this.failing = false;
      })
      .catch((error: unknown) => {
        // Once per outage at warn level; the details of each failed tick at debug.
        const message = error instanceof Error ? error.message : String(error);
        if (!this.failing) {
          this.logger.warn(`${this.what} failed (${message}); retrying every ${this.everyMs} ms`);
        } else {
          this.logger.debug(`${this.what} failed again: ${message}`);
        }
        this.failing = true;
      })
      .finally(() => {
        this.running = undefined;
      });
  }
}

/** A warning repeated while a dependency is away (Bull reports every reconnect): one per 10 s. */
export class ThrottledWarning {
  private lastAt = 0;
  private suppressed = 0;

  constructor(
    private readonly logger: Logger,
    private readonly everyMs = 10_000,
  ) {}

  report(message: string): void {
    const now = Date.now();
    if (now - this.lastAt < this.everyMs) {
      this.suppressed++;
      return;
    }
    const more = this.suppressed > 0 ? ` (and ${this.suppressed} more since the last one)` : '';
    this.logger.warn(`${message}${more}`);
    this.lastAt = now;
    this.suppressed = 0;
  }
}

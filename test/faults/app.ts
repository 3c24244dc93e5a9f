import { ChildProcess, spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { UNHANDLED_REJECTION_MESSAGE } from '../../src/common/unhandled-rejections';
import { pollFor } from '../helpers/poll';

/** One process of the built app (dist/main.js or dist/worker.js) with its own log file. */
export class AppProcess {
  private child: ChildProcess;
  /** Set when the process ended without being asked to (the thing the fault tests forbid). */
  unexpectedExit: string | null = null;
  private stopping = false;

  constructor(
    readonly role: 'api' | 'worker' | 'api+worker',
    private readonly distDir: string,
    private readonly env: Record<string, string>,
    readonly log: string,
  ) {
    this.child = this.spawn();
  }

  private spawn(): ChildProcess {
    const fd = openSync(this.log, 'a');
    const entry = this.role === 'worker' ? 'worker.js' : 'main.js';
    const child = spawn(process.execPath, [join(this.distDir, entry)], {
      env: {
        ...process.env,
        ...this.env,
        RUN_WORKER: this.role === 'api+worker' ? 'true' : 'false',
      },
      stdio: ['ignore', fd, fd],
    });
    closeSync(fd);
    this.stopping = false;
    child.once('exit', (code, signal) => {
      if (!this.stopping) {
        this.unexpectedExit = `${this.role} exited by itself (code ${code}, signal ${signal})`;
      }
    });
    return child;
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  signal(signal: 'SIGSTOP' | 'SIGCONT'): void {
    this.child.kill(signal);
  }

  /** SIGKILL, as a crash or the OOM killer would. */
  async kill(): Promise<void> {
    this.stopping = true;
    this.child.kill('SIGKILL');
    await pollFor(`${this.role} to die`, () => (this.running ? undefined : true), 10_000, 20);
  }

  /** Starts it again, as a supervisor (systemd, Kubernetes) would. */
  restart(): void {
    if (this.running) {
      throw new Error(`${this.role} is still running`);
    }
    this.child = this.spawn();
  }

  async stop(): Promise<void> {
    if (!this.running) {
      return;
    }
    this.stopping = true;
    this.child.kill('SIGCONT');
    this.child.kill('SIGTERM');
    try {
      await pollFor(`${this.role} to stop`, () => (this.running ? undefined : true), 20_000, 50);
    } catch {
      this.child.kill('SIGKILL');
    }
  }

  /** The log's length now: `logSince` reads what was written after it. */
  logLength(): number {
    return statSync(this.log).size;
  }

  logSince(offset: number): string {
    return readFileSync(this.log).subarray(offset).toString('utf8');
  }

  /** Lines of its log that say a promise rejection went unhandled (0 expected). */
  unhandledRejections(): number {
    const text = readFileSync(this.log, 'utf8');
    return text.split('\n').filter((l) => l.includes(UNHANDLED_REJECTION_MESSAGE)).length;
  }
}

/** The API's answers the fault tests look at. */
export class ApiProbe {
  token = '';

  constructor(readonly baseUrl: string) {}

  async request(
    method: string,
    path: string,
    body?: unknown,
    timeoutMs = 5_000,
  ): Promise<{ status: number; body: Record<string, unknown> }> {
    const isForm = body instanceof FormData;
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        ...(isForm || body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
      },
      body: isForm ? body : body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await response.text();
    let parsed: Record<string, unknown> = {};
    try {
      parsed = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    } catch {
      parsed = { text };
    }
    return { status: response.status, body: parsed };
  }

  async ok(method: string, path: string, body?: unknown): Promise<Record<string, unknown>> {
    const answer = await this.request(method, path, body, 30_000);
    if (answer.status >= 300) {
      throw new Error(`${method} ${path}: HTTP ${answer.status} ${JSON.stringify(answer.body)}`);
    }
    return answer.body;
  }

  /** /health's answer, or null when the API does not answer at all. */
  async health(): Promise<{ status: number; message: string } | null> {
    try {
      const answer = await this.request('GET', '/health', undefined, 4_000);
      const message = answer.body.message;
      return { status: answer.status, message: typeof message === 'string' ? message : '' };
    } catch {
      return null;
    }
  }

  async waitHealthy(deadlineMs: number): Promise<void> {
    await pollFor(
      `${this.baseUrl}/health to answer 200`,
      async () => ((await this.health())?.status === 200 ? true : undefined),
      deadlineMs,
      100,
    );
  }

  async login(email: string, password: string): Promise<void> {
    this.token = '';
    const tokens = await this.ok('POST', '/api/v1/auth/login', { email, password });
    this.token = String(tokens.accessToken);
  }
}
